import { ask } from './ask';
import { flowError } from './flow-error';
import { forward } from './forward';
import { hangup } from './hangup';
import { menu } from './menu';
import { play } from './play';
import { ringGroup } from './ring-group';
import type { StepHandlers } from './step-handler';
import { voicemail } from './voicemail';

export type { StepDone } from './step-handler';

/** The handler of each kind of step; decisions (route, schedule) are made by the interpreter. */
export const STEP_HANDLERS: StepHandlers = {
  play,
  menu,
  forward,
  ring_group: ringGroup,
  voicemail,
  hangup,
  flow_error: flowError,
  ask,
};
