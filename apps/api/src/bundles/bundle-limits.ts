import { AUDIO_JSON_LIMIT } from '../resources/audio/audio-content';

/**
 * The JSON body limit of `POST …/bundle/apply` (the rest of the api keeps its small one). A bundle
 * carries its audio inline as base64: this is room for five full-size files (5 MB each), or
 * hundreds of typical prompts of some tens of kB, while keeping one request's memory bounded. A
 * bigger body is a 413 before it is read; such a property is configured with several applies.
 */
export const BUNDLE_JSON_LIMIT = 5 * AUDIO_JSON_LIMIT;
