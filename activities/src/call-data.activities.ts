import type { CallRecordInput, ResolvedCall } from '@switchboard/contracts';
import { buildCallerContext, type CallFlow } from '@switchboard/domain';
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
    async resolveCall(to: string, from?: string): Promise<ResolvedCall> {
      const route = await routing.findByNumber(to);
      if (!route) return { known: false };
      const priorCalls = from ? await routing.priorCalls(route.propertyId, from) : 0;
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
        defaultVoice: settings.defaultVoice,
        flow: route.flow
          ? { id: route.flow.id, version: route.flow.version, definition: route.flow.definition as CallFlow }
          : null,
        caller: buildCallerContext({ callerId: from, priorCalls, source: route.sourceName }),
      };
    },

    async saveCallRecord(record: CallRecordInput): Promise<void> {
      await records.saveFinished(record);
    },
  };
}
