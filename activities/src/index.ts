import type {
  BlobStore,
  CallRoutingRepository,
  NotificationSecretRepository,
  PoolHoldRepository,
  PropertyResourcesRepository,
  RecordingRepository,
  WebhookRepository,
} from '@switchboard/persistence';
import type { CarrierRecordings, TelephonyPort } from '@switchboard/telephony';
import { createCallDataActivities, type CallDataSettings } from './call-data.activities';
import { createCallRecordActivities, type CallRecordStores } from './call-record.activities';
import { createTelephonyActivities } from './telephony.activities';
import { createScoringActivities } from './scoring.activities';
import { createWebhookActivities, type EventPublisher } from './webhook.activities';
import { createRecordingActivities } from './recording.activities';
import { createCallLifecycleActivities } from './call-lifecycle.activities';
import {
  createConversionActivities,
  type ConversionAdapters,
  type ConversionDeliveryStarts,
} from './conversion.activities';
import { createErasureActivities, type ErasureStores } from './erasure.activities';
import { createRetentionActivities, type RetentionDeps } from './retention.activities';

export type { CallDataSettings, CallRecordStores };
export { saveFinishedCall } from './call-record.activities';
export type { RescoreBatch } from './scoring.activities';
export { type EventPublisher } from './webhook.activities';
export { createRecordingActivities, recordingBlobKey } from './recording.activities';
export { createCallLifecycleActivities } from './call-lifecycle.activities';
export {
  createConversionActivities,
  produceCallConversions,
  type ConversionAdapters,
  type ConversionDeliveryStarts,
} from './conversion.activities';
export type { SavedCall } from './call-record.activities';
export { createErasureActivities, type CallHistories, type ErasureStores } from './erasure.activities';
export {
  createRetentionActivities,
  RETENTION_BATCH,
  RECORDING_BATCH,
  type HistoryRetention,
  type RetentionDeps,
} from './retention.activities';

/** The repositories a finished call's record is saved to (records and scoring serve others too). */
export interface ActivityDeps extends CallRecordStores {
  routing: CallRoutingRepository;
  resources: PropertyResourcesRepository;
  /** Properties' notification signing secrets (voicemail notifications). */
  secrets: NotificationSecretRepository;
  /** Pool-number holds, which calls to pool numbers are attributed by. */
  holds?: PoolHoldRepository;
  webhooks: WebhookRepository;
  /** Starts outbound webhook deliveries (the worker's WebhookPublisher). */
  publisher: EventPublisher;
  telephony: TelephonyPort;
  settings: CallDataSettings;
  /** Copies of carrier recordings: their rows, the store of their files, and the carrier's originals. */
  recordings: { repository: RecordingRepository; blobs: BlobStore; carrier: CarrierRecordings };
  /** One adapter per ad platform (libs/ad-platforms), and what starts conversion deliveries. */
  conversionDelivery: { adapters: ConversionAdapters; starts: ConversionDeliveryStarts };
  /** Erasures of one person's data: their requests, the SQL, and the calls' Temporal executions. */
  erasure: ErasureStores;
  /** Retention runs: policies, runs, the purge SQL, and Temporal's history retention. */
  retention: RetentionDeps;
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
  const callRecord = createCallRecordActivities(deps, deps.conversionDelivery.starts);
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
    ...callRecord,
    ...createScoringActivities(
      deps.scoring,
      deps.transactions,
      deps.conversions,
      deps.conversionDelivery.starts,
    ),
    ...webhooks,
    ...createCallLifecycleActivities({ ...callData, ...callRecord, ...webhooks }),
    ...createRecordingActivities(deps.recordings.repository, deps.recordings.blobs, deps.recordings.carrier),
    ...createConversionActivities(deps.conversions, deps.conversionDelivery.adapters),
    ...createErasureActivities(deps.erasure),
    ...createRetentionActivities(deps.retention),
  };
}

export type Activities = ReturnType<typeof createActivities>;
