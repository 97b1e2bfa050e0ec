import type { CallRecordInput, ResolvedCall } from '@switchboard/contracts';
import type { CallRecordRepository, CallRoutingRepository } from '@switchboard/persistence';

export interface CallDataSettings {
  ringTimeoutSecs: number;
  defaultVoice: string;
}

/** Database reads and writes of a call: what to do with a dialled number, and the final record. */
export function createCallDataActivities(
  routing: CallRoutingRepository,
  records: CallRecordRepository,
  settings: CallDataSettings,
) {
  return {
    async resolveCall(to: string): Promise<ResolvedCall> {
      const route = await routing.findByNumber(to);
      if (!route) return { known: false };
      const greeting = route.greetingAudioUrl
        ? ({ kind: 'audio', url: route.greetingAudioUrl } as const)
        : route.greetingText
          ? ({ kind: 'tts', text: route.greetingText, voice: settings.defaultVoice } as const)
          : null;
      return {
        known: true,
        propertyId: route.propertyId,
        propertyName: route.propertyName,
        timeZone: route.timeZone,
        trackingNumberId: route.trackingNumberId,
        sourceId: route.sourceId,
        sourceName: route.sourceName,
        forwardTo: route.forwardTo,
        greeting,
        ringTimeoutSecs: settings.ringTimeoutSecs,
      };
    },

    async saveCallRecord(record: CallRecordInput): Promise<void> {
      await records.saveFinished(record);
    },
  };
}
