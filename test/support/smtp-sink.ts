import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface SunkMessage {
  from: string;
  to: string[];
  raw: string;
  /** Header values by lower-cased name (unfolded); the first of repeated headers. */
  headers: Record<string, string>;
}

/**
 * A real SMTP server on a random local port standing in for the outgoing mail service, as the
 * Telnyx simulator stands in for the carrier. It accepts every message and keeps it.
 */
export class SmtpSink {
  readonly messages: SunkMessage[] = [];
  private server: SMTPServer | null = null;
  port = 0;

  async start(port = 0): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, session, done) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          const head = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
          const headers: Record<string, string> = {};
          for (const line of head.split(/\r?\n/)) {
            const i = line.indexOf(':');
            const name = line.slice(0, i).toLowerCase();
            if (i > 0 && !(name in headers)) headers[name] = line.slice(i + 1).trim();
          }
          this.messages.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw,
            headers,
          });
          done();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.port = (server.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    const s = this.server;
    this.server = null;
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  }
}
