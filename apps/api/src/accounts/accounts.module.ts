import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard } from '../auth/auth.guard';
import { PropertyAccess } from '../auth/property-access';
import { AccountsController } from './accounts.controller';
import { AccountsService } from './accounts.service';
import { ApiKeysService } from './api-keys.service';
import { PropertyListsController } from './property-lists.controller';
import { PropertyListsService } from './property-lists.service';

/** Accounts, their API keys and property lists, and the guard that scopes every request. */
@Global()
@Module({
  controllers: [AccountsController, PropertyListsController],
  providers: [
    AccountsService,
    ApiKeysService,
    PropertyListsService,
    PropertyAccess,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [PropertyAccess],
})
export class AccountsModule {}
