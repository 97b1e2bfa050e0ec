import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { Client } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { createRetentionActivities } from '@switchboard/activities';
import type { DataSource } from 'typeorm';
import { mediaSigningSecret, temporalConnectionOptions, type SwitchboardConfig } from '@switchboard/config';
import { FilesystemBlobStore } from '@switchboard/persistence';
import { TelnyxRecordings, TelnyxTelephony, telnyxAccount } from '@switchboard/telephony';
import { rootLogger } from '@switchboard/observability';
import { ensureRetentionSchedule } from '@switchboard/temporal';
import {
  adPlatformAdapters,
  createCallWorker,
  retentionDeps,
  workerConversionStarter,
  workerErasureStarter,
  workerWebhookPublisher,
} from './call-worker';
import { StrandedDeliverySweeper } from './stranded-deliveries';
import { startMetricsServer, type MetricsServer } from './observability/metrics-server';
import { workerMetrics } from './observability/worker-metrics';
import { CONFIG, DATA_SOURCE } from './tokens';

/** Owns the Temporal worker's life: start after boot, drain in-flight tasks on shutdown. */
@Injectable()
export class TemporalWorkerService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly log = new Logger('TemporalWorker');
  private connection?: NativeConnection;
  private worker?: Worker;
  private running?: Promise<void>;
  private metricsServer?: MetricsServer;
  private sweeper?: StrandedDeliverySweeper;
  private conversionSweeper?: StrandedDeliverySweeper;
  private erasureSweeper?: StrandedDeliverySweeper;

  constructor(
    @Inject(CONFIG) private readonly cfg: SwitchboardConfig,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { telnyx, temporal, calls, media, observability } = this.cfg;
    const account = telnyxAccount(telnyx);
    if (!account) throw new Error('TELNYX_API_KEY is not set (npm start sets it for the simulator)');
    this.connection = await NativeConnection.connect(temporalConnectionOptions(this.cfg));
    // One publisher for the call activities and the sweep of deliveries whose start was lost.
    const publisher = workerWebhookPublisher({
      connection: this.connection,
      namespace: temporal.namespace,
      taskQueue: temporal.taskQueue,
      dataSource: this.dataSource,
      webhooks: this.cfg.webhooks,
    });
    const conversionStarter = workerConversionStarter({
      connection: this.connection,
      namespace: temporal.namespace,
      taskQueue: temporal.taskQueue,
      dataSource: this.dataSource,
      conversions: this.cfg.conversions,
    });
    this.worker = await createCallWorker({
      publisher,
      conversionStarter,
      adPlatforms: adPlatformAdapters(this.cfg.adPlatforms),
      connection: this.connection,
      namespace: temporal.namespace,
      taskQueue: temporal.taskQueue,
      dataSource: this.dataSource,
      telephony: new TelnyxTelephony({ ...account, connectionId: telnyx.connectionId }),
      recordings: {
        blobs: new FilesystemBlobStore(media.dir),
        carrier: new TelnyxRecordings({
          ...account,
          allowPrivateNetworks: this.cfg.webhooks.allowPrivateNetworks,
        }),
      },
      settings: {
        ...calls,
        publicBaseUrl: media.publicBaseUrl,
        mediaSigningSecret: mediaSigningSecret(this.cfg),
        mediaUrlTtlSecs: media.urlTtlSecs,
        allowPrivateReceivers: this.cfg.webhooks.allowPrivateNetworks,
      },
      webhooks: this.cfg.webhooks,
      conversions: this.cfg.conversions,
      historyRetentionDays: this.cfg.retention.historyRetentionDays,
    });
    await this.setUpRetention();
    this.conversionSweeper = new StrandedDeliverySweeper(
      conversionStarter,
      rootLogger().child({ component: 'StrandedConversionDeliveries' }),
      'conversion',
    );
    this.conversionSweeper.start();
    this.sweeper = new StrandedDeliverySweeper(
      publisher,
      rootLogger().child({ component: 'StrandedDeliveries' }),
    );
    this.sweeper.start();
    this.erasureSweeper = new StrandedDeliverySweeper(
      workerErasureStarter({
        connection: this.connection,
        namespace: temporal.namespace,
        taskQueue: temporal.taskQueue,
        dataSource: this.dataSource,
      }),
      rootLogger().child({ component: 'StrandedErasures' }),
      'erasure',
    );
    this.erasureSweeper.start();
    this.running = this.worker.run().catch((err: unknown) => {
      this.log.error(`worker stopped: ${String(err)}`);
      process.exit(1);
    });
    if (observability.workerMetricsPort > 0) {
      // Metrics are not worth a worker that does not run: a taken port is logged, not fatal.
      this.metricsServer = await startMetricsServer({
        registry: workerMetrics().registry,
        port: observability.workerMetricsPort,
        host: observability.workerMetricsHost,
        token: observability.metricsToken,
      }).catch((err: unknown) => {
        this.log.warn(`metrics server not started: ${String(err)}`);
        return undefined;
      });
      if (this.metricsServer) this.log.log(`metrics on ${this.metricsServer.url}`);
    }
    this.log.log(`polling task queue "${temporal.taskQueue}" in namespace "${temporal.namespace}"`);
  }

  /**
   * The retention schedule (RETENTION_SCHEDULE) and Temporal's history retention, from the policies
   * as they are now (docs/privacy.md). Neither stops the worker: a namespace this key may not
   * change (a Temporal Cloud key without the right role) is logged, and runs try again.
   */
  private async setUpRetention(): Promise<void> {
    const { temporal, retention } = this.cfg;
    const connection = this.connection!;
    try {
      const client = new Client({ connection, namespace: temporal.namespace });
      const schedule = await ensureRetentionSchedule(client, {
        taskQueue: temporal.taskQueue,
        cron: retention.schedule,
      });
      this.log.log(`retention schedule: ${schedule} (${retention.schedule})`);
    } catch (err) {
      this.log.warn(`retention schedule not set: ${String(err)}`);
    }
    try {
      const days = await createRetentionActivities(
        retentionDeps({
          connection,
          namespace: temporal.namespace,
          dataSource: this.dataSource,
          historyRetentionDays: retention.historyRetentionDays,
        }),
      ).applyHistoryRetention();
      if (days !== null) this.log.log(`workflow history retention: ${days} days`);
    } catch (err) {
      this.log.warn(`workflow history retention not set: ${String(err)}`);
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.sweeper?.stop();
    await this.conversionSweeper?.stop();
    await this.erasureSweeper?.stop();
    if (this.worker && this.worker.getState() === 'RUNNING') this.worker.shutdown();
    await this.running;
    await this.connection?.close();
    await this.metricsServer?.close();
  }
}
