import { createTransport, type Transporter } from 'nodemailer';

/** One message to send; addresses are plain or `"Name" <address>` strings. */
export interface OutgoingEmail {
  from: string;
  to: string;
  replyTo?: string;
  subject: string;
  text?: string;
  html?: string;
  headers?: Record<string, string>;
}

/**
 * How forwarded mail leaves Switchboard. SMTP is the one implementation; an HTTP provider's API
 * (SES, Postmark, …) would be another, bound to the EMAIL_SENDER token instead.
 */
export interface EmailSender {
  /** Resolves with the transport's message id once the message is accepted; rejects otherwise. */
  send(email: OutgoingEmail): Promise<{ messageId: string }>;
  close?(): void;
}

export const EMAIL_SENDER = Symbol('EMAIL_SENDER');

/**
 * SMTP through nodemailer. Timeouts are short on purpose: forwarding runs in the webhook's request,
 * and an unreachable server should become `forward_failed` (retryable) rather than hold the
 * provider's connection until it gives up.
 */
export class SmtpEmailSender implements EmailSender {
  private readonly transport: Transporter;

  constructor(smtpUrl: string) {
    const url = new URL(smtpUrl);
    this.transport = createTransport({
      host: url.hostname,
      port: url.port ? Number(url.port) : undefined,
      secure: url.protocol === 'smtps:',
      auth: url.username
        ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
        : undefined,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
  }

  async send(email: OutgoingEmail): Promise<{ messageId: string }> {
    const info = await this.transport.sendMail(email);
    return { messageId: String(info.messageId) };
  }

  close(): void {
    this.transport.close();
  }
}
