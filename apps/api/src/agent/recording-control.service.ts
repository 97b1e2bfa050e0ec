import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import {
  RecordingControlRefusal,
  recordingControlUpdate,
  type RecordingControlRequest,
} from '@switchboard/contracts';
import type { AgentIdentity } from '../auth/auth.decorators';
import { ApiError } from '../common/api-error';
import { TEMPORAL_CLIENT } from '../common/tokens';
import { AgentDirectory } from './agent-directory.service';
import type { AgentRecordingView } from './agent.view';

/** How long the page waits for the call's workflow to have the carrier pause the recording. */
const ANSWER_WITHIN_MS = 15_000;

const notRecording = () =>
  ApiError.conflict(
    'recording',
    'your call is not being recorded (its flow does not record, or it has ended)',
  );

/**
 * An agent pausing and resuming the recording of the call they are on (docs/AGENT.md): asked of the
 * call's workflow (the recordingControl update), which has the carrier pause the recording on the
 * caller's leg and keeps the pause for the call's record. The agent is the one on the call: the
 * leg the push channel saw bridged is theirs, and the workflow checks it is the one recorded.
 */
@Injectable()
export class RecordingControl {
  constructor(
    private readonly agents: AgentDirectory,
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
  ) {}

  async change(me: AgentIdentity, action: RecordingControlRequest['action']): Promise<AgentRecordingView> {
    const agent = await this.agents.get(me.propertyId, me.agentId);
    if (!agent.currentCallControlId || !agent.currentCallWorkflowId)
      throw ApiError.conflict('call', 'you are not on a call');
    const request: RecordingControlRequest = {
      action,
      agentCallControlId: agent.currentCallControlId,
      agentId: agent.agentId,
      agentName: agent.name,
    };
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        this.client.workflow
          .getHandle(agent.currentCallWorkflowId)
          .executeUpdate(recordingControlUpdate, { args: [request] }),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () =>
              reject(
                new ApiError(
                  HttpStatus.SERVICE_UNAVAILABLE,
                  'unavailable',
                  'the call did not answer in time',
                ),
              ),
            ANSWER_WITHIN_MS,
          );
        }),
      ]);
    } catch (err) {
      throw refusal(err);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** The workflow's refusal as the agent's answer. */
function refusal(err: unknown): unknown {
  if (err instanceof ApiError) return err;
  // The call is over (its workflow finished) or was never one this version can pause.
  if (err instanceof WorkflowNotFoundError) return notRecording();
  if (!(err instanceof WorkflowUpdateFailedError)) return err;
  const cause = err.cause instanceof ApplicationFailure ? err.cause : undefined;
  switch (cause?.type) {
    case RecordingControlRefusal.notYourCall:
      return ApiError.conflict('call', 'the call being recorded is not yours');
    case RecordingControlRefusal.carrierRefused:
      return new ApiError(HttpStatus.BAD_GATEWAY, 'carrier_refused', cause.message);
    default:
      // NotRecording, or a call on a workflow without the update (engine v1).
      return notRecording();
  }
}
