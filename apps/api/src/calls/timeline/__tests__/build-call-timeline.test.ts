import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CarrierEvent, LegState } from '@switchboard/contracts';
import { encodeLegState, parseTelnyxWebhook } from '@switchboard/telephony';
import { buildCallTimeline } from '../build-call-timeline';
import type { CallTimelineEntry, TimelineCall } from '../call-timeline';

const T0 = Date.parse('2026-03-02T15:00:00Z');
const WF = 'call-sess-1';
const CALLER = 'v3:caller';

/** An ISO instant `s` seconds into the call, with microseconds as the carrier writes them. */
const at = (s: number) => new Date(T0 + s * 1000).toISOString().replace('Z', '000Z');

interface SimLeg {
  id: string;
  from: string;
  to: string;
  direction: 'incoming' | 'outgoing';
  state: LegState | null;
}

/**
 * Webhooks shaped as the Telnyx simulator sends them (its EventFactory: the leg's ids, connection
 * id, current client_state, from/to, then the event's own fields), parsed by the api's own parser.
 */
class SimCall {
  readonly events: CarrierEvent[] = [];
  private n = 0;
  readonly caller: SimLeg = {
    id: CALLER,
    from: '+16175550101',
    to: '+16175550150',
    direction: 'incoming',
    state: null,
  };

  agent(to: string, tag: string): SimLeg {
    return {
      id: `v3:agent-${to}-${tag}`,
      from: '+16175550150',
      to,
      direction: 'outgoing',
      state: { wf: WF, role: 'agent', tag },
    };
  }

  emit(leg: SimLeg, type: string, s: number, extra: Record<string, unknown> = {}, tag?: string): this {
    const state = tag ? { ...(leg.state ?? { wf: WF, role: 'caller' as const }), tag } : leg.state;
    this.events.push(
      parseTelnyxWebhook({
        data: {
          record_type: 'event',
          event_type: type,
          id: `evt-${++this.n}`,
          occurred_at: at(s),
          payload: {
            call_control_id: leg.id,
            call_leg_id: `leg-${leg.id}`,
            call_session_id: 'sess-1',
            connection_id: 'conn',
            client_state: state ? encodeLegState(state) : null,
            from: leg.from,
            to: leg.to,
            ...extra,
          },
        },
        meta: { attempt: 1, delivered_to: 'http://127.0.0.1/webhooks/telnyx' },
      }),
    );
    return this;
  }

  /** What answerCall does: from then on the caller's events carry our client_state. */
  answer(s: number): this {
    this.emit(this.caller, 'call.initiated', 0, { direction: 'incoming', state: 'parked' });
    this.caller.state = { wf: WF, role: 'caller' };
    return this.emit(this.caller, 'call.answered', s, { state: 'answered' });
  }

  prompt(leg: SimLeg, tag: string, from: number, to: number, status = 'completed'): this {
    this.emit(leg, 'call.speak.started', from, {}, tag);
    return this.emit(leg, 'call.speak.ended', to, { status }, tag);
  }

  gather(tag: string, s: number, digits: string, status: string): this {
    for (const [i, d] of [...digits].entries())
      this.emit(this.caller, 'call.dtmf.received', s - 0.5 + i * 0.1, { digit: d }, tag);
    return this.emit(this.caller, 'call.gather.ended', s, { digits, status }, tag);
  }

  hangup(leg: SimLeg, s: number, cause: string, source: string, sip: string): this {
    return this.emit(leg, 'call.hangup', s, {
      hangup_cause: cause,
      hangup_source: source,
      sip_hangup_cause: sip,
    });
  }

  recording(tag: string, s: number, from: number, id: string): this {
    const url = `http://127.0.0.1:9/sim/recordings/${id}`;
    return this.emit(
      this.caller,
      'call.recording.saved',
      s,
      {
        recording_id: id,
        channels: 'single',
        format: 'mp3',
        recording_started_at: at(from),
        recording_ended_at: at(s),
        recording_urls: { mp3: `${url}.mp3`, wav: `${url}.wav` },
        public_recording_urls: {},
      },
      tag,
    );
  }
}

const record = (o: Partial<TimelineCall>): TimelineCall => ({
  callControlId: CALLER,
  from: '+16175550101',
  to: '+16175550150',
  sourceName: 'Zillow',
  startedAt: at(0),
  answeredAt: null,
  endedAt: at(60),
  durationSecs: 60,
  talkSecs: 0,
  outcome: 'no_answer',
  answeredBy: null,
  hangupCause: 'normal_clearing',
  path: [],
  recordingUrl: null,
  voicemailBoxId: null,
  attribution: null,
  ...o,
});

const kinds = (entries: CallTimelineEntry[]) => entries.map((e) => e.kind);
const only = <K extends CallTimelineEntry['kind']>(entries: CallTimelineEntry[], kind: K) =>
  entries.filter((e): e is Extract<CallTimelineEntry, { kind: K }> => e.kind === kind);

/** Every webhook appears in exactly one entry: grouped, never dropped or doubled. */
function assertEveryEventOnce(entries: CallTimelineEntry[], events: CarrierEvent[]): void {
  const told = entries.flatMap((e) => e.events.map((r) => r.id)).sort();
  assert.deepEqual(told, events.map((e) => e.eventId).sort());
}

/** Chronological, the outcome closing the list (recordings are reported after the hangup). */
const isSorted = (entries: CallTimelineEntry[]) =>
  entries.at(-1)?.kind === 'outcome' &&
  entries.slice(0, -1).every((e, i) => i === 0 || Date.parse(entries[i - 1].at) <= Date.parse(e.at));

describe('buildCallTimeline', () => {
  it('tells a menu choice, a sequential ring (one missed, one answered), the bridge, the recording and the end', () => {
    const sim = new SimCall();
    const ann = sim.agent('+16175550111', 'front-w1');
    const bob = sim.agent('+16175550112', 'front-w2');
    sim
      .answer(1)
      .prompt(sim.caller, 'welcome#1', 1.2, 4)
      .emit(sim.caller, 'call.speak.started', 4.2, {}, 'main_menu-1')
      .emit(sim.caller, 'call.speak.ended', 8, { status: 'completed' }, 'main_menu-1')
      .gather('main_menu-1', 9, '2', 'valid')
      .prompt(sim.caller, 'front-hold#2', 9.3, 12)
      .emit(ann, 'call.initiated', 9.4, { direction: 'outgoing', state: 'bridging' })
      .hangup(ann, 19.4, 'timeout', 'unknown', '487')
      .emit(bob, 'call.initiated', 19.6, { direction: 'outgoing', state: 'bridging' })
      .emit(bob, 'call.answered', 22.6, { state: 'answered' })
      .prompt(bob, 'front-w2-whisper#3', 22.8, 24)
      .emit(sim.caller, 'call.bridged', 24.2)
      .emit(bob, 'call.bridged', 24.2)
      .hangup(sim.caller, 54.2, 'normal_clearing', 'caller', '200')
      .hangup(bob, 54.2, 'normal_clearing', 'caller', '200')
      .recording('front-w2-conversation', 54.5, 24.3, 'rec-1');
    const call = record({
      outcome: 'answered',
      answeredBy: '+16175550112',
      answeredAt: at(22.6),
      endedAt: at(54.2),
      durationSecs: 54,
      talkSecs: 32,
      recordingUrl: 'http://127.0.0.1:9/sim/recordings/rec-1.mp3',
      path: [
        { step: 'welcome', at: at(1) },
        { step: 'main_menu', at: at(4), detail: 'pressed 2' },
        { step: 'front', at: at(9), detail: 'sequential: ann → bob' },
        { step: 'connected', at: at(24), detail: '+16175550112' },
      ],
      attribution: {
        kind: 'session',
        sessionId: '5f0c6a7e-0000-4000-8000-000000000001',
        keyword: 'two bedroom',
        campaign: 'spring',
        landingPage: 'https://example.com/floorplans',
        activePage: null,
        referrer: null,
        utmSource: 'google',
        utmMedium: 'cpc',
        utmCampaign: 'spring',
        utmTerm: 'two bedroom',
        utmContent: null,
        priorCalls: 2,
      },
    });

    const { entries, legs } = buildCallTimeline(call, sim.events);

    assert.ok(isSorted(entries));
    assertEveryEventOnce(entries, sim.events);
    assert.deepEqual(kinds(entries).slice(0, 3), ['call_received', 'call_answered', 'step']);
    const received = only(entries, 'call_received')[0];
    assert.match(received.summary, /Call from \+16175550101 to \+16175550150; source Zillow/);
    assert.match(received.summary, /keyword "two bedroom"/);
    assert.match(received.summary, /repeat caller \(2 earlier calls\)/);

    const [menu] = only(entries, 'menu_input');
    assert.deepEqual(
      [menu.menu, menu.digits, menu.status, menu.summary],
      ['main_menu', '2', 'valid', 'Caller pressed 2 at menu "main_menu"'],
    );
    assert.equal(only(entries, 'step').find((s) => s.step === 'main_menu')?.detail, 'pressed 2');

    const prompts = only(entries, 'prompt').map((p) => [p.purpose, p.name, p.to, p.seconds]);
    assert.deepEqual(prompts, [
      ['greeting', 'welcome', null, 3],
      ['menu', 'main_menu', null, 4],
      ['hold', 'front', null, 3],
      ['whisper', 'front', '+16175550112', 1],
    ]);

    assert.deepEqual(
      legs.map((l) => [l.to, l.attempt, l.ringSecs, l.answered, l.connected, l.talkSecs, l.hangupCause]),
      [
        ['+16175550111', 'front-w1', 10, false, false, 0, 'timeout'],
        ['+16175550112', 'front-w2', 3, true, true, 30, 'normal_clearing'],
      ],
    );
    assert.equal(legs[0].summary, '+16175550111 rang 10 s, not answered (no answer in time)');
    assert.equal(legs[1].summary, '+16175550112 rang 3 s, answered and talked 30 s');

    const [missed, talked] = only(entries, 'agent_hangup');
    assert.equal(missed.summary, 'Leg to +16175550111 ended: rang 10 s, not answered (no answer in time)');
    assert.equal(talked.talkSecs, 30);
    assert.equal(only(entries, 'agent_answered')[0].summary, '+16175550112 answered after 3 s');
    const [bridge] = only(entries, 'connected');
    assert.deepEqual([bridge.to, bridge.events.length], ['+16175550112', 2]);
    const [rec] = only(entries, 'recording_saved');
    assert.deepEqual([rec.purpose, rec.url], ['conversation', 'http://127.0.0.1:9/sim/recordings/rec-1.mp3']);
    assert.equal(only(entries, 'caller_hangup')[0].summary, 'Caller hung up');
    const outcome = entries.at(-1)!;
    assert.equal(outcome.kind, 'outcome');
    assert.equal(outcome.summary, 'Answered by +16175550112; call lasted 54 s');

    // Single DTMF digits stay visible as what they are: carrier events.
    const dtmf = only(entries, 'webhook').filter((w) => w.events[0].type === 'call.dtmf.received');
    assert.deepEqual(
      dtmf.map((w) => w.summary),
      ['Carrier event call.dtmf.received on the caller: key 2'],
    );
  });

  it('tells menu timeouts and invalid keys, then a voicemail in its box', () => {
    const sim = new SimCall();
    sim
      .answer(0.5)
      .gather('main_menu-1', 10, '', 'timeout')
      .prompt(sim.caller, 'main_menu-1-play#1', 10.2, 12)
      .gather('main_menu-2', 20, '9', 'invalid')
      .prompt(sim.caller, 'main_menu-2-play#2', 20.2, 22)
      .gather('main_menu-3', 30, '', 'timeout')
      .prompt(sim.caller, 'vm-greeting#3', 30.3, 33)
      .hangup(sim.caller, 48, 'normal_clearing', 'caller', '200')
      .recording('vm', 48.4, 33.5, 'rec-vm');
    const url = 'http://127.0.0.1:9/sim/recordings/rec-vm.mp3';
    const { entries, legs } = buildCallTimeline(
      record({
        outcome: 'voicemail',
        endedAt: at(48),
        durationSecs: 48,
        voicemailBoxId: 'leasing',
        recordingUrl: url,
        path: [
          { step: 'main_menu', at: at(0.5) },
          { step: 'vm', at: at(30), detail: 'leasing' },
        ],
      }),
      sim.events,
    );
    assertEveryEventOnce(entries, sim.events);
    assert.deepEqual(legs, []);
    assert.deepEqual(
      only(entries, 'menu_input').map((m) => m.summary),
      [
        'Caller pressed nothing before the timeout at menu "main_menu"',
        'Caller pressed a key that is not an option (pressed 9) at menu "main_menu"',
        'Caller pressed nothing before the timeout at menu "main_menu"',
      ],
    );
    assert.deepEqual(
      only(entries, 'prompt').map((p) => p.summary),
      [
        'Menu notice "main_menu" played (2 s)',
        'Menu notice "main_menu" played (2 s)',
        'Voicemail greeting "vm" played (3 s)',
      ],
    );
    const [vm] = only(entries, 'voicemail');
    assert.deepEqual([vm.voicemailBoxId, vm.url, vm.recordingId], ['leasing', url, 'rec-vm']);
    assert.equal(only(entries, 'recording_saved').length, 0);
    assert.ok(isSorted(entries));
    assert.deepEqual(kinds(entries).slice(-3), ['caller_hangup', 'voicemail', 'outcome']);
    assert.equal(entries.at(-1)!.summary, 'Voicemail left in box "leasing"; call lasted 48 s');
  });

  it('tells agents rung together: the one who lost the race answered but was not connected', () => {
    const sim = new SimCall();
    const ann = sim.agent('+16175550111', 'front-w1');
    const bob = sim.agent('+16175550112', 'front-w1');
    const cy = sim.agent('sip:cy@example.com', 'front-w1');
    sim
      .answer(1)
      .emit(ann, 'call.initiated', 2, { direction: 'outgoing' })
      .emit(bob, 'call.initiated', 2, { direction: 'outgoing' })
      .emit(cy, 'call.initiated', 2, { direction: 'outgoing' })
      .emit(ann, 'call.answered', 4)
      .emit(bob, 'call.answered', 4.1)
      .hangup(bob, 4.3, 'normal_clearing', 'caller', '200')
      .hangup(cy, 4.3, 'originator_cancel', 'caller', '487')
      .emit(ann, 'call.bridged', 4.5)
      .emit(sim.caller, 'call.bridged', 4.5)
      .hangup(ann, 20.5, 'normal_clearing', 'callee', '200')
      .hangup(sim.caller, 20.5, 'normal_clearing', 'callee', '200');
    const { entries, legs } = buildCallTimeline(
      record({ outcome: 'answered', answeredBy: '+16175550111', endedAt: at(20.5), talkSecs: 17 }),
      sim.events,
    );
    assertEveryEventOnce(entries, sim.events);
    assert.deepEqual(
      legs.map((l) => l.summary),
      [
        '+16175550111 rang 2 s, answered and talked 16 s',
        '+16175550112 rang 2 s, answered but was not connected (hung up)',
        'sip:cy@example.com rang 2 s, not answered (stopped ringing)',
      ],
    );
    assert.equal(only(entries, 'connected')[0].summary, 'Caller bridged with +16175550111');
    assert.equal(only(entries, 'caller_hangup')[0].summary, 'Switchboard ended the call');
  });

  it('falls back to the record for the answerer when no bridge event was stored', () => {
    const sim = new SimCall();
    const ann = sim.agent('+16175550111', 'forward');
    sim
      .answer(1)
      .emit(ann, 'call.initiated', 1.5, { direction: 'outgoing' })
      .emit(ann, 'call.answered', 6.5)
      .hangup(ann, 16.5, 'normal_clearing', 'callee', '200')
      .hangup(sim.caller, 16.6, 'normal_clearing', 'callee', '200');
    const { legs } = buildCallTimeline(
      record({ outcome: 'answered', answeredBy: '+16175550111', endedAt: at(16.6) }),
      sim.events,
    );
    assert.deepEqual([legs[0].ringSecs, legs[0].connected, legs[0].talkSecs], [5, true, 10]);
  });

  it('tells a rejected call to an unknown number, with events given out of order', () => {
    const sim = new SimCall();
    sim.emit(sim.caller, 'call.initiated', 0, { direction: 'incoming', caller_id_name: 'PAT SMITH' });
    sim.hangup(sim.caller, 0.4, 'call_rejected', 'callee', '603');
    const { entries } = buildCallTimeline(
      record({
        outcome: 'rejected',
        sourceName: null,
        endedAt: at(0.4),
        durationSecs: 0,
        path: [{ step: 'reject', at: at(0), detail: 'unknown tracking number' }],
      }),
      [...sim.events].reverse(),
    );
    assert.deepEqual(kinds(entries), ['call_received', 'step', 'caller_hangup', 'outcome']);
    assert.equal(entries[0].summary, 'Call from +16175550101 (PAT SMITH) to +16175550150');
    assert.equal(entries[1].summary, 'Rejected: unknown tracking number');
    assert.equal(entries[2].summary, 'Switchboard ended the call (rejected)');
    assert.equal(entries[3].summary, 'Rejected: the number dialled is not in use');
  });

  it('keeps a voicemail the record names even when its recording event is missing', () => {
    const { entries } = buildCallTimeline(
      record({ outcome: 'voicemail', voicemailBoxId: 'office', recordingUrl: 'https://r/1.mp3' }),
      [],
    );
    assert.deepEqual(kinds(entries), ['call_received', 'voicemail', 'outcome']);
    assert.equal(entries[1].summary, 'Voicemail left in box "office": https://r/1.mp3');
  });

  it('tells the recording disclosure before the recording started, and an agent’s pause and resume', () => {
    const sim = new SimCall();
    const ann = sim.agent('+16175550111', 'leasing');
    sim
      .answer(1)
      .prompt(sim.caller, 'recording-disclosure#1', 1.1, 3.1)
      .emit(ann, 'call.initiated', 3.8, { direction: 'outgoing', state: 'bridging' })
      .emit(ann, 'call.answered', 5.8)
      .emit(sim.caller, 'call.bridged', 6)
      .emit(ann, 'call.bridged', 6)
      .hangup(sim.caller, 30, 'normal_clearing', 'caller', '200')
      .hangup(ann, 30, 'normal_clearing', 'caller', '200')
      .recording('leasing-conversation', 30.3, 6.1, 'rec-1');
    const { entries } = buildCallTimeline(
      record({
        outcome: 'answered',
        answeredBy: '+16175550111',
        answeredAt: at(5.8),
        endedAt: at(30),
        path: [
          { step: 'leasing', at: at(3.6), detail: '+16175550111' },
          { step: 'connected', at: at(6), detail: '+16175550111' },
        ],
        agentNames: { '+16175550111': 'Ann' },
        disclosure: { played: true, at: at(3.1) },
        // Estimated by the workflow a little early (webhooks take time to arrive): told at the bridge.
        recordingStartedAt: at(5.9),
        recordingPauses: [
          { pausedAt: at(12), resumedAt: at(18.5), agentId: 'ann', agentName: 'Ann' },
          { pausedAt: at(25), resumedAt: null, agentId: 'ann', agentName: 'Ann' },
        ],
      }),
      sim.events,
    );
    const told = entries
      .filter((e) =>
        [
          'prompt',
          'connected',
          'step',
          'recording_started',
          'recording_paused',
          'recording_resumed',
        ].includes(e.kind),
      )
      .map((e) => e.summary);
    assert.deepEqual(told, [
      'Recording disclosure played (2 s)',
      'Step "leasing": +16175550111',
      'Caller bridged with Ann',
      'Connecting the caller to Ann',
      'Recording started',
      'Recording paused by Ann',
      'Recording resumed',
      // Still paused at the hangup: the pause ended with the call, nothing resumed it.
      'Recording paused by Ann',
    ]);
    assert.ok(isSorted(entries));
    assertEveryEventOnce(entries, sim.events);
    const [paused] = only(entries, 'recording_paused');
    assert.deepEqual([paused.agentId, paused.agentName, paused.at], ['ann', 'Ann', at(12)]);
    assert.equal(only(entries, 'recording_started')[0].at, at(6), 'not before the bridge it followed');
  });

  it('says when the call owed a disclosure it could not play (its audio file was gone)', () => {
    const { entries } = buildCallTimeline(
      record({
        path: [{ step: 'leasing', at: at(1), detail: '+16175550111' }],
        disclosure: { played: false, at: null },
      }),
      [],
    );
    assert.deepEqual(kinds(entries), ['call_received', 'disclosure_not_played', 'step', 'outcome']);
    assert.equal(entries[1].summary, 'Recording disclosure not played');
  });

  it('tells a disclosure the caller hung up on where it was cut short', () => {
    const sim = new SimCall();
    sim
      .answer(1)
      .prompt(sim.caller, 'recording-disclosure#1', 1.2, 3, 'call_hangup')
      .hangup(sim.caller, 3, 'normal_clearing', 'caller', '200');
    const { entries } = buildCallTimeline(
      record({ outcome: 'abandoned', endedAt: at(3), disclosure: { played: false, at: null } }),
      sim.events,
    );
    assert.deepEqual(
      entries.map((e) => e.summary),
      [
        'Call from +16175550101 to +16175550150; source Zillow',
        'Switchboard answered the call',
        'Recording disclosure cut short: the call hung up',
        'Caller hung up',
        'Recording disclosure not played',
        'Abandoned: the caller hung up before anyone answered; call lasted 60 s',
      ],
    );
  });
});
