import {
  menuOfGatherTag,
  promptOfTag,
  recordingPurposeOfTag,
  type CarrierEvent,
} from '@switchboard/contracts';
import { secondsBetween } from '@switchboard/domain';
import type {
  CallTimeline,
  CallTimelineEntry,
  CallTimelineEntryKind,
  CallTimelineLeg,
  TimelineCall,
  TimelineEventRef,
} from './call-timeline';
import {
  cause,
  legStory,
  menuInputSummary,
  nameOf,
  outcomeSummary,
  promptSummary,
  receivedSummary,
  stepSummary,
} from './timeline-wording';

const ref = (e: CarrierEvent): TimelineEventRef => ({
  id: e.eventId,
  type: e.type,
  occurredAt: e.occurredAt,
  callControlId: e.callControlId,
});

/**
 * What the call's record alone says of its recording: Telnyx sends no webhook when a recording
 * starts or is paused, so the workflow kept those instants, estimated on the carrier's clock (the
 * latest webhook's instant plus the time since it arrived, which leaves out its delivery time); and
 * a disclosure it owed but could not play. A played disclosure is its prompt's entry. The estimates
 * are told no earlier than what they followed: record_start goes out once the caller is bridged
 * (`bridgedAt`), a pause once the recording runs.
 */
function recordingEntries(
  call: TimelineCall,
  told: readonly CallTimelineEntry[],
  bridgedAt: string | undefined,
): CallTimelineEntry[] {
  const entries: CallTimelineEntry[] = [];
  const notBefore = (at: string, earliest: string | undefined) =>
    earliest !== undefined && Date.parse(earliest) > Date.parse(at) ? earliest : at;
  if (call.disclosure?.played === false) {
    // Given up where its playing ended (cut short), else where it was due: once the caller was answered.
    const playing = told.filter((e) => e.kind === 'prompt' && e.purpose === 'disclosure').at(-1);
    const answered = told.find((e) => e.kind === 'call_answered');
    entries.push({
      at:
        (playing?.kind === 'prompt' ? (playing.endedAt ?? playing.at) : undefined) ??
        answered?.at ??
        (call.path[0]?.at || call.startedAt),
      kind: 'disclosure_not_played',
      summary: 'Recording disclosure not played',
      events: [],
    });
  }
  if (!call.recordingStartedAt) return entries;
  const started = notBefore(call.recordingStartedAt, bridgedAt);
  entries.push({ at: started, kind: 'recording_started', summary: 'Recording started', events: [] });
  for (const p of call.recordingPauses ?? []) {
    const paused = notBefore(p.pausedAt, started);
    entries.push({
      at: paused,
      kind: 'recording_paused',
      summary: `Recording paused by ${p.agentName}`,
      events: [],
      agentId: p.agentId,
      agentName: p.agentName,
    });
    if (p.resumedAt)
      entries.push({
        at: notBefore(p.resumedAt, paused),
        kind: 'recording_resumed',
        summary: 'Recording resumed',
        events: [],
      });
  }
  return entries;
}

/**
 * Ties on the carrier clock keep cause before effect: the call, then carrier events, then the steps
 * they led to, then what the workflow did there without a webhook (a recording started, paused).
 */
const RANK: Partial<Record<CallTimelineEntryKind, number>> = {
  call_received: 0,
  // After the disclosure's own prompt entry at the same instant, before the step that followed.
  disclosure_not_played: 1.5,
  step: 2,
  recording_started: 3,
  recording_paused: 3,
  recording_resumed: 3,
};
const rankOf = (k: CallTimelineEntryKind): number => RANK[k] ?? 1;

/**
 * Builds the timeline of a finished call. Every event appears in exactly one entry: those that tell
 * something (a key, a leg ringing, a recording…) in the entry they explain, the rest as `webhook`
 * entries. Events of legs other than the caller's count as agent legs: the workflow dials them with
 * `link_to`, which is how their webhooks were filed under this call. Pure: no clock, no I/O, so
 * the same inputs give the same story.
 */
export function buildCallTimeline(
  call: TimelineCall,
  events: readonly CarrierEvent[],
  /** The call's transcript pieces by the carrier event that brought each (`said` entries). */
  said: ReadonlyMap<string, { speaker: 'caller' | 'agent'; text: string }> = new Map(),
): CallTimeline {
  const ordered = events
    .map((e, i) => ({ e, i, t: Date.parse(e.occurredAt) }))
    .sort((a, b) => (a.t === b.t || Number.isNaN(a.t - b.t) ? a.i - b.i : a.t - b.t))
    .map((x) => x.e);
  const isCaller = (e: CarrierEvent) =>
    e.callControlId === call.callControlId ||
    (e.clientState ? e.clientState.role === 'caller' : e.direction === 'incoming');

  // Agent legs first, so every entry about a leg can speak of its whole life (rang N s…).
  const legs = new Map<string, CallTimelineLeg>();
  for (const e of ordered) {
    if (isCaller(e)) continue;
    let l = legs.get(e.callControlId);
    if (!l) {
      l = {
        to: e.to ?? 'unknown destination',
        callControlId: e.callControlId,
        attempt: e.clientState?.tag ?? null,
        ringStartedAt: null,
        answeredAt: null,
        connectedAt: null,
        endedAt: null,
        ringSecs: null,
        answered: false,
        connected: false,
        talkSecs: 0,
        hangupCause: null,
        hangupSource: null,
        summary: '',
      };
      legs.set(e.callControlId, l);
    }
    if (e.type === 'call.initiated') l.ringStartedAt ??= e.occurredAt;
    if (e.type === 'call.answered') l.answeredAt ??= e.occurredAt;
    if (e.type === 'call.bridged') l.connectedAt ??= e.occurredAt;
    if (e.type === 'call.hangup' && !l.endedAt) {
      l.endedAt = e.occurredAt;
      l.hangupCause = e.hangupCause ?? null;
      l.hangupSource = e.hangupSource ?? null;
    }
  }
  // Without any bridge event (not stored, or an older call), the record's answerer is the one connected.
  const anyBridge = [...legs.values()].some((l) => l.connectedAt);
  if (!anyBridge && call.outcome === 'answered') {
    const answerer = [...legs.values()].reverse().find((l) => l.answeredAt && l.to === call.answeredBy);
    if (answerer) answerer.connectedAt = answerer.answeredAt;
  }
  for (const l of legs.values()) {
    l.ringStartedAt ??= l.answeredAt ?? l.endedAt;
    l.answered = l.answeredAt !== null;
    l.connected = l.connectedAt !== null;
    l.ringSecs = secondsBetween(l.ringStartedAt, l.answeredAt ?? l.endedAt);
    l.talkSecs = l.connected ? (secondsBetween(l.connectedAt, l.endedAt ?? call.endedAt) ?? 0) : 0;
    l.summary = `${nameOf(call, l.to)} ${legStory(l)}`;
  }

  const entries: CallTimelineEntry[] = [];
  const initiated = ordered.find((e) => isCaller(e) && e.type === 'call.initiated');
  // Carriers fill caller_id_name with the number itself when there is no CNAM: no name then.
  const name = initiated?.callerIdName?.trim();
  const callerName = name && name !== call.from ? name : null;
  entries.push({
    at: call.startedAt,
    kind: 'call_received',
    summary: receivedSummary(call, callerName),
    events: initiated ? [ref(initiated)] : [],
    from: call.from,
    to: call.to,
    callerName,
    source: call.sourceName,
    attribution: call.attribution,
  });

  /** Prompts started and not yet ended, by leg and tag: an end joins its start's entry. */
  const openPrompts = new Map<string, Extract<CallTimelineEntry, { kind: 'prompt' }>>();
  let bridgeEntry: Extract<CallTimelineEntry, { kind: 'connected' }> | undefined;
  let voicemailSeen = false;

  for (const e of ordered) {
    const caller = isCaller(e);
    const leg = caller ? undefined : legs.get(e.callControlId);
    const to = leg?.to ?? null;
    const tag = e.clientState?.tag;
    const at = e.occurredAt;
    const events = [ref(e)];
    switch (e.type) {
      case 'call.initiated':
        if (caller && e === initiated) continue;
        if (leg) {
          entries.push({
            at,
            kind: 'agent_ringing',
            summary: `Ringing ${nameOf(call, leg.to)}${leg.attempt ? ` (${leg.attempt})` : ''}`,
            events,
            to: leg.to,
            callControlId: e.callControlId,
            attempt: leg.attempt,
          });
          continue;
        }
        break;
      case 'call.answered':
        if (caller) {
          entries.push({ at, kind: 'call_answered', summary: 'Switchboard answered the call', events });
          continue;
        }
        if (leg) {
          entries.push({
            at,
            kind: 'agent_answered',
            summary: `${nameOf(call, leg.to)} answered after ${leg.ringSecs ?? '?'} s`,
            events,
            to: leg.to,
            callControlId: e.callControlId,
            ringSecs: leg.ringSecs,
          });
          continue;
        }
        break;
      case 'call.hangup':
        if (caller) {
          // On the inbound leg Telnyx names the caller `caller` and our side `callee`.
          const who = e.hangupSource === 'caller' ? 'Caller hung up' : 'Switchboard ended the call';
          const why =
            e.hangupCause && e.hangupCause !== 'normal_clearing' ? ` (${cause(e.hangupCause)})` : '';
          entries.push({
            at,
            kind: 'caller_hangup',
            summary: `${who}${why}`,
            events,
            hangupCause: e.hangupCause ?? null,
            hangupSource: e.hangupSource ?? null,
            sipHangupCause: e.sipHangupCause ?? null,
          });
          continue;
        }
        if (leg && leg.endedAt === at) {
          entries.push({
            at,
            kind: 'agent_hangup',
            summary: `Leg to ${nameOf(call, leg.to)} ended: ${legStory(leg)}`,
            events,
            to: leg.to,
            callControlId: e.callControlId,
            answered: leg.answered,
            ringSecs: leg.ringSecs,
            talkSecs: leg.talkSecs,
            hangupCause: leg.hangupCause,
            hangupSource: leg.hangupSource,
          });
          continue;
        }
        break;
      case 'call.bridged': {
        // Both legs report the bridge at once: one entry, naming the agent.
        const open = bridgeEntry && bridgeEntry.events.length < 2 ? bridgeEntry : undefined;
        if (open) {
          open.events.push(ref(e));
          if (leg) Object.assign(open, { to: leg.to, callControlId: leg.callControlId });
        } else {
          bridgeEntry = {
            at,
            kind: 'connected',
            summary: '',
            events,
            to: leg?.to ?? call.answeredBy ?? 'an agent',
            callControlId: leg?.callControlId ?? '',
          };
          entries.push(bridgeEntry);
        }
        bridgeEntry!.summary = `Caller bridged with ${nameOf(call, bridgeEntry!.to)}`;
        continue;
      }
      case 'call.speak.started':
      case 'call.playback.started': {
        const { name, purpose } = promptOfTag(tag);
        const entry: Extract<CallTimelineEntry, { kind: 'prompt' }> = {
          at,
          kind: 'prompt',
          summary: promptSummary(name, purpose, to, null, null),
          events,
          name,
          purpose,
          to,
          endedAt: null,
          status: null,
          seconds: null,
        };
        openPrompts.set(`${e.callControlId}|${tag ?? ''}`, entry);
        entries.push(entry);
        continue;
      }
      case 'call.speak.ended':
      case 'call.playback.ended': {
        const key = `${e.callControlId}|${tag ?? ''}`;
        const open = openPrompts.get(key);
        openPrompts.delete(key);
        const { name, purpose } = promptOfTag(tag);
        const entry = open ?? {
          at,
          kind: 'prompt' as const,
          summary: '',
          events: [],
          name,
          purpose,
          to,
          endedAt: null,
          status: null,
          seconds: null,
        };
        entry.events.push(ref(e));
        entry.endedAt = at;
        entry.status = e.status ?? 'completed';
        entry.seconds = secondsBetween(entry.at, at);
        entry.summary = promptSummary(
          entry.name,
          entry.purpose,
          entry.to,
          entry.status,
          open ? entry.seconds : null,
        );
        if (!open) entries.push(entry);
        continue;
      }
      case 'call.gather.ended': {
        const digits = e.digits ?? '';
        const status = e.status ?? (digits ? 'valid' : 'timeout');
        const menu = tag ? menuOfGatherTag(tag) : null;
        entries.push({
          at,
          kind: 'menu_input',
          summary: menuInputSummary(menu, digits, status),
          events,
          menu,
          digits,
          status,
        });
        continue;
      }
      case 'call.recording.saved': {
        const url = e.recordingUrl ?? null;
        const isVoicemail =
          !!call.voicemailBoxId &&
          !voicemailSeen &&
          (url === call.recordingUrl || call.recordingUrl === null);
        if (isVoicemail) {
          voicemailSeen = true;
          entries.push({
            at,
            kind: 'voicemail',
            summary: `Voicemail left in box "${call.voicemailBoxId}"${url ? `: ${url}` : ''}`,
            events,
            voicemailBoxId: call.voicemailBoxId!,
            url,
            recordingId: e.recordingId ?? null,
          });
        } else {
          const purpose = recordingPurposeOfTag(tag) === 'conversation' ? 'conversation' : 'other';
          entries.push({
            at,
            kind: 'recording_saved',
            summary: `${purpose === 'conversation' ? 'Conversation recording' : 'Recording'} saved${url ? `: ${url}` : ''}`,
            events,
            purpose,
            url,
            recordingId: e.recordingId ?? null,
          });
        }
        continue;
      }
      case 'call.transcription': {
        // A piece that was kept (final, not blank) is what was said; the others tell nothing.
        const piece = said.get(e.eventId);
        if (piece)
          entries.push({
            at,
            kind: 'said',
            summary: `${piece.speaker === 'caller' ? 'Caller' : 'Agent'}: ${piece.text}`,
            events,
            ...piece,
          });
        if (piece) continue;
        break;
      }
      case 'call.recording.error':
        entries.push({
          at,
          kind: 'recording_failed',
          summary: 'The carrier could not save a recording',
          events,
          tag: tag ?? null,
        });
        continue;
      default:
        break;
    }
    const detail = e.digit ? `: key ${e.digit}` : e.status ? `: ${e.status}` : '';
    entries.push({
      at,
      kind: 'webhook',
      summary: `Carrier event ${e.type} on the ${caller ? 'caller' : `leg to ${to ?? 'an agent'}`}${detail}`,
      events,
      party: caller ? 'caller' : 'agent',
      to,
    });
  }

  // A voicemail the record names whose recording event is missing still belongs in the story.
  if (call.voicemailBoxId && !voicemailSeen) {
    entries.push({
      at: call.endedAt,
      kind: 'voicemail',
      summary: `Voicemail left in box "${call.voicemailBoxId}"${call.recordingUrl ? `: ${call.recordingUrl}` : ''}`,
      events: [],
      voicemailBoxId: call.voicemailBoxId,
      url: call.recordingUrl,
      recordingId: null,
    });
  }
  entries.push(...recordingEntries(call, entries, bridgeEntry?.at));
  for (const p of call.path) {
    const detail = p.detail ?? null;
    entries.push({
      at: p.at || call.startedAt,
      kind: 'step',
      summary: stepSummary(p.step, p.step === 'connected' && detail ? nameOf(call, detail) : detail),
      events: [],
      step: p.step,
      detail,
    });
  }
  const sorted = entries
    .map((entry, i) => ({ entry, i, t: Date.parse(entry.at), r: rankOf(entry.kind) }))
    .sort((a, b) => a.t - b.t || a.r - b.r || a.i - b.i)
    .map((x) => x.entry);
  // The outcome closes the story though its instant is the caller's hangup: recordings are saved
  // (and reported) after it.
  sorted.push({
    at: call.endedAt,
    kind: 'outcome',
    summary: outcomeSummary(call),
    events: [],
    outcome: call.outcome,
    answeredBy: call.answeredBy,
    durationSecs: call.durationSecs,
    talkSecs: call.talkSecs,
  });
  // Legs were met in the events' order: the order they were rung.
  return { entries: sorted, legs: [...legs.values()] };
}
