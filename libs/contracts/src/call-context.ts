import type { CallFlow, CallerContext, Prompt, Schedule } from '@switchboard/domain';
import type { CallAttribution } from './call-attribution';

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
      /**
       * The property's schedules by id, as of call start. Absent in calls that started before
       * schedules were stored (their schedule steps count as closed, as they did then).
       */
      schedules?: Record<string, Schedule>;
      /** Absolute URL of each of the property's audio files by id, for prompts that name one. */
      audioUrls?: Record<string, string>;
      /** Greeting of each voicemail box that has one, for voicemail steps without their own. */
      voicemailGreetings?: Record<string, Prompt>;
      /** The visit and caller history behind the call; absent in calls resolved before it existed. */
      attribution?: CallAttribution;
      /**
       * What the caller hears before anything is recorded: the flow's recording disclosure, else the
       * property's default, when the flow records (libs/domain recordingDisclosureOf). Null: none
       * applies; absent in calls resolved before disclosures existed.
       */
      recordingDisclosure?: Prompt | null;
    };

/** Asks for the ring plan of one ring-group step of a call (see PropertyResourcesRepository). */
export interface RingGroupRequest {
  /** Unique per ring attempt: a retry of the same attempt gets the same plan. */
  claimId: string;
  propertyId: string;
  ringGroupId: string;
}

/** What a voicemail box's notification carries (a `voicemail.received` event). */
export interface VoicemailNotice {
  propertyId: string;
  voicemailBoxId: string;
  callSessionId: string;
  from: string;
  to: string;
  sourceName: string | null;
  startedAt: string;
  /** The carrier's link, which the workflow learns; receivers are sent the key-guarded link to our copy. */
  recordingUrl: string;
}

/** Returned by the currentStep query: where a live call is now. */
export interface CallProgress {
  step: string;
  outcome: string | null;
  path: { step: string; at: string; detail?: string }[];
}
