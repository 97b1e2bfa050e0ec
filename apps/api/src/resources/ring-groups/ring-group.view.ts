import type { FieldIssue } from '../../common/field-issue.view';
import { ApiUnion } from '../../openapi/union-schema';
import { ApiPrompt, type Prompt } from '../prompt.view';
import type { RingMemberDto } from './dto';

/** The caller hears ringing while the group is rung. */
export class Ringback {
  kind: 'ringback';
}

/** The caller hears a prompt (music, a message) while the group is rung. */
export class HoldAudio {
  kind: 'hold_audio';

  @ApiPrompt()
  prompt: Prompt;
}

/**
 * A ring group, in its body's own shape so a GET can be edited and PUT back. Not an extension of
 * RingGroupDto: the body takes prompts and `callerHears` as any object (the domain checks them),
 * while here they have their shapes.
 */
export class RingGroupView {
  propertyId: string;
  id: string;
  name: string;
  strategy: 'simultaneous' | 'sequential' | 'round_robin';
  members: RingMemberDto[];

  /** How long each member rings before the next is tried (per wave for simultaneous). */
  agentRingTimeoutSeconds: number;

  /** Cap on the whole attempt; absent = the sum of the waves. */
  overallTimeoutSeconds?: number;

  /** Leave out members marked unavailable. When false, availability is ignored. */
  skipUnavailable: boolean;

  /** Heard only by the agent who answers, before the caller is connected. */
  @ApiPrompt()
  whisper?: Prompt;

  @ApiUnion('kind', { ringback: Ringback, hold_audio: HoldAudio })
  callerHears: Ringback | HoldAudio;

  /** Round robin: the index of the member the next call starts on. */
  rotationPointer: number;

  createdAt: Date;
  updatedAt: Date;

  /** What validation found worth a look but not wrong (saves only). */
  warnings?: FieldIssue[];
}

export class RingGroupList {
  items: RingGroupView[];
}
