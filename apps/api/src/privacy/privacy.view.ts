/*
 * What the privacy routes answer with. Response classes, types only (read by the OpenAPI plugin):
 * privacy.service.ts builds plain objects of these shapes.
 */

/** The api key that asked. */
export class RequesterView {
  /** Null when the request did not come with a key. */
  keyId: string | null;
  /** The key's name when it asked. */
  name: string;
}

/** What an erasure changed, by kind; a kind appears once it is done. An export: what it held. */
export class PrivacyCountsView {
  recordings?: number;
  calls?: number;
  texts?: number;
  emails?: number;
  forms?: number;
  conversions?: number;
  webhooks?: number;
  histories?: number;
  voicemails?: number;
  visitorSessions?: number;
}

/**
 * An erasure or export request, as audited: who asked, when, about whom (the person's token,
 * never their number or address), and what was removed.
 */
export class PrivacyRequestView {
  id: string;
  kind: 'erasure' | 'export';
  subjectKind: 'phone' | 'email';
  /** `erased-<20 hex>`: the same person's requests (and their erased rows) share it. */
  subjectToken: string;
  requestedBy: RequesterView;
  requestedAt: Date;
  /** An export is `done` when answered; an erasure goes pending → running → done or failed. */
  status: 'pending' | 'running' | 'done' | 'failed';
  /** Kinds of data done so far, in the order they are worked through (docs/privacy-requests.md). */
  progress: string[];
  counts: PrivacyCountsView;
  startedAt: Date | null;
  finishedAt: Date | null;
  /** Why a failed erasure stopped. */
  error: string | null;
}

export class PrivacyRequestPage {
  items: PrivacyRequestView[];
  /** Requests matching, over every page. */
  total: number;
  limit: number;
  offset: number;
}

/** Who the export is about. */
export class ExportSubjectView {
  kind: 'phone' | 'email';
  /** E.164, or the lower-case address. */
  value: string;
}

/** A recording of one of the person's calls; `url` is signed and short-lived. */
export class ExportRecordingView {
  id: string;
  purpose: string;
  status: string;
  durationSecs: number | null;
  createdAt: Date;
  url: string | null;
  urlExpiresAt: string | null;
}

/** One line of a call's transcript. */
export class ExportTranscriptLineView {
  speaker: string;
  text: string;
  at: string;
}

/** A call of the person: inbound from their number, or outbound to it. */
export class ExportCallView {
  id: string;
  propertyId: string;
  direction: string;
  from: string;
  to: string;
  startedAt: string;
  endedAt: string;
  outcome: string;
  /** The flow's path (steps with what happened in them). */
  path: Record<string, unknown>[];
  /** Source, keyword, campaign, pages and UTM parameters of the call. */
  attribution: Record<string, string | null>;
  transcript: ExportTranscriptLineView[];
  recordings: ExportRecordingView[];
}

/**
 * Everything held about one person in the account (docs/privacy-requests.md "Exports"). Each
 * list's items carry more fields than named here: every column held about the person.
 */
export class PrivacyExportView {
  /** The audit row of this export. */
  requestId: string;
  subject: ExportSubjectView;
  generatedAt: Date;
  calls: ExportCallView[];
  voicemails: Record<string, unknown>[];
  /** Conversations with their messages. */
  textConversations: Record<string, unknown>[];
  emails: Record<string, unknown>[];
  forms: Record<string, unknown>[];
  visitorSessions: Record<string, unknown>[];
  conversions: Record<string, unknown>[];
}
