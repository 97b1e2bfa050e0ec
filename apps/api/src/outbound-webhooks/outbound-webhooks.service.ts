import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import type { SwitchboardConfig } from '@switchboard/config';
import type { WebhookEventType } from '@switchboard/contracts';
import { WebhookRepository } from '@switchboard/persistence';
import { WebhookPublisher } from '@switchboard/temporal';
import { ApiError } from '../common/api-error';
import { CONFIG, TEMPORAL_CLIENT } from '../common/tokens';

/** The api's side of outbound webhooks: subscriptions, the delivery log, and publishing events. */
@Injectable()
export class OutboundWebhooks {
  private readonly log = new Logger('OutboundWebhooks');
  readonly publisher: WebhookPublisher;

  constructor(
    readonly repo: WebhookRepository,
    @Inject(TEMPORAL_CLIENT) client: Client,
    @Inject(CONFIG) cfg: SwitchboardConfig,
  ) {
    this.publisher = new WebhookPublisher(client, cfg.temporal.taskQueue, this.repo, cfg.webhooks);
  }

  async subscription(propertyId: string, id: string) {
    const found = await this.repo.get(propertyId, id);
    if (!found) throw ApiError.notFound('webhook', id);
    return found;
  }

  async delivery(propertyId: string, id: string) {
    const found = await this.repo.delivery(propertyId, id);
    if (!found) throw ApiError.notFound('webhook delivery', id);
    return found;
  }

  /**
   * Publishes an event the api received (texts, emails) after it is stored. The event is already
   * safe in our database, so a failure to reach Temporal is logged rather than failing the
   * carrier's or provider's webhook (which would make them deliver a duplicate).
   */
  async announce(
    propertyId: string,
    type: WebhookEventType,
    eventId: string,
    data: Record<string, unknown>,
  ): Promise<void> {
    try {
      await this.publisher.publish(propertyId, type, eventId, data);
    } catch (err) {
      this.log.error(`could not publish ${type} ${eventId}: ${String(err)}`);
    }
  }
}
