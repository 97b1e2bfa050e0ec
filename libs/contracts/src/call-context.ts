import type { CallFlow, CallerContext } from '@switchboard/domain';

/** What the resolve activity tells the workflow about a dialled tracking number. */
export type ResolvedCall =
  | { known: false }
  | {
      known: true;
      propertyId: string;
      propertyName: string;
      timeZone: string;
      trackingNumberId: string;
      sourceId: string;
      sourceName: string;
      forwardTo: string;
      greeting: { kind: 'tts'; text: string; voice: string } | { kind: 'audio'; url: string } | null;
      ringTimeoutSecs: number;
      defaultVoice: string;
      /** The number's call flow, snapshotted at call start: the call runs this version to its end. */
      flow: { id: string; version: number; definition: CallFlow } | null;
      /** What routing knows about the caller at call start. */
      caller: CallerContext;
    };

/** Returned by the currentStep query: where a live call is now. */
export interface CallProgress {
  step: string;
  outcome: string | null;
  path: { step: string; at: string; detail?: string }[];
}
