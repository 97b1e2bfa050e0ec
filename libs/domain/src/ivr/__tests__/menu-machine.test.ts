import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Prompt } from '../../flow/prompt';
import {
  INITIAL_MENU_STATE,
  reduceMenu,
  type MenuCommand,
  type MenuEvent,
  type MenuState,
} from '../menu-machine';
import type { MenuDefinition } from '../menu-model';

const MAIN: Prompt = { kind: 'tts', text: 'For leasing press 1, for sales press 2.' };
const INVALID: Prompt = { kind: 'tts', text: 'Sorry, that is not an option.' };
const TIMEOUT: Prompt = { kind: 'audio', audioId: 'did-not-hear' };

const menu: MenuDefinition = {
  id: 'main_menu',
  prompt: MAIN,
  options: { '1': 'leasing_menu', '2': 'sales', '#': 'operator' },
  timeoutSeconds: 5,
  maxRetries: 2,
  invalidPrompt: INVALID,
  timeoutPrompt: TIMEOUT,
  repeatOnStar: true,
  fallback: 'front_desk',
};

/** Short command notation for readable tables: P<gatherId>, play:invalid|timeout, goto:<step>. */
function shorthand(command: MenuCommand): string {
  switch (command.type) {
    case 'prompt':
      return `P${command.gather.gatherId}`;
    case 'play':
      return command.prompt === INVALID
        ? 'play:invalid'
        : command.prompt === TIMEOUT
          ? 'play:timeout'
          : 'play:?';
    case 'goto':
      return `goto:${command.stepId}(${command.reason})`;
  }
}

function run(def: MenuDefinition, events: MenuEvent[]): { state: MenuState; steps: string[][] } {
  let state = INITIAL_MENU_STATE;
  const steps: string[][] = [];
  for (const event of events) {
    const t = reduceMenu(def, state, event);
    state = t.state;
    steps.push(t.commands.map(shorthand));
  }
  return { state, steps };
}

const start: MenuEvent = { type: 'start' };
const press = (digits: string, gatherId?: number): MenuEvent => ({
  type: 'digits',
  digits,
  ...(gatherId !== undefined ? { gatherId } : {}),
});
const timeout = (gatherId?: number): MenuEvent => ({
  type: 'timeout',
  ...(gatherId !== undefined ? { gatherId } : {}),
});

interface Case {
  name: string;
  def?: MenuDefinition;
  events: MenuEvent[];
  steps: string[][];
  counts?: { retriesUsed: number; invalidCount: number; timeoutCount: number; repeatCount: number };
  outcome?: string;
}

const cases: Case[] = [
  { name: 'start prompts and gathers', events: [start], steps: [['P1']] },
  {
    name: 'valid key goes to its step',
    events: [start, press('1')],
    steps: [['P1'], ['goto:leasing_menu(option)']],
    outcome: 'option:leasing_menu',
  },
  {
    name: '# can be an option',
    events: [start, press('#')],
    steps: [['P1'], ['goto:operator(option)']],
    outcome: 'option:operator',
  },
  {
    name: 'invalid key: notice, re-prompt, then a valid key',
    events: [start, press('9'), press('2')],
    steps: [['P1'], ['play:invalid', 'P2'], ['goto:sales(option)']],
    counts: { retriesUsed: 1, invalidCount: 1, timeoutCount: 0, repeatCount: 0 },
    outcome: 'option:sales',
  },
  {
    name: 'timeouts until retries run out: fallback',
    events: [start, timeout(), timeout(), timeout()],
    steps: [
      ['P1'],
      ['play:timeout', 'P2'],
      ['play:timeout', 'P3'],
      ['play:timeout', 'goto:front_desk(max_retries)'],
    ],
    counts: { retriesUsed: 2, invalidCount: 0, timeoutCount: 3, repeatCount: 0 },
    outcome: 'fallback:front_desk',
  },
  {
    name: 'invalid and timeout share one retry counter',
    events: [start, press('7'), timeout(), press('0')],
    steps: [
      ['P1'],
      ['play:invalid', 'P2'],
      ['play:timeout', 'P3'],
      ['play:invalid', 'goto:front_desk(max_retries)'],
    ],
    counts: { retriesUsed: 2, invalidCount: 2, timeoutCount: 1, repeatCount: 0 },
    outcome: 'fallback:front_desk',
  },
  {
    name: '* repeats the menu without using a retry',
    events: [start, press('*'), press('*'), press('*'), press('1')],
    steps: [['P1'], ['P2'], ['P3'], ['P4'], ['goto:leasing_menu(option)']],
    counts: { retriesUsed: 0, invalidCount: 0, timeoutCount: 0, repeatCount: 3 },
    outcome: 'option:leasing_menu',
  },
  {
    name: '* is an invalid key when repeat is off',
    def: { ...menu, repeatOnStar: false },
    events: [start, press('*')],
    steps: [['P1'], ['play:invalid', 'P2']],
  },
  {
    name: 'without retry prompts only the menu is replayed',
    def: { ...menu, invalidPrompt: undefined, timeoutPrompt: undefined },
    events: [start, press('5'), timeout()],
    steps: [['P1'], ['P2'], ['P3']],
  },
  {
    name: 'maxRetries 0: first failure goes to the fallback',
    def: { ...menu, maxRetries: 0 },
    events: [start, press('5')],
    steps: [['P1'], ['play:invalid', 'goto:front_desk(max_retries)']],
    outcome: 'fallback:front_desk',
  },
  {
    name: 'several keys at once: the first decides',
    events: [start, press('21')],
    steps: [['P1'], ['goto:sales(option)']],
  },
  { name: 'DTMF A–D are invalid keys', events: [start, press('A')], steps: [['P1'], ['play:invalid', 'P2']] },
  {
    name: 'partial/empty report changes nothing',
    events: [start, press(''), press(' ')],
    steps: [['P1'], [], []],
  },
  {
    name: 'late key after the decision is ignored',
    events: [start, press('1'), press('2')],
    steps: [['P1'], ['goto:leasing_menu(option)'], []],
    outcome: 'option:leasing_menu',
  },
  {
    name: 'key for an earlier prompt is ignored',
    events: [start, press('9', 1), press('1', 1), press('2', 2)],
    steps: [['P1'], ['play:invalid', 'P2'], [], ['goto:sales(option)']],
    outcome: 'option:sales',
  },
  {
    name: 'duplicate timeout for the same prompt counts once',
    events: [start, timeout(1), timeout(1), timeout(2)],
    steps: [['P1'], ['play:timeout', 'P2'], [], ['play:timeout', 'P3']],
    counts: { retriesUsed: 2, invalidCount: 0, timeoutCount: 2, repeatCount: 0 },
  },
  { name: 'keys before start are ignored', events: [press('1'), start], steps: [[], ['P1']] },
  { name: 'a second start is ignored', events: [start, start], steps: [['P1'], []] },
  {
    name: 'explicit invalid event from the carrier',
    events: [start, { type: 'invalid', gatherId: 1 }],
    steps: [['P1'], ['play:invalid', 'P2']],
  },
];

describe('reduceMenu', () => {
  for (const c of cases) {
    test(c.name, () => {
      const { state, steps } = run(c.def ?? menu, c.events);
      assert.deepEqual(steps, c.steps);
      if (c.counts) {
        const { retriesUsed, invalidCount, timeoutCount, repeatCount } = state;
        assert.deepEqual({ retriesUsed, invalidCount, timeoutCount, repeatCount }, c.counts);
      }
      if (c.outcome) {
        assert.equal(state.phase, 'done');
        assert.equal(`${state.outcome?.kind}:${state.outcome?.stepId}`, c.outcome);
      }
    });
  }

  test('prompt command carries the menu prompt and gather settings', () => {
    const t = reduceMenu(menu, INITIAL_MENU_STATE, start);
    assert.deepEqual(t.commands, [
      { type: 'prompt', prompt: MAIN, gather: { gatherId: 1, timeoutSeconds: 5, maxDigits: 1 } },
    ]);
  });

  test('reducer does not mutate its input state', () => {
    const before = reduceMenu(menu, INITIAL_MENU_STATE, start).state;
    const frozen = JSON.stringify(before);
    reduceMenu(menu, before, press('9'));
    assert.equal(JSON.stringify(before), frozen);
  });
});
