import {
  Controller,
  Headers,
  HttpCode,
  HttpStatus,
  Inject,
  Post,
  Req,
  type RawBodyRequest,
} from '@nestjs/common';
import type { Request } from 'express';
import type { KeyObject } from 'node:crypto';
import { routeCarrierEvent } from '@switchboard/contracts';
import type { SwitchboardConfig } from '@switchboard/config';
import { rootLogger } from '@switchboard/observability';
import { CarrierEventRepository } from '@switchboard/persistence';
import {
  WebhookPayloadError,
  isMessageEventType,
  parseInboundMessage,
  parseTelnyxWebhook,
  parseTranscriptionPiece,
  type TranscriptionPiece,
  publicKeyFromBase64,
  verifyTelnyxSignature,
} from '@switchboard/telephony';
import { ApiError } from '../common/api-error';
import { CONFIG } from '../common/tokens';
import { AgentCallObserver } from '../agent/agent-call-observer';
import { CallEventDelivery } from './call-event-delivery.service';
import { Public } from '../auth/auth.decorators';
import { InboundTextService } from '../messaging/inbound-text.service';
import { RecordingCopies } from '../recordings/recording-copies';
import { CallTranscripts } from '../scoring/call-transcripts';
import { ApiMetrics } from '../observability/api-metrics';
import { WebhookObservation } from '../observability/webhook-observation';
import { TelnyxWebhookAnswerView } from './telnyx-webhook.view';

/**
 * Telnyx Call Control webhooks. Verify → store once → signal the call's workflow → 200. Anything
 * that fails after verification answers 5xx so Telnyx delivers again; the store makes that safe.
 */
@Public()
@Controller('webhooks/telnyx')
export class TelnyxWebhookController {
  private readonly log = rootLogger().child({ component: 'TelnyxWebhook' });
  private readonly key: KeyObject | null;
  constructor(
    @Inject(CONFIG) cfg: SwitchboardConfig,
    private readonly events: CarrierEventRepository,
    private readonly delivery: CallEventDelivery,
    private readonly texts: InboundTextService,
    private readonly metrics: ApiMetrics,
    private readonly agentCalls: AgentCallObserver,
    private readonly recordings: RecordingCopies,
    private readonly transcripts: CallTranscripts,
  ) {
    this.key = cfg.telnyx.publicKey ? publicKeyFromBase64(cfg.telnyx.publicKey) : null;
  }

  @Post()
  @HttpCode(200)
  async receive(
    @Req() req: RawBodyRequest<Request>,
    @Headers('telnyx-signature-ed25519') signature?: string,
    @Headers('telnyx-timestamp') timestamp?: string,
  ): Promise<TelnyxWebhookAnswerView> {
    // Latency, error counts and the call ids on the log lines; the handling itself is below.
    const obs = new WebhookObservation(this.metrics, this.log, req);
    try {
      const answer = await this.handle(req, obs, signature, timestamp);
      obs.succeeded(answer.status);
      return answer;
    } catch (err) {
      obs.failed(err);
      throw err;
    }
  }

  private async handle(
    req: RawBodyRequest<Request>,
    obs: WebhookObservation,
    signature?: string,
    timestamp?: string,
  ): Promise<{ status: string }> {
    if (!this.key) {
      obs.stage('unconfigured');
      throw new ApiError(
        HttpStatus.SERVICE_UNAVAILABLE,
        'unavailable',
        'TELNYX_PUBLIC_KEY is not configured',
      );
    }
    const raw = req.rawBody;
    obs.stage('parse');
    if (!raw || raw.length === 0) {
      throw new ApiError(HttpStatus.BAD_REQUEST, 'bad_request', 'body must be a JSON webhook', [
        { field: 'body', message: 'missing' },
      ]);
    }
    obs.stage('signature');
    const check = verifyTelnyxSignature(raw, signature, timestamp, this.key);
    if (!check.ok) throw new ApiError(HttpStatus.UNAUTHORIZED, 'unauthorized', check.reason);

    let event;
    let text;
    let piece: TranscriptionPiece | undefined;
    obs.stage('parse');
    try {
      event = parseTelnyxWebhook(req.body);
      // Messaging events share the URL (one per messaging profile) but never reach a call workflow.
      if (event.type === 'message.received') text = parseInboundMessage(req.body);
      if (CallTranscripts.handles(event)) piece = parseTranscriptionPiece(req.body);
    } catch (err) {
      if (err instanceof WebhookPayloadError) {
        throw new ApiError(HttpStatus.BAD_REQUEST, 'bad_request', err.message, [
          { field: err.field, message: err.message },
        ]);
      }
      throw err;
    }

    const route = isMessageEventType(event.type) ? null : routeCarrierEvent(event);
    obs.event({ ...event, workflowId: route?.workflowId });
    obs.stage('store');
    const stored = await this.events.store({
      id: event.eventId,
      eventType: event.type,
      callControlId: event.callControlId || null,
      callSessionId: event.callSessionId ?? null,
      workflowId: route?.workflowId ?? null,
      occurredAt: event.occurredAt,
      payload: req.body,
    });
    if (stored.delivered) return { status: 'duplicate' };
    // Before the call hears of it, so the record it saves finds the recording's row.
    if (RecordingCopies.handles(event)) {
      obs.stage('recording');
      await this.recordings.saved(event, req.body, route?.workflowId ?? null);
    }
    if (piece) {
      obs.stage('transcript');
      await this.transcripts.received(event, piece, route?.workflowId ?? null);
    }
    obs.stage('signal');
    const result = text
      ? await this.texts.receive(text)
      : route?.signal
        ? await this.delivery.deliver(route, event)
        : 'stored';
    if (!text) {
      // Agents' screens are a view of the call: their failure must not make the carrier redeliver.
      await this.agentCalls
        .observe(event)
        .catch((err: unknown) => this.log.warn({ err, eventId: event.eventId }, 'agent push failed'));
    }
    obs.stage('store');
    await this.events.markDelivered(event.eventId);
    return { status: result };
  }
}
