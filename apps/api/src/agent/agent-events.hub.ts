import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { EventEmitter } from 'node:events';
import { requireDatabaseUrl, type SwitchboardConfig } from '@switchboard/config';
import { PgChannel } from '@switchboard/persistence';
import { CONFIG } from '../common/tokens';

/** What the /agent page is pushed (docs/AGENT.md, "Push channel"). */
export type AgentEventName = 'presence' | 'ringing' | 'answered_elsewhere' | 'connected' | 'ended';

export type AgentEventListener = (event: AgentEventName, data: Record<string, unknown>) => void;

interface Envelope {
  p: string;
  a: string;
  e: AgentEventName;
  d: Record<string, unknown>;
}

/**
 * Fans agent events out to the push channels open in every api process. An event may be noticed in
 * one process (the carrier's webhook landed there) while the agent's page is connected to another,
 * so events travel through PostgreSQL (LISTEN/NOTIFY on `agent_events`) and each process hands them
 * to the pages connected to it, itself included. Order is kept: one connection sends them all.
 */
@Injectable()
export class AgentEventHub implements OnModuleInit, OnModuleDestroy {
  private readonly emitter = new EventEmitter().setMaxListeners(0);
  private readonly log = new Logger('AgentEvents');
  private readonly bus: PgChannel;

  constructor(@Inject(CONFIG) cfg: SwitchboardConfig) {
    this.bus = new PgChannel(requireDatabaseUrl(cfg), 'agent_events', (err) =>
      this.log.warn(`agent event channel: ${String(err)}`),
    );
    this.bus.onMessage((payload) => {
      const m = JSON.parse(payload) as Envelope;
      this.emitter.emit(channel(m.p, m.a), m.e, m.d);
    });
  }

  async onModuleInit(): Promise<void> {
    await this.bus.open();
  }

  async onModuleDestroy(): Promise<void> {
    await this.bus.close();
  }

  publish(propertyId: string, agentId: string, event: AgentEventName, data: Record<string, unknown>): void {
    const envelope: Envelope = { p: propertyId, a: agentId, e: event, d: data };
    this.bus.publish(JSON.stringify(envelope)).catch((err: unknown) => {
      // The database is unreachable (or the event too large): pages on this process still get it.
      this.log.warn(`agent event ${event} delivered in this process only: ${String(err)}`);
      this.emitter.emit(channel(propertyId, agentId), event, data);
    });
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
