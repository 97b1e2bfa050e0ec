import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiExtraModels } from '@nestjs/swagger';
import type { AccessScope } from '../auth/access-scope';
import { Scope } from '../auth/auth.decorators';
import { BodyLimit } from '../common/json-body';
import { UuidParam } from '../common/uuid-param.pipe';
import { BUNDLE_JSON_LIMIT } from './bundle-limits';
import { BundleAudioUrlGreeting, BundleTextGreeting, type BundleView } from './bundle.view';
import { BundlesService } from './bundles.service';
import { ApplyResultView, ImportResultView } from './bundle-result.view';
import { ApplyBundleQuery, ImportDto } from './dto';

const property = new UuidParam('propertyId');

/** The property's configuration as one bundle: export, apply (all-or-nothing), and import from another property. */
@Controller({ path: 'properties/:propertyId', version: '1' })
export class BundlesController {
  constructor(private readonly svc: BundlesService) {}

  /** The property's whole configuration as a bundle (docs/schemas/bundle.schema.json), audio inline. */
  @Get('bundle')
  @ApiExtraModels(BundleTextGreeting, BundleAudioUrlGreeting)
  export(@Param('propertyId', property) p: string): Promise<BundleView> {
    // The published Bundle type leaves optional what an export always writes.
    return this.svc.export(p) as Promise<BundleView>;
  }

  /**
   * Applies a bundle all-or-nothing and answers what changed (`dryRun`: only what would). The body
   * is a bundle, checked against its published JSON Schema and each item's endpoint rules.
   */
  @Post('bundle/apply')
  // The body is checked against the bundle's own JSON Schema, not a DTO: declared here so clients
  // (the admin console's typed one) may send it.
  @ApiBody({
    description: 'A bundle, as GET …/bundle answers it (docs/schemas/bundle.schema.json).',
    schema: { type: 'object', additionalProperties: true },
  })
  @BodyLimit(BUNDLE_JSON_LIMIT)
  @HttpCode(200)
  apply(
    @Param('propertyId', property) p: string,
    @Query() q: ApplyBundleQuery,
    @Body() bundle: unknown,
  ): Promise<ApplyResultView> {
    return this.svc.apply(p, bundle, { dryRun: q.dryRun === 'true', prune: q.prune === 'true' });
  }

  /** Copies another property's resources, flows and default flow into this one, all-or-nothing. */
  @Post('import')
  @HttpCode(200)
  import(
    @Scope() scope: AccessScope,
    @Param('propertyId', property) p: string,
    @Body() dto: ImportDto,
  ): Promise<ImportResultView> {
    return this.svc.import(scope, p, dto);
  }
}
