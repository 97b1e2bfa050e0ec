/**
 * ApplicationFailure types the activities raise and the workflow reacts to. Here (not in activities/)
 * so the workflow can name them without importing activity code into its sandbox.
 */
export const CarrierFailure = {
  /** The call ended before the command reached it (Telnyx 422/90018). */
  callGone: 'CallGone',
  /** The carrier refused the command as invalid: retrying cannot help. */
  rejected: 'CarrierRejected',
} as const;
