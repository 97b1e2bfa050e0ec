import { ApiProperty } from '@nestjs/swagger';
import { ApiUnion } from '../openapi/union-schema';
import { ApiPrompt, type Prompt } from '../resources/prompt.view';

// libs/domain's DryRunResult (flow/dry-run.ts). The menu's commands and the ring plan are the
// domain's working data, shown as they are (see ivr/menu-machine.ts and ring/ring-plan.ts).

/** The branch a route or schedule step took. */
export class SimulatedDecision {
  stepId: string;
  type: 'route' | 'schedule';

  /** The branch taken; null: the fallback (route) or `otherwise` (schedule). */
  branchIndex: number | null;

  next: string;

  /** Schedule steps: the open schedule; null for `otherwise`. */
  scheduleId?: string | null;

  /** Schedule steps: why the chosen schedule was open; absent for `otherwise`. */
  reason?: 'weekly' | 'override' | 'closed' | 'holiday';

  /** Schedule steps: schedules that could not be judged (unknown id or time zone); closed. */
  unusableScheduleIds?: string[];
}

export class DecisionTrace {
  kind: 'decision';
  entry: SimulatedDecision;
}

/** A greeting played. */
export class PlayTrace {
  kind: 'play';
  stepId: string;
}

/** A menu, with the caller's inputs to it and what the menu machine did. */
export class MenuTrace {
  kind: 'menu';
  stepId: string;

  /** The keys pressed at each prompt; null: no input (timeout). */
  @ApiProperty({ type: 'array', items: { type: 'string', nullable: true } })
  inputs: (string | null)[];

  /** The menu machine's commands: `{type: 'prompt' | 'play' | 'goto', …}`. */
  commands: Record<string, unknown>[];

  /** `{kind: 'option', digit, stepId}` or `{kind: 'fallback', stepId, lastFailure}`. */
  outcome: Record<string, unknown>;
}

/** A spoken front desk: the typed phrase, and where what the word matcher understood led. */
export class AskTrace {
  kind: 'ask';
  stepId: string;

  /** The phrase said; null: silence. */
  @ApiProperty({ type: 'string', nullable: true })
  said: string | null;

  /** `{kind: 'route', routeIndex, stepId, understood}` or `{kind: 'fallback', reason, stepId, understood}`. */
  outcome: Record<string, unknown>;
}

/** A ring group rung: its ring plan (waves of agents), and who answered. */
export class RingGroupTrace {
  kind: 'ring_group';
  stepId: string;

  /** `{ringGroupId, strategy, waves, skippedAgentIds, truncatedAgentIds, totalSeconds, nextPointer}` */
  plan: Record<string, unknown>;

  answeredBy: string | null;
}

export class ForwardTrace {
  kind: 'forward';
  stepId: string;
  to: string;
  answered: boolean;
}

export class VoicemailTrace {
  kind: 'voicemail';
  stepId: string;
  voicemailBoxId: string;
}

export class HangupTrace {
  kind: 'hangup';
  stepId: string;
}

export type SimulationTraceEntry =
  | DecisionTrace
  | PlayTrace
  | MenuTrace
  | RingGroupTrace
  | ForwardTrace
  | VoicemailTrace
  | HangupTrace
  | AskTrace;

export class AnsweredOutcome {
  kind: 'answered';
  stepId: string;
  agentId: string;
}

export class ForwardedOutcome {
  kind: 'forwarded';
  stepId: string;
  to: string;
}

export class VoicemailOutcome {
  kind: 'voicemail';
  stepId: string;
  voicemailBoxId: string;
}

/** `hangup_step`: a hang-up step; `no_answer`: nobody answered and there was no next step. */
export class HangupOutcome {
  kind: 'hangup';
  stepId: string;
  reason: 'hangup_step' | 'no_answer';
}

/** The flow could not go on (`step_limit`: it looped past the step limit). */
export class ErrorOutcome {
  kind: 'error';
  stepId: string;
  code: string;
  message: string;
}

export type SimulationOutcome =
  AnsweredOutcome | ForwardedOutcome | VoicemailOutcome | HangupOutcome | ErrorOutcome;

/** The recording disclosure the caller would hear first, and whose it is. */
export class SimulatedDisclosure {
  @ApiPrompt()
  prompt: Prompt;

  /** `flow`: the flow's own; `property`: the property's default. */
  source: 'flow' | 'property';
}

/** Where the imagined call went. Nothing was dialled or stored. */
export class CallFlowSimulation {
  /** Every step id visited, in order, then `connected` when someone answered (as a call's path). */
  path: string[];

  @ApiUnion(
    'kind',
    {
      decision: DecisionTrace,
      play: PlayTrace,
      menu: MenuTrace,
      ring_group: RingGroupTrace,
      forward: ForwardTrace,
      voicemail: VoicemailTrace,
      hangup: HangupTrace,
      ask: AskTrace,
    },
    { isArray: true },
  )
  trace: SimulationTraceEntry[];

  @ApiUnion('kind', {
    answered: AnsweredOutcome,
    forwarded: ForwardedOutcome,
    voicemail: VoicemailOutcome,
    hangup: HangupOutcome,
    error: ErrorOutcome,
  })
  outcome: SimulationOutcome;

  /** Whether the flow records the call. */
  recording: boolean;

  /** What the caller hears before anything is recorded; null: no disclosure would play. */
  recordingDisclosure: SimulatedDisclosure | null;

  /** Whether the flow transcribes the conversation. */
  transcription: boolean;
}
