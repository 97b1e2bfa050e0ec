import { HttpException } from '@nestjs/common';
import type { Logger } from '@switchboard/observability';
import type { ApiMetrics, WebhookErrorReason } from './api-metrics';
import { addRequestLogFields } from './request-log-fields';

/**
 * Latency, errors and the log line of one Telnyx webhook. The handler names the stage it is in
 * (`stage`), so an error thrown anywhere is counted under the right reason; once the event is
 * parsed its call ids go on every line about it, the request's own log line included.
 */
export class WebhookObservation {
  private readonly start = process.hrtime.bigint();
  private reason: WebhookErrorReason = 'other';
  private eventType = 'unknown';
  private fields: Record<string, unknown> = {};

  constructor(
    private readonly metrics: ApiMetrics,
    private readonly log: Logger,
    private readonly req: object,
  ) {}

  stage(reason: WebhookErrorReason): void {
    this.reason = reason;
  }

  event(e: {
    type: string;
    eventId: string;
    callSessionId?: string | null;
    callControlId?: string | null;
    workflowId?: string | null;
  }): void {
    this.eventType = e.type;
    this.fields = {
      eventType: e.type,
      eventId: e.eventId,
      ...(e.callSessionId ? { callSessionId: e.callSessionId } : {}),
      ...(e.callControlId ? { callControlId: e.callControlId } : {}),
      ...(e.workflowId ? { workflowId: e.workflowId } : {}),
    };
    addRequestLogFields(this.req, this.fields);
  }

  succeeded(result: string): void {
    this.observe(result);
    if (result === 'started') this.metrics.callsStarted.inc();
    const level = result === 'late' || result === 'duplicate' ? 'debug' : 'info';
    this.log[level]({ ...this.fields, result }, 'webhook handled');
  }

  failed(err: unknown): void {
    this.observe('error');
    this.metrics.webhookErrors.inc({ reason: this.reason });
    const status = err instanceof HttpException ? err.getStatus() : 500;
    const line = { ...this.fields, reason: this.reason, status, error: errorMessage(err) };
    // A refused delivery (bad signature or payload) is the sender's problem; a 5xx is ours.
    if (status >= 500) this.log.error(line, 'webhook failed');
    else this.log.warn(line, 'webhook refused');
  }

  private observe(result: string): void {
    const seconds = Number(process.hrtime.bigint() - this.start) / 1e9;
    this.metrics.webhookDuration.observe({ event_type: this.eventType, result }, seconds);
  }
}

function errorMessage(err: unknown): string {
  if (err instanceof HttpException) {
    const body = err.getResponse() as { error?: { message?: unknown } } | string;
    if (typeof body === 'object' && typeof body.error?.message === 'string') return body.error.message;
  }
  return err instanceof Error ? err.message : String(err);
}
