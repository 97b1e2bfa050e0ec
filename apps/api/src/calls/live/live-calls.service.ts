import { Inject, Injectable } from '@nestjs/common';
import type { Client, WorkflowExecutionInfo } from '@temporalio/client';
import type { SwitchboardConfig } from '@switchboard/config';
import { CallSearchAttributes as SA, currentStepQuery, type CallProgress } from '@switchboard/contracts';
import type { AccessScope } from '../../auth/access-scope';
import { PropertyAccess } from '../../auth/property-access';
import { CONFIG, TEMPORAL_CLIENT } from '../../common/tokens';
import type { LiveCallsQuery } from './live-calls.dto';
import type { LiveCallView } from './live-calls.view';
import { temporalUiLink } from './temporal-ui-link';

/** More calls in flight than a screen can show: the oldest this many are listed. */
const MAX_LIVE_CALLS = 200;

/** A workflow that does not answer its query within this long is listed without its step. */
const QUERY_TIMEOUT_MS = 2_000;

/**
 * Calls in flight, from Temporal's visibility: running workflows carrying the PropertyId search
 * attribute of a property the key reaches (the workflow sets it once the number is resolved, so a
 * call is listed from then on, and never to another account), each asked for its current step.
 */
@Injectable()
export class LiveCallsService {
  constructor(
    private readonly access: PropertyAccess,
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(CONFIG) private readonly cfg: SwitchboardConfig,
  ) {}

  async list(scope: AccessScope, q: LiveCallsQuery): Promise<LiveCallView[]> {
    const propertyIds = await this.access.visibleIds(scope, q);
    if (propertyIds.length === 0) return [];
    const ids = propertyIds.map((id) => JSON.stringify(id)).join(', ');
    const query = `ExecutionStatus = "Running" AND ${SA.propertyId.name} IN (${ids})`;
    const found: WorkflowExecutionInfo[] = [];
    for await (const wf of this.client.workflow.list({ query })) {
      found.push(wf);
      if (found.length >= MAX_LIVE_CALLS) break;
    }
    found.sort((a, b) => a.startTime.getTime() - b.startTime.getTime());
    // Visibility is the filter, the attribute the check: a call listed is one of the key's.
    const reachable = new Set(propertyIds);
    const calls = found.filter((wf) => reachable.has(wf.typedSearchAttributes.get(SA.propertyId) ?? ''));
    return Promise.all(calls.map((wf) => this.view(wf)));
  }

  private async view(wf: WorkflowExecutionInfo): Promise<LiveCallView> {
    const sa = wf.typedSearchAttributes;
    const progress = await this.progress(wf.workflowId, wf.runId);
    const last = progress?.path.at(-1);
    return {
      workflowId: wf.workflowId,
      runId: wf.runId,
      callSessionId: wf.workflowId.replace(/^call-/, ''),
      propertyId: sa.get(SA.propertyId)!,
      callerNumber: sa.get(SA.callerNumber) ?? null,
      trackingNumber: sa.get(SA.trackingNumber) ?? null,
      source: sa.get(SA.source) ?? null,
      campaign: sa.get(SA.campaign) ?? null,
      firstTime: sa.get(SA.firstTime) ?? null,
      startedAt: wf.startTime.toISOString(),
      step: progress?.step ?? null,
      stepSince: last?.at ?? null,
      path: progress?.path ?? [],
      temporalUrl: temporalUiLink(this.cfg.temporal, wf.workflowId, wf.runId),
    };
  }

  /** The call's step and path, or null when it ended meanwhile or did not answer in time. */
  private async progress(workflowId: string, runId: string): Promise<CallProgress | null> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), QUERY_TIMEOUT_MS);
    });
    const asked = this.client.workflow
      .getHandle(workflowId, runId)
      .query(currentStepQuery)
      .catch(() => null);
    try {
      return await Promise.race([asked, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
