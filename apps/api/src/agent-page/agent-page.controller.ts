import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { SwitchboardConfig } from '@switchboard/config';
import { Public } from '../auth/auth.decorators';
import { CONFIG } from '../common/tokens';
import { agentPageCsp } from './agent-page-csp';
import { buildAgentAppScript, etagOf, readTelnyxWebrtcBundle, type Asset } from './agent-page-bundle';
import { AGENT_PAGE_CSS } from './agent-page-css';
import { AGENT_PAGE_HTML } from './agent-page-html';
import { ApiOkResponse } from '@nestjs/swagger';
import { notJson } from '../openapi/responses';

const HTML: Asset = { body: AGENT_PAGE_HTML, etag: etagOf(AGENT_PAGE_HTML) };
const CSS: Asset = { body: AGENT_PAGE_CSS, etag: etagOf(AGENT_PAGE_CSS) };

/**
 * `/agent`: the agents' softphone page and its assets (docs/AGENT.md). Public: the page carries no
 * data, it signs in with its own session token. Listed in the OpenAPI document like every route
 * (tag "Agents in the browser"), though they are a page's files. Assets are revalidated on every load (`no-cache` + ETag) so a
 * deploy reaches open desks at their next reload.
 */
@Public()
@Controller('agent')
export class AgentPageController {
  private app: Asset | undefined;
  private telnyx: Asset | undefined;
  private readonly csp: string;

  constructor(@Inject(CONFIG) cfg: SwitchboardConfig) {
    this.csp = agentPageCsp(cfg.agents);
  }

  @Get()
  @ApiOkResponse(notJson('The /agent page', ['text/html']))
  page(@Req() req: Request, @Res() res: Response): void {
    res.setHeader('Content-Security-Policy', this.csp);
    send(req, res, HTML, 'text/html; charset=utf-8');
  }

  @Get('app.js')
  @ApiOkResponse(notJson("The page's script", ['application/javascript']))
  script(@Req() req: Request, @Res() res: Response): void {
    send(req, res, (this.app ??= buildAgentAppScript()), 'application/javascript; charset=utf-8');
  }

  @Get('app.css')
  @ApiOkResponse(notJson("The page's styles", ['text/css']))
  styles(@Req() req: Request, @Res() res: Response): void {
    send(req, res, CSS, 'text/css; charset=utf-8');
  }

  // Telnyx's WebRTC SDK, served from node_modules; the page loads it only in telnyx mode.
  @Get('vendor/telnyx-webrtc.js')
  @ApiOkResponse(notJson("Telnyx's WebRTC SDK", ['application/javascript']))
  telnyxWebrtc(@Req() req: Request, @Res() res: Response): void {
    send(req, res, (this.telnyx ??= readTelnyxWebrtcBundle()), 'application/javascript; charset=utf-8');
  }
}

function send(req: Request, res: Response, asset: Asset, contentType: string): void {
  res.setHeader('Cache-Control', 'no-cache');
  res.setHeader('ETag', asset.etag);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  if (req.get('if-none-match') === asset.etag) {
    res.status(304).end();
    return;
  }
  res.setHeader('Content-Type', contentType);
  res.send(asset.body);
}
