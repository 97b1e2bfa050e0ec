import type { CallScoringRepository, RescoreBatch } from '@switchboard/persistence';

/** Rescoring a property's calls after its rules changed, one batch per activity. */
export function createScoringActivities(scoring: CallScoringRepository) {
  return {
    async rescoreBatch(propertyId: string, version: number, afterId: string | null): Promise<RescoreBatch> {
      return scoring.rescoreBatch(propertyId, version, afterId);
    },
  };
}
