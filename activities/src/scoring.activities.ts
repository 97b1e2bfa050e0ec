import { scoreCall } from '@switchboard/domain';
import type { CallScoringRepository, ConversionRepository, Transactions } from '@switchboard/persistence';
import { produceCallConversions, type ConversionDeliveryStarts } from './conversion.activities';

/** Calls a rescore reads and writes in one activity. */
const BATCH_SIZE = 500;

export interface RescoreBatch {
  scored: number;
  /** The last call id of the batch: where the next batch starts. */
  lastId: string | null;
  /** The rules changed again: a newer rescore owns the property now. */
  superseded: boolean;
}

/** Rescoring a property's calls after its rules changed, one batch per activity. */
export function createScoringActivities(
  scoring: CallScoringRepository,
  transactions: Transactions,
  conversions: ConversionRepository,
  conversionStarts: ConversionDeliveryStarts,
) {
  return {
    /**
     * Rescores the next of the property's rule-scored calls not yet at `version`, in id order after
     * `afterId` (null: from the start, which also catches calls saved behind the cursor). A call
     * whose new lead status a conversion rule asks for earns its conversion here.
     */
    async rescoreBatch(propertyId: string, version: number, afterId: string | null): Promise<RescoreBatch> {
      const { result, deliveries } = await transactions.run(async (tx) => {
        const batch = await scoring.unscoredCalls(propertyId, version, afterId, BATCH_SIZE, tx);
        if (!batch) return { result: { scored: 0, lastId: null, superseded: true }, deliveries: [] };
        await scoring.writeScores(
          version,
          batch.calls.map((c) => ({ id: c.id, score: scoreCall(batch.rules, c.call) })),
          tx,
        );
        const ids = batch.calls.map((c) => c.id);
        return {
          result: { scored: batch.calls.length, lastId: batch.calls.at(-1)?.id ?? null, superseded: false },
          deliveries: await produceCallConversions(conversions, ids, tx),
        };
      });
      await conversionStarts.start(deliveries);
      return result;
    },
  };
}
