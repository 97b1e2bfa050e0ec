import { AgentApi, AgentApiError } from './agent-api';
import type { LegEvent, MeReply, Presence, RecentCall, RingingEvent, SettablePresence } from './contract';
import { byId, formatPhone, h, show } from './dom';
import { inCallRows, screenPopRows } from './screen-pop';
import { SimulatorAdapter } from './simulator-adapter';
import type { AgentTelephony } from './telephony';
import { TelnyxWebrtcAdapter } from './telnyx-webrtc-adapter';

const TOKEN_KEY = 'switchboard.agentToken';
const RECENT_REFRESH_AFTER_ENDED_MS = [1500, 5000];
const SETTABLE: SettablePresence[] = ['available', 'away', 'offline'];
const PRESENCE_LABEL: Record<Presence, string> = {
  available: 'Available',
  away: 'Away',
  on_call: 'On a call',
  offline: 'Offline',
};
const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];

interface ActiveCall {
  id: string;
  party: string;
  /** The caller's screen pop, kept for the whole conversation (none for a click-to-call). */
  pop: RingingEvent | undefined;
  connectedAt: number;
  muted: boolean;
  held: boolean;
  digits: string;
  /** The call's recording: null when its flow does not record (no pause control then). */
  recording: 'recording' | 'paused' | null;
  /** A pause or resume is on its way: the control waits for its answer. */
  recordingBusy: boolean;
}

/** The whole page: sign-in, presence, the incoming card, the call in progress, dialer and history. */
class AgentApp {
  private readonly api = new AgentApi(localStorage.getItem(TOKEN_KEY));
  private telephony: AgentTelephony | undefined;
  private events: EventSource | undefined;
  private readonly ringing = new Map<string, RingingEvent>();
  /** Legs the softphone can answer now (simulator: at once; WebRTC: once the invite arrived). */
  private readonly answerable = new Set<string>();
  private active: ActiveCall | undefined;
  /** The number this page is calling out to, until that call connects or fails. */
  private outbound: { to: string } | undefined;
  private timer: number | undefined;
  private presence: Presence = 'offline';
  /** Whether the property has tracking numbers to call out from. */
  private canDial = false;

  async boot(): Promise<void> {
    byId('sign-out').addEventListener('click', () => void this.signOut());
    byId('dialer').addEventListener('submit', (e) => {
      e.preventDefault();
      void this.dial();
    });
    const code = new URLSearchParams(location.search).get('code');
    if (code) {
      // The code is single-use: drop it from the address bar (and history) whatever happens.
      history.replaceState(null, '', location.pathname);
      try {
        const session = await this.api.signIn(code);
        localStorage.setItem(TOKEN_KEY, session.token);
      } catch (err) {
        return this.signedOut(
          err instanceof AgentApiError && err.status === 401
            ? 'This sign-in link is invalid, used or expired. Ask your admin for a new one.'
            : `Could not sign in: ${message(err)}`,
        );
      }
    }
    if (!this.api.signedIn) return this.signedOut('Open the sign-in link your admin sent you.');
    await this.openDesk();
  }

  private async openDesk(): Promise<void> {
    let me: MeReply;
    try {
      me = await this.api.me();
    } catch (err) {
      if (err instanceof AgentApiError && err.status === 401) {
        localStorage.removeItem(TOKEN_KEY);
        return this.signedOut('Your session has ended. Open a new sign-in link.');
      }
      return this.signedOut(`Could not load your desk: ${message(err)}`);
    }
    byId('agent-name').textContent = me.agent.name;
    byId('property-name').textContent = me.agent.propertyName;
    this.renderCallerIds(me);
    this.setPresence(me.agent.presence);
    show(byId('signed-out'), false);
    show(byId('desk'), true);
    this.listen();
    void this.loadRecent();
    await this.startTelephony();
  }

  private async startTelephony(): Promise<void> {
    const status = byId('phone-status');
    try {
      const t = await this.api.telephony();
      if (t.mode === 'simulator') {
        this.telephony = new SimulatorAdapter(t.simulatorUrl);
      } else {
        await loadScript('/agent/vendor/telnyx-webrtc.js');
        this.telephony = new TelnyxWebrtcAdapter(t.loginToken, byId<HTMLAudioElement>('remote-audio'), (id) =>
          this.onEnded({ callControlId: id }),
        );
      }
      this.telephony.onIncoming((id) => this.onAnswerable(id));
      status.textContent = 'Phone connecting…';
      await this.telephony.start();
      status.textContent = t.mode === 'simulator' ? 'Phone: simulator' : 'Phone: ready';
      // Calls may have rung while the phone was connecting.
      for (const id of this.ringing.keys()) this.telephony.ringing(id);
    } catch (err) {
      status.textContent = `Phone unavailable: ${message(err)}`;
      status.classList.add('error');
    }
  }

  private listen(): void {
    const es = new EventSource(this.api.eventsUrl());
    this.events = es;
    const on = <T>(name: string, handle: (data: T) => void) =>
      es.addEventListener(name, (e) => handle(JSON.parse((e as MessageEvent<string>).data) as T));
    on<{ presence: Presence }>('presence', (d) => this.setPresence(d.presence));
    on<RingingEvent>('ringing', (d) => this.onRinging(d));
    on<LegEvent>('answered_elsewhere', (d) => this.dropCard(d.callControlId));
    on<LegEvent>('connected', (d) => this.onConnected(d));
    on<LegEvent>('ended', (d) => this.onEnded(d));
    es.addEventListener('error', () => {
      // EventSource retries by itself; it gives up (CLOSED) when the api refuses the token.
      if (es.readyState === EventSource.CLOSED) void this.checkSession();
    });
  }

  private async checkSession(): Promise<void> {
    try {
      await this.api.me();
      setTimeout(() => this.events === undefined || this.listen(), 2000);
    } catch (err) {
      if (err instanceof AgentApiError && err.status === 401) {
        this.teardown();
        localStorage.removeItem(TOKEN_KEY);
        this.signedOut('Your session has ended. Open a new sign-in link.');
      }
    }
  }

  // --- presence -------------------------------------------------------------------------------

  private setPresence(p: Presence): void {
    this.presence = p;
    this.renderControls();
    const badge = byId('presence-now');
    badge.textContent = PRESENCE_LABEL[p];
    badge.className = `badge presence-${p}`;
  }

  private get onCall(): boolean {
    return this.presence === 'on_call' || this.active !== undefined;
  }

  /**
   * Presence buttons (the current one pressed; "On a call" shown while it lasts) and the dialer:
   * neither can be used during a call, which sets presence back itself when it ends.
   */
  private renderControls(): void {
    const busy = this.onCall;
    const shown: Presence[] = this.presence === 'on_call' ? [...SETTABLE, 'on_call'] : SETTABLE;
    byId('presence').replaceChildren(
      ...shown.map((value) =>
        h(
          'button',
          {
            type: 'button',
            class: `presence-${value}`,
            'aria-pressed': String(this.presence === value),
            disabled: busy,
            title: busy ? 'Presence changes when the call ends' : undefined,
            onclick: () => value !== 'on_call' && void this.choosePresence(value),
          },
          PRESENCE_LABEL[value],
        ),
      ),
    );
    byId<HTMLButtonElement>('dial').disabled = busy || !this.canDial;
    byId<HTMLInputElement>('dial-to').disabled = busy;
    byId<HTMLSelectElement>('caller-id').disabled = busy;
  }

  private async choosePresence(p: SettablePresence): Promise<void> {
    try {
      this.setPresence(await this.api.setPresence(p));
    } catch (err) {
      this.flash(`Could not change presence: ${message(err)}`);
    }
  }

  // --- incoming -------------------------------------------------------------------------------

  private onRinging(r: RingingEvent): void {
    this.ringing.set(r.callControlId, r);
    this.telephony?.ringing(r.callControlId);
    // Our own click-to-call ringing us first: answering it is what the click meant.
    if (r.outbound && this.outbound) void this.answer(r.callControlId);
    else this.renderCards();
  }

  private onAnswerable(id: string): void {
    this.answerable.add(id);
    this.renderCards();
  }

  private renderCards(): void {
    const box = byId('incoming');
    const cards = [...this.ringing.values()].map((r) => {
      const ready = this.answerable.has(r.callControlId);
      return h(
        'article',
        { class: 'card incoming-card', 'data-call': r.callControlId },
        r.outbound
          ? h('h2', {}, 'Your outbound call is ringing you')
          : h('h2', {}, 'Incoming call ', h('span', { class: 'caller' }, formatPhone(r.from))),
        r.outbound
          ? null
          : h(
              'dl',
              { class: 'screen-pop' },
              ...screenPopRows(r).flatMap(([label, value]) => [h('dt', {}, label), h('dd', {}, value)]),
            ),
        h(
          'div',
          { class: 'actions' },
          h(
            'button',
            {
              type: 'button',
              class: 'answer',
              disabled: !ready,
              onclick: () => void this.answer(r.callControlId),
            },
            ready ? 'Answer' : 'Connecting audio…',
          ),
          h(
            'button',
            { type: 'button', class: 'decline', onclick: () => void this.decline(r.callControlId) },
            'Decline',
          ),
        ),
      );
    });
    box.replaceChildren(...cards);
    show(box, cards.length > 0);
  }

  private dropCard(id: string): void {
    this.ringing.delete(id);
    this.answerable.delete(id);
    this.renderCards();
  }

  private async answer(id: string): Promise<void> {
    const button = document.querySelector<HTMLButtonElement>(`[data-call="${CSS.escape(id)}"] .answer`);
    if (button) {
      button.disabled = true;
      button.textContent = 'Answering…';
    }
    try {
      await this.telephony?.answer(id);
    } catch (err) {
      this.flash(`Could not answer: ${message(err)}`);
      this.dropCard(id);
    }
  }

  private async decline(id: string): Promise<void> {
    this.dropCard(id);
    try {
      await this.telephony?.decline(id);
    } catch (err) {
      this.flash(`Could not decline: ${message(err)}`);
    }
  }

  // --- in call ---------------------------------------------------------------------------------

  private onConnected({ callControlId: id }: LegEvent): void {
    const r = this.ringing.get(id);
    // An outbound leg's `from` is our own tracking number: the party is the number we dialled.
    const party =
      r && !r.outbound
        ? formatPhone(r.from)
        : this.outbound
          ? formatPhone(this.outbound.to)
          : 'your outbound call';
    this.outbound = undefined;
    byId('dial-status').textContent = '';
    this.dropCard(id);
    const pop = r && !r.outbound ? r : undefined;
    this.active = {
      id,
      party,
      pop,
      connectedAt: Date.now(),
      muted: false,
      held: false,
      digits: '',
      recording: pop?.recording === true ? 'recording' : null,
      recordingBusy: false,
    };
    this.renderCall();
    this.renderControls();
    window.clearInterval(this.timer);
    this.timer = window.setInterval(() => this.renderClock(), 1000);
  }

  private onEnded({ callControlId: id }: LegEvent): void {
    const rang = this.ringing.get(id);
    this.dropCard(id);
    this.telephony?.ended(id);
    if (rang?.outbound) {
      // A click-to-call that never connected (the callee did not answer) ends here.
      this.outbound = undefined;
      byId('dial-status').textContent = '';
    }
    if (this.active?.id === id) {
      this.active = undefined;
      window.clearInterval(this.timer);
      this.renderCall();
      this.renderControls();
    }
    // The call's record is written by its workflow as the call finishes, a moment after the leg.
    void this.loadRecent();
    for (const ms of RECENT_REFRESH_AFTER_ENDED_MS) setTimeout(() => void this.loadRecent(), ms);
  }

  private renderCall(): void {
    const box = byId('in-call');
    const call = this.active;
    show(box, call !== undefined);
    if (!call) return box.replaceChildren();
    const toggle = (label: string, pressed: boolean, run: () => void) =>
      h('button', { type: 'button', 'aria-pressed': String(pressed), onclick: run }, label);
    // Who is on the line stays in view for the whole conversation.
    const pop = call.pop
      ? [
          h(
            'dl',
            { class: 'screen-pop' },
            ...inCallRows(call.pop).flatMap(([label, value]) => [h('dt', {}, label), h('dd', {}, value)]),
          ),
        ]
      : [];
    box.replaceChildren(
      h('h2', {}, 'On a call with ', h('span', { class: 'party' }, call.party)),
      h('p', { class: 'clock', id: 'call-clock' }, clock(call.connectedAt)),
      ...pop,
      h('p', { class: 'note', hidden: !call.held }, 'On hold'),
      h(
        'p',
        {
          class: `recording-state recording-${call.recording ?? 'off'}`,
          role: 'status',
          hidden: call.recording === null,
        },
        call.recording === 'paused'
          ? 'Recording paused'
          : call.recording === 'recording'
            ? 'This call is recorded'
            : '',
      ),
      h(
        'p',
        { class: 'muted', hidden: this.telephony?.mode !== 'simulator' },
        'Simulator: no audio; mute and hold change nothing on the call.',
      ),
      h(
        'div',
        { class: 'actions' },
        toggle(call.muted ? 'Unmute' : 'Mute', call.muted, () => void this.toggleMute()),
        toggle(call.held ? 'Resume' : 'Hold', call.held, () => void this.toggleHold()),
        call.recording === null
          ? null
          : h(
              'button',
              {
                type: 'button',
                class: 'recording-control',
                'aria-pressed': String(call.recording === 'paused'),
                disabled: call.recordingBusy,
                onclick: () => void this.toggleRecording(),
              },
              call.recording === 'paused' ? 'Resume recording' : 'Pause recording',
            ),
        h('button', { type: 'button', class: 'hangup', onclick: () => void this.hangup() }, 'Hang up'),
      ),
      h(
        'div',
        { class: 'keypad', role: 'group', 'aria-label': 'Keypad' },
        ...KEYS.map((k) => h('button', { type: 'button', onclick: () => void this.press(k) }, k)),
      ),
      h('p', { class: 'digits', id: 'dtmf-sent' }, call.digits),
    );
  }

  private renderClock(): void {
    const el = document.getElementById('call-clock');
    if (el && this.active) el.textContent = clock(this.active.connectedAt);
  }

  private async toggleMute(): Promise<void> {
    const call = this.active;
    if (!call) return;
    await this.act(() => this.telephony?.setMuted(call.id, !call.muted), 'mute');
    call.muted = !call.muted;
    this.renderCall();
  }

  private async toggleHold(): Promise<void> {
    const call = this.active;
    if (!call) return;
    await this.act(() => this.telephony?.setHeld(call.id, !call.held), 'hold');
    call.held = !call.held;
    this.renderCall();
  }

  /** Pauses the call's recording (a card number read aloud), or resumes it; the api says where it stands. */
  private async toggleRecording(): Promise<void> {
    const call = this.active;
    if (!call || call.recording === null || call.recordingBusy) return;
    const action = call.recording === 'paused' ? 'resume' : 'pause';
    call.recordingBusy = true;
    this.renderCall();
    try {
      call.recording = (await this.api.recording(action)).state;
    } catch (err) {
      this.flash(`Could not ${action} the recording: ${message(err)}`);
    } finally {
      call.recordingBusy = false;
      if (this.active === call) this.renderCall();
    }
  }

  private async press(key: string): Promise<void> {
    const call = this.active;
    if (!call) return;
    call.digits += key;
    byId('dtmf-sent').textContent = call.digits;
    await this.act(() => this.telephony?.dtmf(call.id, key), 'send the tone');
  }

  private async hangup(): Promise<void> {
    const call = this.active;
    if (call) await this.act(() => this.telephony?.hangup(call.id), 'hang up');
  }

  // --- dialer and history ----------------------------------------------------------------------

  private renderCallerIds(me: MeReply): void {
    const select = byId<HTMLSelectElement>('caller-id');
    select.replaceChildren(
      ...me.trackingNumbers.map((n) =>
        h(
          'option',
          { value: n.number },
          `${formatPhone(n.number)}${n.sourceName ? ` · ${n.sourceName}` : ''}`,
        ),
      ),
    );
    this.canDial = me.trackingNumbers.length > 0;
    this.renderControls();
    if (me.trackingNumbers.length === 0) byId('dial-status').textContent = 'No tracking number to call from.';
  }

  private async dial(): Promise<void> {
    const to = normalizeDialled(byId<HTMLInputElement>('dial-to').value);
    const callerId = byId<HTMLSelectElement>('caller-id').value;
    const status = byId('dial-status');
    if (!to) {
      status.textContent = 'Enter a number like +1 312 555 0142.';
      return;
    }
    status.textContent = `Calling ${formatPhone(to)}… your phone rings first.`;
    this.outbound = { to };
    try {
      await this.api.placeCall(to, callerId);
    } catch (err) {
      this.outbound = undefined;
      status.textContent = `Could not call: ${message(err)}`;
    }
  }

  private async loadRecent(): Promise<void> {
    let calls: RecentCall[];
    try {
      calls = await this.api.recentCalls(20);
    } catch (err) {
      byId('recent-status').textContent = `Could not load recent calls: ${message(err)}`;
      return;
    }
    byId('recent-status').textContent = calls.length ? '' : 'No calls yet.';
    byId('recent-body').replaceChildren(
      ...calls.map((c) =>
        h(
          'tr',
          { 'data-call-id': c.callId },
          h('td', {}, new Date(c.startedAt).toLocaleString()),
          h('td', { class: 'direction' }, c.direction === 'inbound' ? 'In' : 'Out'),
          h('td', { class: 'party' }, formatPhone(c.direction === 'inbound' ? c.from : c.to)),
          h('td', { class: 'tracking' }, formatPhone(c.trackingNumber)),
          // An outbound call's tracking number is only its caller ID: its source is not where
          // this call came from.
          h('td', { class: 'source' }, c.direction === 'inbound' ? (c.source ?? '') : ''),
          h('td', { class: 'outcome' }, c.outcome ?? ''),
          h('td', {}, c.talkSecs === null || c.talkSecs === undefined ? '' : `${c.talkSecs}s`),
        ),
      ),
    );
  }

  // --- session ---------------------------------------------------------------------------------

  private async signOut(): Promise<void> {
    try {
      await this.api.signOut();
    } catch {
      // Signed out locally either way; the session expires on its own.
    }
    localStorage.removeItem(TOKEN_KEY);
    this.teardown();
    this.signedOut('Signed out.');
  }

  private teardown(): void {
    this.events?.close();
    this.events = undefined;
    this.telephony?.stop();
    this.telephony = undefined;
    window.clearInterval(this.timer);
  }

  private signedOut(text: string): void {
    byId('signed-out-message').textContent = text;
    show(byId('desk'), false);
    show(byId('signed-out'), true);
  }

  private async act(run: () => Promise<void> | undefined, what: string): Promise<void> {
    try {
      await run();
    } catch (err) {
      this.flash(`Could not ${what}: ${message(err)}`);
    }
  }

  private flash(text: string): void {
    const el = byId('flash');
    el.textContent = text;
    show(el, true);
    setTimeout(() => el.textContent === text && show(el, false), 6000);
  }
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function clock(since: number): string {
  const s = Math.max(0, Math.floor((Date.now() - since) / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** What agents type: "312 555 0142", "(312) 555-0142", "+44 20…" → E.164, US by default. */
export function normalizeDialled(input: string): string | null {
  const plus = input.trim().startsWith('+');
  const digits = input.replace(/\D/g, '');
  if (plus) return digits.length >= 8 && digits.length <= 15 ? `+${digits}` : null;
  if (digits.length === 10) return `+1${digits}`;
  if (digits.length === 11 && digits.startsWith('1')) return `+${digits}`;
  return null;
}

function loadScript(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const el = h('script', { src });
    el.addEventListener('load', () => resolve());
    el.addEventListener('error', () => reject(new Error(`could not load ${src}`)));
    document.head.append(el);
  });
}

export function start(): void {
  void new AgentApp().boot();
}
