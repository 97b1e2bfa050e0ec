import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiError } from '../common/api-error';
import { UuidParam } from '../common/uuid-param.pipe';
import { CreateWebhookDto, DeliveryListQuery, UpdateWebhookDto } from './dto';
import { OutboundWebhooks } from './outbound-webhooks.service';
import {
  CreatedWebhookSubscriptionView,
  RedeliveryView,
  WebhookDeliveryDetailView,
  WebhookDeliveryPage,
  WebhookSubscriptionList,
  WebhookSubscriptionView,
} from './outbound-webhooks.view';

const property = new UuidParam('propertyId');
const webhook = new UuidParam('webhookId');
const delivery = new UuidParam('deliveryId');

/** A property's webhook subscriptions and each one's delivery log. */
@Controller({ path: 'properties/:propertyId/webhooks', version: '1' })
export class WebhookSubscriptionsController {
  constructor(private readonly svc: OutboundWebhooks) {}

  /** The answer carries the signing `secret`, shown this once. */
  @Post()
  create(
    @Param('propertyId', property) p: string,
    @Body() dto: CreateWebhookDto,
  ): Promise<CreatedWebhookSubscriptionView> {
    // The repository's create always returns the secret (its type shares `secret?` with reads).
    return this.svc.repo.create(p, dto) as Promise<CreatedWebhookSubscriptionView>;
  }

  @Get()
  async list(@Param('propertyId', property) p: string): Promise<WebhookSubscriptionList> {
    return { items: await this.svc.repo.list(p) };
  }

  @Get(':webhookId')
  get(
    @Param('propertyId', property) p: string,
    @Param('webhookId', webhook) id: string,
  ): Promise<WebhookSubscriptionView> {
    return this.svc.subscription(p, id);
  }

  @Patch(':webhookId')
  async update(
    @Param('propertyId', property) p: string,
    @Param('webhookId', webhook) id: string,
    @Body() dto: UpdateWebhookDto,
  ): Promise<WebhookSubscriptionView> {
    const updated = await this.svc.repo.update(p, id, dto);
    if (!updated) throw ApiError.notFound('webhook', id);
    return updated;
  }

  @Delete(':webhookId')
  @HttpCode(204)
  async remove(@Param('propertyId', property) p: string, @Param('webhookId', webhook) id: string) {
    if (!(await this.svc.repo.remove(p, id))) throw ApiError.notFound('webhook', id);
  }

  /** Newest first; `status` narrows to pending, delivered or failed ones. */
  @Get(':webhookId/deliveries')
  async deliveries(
    @Param('propertyId', property) p: string,
    @Param('webhookId', webhook) id: string,
    @Query() q: DeliveryListQuery,
  ): Promise<WebhookDeliveryPage> {
    await this.svc.subscription(p, id);
    const page = await this.svc.repo.deliveries(p, id, q);
    return { ...page, limit: q.limit, offset: q.offset };
  }
}

@Controller({ path: 'properties/:propertyId/webhook-deliveries', version: '1' })
export class WebhookDeliveriesController {
  constructor(private readonly svc: OutboundWebhooks) {}

  /** One delivery: the exact body sent, and every attempt with the receiver's status. */
  @Get(':deliveryId')
  get(
    @Param('propertyId', property) p: string,
    @Param('deliveryId', delivery) id: string,
  ): Promise<WebhookDeliveryDetailView> {
    return this.svc.delivery(p, id);
  }

  /** Sends it again (same body and event id, fresh signature), retried like the first time. */
  @Post(':deliveryId/redeliver')
  @HttpCode(202)
  async redeliver(
    @Param('propertyId', property) p: string,
    @Param('deliveryId', delivery) id: string,
  ): Promise<RedeliveryView> {
    await this.svc.delivery(p, id);
    return { workflowId: await this.svc.publisher.redeliver(id) };
  }
}
