import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import type { SwitchboardConfig } from '@switchboard/config';
import { isFinalAnswer, postToReceiver, ReceiverRefused, signedEventHeaders } from '@switchboard/outbound';
import {
  NotificationSecretRepository,
  TextNotificationRepository,
  type ClaimedTextNotification,
  type Tx,
} from '@switchboard/persistence';
import { CONFIG } from '../common/tokens';

/** Waits before the 2nd, 3rd and 4th attempt. */
const RETRY_DELAYS_MS = [1_000, 10_000, 60_000];
const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
const ATTEMPT_TIMEOUT_MS = 5_000;
/**
 * How long a claimed attempt is this process's alone. Well past the attempt's timeout, so a slow
 * receiver is not sent the same attempt by two processes; if the process dies mid-attempt, another
 * takes the notification this long after.
 */
const LEASE_SECS = 30;
/** How often each api process looks for due notifications it was not told about (another's). */
const SWEEP_EVERY_MS = 5_000;
/** Attempts one process has in flight at most; more wait for the next sweep. */
const MAX_IN_FLIGHT = 50;
const EVENT = 'text.received';

/**
 * How one attempt ended: `delivered`; `refused` (private address, not sent); `failed` (a final
 * answer, or the last attempt); `retrying` (the next attempt is stored, any process makes it).
 */
export type TextNotification = 'delivered' | 'failed' | 'refused' | 'retrying';

/**
 * POSTs `text.received` events to a property's notifyWebhookUrl, through the guarded sender
 * (@switchboard/outbound: no private addresses unless WEBHOOK_ALLOW_PRIVATE_NETWORKS, no redirects)
 * and signed with the property's notification secret like a webhook subscription's events. The
 * carrier's webhook is answered without waiting for the receiver. A failed delivery is retried 3
 * times over about a minute with the same `Switchboard-Delivery` id (the message id), so
 * receivers can drop repeats; a receiver's 3xx or 4xx (other than 408/429) is final.
 *
 * Durable: the notification is stored (PostgreSQL, `text_notifications`) in the transaction that
 * routes the text, and every api process sends what is due, so a retry outlives the process that
 * received the text (a restart, a crash, a scale-down). The receiving process makes the first
 * attempt at once and wakes itself for its own retries; the others find them on their sweep if it
 * is gone. At least once: a process that dies mid-attempt leaves a lease that runs out, and the
 * attempt is made again.
 */
@Injectable()
export class TextNotifier implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('TextNotifier');
  private readonly allowPrivateNetworks: boolean;
  private sweeper?: NodeJS.Timeout;
  /** Wake-ups for this process's own retries, so they go out on time rather than on the next sweep. */
  private readonly wakeUps = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private claiming?: Promise<void>;
  private claimAgain = false;
  private sweepFailing = false;
  private stopped = false;

  constructor(
    @Inject(CONFIG) cfg: SwitchboardConfig,
    private readonly secrets: NotificationSecretRepository,
    private readonly outbox: TextNotificationRepository,
  ) {
    this.allowPrivateNetworks = cfg.webhooks.allowPrivateNetworks;
  }

  /**
   * Stores a notification, its first attempt claimed by this process, in the caller's transaction:
   * it exists exactly when the text does. Send it with `send` once the transaction committed; if
   * this process dies first, another sends it when the claim runs out. Null when a notification
   * with this delivery id is already waiting.
   */
  enqueue(
    n: { propertyId: string; url: string; deliveryId: string; event: unknown },
    tx?: Tx,
  ): Promise<ClaimedTextNotification | null> {
    const { propertyId, url, deliveryId } = n;
    return this.outbox.enqueue(
      { propertyId, url, deliveryId, body: JSON.stringify(n.event) },
      LEASE_SECS,
      tx,
    );
  }

  /** Makes a claimed attempt; settles with how it ended, never rejects. */
  send(n: ClaimedTextNotification): Promise<TextNotification> {
    const p = this.attempt(n);
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
    return p;
  }

  /** Stores and sends one notification now (outside any transaction): `enqueue` then `send`. */
  async notify(
    propertyId: string,
    url: string,
    deliveryId: string,
    event: unknown,
  ): Promise<TextNotification | 'already_queued'> {
    const claimed = await this.enqueue({ propertyId, url, deliveryId, event });
    return claimed ? this.send(claimed) : 'already_queued';
  }

  onApplicationBootstrap(): void {
    this.sweeper = setInterval(() => this.sweepSoon(), SWEEP_EVERY_MS);
    this.sweeper.unref();
    // What was due while no process was up goes out now, not a sweep later.
    this.sweepSoon();
  }

  /** Stops looking for work and lets the attempts in flight finish (each ends within its timeout). */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearInterval(this.sweeper);
    for (const t of this.wakeUps) clearTimeout(t);
    this.wakeUps.clear();
    await this.claiming;
    await Promise.allSettled([...this.inFlight]);
  }

  /** Claims what is due (one claim at a time in this process; a request meanwhile claims again after). */
  private sweepSoon(): void {
    if (this.stopped) return;
    if (this.claiming) {
      this.claimAgain = true;
      return;
    }
    this.claiming = this.claimDue().finally(() => {
      this.claiming = undefined;
      if (this.claimAgain) {
        this.claimAgain = false;
        this.sweepSoon();
      }
    });
  }

  private async claimDue(): Promise<void> {
    try {
      const due = await this.outbox.claimDue(MAX_IN_FLIGHT - this.inFlight.size, LEASE_SECS);
      for (const n of due) void this.send(n);
      if (this.sweepFailing) this.log.log('text notification outbox reachable again');
      this.sweepFailing = false;
    } catch (err) {
      // The database is down: the notifications wait in it, the next sweep tries again. Said once.
      if (!this.sweepFailing) this.log.warn(`could not read the text notification outbox: ${String(err)}`);
      this.sweepFailing = true;
    }
  }

  private wakeIn(ms: number): void {
    if (this.stopped) return;
    const t = setTimeout(() => {
      this.wakeUps.delete(t);
      this.sweepSoon();
    }, ms);
    t.unref();
    this.wakeUps.add(t);
  }

  private async attempt(n: ClaimedTextNotification): Promise<TextNotification> {
    try {
      return await this.tryOnce(n);
    } catch (err) {
      // Only the outbox's own writes get here (the database went away mid-attempt): the claim runs
      // out and the attempt is made again, by this process or another.
      this.log.warn(`${EVENT} ${n.deliveryId}: could not record attempt ${n.attempt}: ${String(err)}`);
      return 'retrying';
    }
  }

  private async tryOnce(n: ClaimedTextNotification): Promise<TextNotification> {
    const { deliveryId, url, attempt } = n;
    if (attempt > MAX_ATTEMPTS) {
      // The last attempt's process died mid-attempt: the receiver may or may not have it.
      await this.outbox.finish(deliveryId, attempt);
      this.log.warn(`${EVENT} ${deliveryId} not delivered to ${url}: gave up after ${MAX_ATTEMPTS} attempts`);
      return 'failed';
    }
    let retry: boolean;
    let why: string;
    try {
      const secret = await this.secrets.secretOf(n.propertyId);
      if (secret === null) {
        await this.outbox.finish(deliveryId, attempt);
        return 'failed';
      }
      const status = await postToReceiver(url, {
        headers: signedEventHeaders(secret, { type: EVENT, deliveryId, body: n.body }),
        body: n.body,
        timeoutMs: ATTEMPT_TIMEOUT_MS,
        allowPrivateNetworks: this.allowPrivateNetworks,
      });
      if (status >= 200 && status < 300) {
        await this.outbox.finish(deliveryId, attempt);
        return 'delivered';
      }
      why = `answered ${status}`;
      retry = !isFinalAnswer(status);
    } catch (err) {
      if (err instanceof ReceiverRefused) {
        this.log.warn(`${EVENT} ${deliveryId} not sent to ${url}: ${err.message}`);
        await this.outbox.finish(deliveryId, attempt);
        return 'refused';
      }
      why = err instanceof Error ? err.message : String(err);
      retry = true;
    }
    const delay = RETRY_DELAYS_MS[attempt - 1];
    if (!retry || delay === undefined) {
      this.log.warn(`${EVENT} ${deliveryId} not delivered to ${url}: ${why}`);
      await this.outbox.finish(deliveryId, attempt);
      return 'failed';
    }
    if (await this.outbox.retryLater(deliveryId, attempt, delay, why)) this.wakeIn(delay);
    return 'retrying';
  }
}
