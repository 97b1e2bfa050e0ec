import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import type { SwitchboardConfig } from '@switchboard/config';
import type { AccessScope } from '../../auth/access-scope';
import { Scope } from '../../auth/auth.decorators';
import { CONFIG } from '../../common/tokens';
import { UuidParam } from '../../common/uuid-param.pipe';
import { ReachableCalls } from '../reachable-calls';
import { LiveCallsQuery } from './live-calls.dto';
import { LiveCallsService } from './live-calls.service';
import { CallWorkflowView, LiveCallsView } from './live-calls.view';
import { temporalUiLink } from './temporal-ui-link';

/**
 * Calls while they run (their workflows, asked of Temporal) and the workflow behind a finished
 * call. Registered before CallsController, so `calls/live` is not taken for a call id.
 */
@Controller({ path: 'calls', version: '1' })
export class LiveCallsController {
  constructor(
    private readonly live: LiveCallsService,
    private readonly reachable: ReachableCalls,
    @Inject(CONFIG) private readonly cfg: SwitchboardConfig,
  ) {}

  /**
   * Calls in flight now in the properties the key reaches (narrowed by `propertyId` or
   * `propertyListId`), oldest first, each with the step it is in. A call is listed once its number
   * is resolved; when it ends, its record is in `GET /v1/calls?callSessionId=`.
   */
  @Get('live')
  async list(@Scope() scope: AccessScope, @Query() q: LiveCallsQuery): Promise<LiveCallsView> {
    return { items: await this.live.list(scope, q) };
  }

  /** The workflow that ran the call, and its page in the Temporal Web UI (when TEMPORAL_UI_URL is set). */
  @Get(':callId/workflow')
  async workflow(@Param('callId', new UuidParam('callId')) id: string): Promise<CallWorkflowView> {
    const { workflowId } = await this.reachable.find(id);
    return { workflowId, temporalUrl: temporalUiLink(this.cfg.temporal, workflowId) };
  }
}
