import { describePrompt } from '../../diagram/describe';
import { INITIAL_MENU_STATE, reduceMenu, type MenuCommand, type MenuEvent } from '../../ivr/menu-machine';
import { isMenuDigit, type MenuDefinition } from '../../ivr/menu-model';
import type { DryRunCall, SimulatedAction } from '../dry-run';
import { FLOW_LIMITS, inRange, rangeText } from '../flow-limits';
import type { MenuStep } from '../flow-model';
import type { StepActionOf } from '../interpret';
import { presentPrompts, type AddStepIssue, type StepDescriptor } from './descriptor';

/** IVR menu (ivr/menu-machine.ts): the one kind that waits for the caller. */
export const menu: StepDescriptor<MenuStep, StepActionOf<'menu'>> = {
  links: (step) => [
    ...Object.entries(step.options)
      .filter((entry): entry is [string, string] => entry[1] !== undefined)
      .map(([digit, target]) => ({ path: `options.${digit}`, target })),
    { path: 'fallback', target: step.fallback },
  ],
  prompts: (step) =>
    presentPrompts([
      { path: 'prompt', prompt: step.prompt },
      step.invalidPrompt ? { path: 'invalidPrompt', prompt: step.invalidPrompt } : null,
      step.timeoutPrompt ? { path: 'timeoutPrompt', prompt: step.timeoutPrompt } : null,
    ]),
  callerInput: true,
  resources: () => [],
  validate: (step, _ctx, add) => checkMenu(step, add),
  run: {
    act: (step) => ({ type: 'menu', stepId: step.id, menu: menuDefinition(step) }),
    simulate: simulateMenu,
  },
  diagram: {
    shape: 'hexagon',
    mermaidShape: ['{{', '}}'],
    mermaidClass: 'menu',
    colours: { fill: '#e7f6e4', stroke: '#4a9a3c' },
    detail: (step, _names, max) => `Menu: ${describePrompt(step.prompt, max) ?? 'no prompt'}`,
    edgeLabel: (_step, link) => {
      if (link.path === 'fallback') return 'timeout/invalid → fallback';
      return link.path.startsWith('options.') ? `press ${link.path.slice('options.'.length)}` : link.path;
    },
  },
};

function checkMenu(step: MenuStep, add: AddStepIssue): void {
  const options = step.options !== null && typeof step.options === 'object' ? step.options : {};
  const keys = Object.keys(options);
  if (keys.length === 0) add('error', 'no_menu_options', 'options', 'is a menu with no options.');
  for (const key of keys) {
    if (!isMenuDigit(key))
      add(
        'error',
        'bad_digit',
        `options.${key}`,
        `has option "${key}", which is not a single key 0-9, * or #.`,
      );
  }
  if (step.repeatOnStar === true && '*' in options) {
    add('error', 'star_conflict', 'options.*', 'uses * both to repeat the menu and as an option.');
  }
  if (!inRange(step.timeoutSeconds, FLOW_LIMITS.menuTimeoutSeconds)) {
    add(
      'error',
      'invalid_timeout',
      'timeoutSeconds',
      `needs a timeout of ${rangeText(FLOW_LIMITS.menuTimeoutSeconds)} seconds.`,
    );
  }
  if (!inRange(step.maxRetries, FLOW_LIMITS.menuMaxRetries) || !Number.isInteger(step.maxRetries)) {
    add(
      'error',
      'invalid_value',
      'maxRetries',
      `needs a whole number of retries, ${rangeText(FLOW_LIMITS.menuMaxRetries)}.`,
    );
  }
}

/** The menu machine needs the menu's fields only, not the step's flow bookkeeping. */
function menuDefinition(step: MenuStep): MenuDefinition {
  return {
    id: step.id,
    prompt: step.prompt,
    options: step.options,
    timeoutSeconds: step.timeoutSeconds,
    maxRetries: step.maxRetries,
    fallback: step.fallback,
    ...(step.invalidPrompt !== undefined ? { invalidPrompt: step.invalidPrompt } : {}),
    ...(step.timeoutPrompt !== undefined ? { timeoutPrompt: step.timeoutPrompt } : {}),
    ...(step.repeatOnStar !== undefined ? { repeatOnStar: step.repeatOnStar } : {}),
  };
}

/** Runs the menu machine on the script's keypresses until the caller chooses or it falls back. */
function simulateMenu(action: StepActionOf<'menu'>, call: DryRunCall): SimulatedAction {
  const inputs: Array<string | null> = [];
  const commands: MenuCommand[] = [];
  let step = reduceMenu(action.menu, INITIAL_MENU_STATE, { type: 'start' });
  commands.push(...step.commands);
  while (step.state.outcome === undefined) {
    const pressed = call.keypress();
    inputs.push(pressed);
    const gatherId = step.state.gatherId;
    const event: MenuEvent =
      pressed === null || pressed === ''
        ? { type: 'timeout', gatherId }
        : { type: 'digits', digits: pressed, gatherId };
    const before = step.state;
    step = reduceMenu(action.menu, step.state, event);
    // Input without any key (e.g. "x") changes nothing; the caller then stays silent.
    if (step.state === before) step = reduceMenu(action.menu, step.state, { type: 'timeout', gatherId });
    commands.push(...step.commands);
  }
  const { outcome } = step.state;
  return { trace: { kind: 'menu', stepId: action.stepId, inputs, commands, outcome }, next: outcome.stepId };
}
