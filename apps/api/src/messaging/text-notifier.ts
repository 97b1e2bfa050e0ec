import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';

/** Waits before the 2nd, 3rd and 4th attempt. */
const RETRY_DELAYS_MS = [1_000, 10_000, 60_000];
const ATTEMPT_TIMEOUT_MS = 5_000;

/**
 * POSTs `text.received` events to a property's notifyWebhookUrl. Best effort, in process: the
 * webhook from the carrier is answered without waiting, and a failed delivery is retried 3 times
 * over about a minute with the same `Switchboard-Delivery` id (the message id), so receivers can
 * drop repeats. A receiver's 4xx (other than 408/429) is final. Pending retries die with the
 * process; durable delivery belongs to issue 6's webhook subscriptions.
 */
@Injectable()
export class TextNotifier implements OnModuleDestroy {
  private readonly log = new Logger('TextNotifier');
  private readonly timers = new Set<NodeJS.Timeout>();

  notify(url: string, deliveryId: string, event: unknown): void {
    void this.attempt(url, deliveryId, JSON.stringify(event), 0);
  }

  onModuleDestroy(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private async attempt(url: string, deliveryId: string, body: string, n: number): Promise<void> {
    let retry: boolean;
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'switchboard-delivery': deliveryId },
        body,
        signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
      });
      await res.arrayBuffer().catch(() => undefined);
      if (res.ok) return;
      retry = res.status >= 500 || res.status === 408 || res.status === 429;
    } catch {
      retry = true;
    }
    const delay = RETRY_DELAYS_MS[n];
    if (!retry || delay === undefined) {
      this.log.warn(`text.received ${deliveryId} not delivered to ${url}`);
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.attempt(url, deliveryId, body, n + 1);
    }, delay);
    timer.unref();
    this.timers.add(timer);
  }
}
