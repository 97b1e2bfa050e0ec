import type { Call, INotification, TelnyxRTC } from '@telnyx/webrtc';
import { IncomingListeners, type AgentTelephony } from './telephony';

/** The @telnyx/webrtc browser bundle (served at /agent/vendor/telnyx-webrtc.js) sets this global. */
declare const TelnyxWebRTC: { TelnyxRTC: typeof TelnyxRTC };

/** How long an action waits for the WebRTC invite of a leg the api already announced. */
const INVITE_WAIT_MS = 10_000;

/**
 * Real Telnyx: this browser is the agent's endpoint. The client logs in with the access token of
 * the agent's telephony credential (GET /v1/agent/telephony), receives the leg Switchboard dials to
 * `sip:<username>@sip.telnyx.com` as an incoming WebRTC call, and plays the caller's audio in
 * `audio`. The incoming call carries the same Call Control id as the `ringing` event, which is how
 * the card and the WebRTC call are matched.
 */
export class TelnyxWebrtcAdapter implements AgentTelephony {
  readonly mode = 'telnyx' as const;
  private readonly incoming = new IncomingListeners();
  private readonly calls = new Map<string, Call>();
  private readonly waiters = new Map<string, ((call: Call) => void)[]>();
  /** Legs the api said are ringing here (SSE `ringing`), matched to invites by Call Control id. */
  private readonly announced = new Set<string>();
  private client: TelnyxRTC | undefined;

  constructor(
    private readonly loginToken: string,
    private readonly audio: HTMLAudioElement,
    /** Called when the far end or Telnyx ends a call, so the page need not wait for the api. */
    private readonly onEnded: (callControlId: string) => void,
  ) {}

  start(): Promise<void> {
    const client = new TelnyxWebRTC.TelnyxRTC({ login_token: this.loginToken });
    this.client = client;
    client.remoteElement = this.audio;
    client.on('telnyx.notification', (n: INotification) => this.onNotification(n));
    return new Promise<void>((resolve, reject) => {
      client.on('telnyx.ready', () => resolve());
      client.on('telnyx.error', (e: unknown) =>
        reject(new Error(`Telnyx WebRTC login failed: ${describe(e)}`)),
      );
      void client.connect();
    });
  }

  onIncoming(listener: (callControlId: string) => void): void {
    this.incoming.add(listener);
  }

  // The api's announcement alone cannot be answered here: the WebRTC invite must arrive too.
  ringing(id: string): void {
    this.announced.add(id);
  }

  async answer(id: string): Promise<void> {
    await (await this.call(id)).answer();
  }

  async decline(id: string): Promise<void> {
    await (await this.call(id)).hangup();
  }

  async hangup(id: string): Promise<void> {
    const call = this.calls.get(id);
    if (call) await call.hangup();
  }

  async setMuted(id: string, muted: boolean): Promise<void> {
    const call = await this.call(id);
    if (muted) call.muteAudio();
    else call.unmuteAudio();
  }

  async setHeld(id: string, held: boolean): Promise<void> {
    const call = await this.call(id);
    await (held ? call.hold() : call.unhold());
  }

  async dtmf(id: string, digits: string): Promise<void> {
    (await this.call(id)).dtmf(digits);
  }

  ended(id: string): void {
    this.calls.delete(id);
    this.announced.delete(id);
  }

  stop(): void {
    void this.client?.disconnect();
    this.client = undefined;
  }

  private onNotification(n: INotification): void {
    const call = n.type === 'callUpdate' ? n.call : undefined;
    if (!call) return;
    // Telnyx puts the leg's Call Control id on the invite; without it, the one ringing card's id.
    const id = call.telnyxIDs.telnyxCallControlId || this.idOfUnmatched(call);
    if (!id) return;
    // Direction is a const enum of the SDK's types, absent at run time: compare its string value.
    if (call.state === 'ringing' && String(call.direction) === 'inbound' && !this.calls.has(id)) {
      this.calls.set(id, call);
      for (const wake of this.waiters.get(id) ?? []) wake(call);
      this.waiters.delete(id);
      this.incoming.emit(id);
    } else if (call.state === 'hangup' || call.state === 'destroy') {
      if (this.calls.delete(id)) this.onEnded(id);
    }
  }

  /** An invite with no Call Control id belongs to the one announced leg still without an invite, if one. */
  private idOfUnmatched(call: Call): string | undefined {
    for (const [id, known] of this.calls) if (known === call) return id;
    const waiting = [...this.announced].filter((id) => !this.calls.has(id));
    return waiting.length === 1 ? waiting[0] : undefined;
  }

  /** The WebRTC call of a leg; the SSE `ringing` may arrive before the invite, so wait a little. */
  private call(id: string): Promise<Call> {
    const known = this.calls.get(id);
    if (known) return Promise.resolve(known);
    return new Promise<Call>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error('the call never reached this browser')),
        INVITE_WAIT_MS,
      );
      const list = this.waiters.get(id) ?? [];
      list.push((call) => {
        clearTimeout(timer);
        resolve(call);
      });
      this.waiters.set(id, list);
    });
  }
}

function describe(e: unknown): string {
  const err = (e as { error?: { message?: string }; message?: string } | undefined) ?? {};
  return err.error?.message ?? err.message ?? String(e);
}
