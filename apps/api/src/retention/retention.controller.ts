import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import type { AccessScope } from '../auth/access-scope';
import { Scope } from '../auth/auth.decorators';
import { UuidParam } from '../common/uuid-param.pipe';
import {
  ListRetentionRunsQuery,
  RetentionOverridesDto,
  RetentionPolicyDto,
  StartRetentionRunDto,
} from './dto';
import type {
  PropertyRetentionView,
  RetentionPolicyView,
  RetentionRunList,
  RetentionRunView,
} from './retention.view';
import { RetentionService } from './retention.service';

const property = new UuidParam('propertyId');
const run = new UuidParam('runId');

/**
 * The account's retention policy and its retention runs (docs/privacy.md). Changing the policy
 * or starting a run needs a key that is neither read-only nor property-limited.
 */
@Controller({ path: 'privacy/retention', version: '1' })
export class RetentionController {
  constructor(private readonly svc: RetentionService) {}

  @Get()
  get(@Scope() scope: AccessScope): Promise<RetentionPolicyView> {
    return this.svc.accountPolicy(scope.accountId);
  }

  /** Replaces the policy: a category left out or null is kept until erased. */
  @Put()
  set(@Scope() scope: AccessScope, @Body() dto: RetentionPolicyDto): Promise<RetentionPolicyView> {
    return this.svc.setAccountPolicy(scope, dto);
  }

  /**
   * Starts a run over the account's properties now (202): `dryRun` counts what would be removed
   * and changes nothing. 409 while a real run of the account is under way.
   */
  @Post('runs')
  @HttpCode(202)
  start(@Scope() scope: AccessScope, @Body() dto: StartRetentionRunDto): Promise<RetentionRunView> {
    return this.svc.startRun(scope, dto.dryRun);
  }

  /** The account's runs, newest first (runs the schedule starts cover every account and are not listed). */
  @Get('runs')
  async list(@Scope() scope: AccessScope, @Query() q: ListRetentionRunsQuery): Promise<RetentionRunList> {
    return { items: await this.svc.listRuns(scope.accountId, q.limit ?? 20) };
  }

  @Get('runs/:runId')
  one(@Scope() scope: AccessScope, @Param('runId', run) id: string): Promise<RetentionRunView> {
    return this.svc.run(scope.accountId, id);
  }
}

/** A property's retention overrides, and what applies on it. */
@Controller({ path: 'properties/:propertyId/retention', version: '1' })
export class PropertyRetentionController {
  constructor(private readonly svc: RetentionService) {}

  @Get()
  get(@Param('propertyId', property) p: string): Promise<PropertyRetentionView> {
    return this.svc.propertyRetention(p);
  }

  /** Replaces the overrides: days, "forever", or null / left out for the account's period. */
  @Put()
  set(
    @Param('propertyId', property) p: string,
    @Body() dto: RetentionOverridesDto,
  ): Promise<PropertyRetentionView> {
    return this.svc.setPropertyOverrides(p, dto);
  }
}
