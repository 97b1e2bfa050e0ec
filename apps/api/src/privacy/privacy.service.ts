import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import { privacySubject, type PrivacySubject, type PrivacySubjectInput } from '@switchboard/domain';
import { ERASURE_KINDS } from '@switchboard/contracts';
import type { SwitchboardConfig } from '@switchboard/config';
import {
  PrivacyRequestRepository,
  SubjectExportRepository,
  type PrivacyRequest,
} from '@switchboard/persistence';
import { ErasureStarter } from '@switchboard/temporal';
import type { AccessScope } from '../auth/access-scope';
import { requireUnrestricted } from '../accounts/api-keys.service';
import { ApiError } from '../common/api-error';
import { CONFIG, TEMPORAL_CLIENT } from '../common/tokens';
import { e164Phone } from '../forms/form-intake.service';
import { RecordingLinks } from '../recordings/recording-links';
import type { PrivacyExportView, PrivacyRequestPage, PrivacyRequestView } from './privacy.view';

const view = (r: PrivacyRequest): PrivacyRequestView => ({
  id: r.id,
  kind: r.kind,
  subjectKind: r.subjectKind,
  subjectToken: r.subjectToken,
  requestedBy: r.requestedBy,
  requestedAt: r.requestedAt,
  status: r.status,
  progress: r.kind === 'erasure' ? ERASURE_KINDS.filter((k) => k in r.counts) : [],
  counts: r.counts,
  startedAt: r.startedAt,
  finishedAt: r.finishedAt,
  error: r.error,
});

/**
 * Erasure and export of one person's data in the key's account (docs/privacy-requests.md). Both
 * cover every property of the account, so both need an unrestricted key; both are audited.
 */
@Injectable()
export class PrivacyService {
  private readonly log = new Logger('Privacy');
  private readonly starter: ErasureStarter;

  constructor(
    private readonly requests: PrivacyRequestRepository,
    private readonly data: SubjectExportRepository,
    private readonly links: RecordingLinks,
    @Inject(TEMPORAL_CLIENT) client: Client,
    @Inject(CONFIG) cfg: SwitchboardConfig,
  ) {
    this.starter = new ErasureStarter(client, cfg.temporal.taskQueue, requests);
  }

  /**
   * A new erasure (`created`), started now; or the same person's erasure already under way. The
   * request is stored first: Temporal being unreachable now only delays it (the worker's sweep).
   */
  async erase(
    scope: AccessScope,
    input: PrivacySubjectInput,
  ): Promise<{ request: PrivacyRequestView; created: boolean }> {
    requireUnrestricted(scope, 'erasing a person');
    const subject = checkedSubject(input);
    const made = await this.requests.requestErasure(scope.accountId, subject, scope.keyId);
    if (!made) throw ApiError.notFound('account', scope.accountId);
    if (made.created)
      await this.starter.start(made.request.id).catch((err: unknown) => {
        this.log.warn(`erasure ${made.request.id} not started now (the worker's sweep will): ${String(err)}`);
      });
    return { request: view(made.request), created: made.created };
  }

  async get(scope: AccessScope, id: string): Promise<PrivacyRequestView> {
    requireUnrestricted(scope, 'reading privacy requests');
    const r = await this.requests.get(scope.accountId, id);
    if (!r || r.kind !== 'erasure') throw ApiError.notFound('erasure', id);
    return view(r);
  }

  async list(
    scope: AccessScope,
    q: { kind?: 'erasure' | 'export'; limit: number; offset: number },
  ): Promise<PrivacyRequestPage> {
    requireUnrestricted(scope, 'reading privacy requests');
    const { items, total } = await this.requests.list(scope.accountId, q);
    return { items: items.map(view), total, limit: q.limit, offset: q.offset };
  }

  /** Everything held about the person, as one document; the export is audited with what it held. */
  async export(scope: AccessScope, input: PrivacySubjectInput, now = new Date()): Promise<PrivacyExportView> {
    requireUnrestricted(scope, 'exporting a person');
    const subject = checkedSubject(input);
    const d = await this.data.collect(scope.accountId, subject);
    const calls = await Promise.all(
      d.calls.map(async ({ workflowId, ...call }) => ({
        ...call,
        recordings: (await this.links.forWorkflow(workflowId)).map((r) => ({
          id: r.id,
          purpose: r.purpose,
          status: r.status,
          durationSecs: r.durationSecs,
          createdAt: r.createdAt,
          url: r.url,
          urlExpiresAt: r.urlExpiresAt,
        })),
      })),
    );
    const counts = {
      calls: calls.length,
      recordings: calls.reduce((n, c) => n + c.recordings.filter((r) => r.status !== 'deleted').length, 0),
      voicemails: d.voicemails.length,
      texts: d.textConversations.length,
      emails: d.emails.length,
      forms: d.forms.length,
      visitorSessions: d.visitorSessions.length,
      conversions: d.conversions.length,
    };
    const audit = await this.requests.recordExport(scope.accountId, subject, scope.keyId, counts);
    return {
      requestId: audit.id,
      subject: { kind: subject.kind, value: subject.value },
      generatedAt: now,
      ...d,
      calls: calls as unknown as PrivacyExportView['calls'],
    };
  }
}

/** The request's person, or a 422 naming the fields (libs/domain privacySubject). */
function checkedSubject(input: PrivacySubjectInput): PrivacySubject {
  const checked = privacySubject(input, e164Phone);
  if (!checked.ok) throw ApiError.invalid([...checked.problems]);
  return checked.subject;
}
