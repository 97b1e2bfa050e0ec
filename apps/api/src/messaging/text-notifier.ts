import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { SwitchboardConfig } from '@switchboard/config';
import { ReceiverRefused, requestReceiver, signedEventHeaders } from '@switchboard/outbound';
import { NotificationSecretRepository } from '@switchboard/persistence';
import { CONFIG } from '../common/tokens';

/** Waits before the 2nd, 3rd and 4th attempt. */
const RETRY_DELAYS_MS = [1_000, 10_000, 60_000];
const ATTEMPT_TIMEOUT_MS = 5_000;
const EVENT = 'text.received';

/** How a notification ended: `refused` (private address, not sent), `failed` after its attempts. */
export type TextNotification = 'delivered' | 'failed' | 'refused';

/**
 * POSTs `text.received` events to a property's notifyWebhookUrl, through the guarded sender
 * (@switchboard/outbound: no private addresses unless WEBHOOK_ALLOW_PRIVATE_NETWORKS, no redirects)
 * and signed with the property's notification secret like a webhook subscription's events. Best
 * effort, in process: the carrier's webhook is answered without waiting, and a failed delivery is
 * retried 3 times over about a minute with the same `Switchboard-Delivery` id (the message id), so
 * receivers can drop repeats. A receiver's 3xx or 4xx (other than 408/429) is final. Pending
 * retries die with the process; durable delivery is what webhook subscriptions (text.received) are for.
 */
@Injectable()
export class TextNotifier implements OnModuleDestroy {
  private readonly log = new Logger('TextNotifier');
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly allowPrivateNetworks: boolean;

  constructor(
    @Inject(CONFIG) cfg: SwitchboardConfig,
    private readonly secrets: NotificationSecretRepository,
  ) {
    this.allowPrivateNetworks = cfg.webhooks.allowPrivateNetworks;
  }

  /** Sends (and retries) one notification; the promise settles with how it ended, never rejects. */
  notify(propertyId: string, url: string, deliveryId: string, event: unknown): Promise<TextNotification> {
    return this.attempt(propertyId, url, deliveryId, JSON.stringify(event), 0);
  }

  onModuleDestroy(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private async attempt(
    propertyId: string,
    url: string,
    deliveryId: string,
    body: string,
    n: number,
  ): Promise<TextNotification> {
    let retry: boolean;
    let why: string;
    try {
      const secret = await this.secrets.secretOf(propertyId);
      if (secret === null) return 'failed';
      const { status } = await requestReceiver(url, {
        method: 'POST',
        headers: signedEventHeaders(secret, { type: EVENT, deliveryId, body }),
        body,
        timeoutMs: ATTEMPT_TIMEOUT_MS,
        allowPrivateNetworks: this.allowPrivateNetworks,
      });
      if (status >= 200 && status < 300) return 'delivered';
      why = `answered ${status}`;
      retry = status >= 500 || status === 408 || status === 429;
    } catch (err) {
      if (err instanceof ReceiverRefused) {
        this.log.warn(`${EVENT} ${deliveryId} not sent to ${url}: ${err.message}`);
        return 'refused';
      }
      why = err instanceof Error ? err.message : String(err);
      retry = true;
    }
    const delay = RETRY_DELAYS_MS[n];
    if (!retry || delay === undefined) {
      this.log.warn(`${EVENT} ${deliveryId} not delivered to ${url}: ${why}`);
      return 'failed';
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve(this.attempt(propertyId, url, deliveryId, body, n + 1));
      }, delay);
      timer.unref();
      this.timers.add(timer);
    });
  }
}
