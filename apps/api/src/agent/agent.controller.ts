import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Logger,
  Param,
  Post,
  Put,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import { ApiOkResponse, ApiProduces } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { SwitchboardConfig } from '@switchboard/config';
import {
  AgentOnly,
  AgentTokenInQuery,
  CurrentAgent,
  Public,
  type AgentIdentity,
} from '../auth/auth.decorators';
import { ApiError } from '../common/api-error';
import { CONFIG } from '../common/tokens';
import { UuidParam } from '../common/uuid-param.pipe';
import { ResourceIdParam } from '../resources/resource-id';
import { AgentDirectory } from './agent-directory.service';
import { AgentEventHub } from './agent-events.hub';
import { AgentSignIn } from './agent-sign-in.service';
import {
  AgentCallList,
  AgentMeView,
  AgentRecordingView,
  AgentPresenceView,
  AgentSessionView,
  AgentTelephonyView,
  OutboundCallStartedView,
  SignInLinkView,
} from './agent.view';
import { AgentTelephony } from './agent-telephony.service';
import { AgentSignInDto, OutboundCallDto, PresenceDto, RecentCallsQuery } from './dto';
import { OutboundCalls } from './outbound-calls.service';
import { RecordingControl } from './recording-control.service';

/**
 * Keeps proxies from closing an idle push channel, and marks the page as still open: well inside
 * AGENT_PAGE_SEEN_WITHIN_SECS, after which a browser agent is no longer rung.
 */
const HEARTBEAT_MS = 25_000;

/** An admin (API key) lets an agent into the /agent page with a one-time link. */
@Controller({ path: 'properties/:propertyId/agents/:agentId/sign-in-links', version: '1' })
export class AgentSignInLinksController {
  constructor(private readonly signIn: AgentSignIn) {}

  /** A link valid for 15 minutes, used once: `/agent?code=…`. */
  @Post()
  create(
    @Param('propertyId', new UuidParam('propertyId')) propertyId: string,
    @Param('agentId', new ResourceIdParam('agentId')) agentId: string,
  ): Promise<SignInLinkView> {
    return this.signIn.mintLink(propertyId, agentId);
  }
}

/** The /agent page's api (docs/AGENT.md): an agent's own session, presence, calls and push channel. */
@AgentOnly()
@Controller({ path: 'agent', version: '1' })
export class AgentController {
  private readonly log = new Logger('AgentController');

  constructor(
    private readonly signIn: AgentSignIn,
    private readonly agents: AgentDirectory,
    private readonly hub: AgentEventHub,
    private readonly telephony: AgentTelephony,
    private readonly outbound: OutboundCalls,
    private readonly recording: RecordingControl,
    @Inject(CONFIG) private readonly cfg: SwitchboardConfig,
  ) {}

  /** Exchanges a sign-in link's code for a session token. */
  @Public()
  @Post('sessions')
  session(@Body() dto: AgentSignInDto): Promise<AgentSessionView> {
    return this.signIn.exchange(dto.code);
  }

  @Delete('sessions/current')
  @HttpCode(204)
  async signOut(@CurrentAgent() me: AgentIdentity) {
    await this.signIn.signOut(me.sessionId, me);
  }

  @Get('me')
  async me(@CurrentAgent() me: AgentIdentity): Promise<AgentMeView> {
    const agent = await this.agents.get(me.propertyId, me.agentId);
    const trackingNumbers = await this.outbound.callerIds(me.propertyId);
    return {
      agent: {
        id: agent.agentId,
        name: agent.name,
        propertyId: agent.propertyId,
        propertyName: agent.propertyName,
        presence: agent.presence,
        endpoint: agent.endpoint,
      },
      trackingNumbers,
    };
  }

  @Put('presence')
  async presence(@CurrentAgent() me: AgentIdentity, @Body() dto: PresenceDto): Promise<AgentPresenceView> {
    const agent = await this.agents.get(me.propertyId, me.agentId);
    // A person cannot leave a call by a switch: the call's end sets them available.
    if (agent.presence === 'on_call' && dto.presence !== 'offline')
      throw ApiError.conflict('presence', 'you are on a call; presence changes when it ends');
    await this.agents.setPresence(me, dto.presence);
    return { presence: dto.presence };
  }

  /** The agent's calls: inbound calls they answered and calls they placed, newest first. */
  @Get('calls')
  async calls(@CurrentAgent() me: AgentIdentity, @Query() q: RecentCallsQuery): Promise<AgentCallList> {
    const agent = await this.agents.get(me.propertyId, me.agentId);
    return { items: await this.agents.recentCalls(agent, q.limit) };
  }

  /** How the page's telephony layer connects (docs/AGENT.md, "Browser telephony"). */
  @Get('telephony')
  telephonyLogin(@CurrentAgent() me: AgentIdentity): Promise<AgentTelephonyView> {
    return this.telephony.login(me);
  }

  /** Click-to-call: rings the agent's browser, then the number, from a tracking number of theirs. */
  @Post('calls')
  @HttpCode(202)
  call(@CurrentAgent() me: AgentIdentity, @Body() dto: OutboundCallDto): Promise<OutboundCallStartedView> {
    return this.outbound.start(me, dto.to, dto.callerId);
  }

  /**
   * Pauses the recording of the call the agent is on (a card number read aloud): 409 when they are
   * on no call or it is not being recorded. Pausing a paused recording changes nothing.
   */
  @Post('current-call/recording/pause')
  @HttpCode(200)
  pauseRecording(@CurrentAgent() me: AgentIdentity): Promise<AgentRecordingView> {
    return this.recording.change(me, 'pause');
  }

  /** Resumes the paused recording of the agent's call. */
  @Post('current-call/recording/resume')
  @HttpCode(200)
  resumeRecording(@CurrentAgent() me: AgentIdentity): Promise<AgentRecordingView> {
    return this.recording.change(me, 'resume');
  }

  /** Server-Sent Events: presence, ringing (with the screen pop), connected, ended… */
  @Get('events')
  @AgentTokenInQuery()
  // A stream written to `res`: each event is `event: <name>` and `data: <JSON>` (docs/AGENT.md).
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'Server-Sent Events', schema: { type: 'string' } })
  async events(@CurrentAgent() me: AgentIdentity, @Req() req: Request, @Res() res: Response): Promise<void> {
    const agent = await this.agents.get(me.propertyId, me.agentId);
    const seen = () =>
      this.agents.pageSeen(me).catch((err: unknown) => this.log.warn(`page seen: ${String(err)}`));
    // Ringable from the first event on: the page is marked open before it hears anything.
    await seen();
    // Gone while we waited: nothing to stream (the mark ages out).
    if (req.destroyed) return;
    res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    const send = (event: string, data: unknown) =>
      res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    send('presence', { presence: agent.presence });
    const unsubscribe = this.hub.subscribe(me.propertyId, me.agentId, send);
    // A session revoked meanwhile (signed out, or the agent's endpoint changed) loses its stream at
    // the next beat, whichever api process revoked it; a live one marks the page as seen.
    const heartbeat = setInterval(() => {
      this.signIn.isLive(me.sessionId).then(
        (live) => {
          if (!live) return res.end();
          res.write(': keep-alive\n\n');
          void seen();
        },
        () => res.write(': keep-alive\n\n'),
      );
    }, HEARTBEAT_MS);
    // A closed page's mark just ages out: another api process may still hold a page of the agent.
    req.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
    });
  }
}
