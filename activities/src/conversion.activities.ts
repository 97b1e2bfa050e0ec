import type {
  AdDestination,
  AdPlatform,
  ConversionAdapter,
  ConversionUpload,
} from '@switchboard/ad-platforms';
import type { ConversionAttempt } from '@switchboard/contracts';
import { conversionsToProduce, isE164 } from '@switchboard/domain';
import type { ConversionRepository, Tx } from '@switchboard/persistence';

/** The adapter of each platform (libs/ad-platforms); a platform without one has its deliveries rejected. */
export type ConversionAdapters = Partial<Record<AdPlatform, ConversionAdapter>>;

/** Starts deliveries' workflows (libs/temporal's ConversionDeliveryStarter in the worker). */
export interface ConversionDeliveryStarts {
  start(deliveryIds: readonly string[]): Promise<number>;
}

/**
 * Produces the conversions stored calls earn by their property's rules as they are now, with
 * their deliveries, in `tx`: once per rule and call, however often it runs (a retried save, a
 * rescore). Returns the calls' pending deliveries, whose workflows the caller starts after commit.
 */
export async function produceCallConversions(
  conversions: ConversionRepository,
  callIds: readonly string[],
  tx: Tx,
): Promise<string[]> {
  const deliveries: string[] = [];
  for (const lead of await conversions.callLeads(callIds, tx)) {
    const drafts = conversionsToProduce(lead.rules, lead.facts);
    if (drafts.length > 0) deliveries.push(...(await conversions.produce(lead, drafts, tx)));
  }
  return deliveries;
}

/** Sending conversions to the ad platforms: one attempt at one delivery, and giving up on one. */
export function createConversionActivities(conversions: ConversionRepository, adapters: ConversionAdapters) {
  return {
    /**
     * Uploads one delivery's conversion to its destination and records the platform's answer in
     * the delivery log. A delivery already final, or gone, is left as it is.
     */
    async attemptConversionDelivery(deliveryId: string): Promise<ConversionAttempt> {
      const d = await conversions.toSend(deliveryId);
      if (!d) return { status: 'skipped' };
      if (d.status === 'delivered') return { status: 'delivered' };
      if (d.status !== 'pending') return { status: 'skipped' };
      if (!d.destinationEnabled) {
        await conversions.markFailed(deliveryId, 'destination_disabled', 'the destination was turned off');
        return { status: 'skipped' };
      }
      const adapter = adapters[d.platform];
      if (!adapter) {
        const message = `no ${d.platform} adapter is configured in this worker`;
        await conversions.recordAttempt(deliveryId, { status: 'rejected', code: 'no_adapter', message });
        return { status: 'rejected', code: 'no_adapter' };
      }
      const c = d.conversion;
      const upload: ConversionUpload = {
        id: c.id,
        name: c.name,
        value: c.value,
        currency: c.currency,
        occurredAt: c.occurredAt.toISOString(),
        timeZone: d.timeZone,
        clickIds: c.clickIds,
        // A caller id that is not a number ("anonymous") is no user data.
        phone: c.phone && isE164(c.phone) ? c.phone : null,
        email: c.email,
        pageUrl: c.pageUrl,
      };
      const destination = { ...d.config, platform: d.platform } as AdDestination;
      const answer = await adapter.upload(destination, upload).catch((err: unknown) => ({
        status: 'retry' as const,
        code: 'network' as const,
        message: err instanceof Error ? err.message : String(err),
      }));
      switch (answer.status) {
        case 'accepted':
          await conversions.recordAttempt(deliveryId, { status: 'delivered', code: null, message: null });
          return { status: 'delivered' };
        case 'rejected':
          await conversions.recordAttempt(deliveryId, {
            status: 'rejected',
            code: answer.code,
            message: answer.message,
          });
          return { status: 'rejected', code: answer.code };
        case 'retry':
          await conversions.recordAttempt(deliveryId, {
            status: 'pending',
            code: answer.code,
            message: answer.message,
          });
          return {
            status: 'retry',
            code: answer.code,
            ...('retryAfterSeconds' in answer && answer.retryAfterSeconds !== undefined
              ? { retryAfterSeconds: answer.retryAfterSeconds }
              : {}),
          };
      }
    },

    /** Retrying ran out: failed, keeping the platform's last answer as the reason. */
    async markConversionDeliveryFailed(deliveryId: string): Promise<void> {
      await conversions.markFailed(deliveryId, null, null);
    },
  };
}
