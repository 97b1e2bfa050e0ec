import { Client } from 'pg';

/** PostgreSQL's limit on a NOTIFY payload is 8000 bytes; this leaves room for the envelope. */
export const MAX_NOTIFY_PAYLOAD_BYTES = 7800;

export class PayloadTooLarge extends Error {}

/**
 * A PostgreSQL LISTEN/NOTIFY channel: what one process publishes, every process listening on the
 * same database receives (itself included), so state pushed to browsers does not depend on which
 * api process a browser is connected to. Delivery is at most once and only to listeners connected
 * at that moment, which is what a push channel needs: a reconnecting page reloads its state.
 */
export class PgChannel {
  private listener: Client | null = null;
  private closed = false;
  private readonly handlers = new Set<(payload: string) => void>();

  constructor(
    private readonly databaseUrl: string,
    private readonly channel: string,
    private readonly onError: (err: unknown) => void = () => undefined,
  ) {
    if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`bad channel name: ${channel}`);
  }

  /** Starts listening; resolves once LISTEN is in place, so nothing published after it is missed. */
  async open(): Promise<void> {
    const client = new Client({ connectionString: this.databaseUrl });
    client.on('notification', (n) => {
      if (n.channel !== this.channel || n.payload === undefined) return;
      for (const h of this.handlers) h(n.payload);
    });
    // A lost connection (database restart, network) is re-established; events meanwhile are missed.
    client.on('error', (err) => {
      this.onError(err);
      void this.reopen();
    });
    await client.connect();
    await client.query(`LISTEN ${this.channel}`);
    this.listener = client;
  }

  private async reopen(): Promise<void> {
    const old = this.listener;
    this.listener = null;
    await old?.end().catch(() => undefined);
    for (let delayMs = 250; !this.closed; delayMs = Math.min(delayMs * 2, 10_000)) {
      try {
        await this.open();
        return;
      } catch (err) {
        this.onError(err);
        await new Promise((r) => setTimeout(r, delayMs));
      }
    }
  }

  onMessage(handler: (payload: string) => void): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  /** Sends through the listening connection, so publishing costs no pool connection. */
  async publish(payload: string): Promise<void> {
    if (Buffer.byteLength(payload) > MAX_NOTIFY_PAYLOAD_BYTES)
      throw new PayloadTooLarge(`notification of ${Buffer.byteLength(payload)} bytes on ${this.channel}`);
    if (!this.listener) throw new Error(`channel ${this.channel} is not open`);
    await this.listener.query('SELECT pg_notify($1, $2)', [this.channel, payload]);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.handlers.clear();
    await this.listener?.end().catch(() => undefined);
    this.listener = null;
  }
}
