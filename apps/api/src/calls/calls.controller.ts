import { Controller, Get, Param, Query, Redirect, Req, Res } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { endpointDialString } from '@switchboard/domain';
import {
  CallRecordRepository,
  CallTranscriptRepository,
  CarrierEventRepository,
} from '@switchboard/persistence';
import type { AccessScope } from '../auth/access-scope';
import { PlatformAdmin, Scope } from '../auth/auth.decorators';
import { UuidParam } from '../common/uuid-param.pipe';
import { CallLogQuery } from '../reports/dto';
import { RecordingLinks } from '../recordings/recording-links';
import { ReportsService } from '../reports/reports.service';
import { RecordingList } from '../recordings/recording.view';
import { CallDetailView, CallPage, CallTimelineView, CallTranscriptView } from './calls.view';
import { ListCallsQuery } from './dto';
import { csvOrJson } from '../openapi/responses';
import { FormsService } from '../forms/forms.service';
import { ReachableCalls } from './reachable-calls';
import { buildCallTimeline } from './timeline/build-call-timeline';
import { storedCarrierEvent, timelineCall } from './timeline/timeline-input';

/**
 * The call log: finished calls, filtered and sorted like the reports (newest first unless asked),
 * paged or streamed as CSV; one call with its carrier events; and one call's timeline.
 */
@Controller({ path: 'calls', version: '1' })
export class CallsController {
  constructor(
    private readonly reachable: ReachableCalls,
    private readonly reports: ReportsService,
    private readonly links: RecordingLinks,
    private readonly events: CarrierEventRepository,
    private readonly calls: CallRecordRepository,
    private readonly forms: FormsService,
    private readonly transcripts: CallTranscriptRepository,
  ) {}

  // Answers through `res` (JSON or streamed CSV), so the plugin cannot read a return type.
  @Get()
  @ApiExtraModels(CallPage)
  @ApiOkResponse(csvOrJson(CallPage))
  list(
    @Scope() scope: AccessScope,
    @Query() q: CallLogQuery,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return this.reports.callLog(scope, q, req, res);
  }

  /**
   * One call: its record, its recordings (signed URLs of our copies, valid RECORDING_URL_TTL_SECS),
   * the carrier events stored for it, and its lead's journey (the forms and calls of the same
   * caller number or website visit).
   */
  @Get(':callId')
  async get(@Param('callId', new UuidParam('callId')) id: string): Promise<CallDetailView> {
    const call = await this.reachable.find(id);
    const [events, recordings, journey] = await Promise.all([
      this.events.forWorkflow(call.workflowId),
      this.links.forWorkflow(call.workflowId),
      // An agent's click-to-call has no caller: its lead is not who it dialled from.
      call.propertyId && call.direction !== 'outbound'
        ? this.forms.journey(call.propertyId, { phone: call.fromNumber, sessionId: call.sessionId })
        : [],
    ]);
    return {
      ...call,
      recordingUrl: this.links.apiLink(call.id, call.recordingUrl),
      recordings,
      journey,
      events: events.map((e) => ({
        id: e.id,
        type: e.eventType,
        occurredAt: e.occurredAt,
        callControlId: e.callControlId,
      })),
    };
  }

  /**
   * One call as a timeline, with a summary per agent leg.
   *
   * In order: the call coming in (caller, number, source, attribution), each flow step, prompts,
   * menu keys, every agent rung (ring time, answered or not, talk time, hangup cause), the bridge,
   * recordings and voicemail, the hangup, then the outcome. Each carrier webhook of the call is in
   * the entry it explains, or is an entry of its own (`webhook`).
   */
  @Get(':callId/timeline')
  async timeline(@Param('callId', new UuidParam('callId')) id: string): Promise<CallTimelineView> {
    const call = await this.reachable.find(id);
    const events = (await this.events.forWorkflow(call.workflowId)).map(storedCarrierEvent);
    // The story names recordings by our copies' signed URLs, never by the carrier's links.
    const copies = await this.links.byCarrierUrls([
      call.recordingUrl,
      ...events.map((e) => e.recordingUrl ?? null),
    ]);
    const ours = (url: string | null | undefined) => (url ? (copies.get(url)?.url ?? null) : null);
    const said = new Map(
      (await this.transcripts.ofCall(call.id)).map((s) => [s.eventId, { speaker: s.speaker, text: s.text }]),
    );
    return {
      callId: call.id,
      ...buildCallTimeline(
        {
          ...timelineCall(call),
          recordingUrl: ours(call.recordingUrl),
          agentNames: await this.agentNames(call),
        },
        events.map((e) => (e.recordingUrl ? { ...e, recordingUrl: ours(e.recordingUrl) ?? undefined } : e)),
        said,
      ),
    };
  }

  /**
   * Names of the property's agents by where they are rung, so the timeline says who was rung; the
   * agent who answered keeps the name the record was written with.
   */
  private async agentNames(call: {
    propertyId: string | null;
    answeredBy: string | null;
    agentName: string | null;
  }): Promise<Record<string, string>> {
    if (!call.propertyId) return {};
    const names: Record<string, string> = {};
    // By id: of two agents rung at one place the first by id names it, as on the record.
    for (const a of await this.calls.agentsOf(call.propertyId))
      names[endpointDialString(a.endpoint)] ??= a.name;
    if (call.answeredBy && call.agentName) names[call.answeredBy] = call.agentName;
    return names;
  }

  /**
   * The call's transcript: its text (what keyword rules score and search finds) and, for a call
   * the carrier transcribed, each piece by speaker in the order it was said. A transcript set by
   * hand (`PUT …/transcript`) has no pieces.
   */
  @Get(':callId/transcript')
  async transcript(@Param('callId', new UuidParam('callId')) id: string): Promise<CallTranscriptView> {
    const call = await this.reachable.find(id);
    const segments = await this.transcripts.ofCall(call.id);
    return {
      callId: call.id,
      transcript: call.transcript,
      segments: segments.map((s) => ({
        seq: s.seq,
        at: s.at.toISOString(),
        speaker: s.speaker,
        text: s.text,
        confidence: s.confidence,
      })),
    };
  }

  /** The call's recordings: voicemail and conversation, each with a signed URL once copied. */
  @Get(':callId/recordings')
  async recordings(@Param('callId', new UuidParam('callId')) id: string): Promise<RecordingList> {
    const call = await this.reachable.find(id);
    return { items: await this.links.forWorkflow(call.workflowId) };
  }

  /**
   * Listen: a redirect to a signed URL of our copy of the call's recording (its voicemail, or its
   * conversation). 404 when the call has none, 409 while the copy is still being made.
   */
  @Get(':callId/recording')
  @Redirect(undefined, 302)
  async recording(@Param('callId', new UuidParam('callId')) id: string) {
    const { recordingUrl } = await this.reachable.find(id);
    const copy = recordingUrl
      ? (await this.links.byCarrierUrls([recordingUrl])).get(recordingUrl)
      : undefined;
    return { url: this.links.playable(copy, id) };
  }
}

/** The platform operator's call log: every call, also those to numbers no property owns. */
@PlatformAdmin()
@Controller({ path: 'platform/calls', version: '1' })
export class PlatformCallsController {
  constructor(
    private readonly calls: CallRecordRepository,
    private readonly links: RecordingLinks,
  ) {}

  @Get()
  async list(@Query() q: ListCallsQuery): Promise<CallPage> {
    const { items, total } = await this.calls.list({
      ...q,
      propertyIds: q.propertyId ? [q.propertyId] : null,
    });
    return {
      items: items.map((c) => ({ ...c, recordingUrl: this.links.apiLink(c.id, c.recordingUrl) })),
      total,
      limit: q.limit,
      offset: q.offset,
    };
  }
}
