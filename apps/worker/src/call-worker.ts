import { Client } from '@temporalio/client';
import { Worker, type NativeConnection, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import {
  createActivities,
  type RetentionDeps,
  type CallDataSettings,
  type CallRecordStores,
  type ConversionAdapters,
} from '@switchboard/activities';
import { ALL_CALL_SEARCH_ATTRIBUTES } from '@switchboard/contracts';
import { createConversionAdapters } from '@switchboard/ad-platforms';
import {
  DEFAULT_CONVERSION_DELIVERY,
  DEFAULT_WEBHOOK_DELIVERY,
  type AdPlatformSettings,
  type ConversionDeliverySettings,
  type WebhookDeliverySettings,
} from '@switchboard/config';
import {
  CallRecordRepository,
  CallRollupRepository,
  CallRoutingRepository,
  CallScoringRepository,
  ConversionRepository,
  CallTranscriptRepository,
  NotificationSecretRepository,
  PropertyResourcesRepository,
  PoolHoldRepository,
  RecordingRepository,
  RetentionPolicyRepository,
  RetentionPurgeRepository,
  RetentionRunRepository,
  Transactions,
  VoicemailMessageRepository,
  WebhookRepository,
  ErasureRepository,
  PrivacyRequestRepository,
  type BlobStore,
} from '@switchboard/persistence';
import { rootLogger } from '@switchboard/observability';
import type { CarrierRecordings, TelephonyPort } from '@switchboard/telephony';
import {
  bundleCallWorkflows,
  ConversionDeliveryStarter,
  ensureSearchAttributes,
  NamespaceHistoryRetention,
  WebhookPublisher,
  ErasureStarter,
  TemporalCallHistories,
} from '@switchboard/temporal';
import { activityObserver } from './observability/activity-observer';
import { workerMetrics, type WorkerMetrics } from './observability/worker-metrics';

export interface CallWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  dataSource: DataSource;
  telephony: TelephonyPort;
  /** Where copies of carrier recordings go (the api's MEDIA_DIR), and the carrier they come from. */
  recordings: { blobs: BlobStore; carrier: CarrierRecordings };
  settings: CallDataSettings;
  /** Retries of outbound webhooks the worker starts (call events). Absent: the documented defaults. */
  webhooks?: WebhookDeliverySettings;
  /** Starts outbound webhook deliveries; absent: one over this worker's connection (`webhooks` retries). */
  publisher?: WebhookPublisher;
  /** Retries of conversion deliveries to the ad platforms. Absent: the documented defaults. */
  conversions?: ConversionDeliverySettings;
  /** Starts conversion deliveries; absent: one over this worker's connection (`conversions` retries). */
  conversionStarter?: ConversionDeliveryStarter;
  /** The ad platforms' adapters conversions are uploaded with; absent: none (deliveries are rejected). */
  adPlatforms?: ConversionAdapters;
  /** A bundle built once and shared (tests build one per run; the worker builds at start). */
  bundle?: WorkflowBundleWithSourceMap;
  /** Where call and activity metrics go; the process's shared set (served on /metrics) by default. */
  metrics?: WorkerMetrics;
  /** TEMPORAL_HISTORY_RETENTION_DAYS: the namespace's history retention when no account has a callerData period. */
  historyRetentionDays?: number;
}

/** A Temporal worker for call workflows with the real activities. Used by the worker app and tests. */
/** The ad platforms' adapters on the configured endpoints (the local fake under `npm start` and tests). */
export function adPlatformAdapters(s: AdPlatformSettings): ConversionAdapters {
  return createConversionAdapters({
    googleAdsBaseUrl: s.googleAdsUrl,
    ga4BaseUrl: s.ga4Url,
    metaBaseUrl: s.metaUrl,
    allowPrivateNetworks: s.allowPrivateNetworks,
  });
}

export async function createCallWorker(o: CallWorkerOptions): Promise<Worker> {
  await ensureSearchAttributes(o.connection, o.namespace, ALL_CALL_SEARCH_ATTRIBUTES);
  const webhooks = new WebhookRepository(o.dataSource);
  const activities = createActivities({
    ...callRecordStores(o.dataSource),
    routing: new CallRoutingRepository(o.dataSource),
    resources: new PropertyResourcesRepository(o.dataSource),
    secrets: new NotificationSecretRepository(o.dataSource),
    holds: new PoolHoldRepository(o.dataSource),
    webhooks,
    publisher: o.publisher ?? workerWebhookPublisher(o),
    telephony: o.telephony,
    settings: o.settings,
    recordings: { ...o.recordings, repository: new RecordingRepository(o.dataSource) },
    conversionDelivery: {
      adapters: o.adPlatforms ?? {},
      starts: o.conversionStarter ?? workerConversionStarter(o),
    },
    erasure: {
      requests: new PrivacyRequestRepository(o.dataSource),
      erasure: new ErasureRepository(o.dataSource),
      transactions: new Transactions(o.dataSource),
      histories: new TemporalCallHistories(new Client({ connection: o.connection, namespace: o.namespace })),
    },
    retention: retentionDeps(o),
  });
  return Worker.create({
    connection: o.connection,
    namespace: o.namespace,
    taskQueue: o.taskQueue,
    workflowBundle: o.bundle ?? (await bundleCallWorkflows()),
    activities,
    interceptors: { activity: [activityObserver(o.metrics ?? workerMetrics(), () => rootLogger())] },
  });
}

/** What saving a finished call's record writes to (the saveCallRecord activity; tests save records with it). */
export function callRecordStores(ds: DataSource): CallRecordStores {
  return {
    transactions: new Transactions(ds),
    records: new CallRecordRepository(ds),
    rollup: new CallRollupRepository(ds),
    voicemail: new VoicemailMessageRepository(ds),
    scoring: new CallScoringRepository(ds),
    conversions: new ConversionRepository(ds),
    transcripts: new CallTranscriptRepository(ds),
  };
}

/** What retention runs read and write, and the namespace whose history retention they set. */
export function retentionDeps(
  o: Pick<CallWorkerOptions, 'connection' | 'namespace' | 'dataSource' | 'historyRetentionDays'>,
): RetentionDeps {
  return {
    policies: new RetentionPolicyRepository(o.dataSource),
    runs: new RetentionRunRepository(o.dataSource),
    purge: new RetentionPurgeRepository(o.dataSource),
    history: new NamespaceHistoryRetention(o.connection, o.namespace),
    historyFallbackDays: o.historyRetentionDays,
  };
}

/** Call events start their delivery workflows through the worker's own connection. */
export function workerWebhookPublisher(
  o: Pick<CallWorkerOptions, 'connection' | 'namespace' | 'taskQueue' | 'dataSource' | 'webhooks'>,
): WebhookPublisher {
  const client = new Client({ connection: o.connection, namespace: o.namespace });
  return new WebhookPublisher(
    client,
    o.taskQueue,
    new WebhookRepository(o.dataSource),
    o.webhooks ?? DEFAULT_WEBHOOK_DELIVERY,
  );
}

/** Conversion deliveries (call saves, rescores) start their workflows through the worker's own connection. */
export function workerConversionStarter(
  o: Pick<CallWorkerOptions, 'connection' | 'namespace' | 'taskQueue' | 'dataSource' | 'conversions'>,
): ConversionDeliveryStarter {
  const client = new Client({ connection: o.connection, namespace: o.namespace });
  return new ConversionDeliveryStarter(
    client,
    o.taskQueue,
    new ConversionRepository(o.dataSource),
    o.conversions ?? DEFAULT_CONVERSION_DELIVERY,
  );
}

/** Erasures whose workflow start the api lost are started by the worker's sweep through its connection. */
export function workerErasureStarter(
  o: Pick<CallWorkerOptions, 'connection' | 'namespace' | 'taskQueue' | 'dataSource'>,
): ErasureStarter {
  const client = new Client({ connection: o.connection, namespace: o.namespace });
  return new ErasureStarter(client, o.taskQueue, new PrivacyRequestRepository(o.dataSource));
}
