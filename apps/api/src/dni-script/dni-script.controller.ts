import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { gzipSync } from 'node:zlib';
import { Public } from '../auth/auth.decorators';
import { ApiError } from '../common/api-error';
import { renderDniScript } from './dni-script-bundle';
import { ApiOkResponse } from '@nestjs/swagger';
import { notJson } from '../openapi/responses';

/** A dniKey is random and URL-safe (docs/DNI.md); anything else cannot be one. */
const DNI_KEY = /^[A-Za-z0-9_-]{1,128}$/;
/** Five minutes: a changed script reaches visitors soon, and a busy site still fetches it rarely. */
const CACHE_CONTROL = 'public, max-age=300';

/**
 * `GET /dni/{dniKey}.js`: the property's DNI script, key-less and cacheable. It is rendered from the
 * key alone, without the database: an unknown key gets a script whose visits the api answers 404,
 * which the script treats like any failure (the page keeps its numbers), and the route stays cheap
 * for a CDN or a crawler. The api base in the script is where the browser fetched it from.
 */
@Public()
@Controller('dni')
export class DniScriptController {
  /** The property's DNI script (docs/DNI.md), for a `<script src>` on its website. */
  @Get(':dniKey.js')
  @ApiOkResponse(notJson('The DNI script (gzipped when accepted)', ['application/javascript']))
  script(@Param('dniKey') dniKey: string, @Req() req: Request, @Res() res: Response): void {
    if (!DNI_KEY.test(dniKey)) throw ApiError.notFound('DNI key', dniKey);
    const { body, etag } = renderDniScript({ apiBase: `${req.protocol}://${req.get('host')}`, dniKey });
    res.setHeader('Content-Type', 'application/javascript; charset=utf-8');
    res.setHeader('Cache-Control', CACHE_CONTROL);
    res.setHeader('Vary', 'Accept-Encoding');
    res.setHeader('ETag', etag);
    // The api has no compression middleware; the script is its one asset worth compressing.
    if (/\bgzip\b/.test(req.get('accept-encoding') ?? '')) {
      res.setHeader('Content-Encoding', 'gzip');
      res.send(gzipSync(body));
    } else {
      res.send(body);
    }
  }
}
