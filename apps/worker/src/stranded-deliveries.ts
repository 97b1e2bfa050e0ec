import type { Logger } from '@switchboard/observability';

/** What restarts deliveries whose workflow start was lost (WebhookPublisher, ConversionDeliveryStarter). */
export interface StrandedDeliveries {
  resumeStranded(olderThanSecs: number): Promise<number>;
}

/** How often the worker looks, and how long a delivery may wait for its workflow before it does. */
const SWEEP_EVERY_MS = 60_000;
const STRANDED_AFTER_SECS = 60;

/**
 * Every minute, starts the delivery workflows the api could not (Temporal was down when a text or
 * an email was announced, or when a conversion was produced): the delivery is stored, so nothing
 * is lost, only late. Every worker runs one per kind of delivery; starting a delivery twice is
 * refused by its workflow id, so they never send twice.
 */
export class StrandedDeliverySweeper {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly publisher: StrandedDeliveries,
    private readonly log: Logger,
    /** What is swept, for the log: "webhook" or "conversion". */
    private readonly what = 'webhook',
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      this.running ??= this.sweep().finally(() => (this.running = undefined));
    }, SWEEP_EVERY_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private async sweep(): Promise<void> {
    try {
      const started = await this.publisher.resumeStranded(STRANDED_AFTER_SECS);
      if (started > 0)
        this.log.warn({ started }, `started ${this.what} deliveries whose workflow was missing`);
    } catch (err) {
      // Temporal or the database still down: the next sweep tries again.
      this.log.warn({ err }, `could not sweep stranded ${this.what} deliveries`);
    }
  }
}
