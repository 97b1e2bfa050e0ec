import { IncomingListeners, type AgentTelephony } from './telephony';

/**
 * Simulator mode: there is no media and no signalling to this browser. The `ringing` event is the
 * call arriving, and the simulator's control API (`/sim/legs/{id}/answer|reject|hangup|dtmf`) does
 * what the agent's WebRTC client would; the simulator then sends Telnyx's webhooks for it.
 *
 * Mute and hold are local state only here: a WebRTC client mutes its own microphone and holds by
 * re-negotiating media, neither of which Telnyx reports as a webhook, so there is nothing for the
 * simulator to model.
 */
export class SimulatorAdapter implements AgentTelephony {
  readonly mode = 'simulator' as const;
  private readonly incoming = new IncomingListeners();

  constructor(private readonly simulatorUrl: string) {}

  async start(): Promise<void> {}

  onIncoming(listener: (callControlId: string) => void): void {
    this.incoming.add(listener);
  }

  ringing(callControlId: string): void {
    this.incoming.emit(callControlId);
  }

  answer(id: string): Promise<void> {
    return this.control(id, 'answer');
  }

  decline(id: string): Promise<void> {
    return this.control(id, 'reject');
  }

  hangup(id: string): Promise<void> {
    return this.control(id, 'hangup');
  }

  async setMuted(): Promise<void> {}

  async setHeld(): Promise<void> {}

  dtmf(id: string, digits: string): Promise<void> {
    return this.control(id, 'dtmf', { digits });
  }

  ended(): void {}

  stop(): void {}

  private async control(id: string, action: string, body: Record<string, unknown> = {}): Promise<void> {
    const base = this.simulatorUrl.replace(/\/+$/, '');
    const res = await fetch(`${base}/sim/legs/${encodeURIComponent(id)}/${action}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) {
      const err = (await res.json().catch(() => ({}))) as { error?: string };
      throw new Error(err.error ?? `simulator refused ${action}: HTTP ${res.status}`);
    }
  }
}
