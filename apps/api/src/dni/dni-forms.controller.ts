import { Body, Controller, HttpCode, Options, Post, Req, UseGuards } from '@nestjs/common';
import { Public } from '../auth/auth.decorators';
import { AcceptsTextPlainJson } from '../common/json-body';
import { FormIntake } from '../forms/form-intake.service';
import { DniAccessGuard, type DniRequest } from './dni-access.guard';
import { FormReceiptView } from './dni.view';
import { FormSubmissionDto } from './dto';

/**
 * `POST /dni/{dniKey}/forms`: a form submitted on the property's site, sent by the DNI script
 * (docs/DNI.md "Form tracking"). Gated like the visits (DniAccessGuard: rate limit, key, origin);
 * refused (403) when the property does not track forms, and nothing is stored then.
 */
@Public()
@UseGuards(DniAccessGuard)
@Controller('dni/:dniKey/forms')
export class DniFormsController {
  constructor(private readonly intake: FormIntake) {}

  /** Stores the submission (text/plain JSON from `navigator.sendBeacon`, or application/json). */
  @Post()
  @HttpCode(201)
  @AcceptsTextPlainJson()
  async submit(@Req() req: DniRequest, @Body() dto: FormSubmissionDto): Promise<FormReceiptView> {
    if (!req.dniProperty) throw new Error('DniAccessGuard did not run');
    const row = await this.intake.receive(req.dniProperty, dto);
    return { id: row.id };
  }

  /** CORS preflight of a submission sent by fetch (the guard sets the headers). */
  @Options()
  @HttpCode(204)
  preflight() {}
}
