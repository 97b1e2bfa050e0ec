import { Inject, Injectable, Logger } from '@nestjs/common';
import { scoreText, textTranscript } from '@switchboard/domain';
import {
  TextMessageRepository,
  TextRoutingRepository,
  TextScoringRepository,
  TrackingSourceRepository,
  Transactions,
  type TextConversation,
  type Tx,
} from '@switchboard/persistence';
import { MessagingError, type InboundMessageEvent, type MessagingPort } from '@switchboard/telephony';
import { OutboundWebhooks } from '../outbound-webhooks/outbound-webhooks.service';
import { MESSAGING } from './messaging.provider';
import { TEXT_ATTRIBUTION, type TextAttribution } from './text-attribution';
import { forwardText, keywordOf, keywordReply, type TextKeyword } from './text-keywords';
import { TextNotifier } from './text-notifier';
import { TextRoutingService } from './text-routing.service';
import { TextSender } from './text-sender';

export type InboundTextResult = 'routed' | 'duplicate' | 'unknown_number';

/**
 * An inbound text from the carrier: store it in its conversation, attribute it, honour STOP/HELP/
 * START, forward it and announce it. Everything but sending the announcements happens in one
 * transaction holding the message row (the text notification is stored in it, to be sent after),
 * so a redelivered webhook waits and then finds it routed; if forwarding hits a carrier outage the
 * transaction rolls back and the webhook's 5xx makes Telnyx deliver again.
 */
@Injectable()
export class InboundTextService {
  private readonly log = new Logger('InboundText');

  constructor(
    private readonly tx: Transactions,
    private readonly texts: TextMessageRepository,
    private readonly numbers: TextRoutingRepository,
    private readonly sources: TrackingSourceRepository,
    private readonly routing: TextRoutingService,
    private readonly sender: TextSender,
    private readonly notifier: TextNotifier,
    @Inject(MESSAGING) private readonly messaging: MessagingPort,
    @Inject(TEXT_ATTRIBUTION) private readonly attribution: TextAttribution,
    private readonly webhooks: OutboundWebhooks,
    private readonly scoring: TextScoringRepository,
  ) {}

  /** Scores the conversation with its new text by the property's rules, in the text's transaction. */
  private async score(conversationId: string, tx: Tx): Promise<void> {
    const t = await this.scoring.scoringOf(conversationId, tx);
    if (!t) return;
    const score = scoreText(t.rules, {
      transcript: textTranscript(t.bodies),
      firstTime: t.firstTime,
      source: t.source,
    });
    await this.scoring.writeScore(conversationId, score, tx);
  }

  async receive(e: InboundMessageEvent): Promise<InboundTextResult> {
    const number = await this.numbers.number(e.to);
    if (!number) {
      this.log.warn(`text to ${e.to}, which no property owns; kept only as a carrier event`);
      return 'unknown_number';
    }
    const { sourceId, sessionId } = await this.attribution.attribute({
      propertyId: number.propertyId,
      trackingNumberId: number.id,
      sourceId: number.sourceId,
      from: e.from,
      at: e.occurredAt,
    });
    const sourceName =
      sourceId === number.sourceId
        ? number.sourceName
        : ((await this.sources.find(number.propertyId, sourceId))?.name ?? '');
    const keyword = keywordOf(e.text);
    const routing = await this.routing.get(number.propertyId);

    const outcome = await this.tx.run(async (tx) => {
      const c = await this.texts.openConversation(
        {
          propertyId: number.propertyId,
          trackingNumberId: number.id,
          trackingNumber: e.to,
          externalNumber: e.from,
          sourceId,
          sourceName,
          sessionId,
          at: e.occurredAt,
        },
        tx,
      );
      const msg = await this.texts.storeInbound(
        c.id,
        {
          eventId: e.eventId,
          carrierId: e.messageId,
          body: e.text,
          kind: keyword ?? 'text',
          at: e.occurredAt,
        },
        tx,
      );
      if (msg.routed) return undefined;
      await this.score(c.id, tx);
      if (keyword) await this.honourKeyword(c, keyword, number.propertyName, tx);
      const forward = keyword ? null : await this.forward(routing.forwardTo, c, e.text);
      await this.texts.markRouted(
        msg.id,
        {
          forwardedTo: forward ? routing.forwardTo : null,
          forwardCarrierId: forward?.carrierId ?? null,
          forwardError: forward?.error ?? null,
        },
        tx,
      );
      const optedOut = keyword === 'stop' ? true : keyword === 'start' ? false : c.optedOut;
      const announcement = {
        type: 'text.received',
        id: msg.id,
        occurredAt: e.occurredAt,
        propertyId: number.propertyId,
        conversationId: c.id,
        trackingNumber: e.to,
        from: e.from,
        text: e.text,
        keyword,
        optedOut,
        source: { id: sourceId, name: sourceName },
        sessionId,
        forwardedTo: forward && !forward.error ? routing.forwardTo : null,
      };
      // Stored with the text, so it is sent (and retried, by any api process) exactly when the
      // text was routed, even if this process stops right after the commit.
      const notification = routing.notifyWebhookUrl
        ? await this.notifier.enqueue(
            {
              propertyId: number.propertyId,
              url: routing.notifyWebhookUrl,
              deliveryId: msg.id,
              event: announcement,
            },
            tx,
          )
        : null;
      return { messageId: msg.id, announcement, notification };
    });
    if (!outcome) return 'duplicate';

    const { messageId, announcement, notification } = outcome;
    // Not awaited: the carrier's webhook is answered without waiting for the receiver.
    if (notification) void this.notifier.send(notification);
    await this.webhooks.announce(number.propertyId, 'text.received', `text/${messageId}`, announcement);
    return 'routed';
  }

  /**
   * STOP: opted out, then one confirmation (the only message carriers allow after STOP). START:
   * opted in again, confirmed. HELP: the help text, whatever the opt-out state (carriers require it).
   */
  private async honourKeyword(
    c: TextConversation,
    keyword: TextKeyword,
    propertyName: string,
    tx: Tx,
  ): Promise<void> {
    if (keyword !== 'help') await this.texts.setOptedOut(c.id, keyword === 'stop', tx);
    await this.sender.send(c, 'auto_reply', keywordReply[keyword](propertyName), tx);
  }

  /** The copy for the office, sent from the tracking number so a reply goes back through us. */
  private async forward(
    to: string | null,
    c: TextConversation,
    text: string,
  ): Promise<{ carrierId: string | null; error: string | null } | null> {
    if (!to) return null;
    try {
      const sent = await this.messaging.send({
        from: c.trackingNumber,
        to,
        text: forwardText(c.externalNumber, c.sourceName, text),
      });
      return { carrierId: sent.carrierId, error: null };
    } catch (err) {
      if (err instanceof MessagingError && err.kind !== 'unavailable')
        return { carrierId: null, error: err.message };
      throw err;
    }
  }
}
