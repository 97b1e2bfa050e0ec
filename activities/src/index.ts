import type {
  CallRecordRepository,
  CallRoutingRepository,
  CallScoringRepository,
  PoolHoldRepository,
  PropertyResourcesRepository,
  WebhookRepository,
} from '@switchboard/persistence';
import type { TelephonyPort } from '@switchboard/telephony';
import { createCallDataActivities, type CallDataSettings } from './call-data.activities';

export type { CallDataSettings };
import { createTelephonyActivities } from './telephony.activities';
import { createScoringActivities } from './scoring.activities';
import { createWebhookActivities, type EventPublisher } from './webhook.activities';

export { webhookSignature, type EventPublisher } from './webhook.activities';

export interface ActivityDeps {
  routing: CallRoutingRepository;
  records: CallRecordRepository;
  resources: PropertyResourcesRepository;
  /** Pool-number holds, which calls to pool numbers are attributed by. */
  holds?: PoolHoldRepository;
  scoring: CallScoringRepository;
  webhooks: WebhookRepository;
  /** Starts outbound webhook deliveries (the worker's WebhookPublisher). */
  publisher: EventPublisher;
  telephony: TelephonyPort;
  settings: CallDataSettings;
}

/** Every activity the call workflows use, bound to their dependencies. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createTelephonyActivities(deps.telephony),
    ...createCallDataActivities(deps.routing, deps.records, deps.resources, deps.settings, deps.holds),
    ...createScoringActivities(deps.scoring),
    ...createWebhookActivities(deps.webhooks, deps.records, deps.publisher),
  };
}

export type Activities = ReturnType<typeof createActivities>;
