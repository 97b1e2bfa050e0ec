import { Body, Controller, Get, HttpStatus, Param, Post, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiProduces } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AccessScope } from '../auth/access-scope';
import { Scope } from '../auth/auth.decorators';
import { UuidParam } from '../common/uuid-param.pipe';
import { CreateErasureDto, ErasureListQuery, ExportQuery, PrivacyRequestListQuery } from './dto';
import { PrivacyService } from './privacy.service';
import { PrivacyExportView, PrivacyRequestPage, PrivacyRequestView } from './privacy.view';

/** Erasure and export of one person's data in the account (docs/privacy-requests.md). */
@Controller({ path: 'privacy', version: '1' })
export class PrivacyController {
  constructor(private readonly svc: PrivacyService) {}

  /**
   * Erases a person (a phone number or an email address) from the whole account: 202 with the
   * new request (and its `Location`), worked through in the background; 200 with the request
   * already under way for the same person.
   */
  @Post('erasures')
  @ApiAcceptedResponse({ type: PrivacyRequestView, description: 'A new erasure, started' })
  @ApiOkResponse({ type: PrivacyRequestView, description: 'The erasure of this person already under way' })
  async erase(
    @Scope() scope: AccessScope,
    @Body() dto: CreateErasureDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PrivacyRequestView> {
    const { request, created } = await this.svc.erase(scope, dto);
    res.status(created ? HttpStatus.ACCEPTED : HttpStatus.OK);
    res.setHeader('Location', `/v1/privacy/erasures/${request.id}`);
    return request;
  }

  /** The account's erasures, newest first, with their progress and counts. */
  @Get('erasures')
  erasures(@Scope() scope: AccessScope, @Query() q: ErasureListQuery): Promise<PrivacyRequestPage> {
    return this.svc.list(scope, { kind: 'erasure', limit: q.limit, offset: q.offset });
  }

  /** One erasure: its progress and what it removed. */
  @Get('erasures/:erasureId')
  erasure(
    @Scope() scope: AccessScope,
    @Param('erasureId', new UuidParam('erasureId')) id: string,
  ): Promise<PrivacyRequestView> {
    return this.svc.get(scope, id);
  }

  /** The audit log: every erasure and export of the account, newest first. */
  @Get('requests')
  requests(@Scope() scope: AccessScope, @Query() q: PrivacyRequestListQuery): Promise<PrivacyRequestPage> {
    return this.svc.list(scope, q);
  }

  /** Everything held about a person in the account, as one JSON document (a download). */
  @Get('exports')
  @ApiProduces('application/json')
  @ApiOkResponse({ type: PrivacyExportView })
  async export(
    @Scope() scope: AccessScope,
    @Query() q: ExportQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PrivacyExportView> {
    const doc = await this.svc.export(scope, q);
    res.setHeader('Content-Disposition', `attachment; filename="privacy-export-${doc.requestId}.json"`);
    return doc;
  }
}
