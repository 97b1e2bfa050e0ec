import { describePrompt } from '../../diagram/describe';
import { isMenuDigit } from '../../ivr/menu-model';
import { FLOW_LIMITS, inRange, rangeText } from '../flow-limits';
import type { MenuStep } from '../flow-model';
import { presentPrompts, type AddStepIssue, type StepDescriptor } from './descriptor';

/** IVR menu (ivr/menu-machine.ts): the one kind that waits for the caller. */
export const menu: StepDescriptor<MenuStep> = {
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
