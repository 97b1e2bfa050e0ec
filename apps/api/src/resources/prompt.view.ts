import { ApiUnion } from '../openapi/union-schema';

/** Text read out by the carrier's text-to-speech. */
export class TtsPrompt {
  kind: 'tts';

  text: string;

  /** The carrier's voice to read it with; absent: the default voice. */
  voice?: string;

  /** The text's language, passed on to the carrier. */
  language?: string;
}

/** An audio file of the property, played by id. */
export class AudioPrompt {
  kind: 'audio';

  /** The id of one of the property's audio files. */
  audioId: string;
}

/** What the caller (or an agent) hears: text to speech, or an audio file of the property. */
export type Prompt = TtsPrompt | AudioPrompt;

/** A property holding a Prompt, for the document (see ApiUnion). */
export const ApiPrompt = (): PropertyDecorator => ApiUnion('kind', { tts: TtsPrompt, audio: AudioPrompt });
