import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** A message the sink was sent, as `GET /sim/mail` lists it (`raw` aside). */
export interface SunkMessage {
  /** Envelope sender and recipients (MAIL FROM, RCPT TO). */
  from: string;
  to: string[];
  receivedAt: string;
  subject: string;
  /** Header values by lower-cased name (unfolded); the first of repeated headers. */
  headers: Record<string, string>;
  /** The first text/plain part, decoded (quoted-printable or base64); '' when there is none. */
  text: string;
  raw: string;
}

/**
 * A real SMTP server standing in for the outgoing mail service, as the simulator stands in for the
 * carrier: it accepts every message (no auth, no TLS: loopback only) and keeps it in memory, for
 * the development stack's `GET /sim/mail` and for the tests.
 */
export class MailSink {
  readonly messages: SunkMessage[] = [];
  private server: SMTPServer | null = null;
  port = 0;
  host = '127.0.0.1';

  /** `smtp://host:port`: what SMTP_URL must be for the api to forward here. */
  get url(): string {
    return `smtp://${this.host}:${this.port}`;
  }

  async start(port = 0, host = '127.0.0.1'): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, session, done) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          const { headers, body } = splitMessage(raw);
          this.messages.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            receivedAt: new Date().toISOString(),
            subject: headers.subject ?? '',
            headers,
            text: plainText(headers, body),
            raw,
          });
          done();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    this.server = server;
    this.host = host;
    this.port = (server.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    const s = this.server;
    this.server = null;
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  }
}

function splitMessage(raw: string): { headers: Record<string, string>; body: string } {
  const end = /\r?\n\r?\n/.exec(raw);
  const head = (end ? raw.slice(0, end.index) : raw).replace(/\r?\n[ \t]+/g, ' ');
  const headers: Record<string, string> = {};
  for (const line of head.split(/\r?\n/)) {
    const i = line.indexOf(':');
    const name = line.slice(0, i).toLowerCase();
    if (i > 0 && !(name in headers)) headers[name] = line.slice(i + 1).trim();
  }
  return { headers, body: end ? raw.slice(end.index + end[0].length) : '' };
}

/** The text a person would read: the first text/plain part of a (possibly multipart) message. */
function plainText(headers: Record<string, string>, body: string): string {
  const type = headers['content-type'] ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (/^multipart\//i.test(type) && boundary) {
    for (const part of body.split(`--${boundary}`).slice(1)) {
      const p = splitMessage(part.replace(/^\r?\n/, ''));
      const text = plainText(p.headers, p.body);
      if (text) return text;
    }
    return '';
  }
  if (!/^text\/plain/i.test(type)) return '';
  const encoding = (headers['content-transfer-encoding'] ?? '').toLowerCase();
  if (encoding === 'base64') return Buffer.from(body, 'base64').toString('utf8').trim();
  if (encoding === 'quoted-printable') {
    const bytes = body
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8').trim();
  }
  return body.trim();
}
