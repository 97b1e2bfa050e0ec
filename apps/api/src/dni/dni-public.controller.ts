import { Body, Controller, HttpCode, Options, Param, Post, Req, UseGuards } from '@nestjs/common';
import { Public } from '../auth/auth.decorators';
import { UuidParam } from '../common/uuid-param.pipe';
import { DniAccessGuard, type DniProperty, type DniRequest } from './dni-access.guard';
import { PageViewAnswerView, VisitAnswerView } from './dni.view';
import { PageViewDto, VisitDto } from './dto';
import { VisitsService } from './visits.service';

function property(req: DniRequest): DniProperty {
  if (!req.dniProperty) throw new Error('DniAccessGuard did not run');
  return req.dniProperty;
}

function client(req: DniRequest): string {
  if (req.dniClient === undefined) throw new Error('DniAccessGuard did not run');
  return req.dniClient;
}

/**
 * The endpoints the DNI browser script calls (docs/DNI.md): no key, addressed by the property's
 * public DNI key, answered only to its allowed origins (DniAccessGuard: rate limit, key, CORS).
 */
@Public()
@UseGuards(DniAccessGuard)
@Controller('dni/:dniKey/visits')
export class DniPublicController {
  constructor(private readonly visits: VisitsService) {}

  /** Starts or resumes a visitor session and answers the numbers to swap on the page. */
  @Post()
  @HttpCode(200)
  visit(@Req() req: DniRequest, @Body() dto: VisitDto): Promise<VisitAnswerView> {
    return this.visits.visit(property(req), dto, client(req));
  }

  /** CORS preflight of a visit (the guard sets the headers). */
  @Options()
  @HttpCode(204)
  visitPreflight() {}

  /** A page view or heartbeat: extends the session's number hold and records the active page. */
  @Post(':sessionId/pages')
  @HttpCode(200)
  pageView(
    @Req() req: DniRequest,
    @Param('sessionId', new UuidParam('sessionId')) sessionId: string,
    @Body() dto: PageViewDto,
  ): Promise<PageViewAnswerView> {
    return this.visits.pageView(property(req), sessionId, dto);
  }

  /** CORS preflight of a page view. */
  @Options(':sessionId/pages')
  @HttpCode(204)
  pagePreflight() {}
}
