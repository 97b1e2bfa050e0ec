import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { SwitchboardConfig } from '@switchboard/config';
import { EmailRepository, type EmailRow, type ForwardStatus } from '@switchboard/persistence';
import { CONFIG } from '../common/tokens';
import { EMAIL_SENDER, type EmailSender, type OutgoingEmail } from './email-sender';

/** Errors are stored for the admin to read; a transport's may be long. */
const MAX_ERROR_CHARS = 1000;

/** A send that never reported back (the process died) may be claimed again after this. */
const STALE_SENDING_SECS = 300;

/** The forwarded copy: the source in the subject so the office sees where it came from. */
export function forwardedCopy(e: EmailRow, from: string, to: string): OutgoingEmail {
  return {
    from,
    to,
    replyTo: e.from,
    subject: `[${e.sourceName}] ${e.subject}`,
    ...(e.text !== null ? { text: e.text } : {}),
    ...(e.html !== null ? { html: e.html } : {}),
    ...(e.text === null && e.html === null ? { text: '' } : {}),
    headers: {
      'X-Switchboard-Email-Id': e.id,
      'X-Switchboard-Source': e.sourceName,
      'X-Original-To': e.recipient,
    },
  };
}

/**
 * Sends a stored message to its property's destination. Runs after the message's row is
 * committed, so a crash or a failed send never loses the message: it stays `forward_failed`
 * (or `no_destination` while the property has no routing) and `POST …/emails/{id}/forward`
 * sends it again. There is no automatic retry.
 */
@Injectable()
export class EmailForwarding implements OnApplicationShutdown {
  private readonly log = new Logger('EmailForwarding');

  constructor(
    private readonly store: EmailRepository,
    @Inject(EMAIL_SENDER) private readonly sender: EmailSender,
    @Inject(CONFIG) private readonly cfg: SwitchboardConfig,
  ) {}

  /** The status the message ends in; null when another request is sending it right now. */
  async forward(email: EmailRow): Promise<ForwardStatus | null> {
    if (!(await this.store.claim(email.id, STALE_SENDING_SECS))) return null;
    const routing = await this.store.routing(email.propertyId);
    if (!routing) {
      await this.store.finish(email.id, {
        status: 'no_destination',
        to: null,
        error: 'the property has no email routing (PUT …/email-routing)',
      });
      return 'no_destination';
    }
    try {
      await this.sender.send(forwardedCopy(email, this.cfg.email.from, routing.forwardTo));
    } catch (err) {
      const error = (err instanceof Error ? err.message : String(err)).slice(0, MAX_ERROR_CHARS);
      this.log.warn(`forwarding email ${email.id} failed: ${error}`);
      await this.store.finish(email.id, { status: 'forward_failed', to: routing.forwardTo, error });
      return 'forward_failed';
    }
    await this.store.finish(email.id, { status: 'forwarded', to: routing.forwardTo });
    return 'forwarded';
  }

  onApplicationShutdown(): void {
    this.sender.close?.();
  }
}
