import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { AccessScope } from '../auth/access-scope';
import { Scope } from '../auth/auth.decorators';
import { UuidParam } from '../common/uuid-param.pipe';
import { csvOrJson } from '../openapi/responses';
import { FormLogQuery } from './dto';
import { FormDetailView, FormPage } from './forms.view';
import { FormsService } from './forms.service';

/**
 * The form log: web form submissions the DNI script sent, over the properties the key reaches,
 * filtered like the call log, paged or streamed as CSV; one form with its lead's journey.
 */
@Controller({ path: 'forms', version: '1' })
export class FormsController {
  constructor(private readonly svc: FormsService) {}

  // Answers through `res` (JSON or streamed CSV), so the plugin cannot read a return type.
  @Get()
  @ApiExtraModels(FormPage)
  @ApiOkResponse(csvOrJson(FormPage))
  list(
    @Scope() scope: AccessScope,
    @Query() q: FormLogQuery,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return this.svc.log(scope, q, req, res);
  }

  /** One form, with every form and call of the same lead (same phone number or visit), oldest first. */
  @Get(':formId')
  get(
    @Scope() scope: AccessScope,
    @Param('formId', new UuidParam('formId')) id: string,
  ): Promise<FormDetailView> {
    return this.svc.get(scope, id);
  }
}
