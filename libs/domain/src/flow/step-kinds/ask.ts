import { describePrompt, EDGE_LABEL_CHARS, oneLine, truncate } from '../../diagram/describe';
import type { AskDefinition, AskField } from '../../front-desk/ask-model';
import { routeAnswer } from '../../front-desk/ask-routing';
import { phraseFields } from '../../front-desk/phrase-fields';
import { isList } from '../../shared/is-list';
import type { DryRunCall, SimulatedAction } from '../dry-run';
import { FLOW_LIMITS, inRange, rangeText } from '../flow-limits';
import type { AskStep } from '../flow-model';
import type { StepActionOf } from '../interpret';
import type { FlowValidationContext } from '../validate-flow';
import { type AddStepIssue, type StepDescriptor } from './descriptor';

/** A field name is the key the carrier answers with: short, plain, lower case. */
const FIELD_NAME = /^[a-z][a-z0-9_]{0,39}$/;
const DESCRIPTION_CHARS = 300;

/** Spoken front desk (front-desk/): asks in the caller's words, routes on what was understood. */
export const ask: StepDescriptor<AskStep, StepActionOf<'ask'>> = {
  links: (step) => [
    ...(isList(step.routes) ? step.routes : []).map((r, i) => ({
      path: `routes[${i}].next`,
      target: r.next,
    })),
    { path: 'fallback', target: step.fallback },
  ],
  prompts: (step) => [{ path: 'prompt', prompt: step.prompt }],
  // The caller answers here, and the fallback menu after it: a loop through it is theirs.
  callerInput: true,
  resources: () => [],
  validate: checkAsk,
  run: {
    act: (step) => ({ type: 'ask', stepId: step.id, ask: askDefinition(step) }),
    simulate: simulateAsk,
  },
  diagram: {
    shape: 'hexagon',
    mermaidShape: ['{{', '}}'],
    mermaidClass: 'ask',
    colours: { fill: '#e4f0fb', stroke: '#3b78b5' },
    detail: (step, _names, max) => `Spoken front desk: ${describePrompt(step.prompt, max) ?? 'no prompt'}`,
    edgeLabel: (step, link) => {
      if (link.path === 'fallback') return 'not understood → fallback';
      const index = /^routes\[(\d+)\]\.next$/.exec(link.path)?.[1];
      const route = index !== undefined && isList(step.routes) ? step.routes[Number(index)] : undefined;
      if (route === undefined) return link.path;
      const when = Object.entries(route.when ?? {})
        .map(([name, value]) => `${name}=${String(value)}`)
        .join(' and ');
      const label = typeof route.label === 'string' ? oneLine(route.label) : '';
      return truncate(label === '' ? `said ${when}` : `${label}: ${when}`, EDGE_LABEL_CHARS);
    },
  },
};

function checkAsk(step: AskStep, ctx: FlowValidationContext, add: AddStepIssue): void {
  if (ctx.callEngine === 'v1') {
    add(
      'error',
      'needs_engine_v2',
      'type',
      'is a spoken front desk, which only call engine v2 runs (CALL_ENGINE=v1 here).',
    );
  }
  if (typeof step.prompt === 'object' && step.prompt !== null && step.prompt.kind === 'audio') {
    add('error', 'invalid_prompt', 'prompt', 'needs a text prompt: the carrier speaks the question itself.');
  } else if (
    step.prompt?.kind === 'tts' &&
    typeof step.prompt.text === 'string' &&
    step.prompt.text.length > FLOW_LIMITS.askPromptChars.max
  ) {
    add(
      'error',
      'invalid_prompt',
      'prompt.text',
      `has a question longer than ${FLOW_LIMITS.askPromptChars.max} characters.`,
    );
  }
  if (!inRange(step.timeoutSeconds, FLOW_LIMITS.askTimeoutSeconds)) {
    add(
      'error',
      'invalid_timeout',
      'timeoutSeconds',
      `needs a timeout of ${rangeText(FLOW_LIMITS.askTimeoutSeconds)} seconds.`,
    );
  }
  const fields = checkFields(step, add);
  checkRoutes(step, fields, add);
}

/** The fields by name, for the routes' checks; malformed ones are reported and left out. */
function checkFields(step: AskStep, add: AddStepIssue): Map<string, AskField> {
  const byName = new Map<string, AskField>();
  if (!isList(step.fields) || step.fields.length === 0) {
    add('error', 'no_ask_fields', 'fields', 'asks for no fields: name at least one (for example intent).');
    return byName;
  }
  if (step.fields.length > FLOW_LIMITS.askFields.max) {
    add(
      'error',
      'invalid_value',
      'fields',
      `asks for ${step.fields.length} fields; at most ${FLOW_LIMITS.askFields.max}.`,
    );
  }
  step.fields.forEach((field, i) => {
    const path = `fields[${i}]`;
    if (typeof field !== 'object' || field === null) {
      add('error', 'invalid_ask_field', path, `has a field (${path}) that is not an object.`);
      return;
    }
    const name = field.name;
    if (typeof name !== 'string' || !FIELD_NAME.test(name)) {
      add(
        'error',
        'invalid_ask_field',
        `${path}.name`,
        `has a field named "${String(name)}": use lower-case letters, digits and _ (up to 40, starting with a letter).`,
      );
      return;
    }
    if (byName.has(name)) {
      add('error', 'invalid_ask_field', `${path}.name`, `names the field "${name}" twice.`);
      return;
    }
    if (typeof field.description !== 'string' || field.description.trim() === '') {
      add(
        'error',
        'invalid_ask_field',
        `${path}.description`,
        `has a field "${name}" without a description: the carrier's model reads it to understand the caller.`,
      );
    } else if (field.description.length > DESCRIPTION_CHARS) {
      add(
        'error',
        'invalid_ask_field',
        `${path}.description`,
        `describes the field "${name}" in more than ${DESCRIPTION_CHARS} characters.`,
      );
    }
    if (field.values !== undefined) checkValues(field, path, add);
    byName.set(name, field);
  });
  return byName;
}

function checkValues(field: AskField, path: string, add: AddStepIssue): void {
  const values = field.values;
  if (
    !isList(values) ||
    values.length < FLOW_LIMITS.askValues.min ||
    values.length > FLOW_LIMITS.askValues.max
  ) {
    add(
      'error',
      'invalid_ask_field',
      `${path}.values`,
      `lists the values of "${field.name}" wrongly: give ${rangeText(FLOW_LIMITS.askValues)} words, or leave values out for free text.`,
    );
    return;
  }
  const seen = new Set<string>();
  values.forEach((value, v) => {
    if (typeof value !== 'string' || value.trim() === '') {
      add('error', 'invalid_ask_field', `${path}.values[${v}]`, `has an empty value for "${field.name}".`);
    } else if (seen.has(value.trim().toLowerCase())) {
      add(
        'error',
        'invalid_ask_field',
        `${path}.values[${v}]`,
        `lists "${value}" twice for "${field.name}".`,
      );
    } else seen.add(value.trim().toLowerCase());
  });
  for (const key of Object.keys(field.synonyms ?? {})) {
    if (!values.includes(key)) {
      add(
        'error',
        'invalid_ask_field',
        `${path}.synonyms.${key}`,
        `gives synonyms for "${key}", which is not a value of "${field.name}".`,
      );
    }
  }
}

function checkRoutes(step: AskStep, fields: ReadonlyMap<string, AskField>, add: AddStepIssue): void {
  if (!isList(step.routes)) {
    add(
      'error',
      'invalid_value',
      'routes',
      'needs a list of routes (it may be empty: every answer then takes the fallback).',
    );
    return;
  }
  if (step.routes.length === 0) {
    add('warning', 'no_branches', 'routes', 'has no routes: every caller takes the fallback.');
  }
  if (step.routes.length > FLOW_LIMITS.askRoutes.max) {
    add(
      'error',
      'invalid_value',
      'routes',
      `has ${step.routes.length} routes; at most ${FLOW_LIMITS.askRoutes.max}.`,
    );
  }
  const seen = new Map<string, number>();
  step.routes.forEach((route, r) => {
    const path = `routes[${r}]`;
    const when: unknown = route?.when;
    if (typeof when !== 'object' || when === null || Array.isArray(when) || Object.keys(when).length === 0) {
      add(
        'error',
        'empty_branch',
        `${path}.when`,
        `has a route (${path}) with no condition: name a field and its value.`,
      );
      return;
    }
    let sound = true;
    for (const [name, value] of Object.entries(when as Record<string, unknown>)) {
      const field = fields.get(name);
      if (field === undefined) {
        add(
          'error',
          'unknown_ask_field',
          `${path}.when.${name}`,
          `routes on "${name}", which is not one of its fields.`,
        );
        sound = false;
      } else if (typeof value !== 'string' || value.trim() === '') {
        add('error', 'invalid_value', `${path}.when.${name}`, `routes on an empty value of "${name}".`);
        sound = false;
      } else if (
        field.values !== undefined &&
        isList(field.values) &&
        !field.values.some((v) => v.toLowerCase() === value.trim().toLowerCase())
      ) {
        add(
          'error',
          'unknown_ask_value',
          `${path}.when.${name}`,
          `routes on ${name}="${value}", which is not one of its values (${field.values.join(', ')}).`,
        );
        sound = false;
      }
    }
    if (!sound) return;
    const key = Object.entries(when as Record<string, string>)
      .map(([n, v]) => `${n}=${v.trim().toLowerCase()}`)
      .sort()
      .join('&');
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      add(
        'error',
        'duplicate_branch',
        path,
        `has two routes with the same condition (routes[${earlier}] and ${path}).`,
      );
    } else seen.set(key, r);
  });
}

/** The answer's rules need the question's fields, not the step's flow bookkeeping. */
function askDefinition(step: AskStep): AskDefinition {
  return {
    id: step.id,
    prompt: step.prompt,
    fields: step.fields,
    routes: step.routes,
    fallback: step.fallback,
    timeoutSeconds: step.timeoutSeconds,
  };
}

/**
 * The caller's next typed phrase, read by the dry run's word matcher (front-desk/phrase-fields.ts)
 * where a live call has the carrier's model; no phrase is a gather that ended without an answer.
 */
function simulateAsk(action: StepActionOf<'ask'>, call: DryRunCall): SimulatedAction {
  const said = call.phrase();
  const answer = said === null ? null : phraseFields(action.ask.fields, said);
  const outcome = routeAnswer(action.ask, answer);
  return { trace: { kind: 'ask', stepId: action.stepId, said, outcome }, next: outcome.stepId };
}
