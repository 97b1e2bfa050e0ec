import { Body, Controller, Delete, Get, Param, Post } from '@nestjs/common';
import type { AccessScope } from '../auth/access-scope';
import { PlatformAdmin, Scope } from '../auth/auth.decorators';
import { UuidParam } from '../common/uuid-param.pipe';
import {
  AccountWithKeyView,
  ApiKeyList,
  ApiKeyView,
  CreatedAccountView,
  CreatedApiKeyView,
} from './accounts.view';
import { AccountsService } from './accounts.service';
import { ApiKeysService } from './api-keys.service';
import { CreateAccountDto, CreateApiKeyDto } from './dto';

@Controller({ version: '1' })
export class AccountsController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly keys: ApiKeysService,
  ) {}

  /** The platform operator opens an account; the answer carries its first key, shown only here. */
  @PlatformAdmin()
  @Post('accounts')
  createAccount(@Body() dto: CreateAccountDto): Promise<CreatedAccountView> {
    return this.accounts.open(dto.name);
  }

  /** The account the calling key belongs to, and what that key may do. */
  @Get('account')
  async account(@Scope() scope: AccessScope): Promise<AccountWithKeyView> {
    const account = await this.accounts.get(scope.accountId);
    return {
      ...account,
      key: {
        id: scope.keyId,
        readOnly: scope.readOnly,
        propertyIds: scope.propertyIds && [...scope.propertyIds],
      },
    };
  }

  @Post('api-keys')
  createKey(@Scope() scope: AccessScope, @Body() dto: CreateApiKeyDto): Promise<CreatedApiKeyView> {
    return this.keys.create(scope, dto);
  }

  @Get('api-keys')
  async listKeys(@Scope() scope: AccessScope): Promise<ApiKeyList> {
    return { items: await this.keys.list(scope) };
  }

  @Delete('api-keys/:keyId')
  revokeKey(
    @Scope() scope: AccessScope,
    @Param('keyId', new UuidParam('keyId')) id: string,
  ): Promise<ApiKeyView> {
    return this.keys.revoke(scope, id);
  }
}
