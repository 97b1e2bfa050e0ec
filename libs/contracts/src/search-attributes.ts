import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * Custom search attributes on every call workflow, for the Temporal Web UI's filters
 * (e.g. `TrackingSource="Zillow" AND CallOutcome="no_answer" AND FirstTimeCaller=true`). The dev server and the worker both
 * register them from this one list. SQLite visibility allows 10 Keyword and 3 Bool per namespace.
 */
export const CallSearchAttributes = {
  propertyId: defineSearchAttributeKey('PropertyId', SearchAttributeType.KEYWORD),
  trackingNumber: defineSearchAttributeKey('TrackingNumber', SearchAttributeType.KEYWORD),
  callerNumber: defineSearchAttributeKey('CallerNumber', SearchAttributeType.KEYWORD),
  source: defineSearchAttributeKey('TrackingSource', SearchAttributeType.KEYWORD),
  outcome: defineSearchAttributeKey('CallOutcome', SearchAttributeType.KEYWORD),
  /** The visit's campaign (utm_campaign) for pool-number calls; absent otherwise. */
  campaign: defineSearchAttributeKey('Campaign', SearchAttributeType.KEYWORD),
  firstTime: defineSearchAttributeKey('FirstTimeCaller', SearchAttributeType.BOOL),
};

export const ALL_CALL_SEARCH_ATTRIBUTES = Object.values(CallSearchAttributes);
