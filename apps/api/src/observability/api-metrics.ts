import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** Why a webhook was refused or failed; the label of `switchboard_webhook_errors_total`. */
export type WebhookErrorReason =
  'signature' | 'parse' | 'signal' | 'store' | 'recording' | 'transcript' | 'unconfigured' | 'other';

/**
 * The api's Prometheus metrics, in a registry of its own (not prom-client's global one): tests run
 * an api and a worker in one process, and each must serve only its own series.
 */
@Injectable()
export class ApiMetrics {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP requests by route template, method and status',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly webhookDuration = new Histogram({
    name: 'switchboard_webhook_duration_seconds',
    help: 'Telnyx webhook handling time (verify, store, signal) by event type and result',
    labelNames: ['event_type', 'result'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly webhookErrors = new Counter({
    name: 'switchboard_webhook_errors_total',
    help: 'Telnyx webhooks refused or failed, by reason (signature, parse, signal, store, unconfigured, other)',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });

  readonly callsStarted = new Counter({
    name: 'switchboard_calls_started_total',
    help: 'Call workflows started by an inbound call webhook',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }
}
