import type {
  BlobStore,
  CallRecordRepository,
  CallRoutingRepository,
  CallScoringRepository,
  NotificationSecretRepository,
  PoolHoldRepository,
  PropertyResourcesRepository,
  RecordingRepository,
  WebhookRepository,
} from '@switchboard/persistence';
import type { CarrierRecordings, TelephonyPort } from '@switchboard/telephony';
import { createCallDataActivities, type CallDataSettings } from './call-data.activities';

export type { CallDataSettings };
import { createTelephonyActivities } from './telephony.activities';
import { createScoringActivities } from './scoring.activities';
import { createWebhookActivities, type EventPublisher } from './webhook.activities';
import { createRecordingActivities } from './recording.activities';
import { createCallLifecycleActivities } from './call-lifecycle.activities';

export { type EventPublisher } from './webhook.activities';
export { createRecordingActivities, recordingBlobKey } from './recording.activities';
export { createCallLifecycleActivities } from './call-lifecycle.activities';

export interface ActivityDeps {
  routing: CallRoutingRepository;
  records: CallRecordRepository;
  resources: PropertyResourcesRepository;
  /** Properties' notification signing secrets (voicemail notifications). */
  secrets: NotificationSecretRepository;
  /** Pool-number holds, which calls to pool numbers are attributed by. */
  holds?: PoolHoldRepository;
  scoring: CallScoringRepository;
  webhooks: WebhookRepository;
  /** Starts outbound webhook deliveries (the worker's WebhookPublisher). */
  publisher: EventPublisher;
  telephony: TelephonyPort;
  settings: CallDataSettings;
  /** Copies of carrier recordings: their rows, the store of their files, and the carrier's originals. */
  recordings: { repository: RecordingRepository; blobs: BlobStore; carrier: CarrierRecordings };
}

/** Every activity the call workflows use, bound to their dependencies. */
export function createActivities(deps: ActivityDeps) {
  const callData = createCallDataActivities(
    deps.routing,
    deps.records,
    deps.resources,
    deps.secrets,
    deps.settings,
    deps.holds,
  );
  const webhooks = createWebhookActivities(
    deps.webhooks,
    deps.records,
    deps.publisher,
    deps.settings.publicBaseUrl,
    { allowPrivateNetworks: deps.settings.allowPrivateReceivers ?? false },
  );
  return {
    ...createTelephonyActivities(deps.telephony),
    ...callData,
    ...createScoringActivities(deps.scoring),
    ...webhooks,
    ...createCallLifecycleActivities({ ...callData, ...webhooks }),
    ...createRecordingActivities(deps.recordings.repository, deps.recordings.blobs, deps.recordings.carrier),
  };
}

export type Activities = ReturnType<typeof createActivities>;
