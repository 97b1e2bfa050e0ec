/**
 * What the caller hears. Audio files are referenced by id: the workflow resolves the id to a URL
 * through an activity, so flows stay valid when storage moves.
 */
export type Prompt = TtsPrompt | AudioPrompt;

export interface TtsPrompt {
  readonly kind: 'tts';
  readonly text: string;
  readonly voice?: string;
  readonly language?: string;
}

export interface AudioPrompt {
  readonly kind: 'audio';
  readonly audioId: string;
}
