/** A message with its HTML can exceed the api-wide 256 kB body limit. */
export const EMAIL_JSON_LIMIT = 2 * 1024 * 1024;

/** Longest text or HTML body kept; a provider may post more, which is cut and flagged. */
export const MAX_STORED_BODY_CHARS = 256_000;
