import { Injectable } from '@nestjs/common';
import { EventEmitter } from 'node:events';

/** What the /agent page is pushed (docs/AGENT.md, "Push channel"). */
export type AgentEventName = 'presence' | 'ringing' | 'answered_elsewhere' | 'connected' | 'ended';

export type AgentEventListener = (event: AgentEventName, data: Record<string, unknown>) => void;

/**
 * Fans agent events out to the push channels open in this api process. One api process serves the
 * agents of a deployment today; several would need a shared bus (PostgreSQL LISTEN/NOTIFY).
 */
@Injectable()
export class AgentEventHub {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  publish(propertyId: string, agentId: string, event: AgentEventName, data: Record<string, unknown>): void {
    this.emitter.emit(channel(propertyId, agentId), event, data);
  }

  subscribe(propertyId: string, agentId: string, listener: AgentEventListener): () => void {
    const name = channel(propertyId, agentId);
    this.emitter.on(name, listener);
    return () => this.emitter.off(name, listener);
  }
}

function channel(propertyId: string, agentId: string): string {
  return `${propertyId}/${agentId}`;
}
