/**
 * What the page needs from a softphone, whichever carries the audio: the simulator (no media; its
 * control API plays the agent's side) or Telnyx WebRTC (a real audio leg in this browser). Legs are
 * named by their Call Control id, the `callControlId` of the `ringing` event.
 */
export interface AgentTelephony {
  readonly mode: 'simulator' | 'telnyx';
  /** Connects (logs the WebRTC client in); resolves once calls can ring here. */
  start(): Promise<void>;
  /**
   * A leg can be answered here now: in simulator mode as soon as the api says it rings, with
   * WebRTC once the client has the incoming call too. `onIncoming` hears both.
   */
  onIncoming(listener: (callControlId: string) => void): void;
  /** The api announced a ringing leg (SSE `ringing`). */
  ringing(callControlId: string): void;
  answer(callControlId: string): Promise<void>;
  decline(callControlId: string): Promise<void>;
  hangup(callControlId: string): Promise<void>;
  setMuted(callControlId: string, muted: boolean): Promise<void>;
  setHeld(callControlId: string, held: boolean): Promise<void>;
  dtmf(callControlId: string, digits: string): Promise<void>;
  /** The leg ended (SSE `ended`, or the other side hung up): forget it. */
  ended(callControlId: string): void;
  stop(): void;
}

/** Listeners of the incoming notification, shared by both adapters. */
export class IncomingListeners {
  private readonly listeners: ((callControlId: string) => void)[] = [];

  add(listener: (callControlId: string) => void): void {
    this.listeners.push(listener);
  }

  emit(callControlId: string): void {
    for (const l of this.listeners) l(callControlId);
  }
}
