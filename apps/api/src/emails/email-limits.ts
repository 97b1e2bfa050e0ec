/** A message with its HTML can exceed the api-wide 256 kB body limit. */
export const EMAIL_JSON_LIMIT = 2 * 1024 * 1024;
