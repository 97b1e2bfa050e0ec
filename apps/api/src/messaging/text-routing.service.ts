import { Injectable } from '@nestjs/common';
import { TextRoutingRepository } from '@switchboard/persistence';
import type { TextRoutingView } from './messaging.view';

/** A property's default text routing: where inbound texts are forwarded and announced. */
@Injectable()
export class TextRoutingService {
  constructor(private readonly routing: TextRoutingRepository) {}

  /** The property's routing (both null until set); the guard has already checked the property. */
  async get(propertyId: string): Promise<TextRoutingView> {
    return (await this.routing.get(propertyId)) ?? { forwardTo: null, notifyWebhookUrl: null };
  }

  /** Replaces the routing: an absent field turns that part off. */
  async set(propertyId: string, r: Partial<TextRoutingView>): Promise<TextRoutingView> {
    return this.routing.set(propertyId, {
      forwardTo: r.forwardTo ?? null,
      notifyWebhookUrl: r.notifyWebhookUrl ?? null,
    });
  }
}
