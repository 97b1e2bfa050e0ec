import type { CallEngine } from './call-engine';
import type { CallLeg } from './call-leg';
import type { CallStore } from './call-store';

/**
 * A Telnyx credential's SIP address. A dial there rings a WebRTC client (a browser agent), so the
 * leg is driven by a person through the control API (`/sim/legs/{id}/…`) instead of a script.
 */
export const BROWSER_ENDPOINT = /^sip:[^@\s]+@sip\.telnyx\.com$/i;

export const isBrowserEndpoint = (to: string): boolean => BROWSER_ENDPOINT.test(to);

/** Spacing between the tones of one keypad entry, as for a scripted caller's presses. */
export const BROWSER_DTMF_GAP_MS = 100;
const DTMF = /^[0-9*#A-D]+$/i;

export type BrowserAction = 'answer' | 'reject' | 'hangup' | 'dtmf';
export const BROWSER_ACTIONS: readonly BrowserAction[] = ['answer', 'reject', 'hangup', 'dtmf'];

export class BrowserLegError extends Error {
  constructor(
    readonly status: 400 | 404 | 409,
    message: string,
  ) {
    super(message);
  }
}

/**
 * What the person at a WebRTC client does with their leg, with the webhooks Telnyx sends for it:
 * answering (`call.answered`, then the bridge the dial asked for), declining or hanging up
 * (`call.hangup`, source `callee`) and keypad presses (`call.dtmf.received` per digit).
 */
export class BrowserLegs {
  constructor(
    private readonly engine: CallEngine,
    private readonly store: CallStore,
  ) {}

  perform(callControlId: string, action: BrowserAction, body: Record<string, unknown>): CallLeg {
    const leg = this.store.leg(callControlId);
    if (!leg) throw new BrowserLegError(404, `no call leg ${callControlId}`);
    if (!leg.browser) {
      throw new BrowserLegError(
        409,
        `${callControlId} is not a browser leg (only dials to sip:<user>@sip.telnyx.com with no scripted agent are)`,
      );
    }
    let digits = '';
    if (action === 'dtmf') {
      if (typeof body.digits !== 'string' || !DTMF.test(body.digits))
        throw new BrowserLegError(400, 'digits: must be a non-empty string of DTMF digits (0-9 * # A-D)');
      digits = body.digits.toUpperCase();
    }
    // Timers already due (a ring timeout, say) happen before the person's action, as for API commands.
    leg.session.clock.runDue();
    leg.session.clock.atomically(() => this.apply(leg, action, digits));
    return leg;
  }

  private apply(leg: CallLeg, action: BrowserAction, digits: string): void {
    const ringing = leg.state === 'bridging';
    switch (action) {
      case 'answer':
        if (!ringing) throw new BrowserLegError(409, `cannot answer a leg in state ${leg.state}`);
        this.engine.answerOutgoing(leg);
        return;
      case 'reject':
        if (!ringing) throw new BrowserLegError(409, `cannot reject a leg in state ${leg.state}`);
        this.engine.hangup(leg, 'call_rejected', 'callee', '603');
        return;
      case 'hangup':
        if (!leg.alive) throw new BrowserLegError(409, 'the leg has already hung up');
        // Hanging up a ringing WebRTC call declines it.
        if (ringing) this.engine.hangup(leg, 'call_rejected', 'callee', '603');
        else this.engine.hangup(leg, 'normal_clearing', 'callee', '200');
        return;
      case 'dtmf':
        if (!leg.answered) throw new BrowserLegError(409, `cannot send DTMF on a leg in state ${leg.state}`);
        [...digits].forEach((digit, i) =>
          leg.schedule(i * BROWSER_DTMF_GAP_MS, () => this.engine.emit(leg, 'call.dtmf.received', { digit })),
        );
        return;
    }
  }
}
