import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiError } from '../common/api-error';
import { UuidParam } from '../common/uuid-param.pipe';
import { notJson } from '../openapi/responses';
import { ConversionsService } from './conversions.service';
import {
  ConversionLogQuery,
  CreateConversionDestinationDto,
  CreateConversionRuleDto,
  GoogleAdsCsvQuery,
  UpdateConversionDestinationDto,
  UpdateConversionRuleDto,
} from './dto';
import { googleAdsUploadFile } from './google-ads-csv';
import {
  ConversionDestinationList,
  ConversionDestinationView,
  ConversionPage,
  ConversionRuleList,
  ConversionRuleView,
} from './conversions.view';

const property = new UuidParam('propertyId');
const destination = new UuidParam('destinationId');
const rule = new UuidParam('ruleId');

/** A property's ad platform accounts conversions are sent to. Secrets are written, never read back. */
@Controller({ path: 'properties/:propertyId/conversion-destinations', version: '1' })
export class ConversionDestinationsController {
  constructor(private readonly svc: ConversionsService) {}

  @Post()
  create(
    @Param('propertyId', property) p: string,
    @Body() dto: CreateConversionDestinationDto,
  ): Promise<ConversionDestinationView> {
    return this.svc.createDestination(p, dto);
  }

  @Get()
  async list(@Param('propertyId', property) p: string): Promise<ConversionDestinationList> {
    return { items: await this.svc.listDestinations(p) };
  }

  @Get(':destinationId')
  get(
    @Param('propertyId', property) p: string,
    @Param('destinationId', destination) id: string,
  ): Promise<ConversionDestinationView> {
    return this.svc.destination(p, id);
  }

  /** Changes name, enabled or settings (merged: omit a secret to keep it, null removes a setting). */
  @Patch(':destinationId')
  update(
    @Param('propertyId', property) p: string,
    @Param('destinationId', destination) id: string,
    @Body() dto: UpdateConversionDestinationDto,
  ): Promise<ConversionDestinationView> {
    return this.svc.updateDestination(p, id, dto);
  }

  /** Deletes it with its deliveries (their conversions stay in the log). */
  @Delete(':destinationId')
  @HttpCode(204)
  remove(@Param('propertyId', property) p: string, @Param('destinationId', destination) id: string) {
    return this.svc.removeDestination(p, id);
  }
}

/** A property's conversion rules: which leads earn a conversion, its name and value, and where it goes. */
@Controller({ path: 'properties/:propertyId/conversion-rules', version: '1' })
export class ConversionRulesController {
  constructor(private readonly svc: ConversionsService) {}

  @Post()
  create(
    @Param('propertyId', property) p: string,
    @Body() dto: CreateConversionRuleDto,
  ): Promise<ConversionRuleView> {
    return this.svc.createRule(p, dto);
  }

  @Get()
  async list(@Param('propertyId', property) p: string): Promise<ConversionRuleList> {
    return { items: await this.svc.listRules(p) };
  }

  @Get(':ruleId')
  get(
    @Param('propertyId', property) p: string,
    @Param('ruleId', rule) id: string,
  ): Promise<ConversionRuleView> {
    return this.svc.rule(p, id);
  }

  /** Changes any field; conversions already produced keep theirs. */
  @Patch(':ruleId')
  update(
    @Param('propertyId', property) p: string,
    @Param('ruleId', rule) id: string,
    @Body() dto: UpdateConversionRuleDto,
  ): Promise<ConversionRuleView> {
    return this.svc.updateRule(p, id, dto);
  }

  /** Deletes it; its conversions stay in the log with a null ruleId. */
  @Delete(':ruleId')
  @HttpCode(204)
  remove(@Param('propertyId', property) p: string, @Param('ruleId', rule) id: string) {
    return this.svc.removeRule(p, id);
  }
}

/** The conversions a property's leads earned and their deliveries: the delivery log. */
@Controller({ path: 'properties/:propertyId/conversions', version: '1' })
export class ConversionLogController {
  constructor(private readonly svc: ConversionsService) {}

  /** Newest first (by the lead's time), each with every delivery's status and the platform's last error. */
  @Get()
  async list(
    @Param('propertyId', property) p: string,
    @Query() q: ConversionLogQuery,
  ): Promise<ConversionPage> {
    const page = await this.svc.conversions.log(p, q);
    return { ...page, limit: q.limit, offset: q.offset };
  }

  /**
   * The Google Ads offline click conversions upload file of a destination: the conversions of the
   * rules that name it, with their Google click ids, in the property's time zone (docs/conversions.md).
   */
  @Get('google-ads.csv')
  @ApiOkResponse(notJson('Google Ads "conversions from clicks" upload file', ['text/csv']))
  async googleAdsCsv(
    @Param('propertyId', property) p: string,
    @Query() q: GoogleAdsCsvQuery,
    @Res() res: Response,
  ): Promise<void> {
    const d = await this.svc.destination(p, q.destinationId).catch(() => {
      throw ApiError.invalid([
        { field: 'destinationId', message: `conversion destination ${q.destinationId} does not exist` },
      ]);
    });
    if (d.platform !== 'google_ads')
      throw ApiError.invalid([{ field: 'destinationId', message: 'is not a Google Ads destination' }]);
    const { timeZone, conversions } = await this.svc.conversions.forUpload(
      p,
      d.id,
      q.from ?? null,
      q.to ?? null,
    );
    const file = googleAdsUploadFile(conversions, timeZone);
    res
      .status(200)
      .setHeader('content-type', 'text/csv; charset=utf-8')
      .setHeader('content-disposition', 'attachment; filename="google-ads-conversions.csv"')
      .send(file);
  }
}
