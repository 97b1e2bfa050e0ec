import { Controller, Get, NotFoundException, Param, Req, Res } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../auth/auth.decorators';
import { notJson } from '../openapi/responses';
import { ADMIN_CONSOLE_CSP } from './admin-console-csp';
import { readConsoleFiles, type ConsoleAsset, type ConsoleFiles } from './admin-console-assets';

/**
 * `/admin`: the admin console (apps/admin), a single page that signs in with an API key and calls
 * the /v1 api like any client. Public: the page and its assets carry no data. Every path under
 * /admin that is not an asset answers the page, so a console address can be bookmarked or shared.
 */
@Public()
@Controller('admin')
export class AdminConsoleController {
  private files: ConsoleFiles | undefined;

  private get built(): ConsoleFiles {
    return (this.files ??= readConsoleFiles());
  }

  @Get()
  @ApiOkResponse(notJson('The console page', ['text/html']))
  page(@Req() req: Request, @Res() res: Response): void {
    sendPage(req, res, this.built.index);
  }

  /** Content-hashed file names: cached for a year, a new build has new names. */
  @Get('assets/:file')
  @ApiOkResponse(notJson("The console's scripts and styles", ['application/javascript', 'text/css']))
  asset(@Param('file') file: string, @Req() req: Request, @Res() res: Response): void {
    const asset = this.built.assets.get(file);
    if (!asset) throw new NotFoundException(`No console asset ${file}`);
    res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    send(req, res, asset);
  }

  /** A console address (`/admin/calls/…`): the page, which routes it in the browser. */
  @Get('*path')
  @ApiOkResponse(notJson('The console page, which shows the address asked for', ['text/html']))
  deepLink(@Req() req: Request, @Res() res: Response): void {
    sendPage(req, res, this.built.index);
  }
}

function sendPage(req: Request, res: Response, page: ConsoleAsset): void {
  res.setHeader('Content-Security-Policy', ADMIN_CONSOLE_CSP);
  // Revalidated on every load so a deploy reaches open consoles at their next reload.
  res.setHeader('Cache-Control', 'no-cache');
  send(req, res, page);
}

function send(req: Request, res: Response, asset: ConsoleAsset): void {
  res.setHeader('ETag', asset.etag);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  if (req.get('if-none-match') === asset.etag) {
    res.status(304).end();
    return;
  }
  res.setHeader('Content-Type', asset.contentType);
  res.setHeader('Vary', 'Accept-Encoding');
  if (req.acceptsEncodings('gzip', 'identity') === 'gzip') {
    res.setHeader('Content-Encoding', 'gzip');
    res.send(asset.gzipped);
    return;
  }
  res.send(asset.body);
}
