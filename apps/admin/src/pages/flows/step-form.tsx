import {
  FLOW_LIMITS,
  MENU_DIGITS,
  type CallFlow,
  type EditorSlot,
  type FlowStep,
  type MenuDigit,
} from '@switchboard/domain';
import { useEffect, useState, type ReactNode } from 'react';
import type { ApiProblem } from '../../api/problem';
import { Field } from '../../ui/field';
import { AskFields } from './ask-fields';
import { CriteriaField, newCriterion } from './criteria-field';
import { issuesAsProblem, type StepIssue } from './flow-issues';
import type { FlowResources } from './flow-resources';
import { PromptField } from './prompt-field';
import { KIND_LABELS } from './step-kind-labels';

export interface StepFormProps {
  step: FlowStep;
  flow: CallFlow;
  /** The step's link fields, labelled like its edges. */
  slots: readonly EditorSlot[];
  resources: FlowResources;
  issues: readonly StepIssue[];
  readOnly: boolean;
  onChange: (step: FlowStep) => void;
  /** Gives the step a new id; false when another step has it. */
  onRename: (id: string) => boolean;
  onLink: (path: string, target: string | null) => void;
  onRemove: () => void;
  onMakeStart: () => void;
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * Every setting of the selected step, as a labelled form: its id and label, its kind's fields
 * (pickers list the property's schedules, ring groups, voicemail boxes and audio files), and
 * where each of its links goes. The flow's problems with the step show beside the field they name.
 */
export function StepForm(props: StepFormProps) {
  const { step, flow, issues, readOnly, onChange } = props;
  const problem = issuesAsProblem(issues);
  const stepIssues = issues.filter((i) => i.field === '');
  const isStart = flow.initialStepId === step.id;
  return (
    <form
      className="form step-form"
      aria-label={`${KIND_LABELS[step.type]} settings`}
      onSubmit={(e) => e.preventDefault()}
    >
      <h3>
        {KIND_LABELS[step.type]}: {step.label || step.id}
        {isStart && <span className="badge">start</span>}
      </h3>
      {stepIssues.length > 0 && (
        <ul className="step-issues" aria-label="Problems with this step">
          {stepIssues.map((i) => (
            <li key={i.message} className={i.severity === 'error' ? 'issue-error' : 'issue-warning'}>
              {i.message}
            </li>
          ))}
        </ul>
      )}
      <fieldset disabled={readOnly} className="plain">
        <IdField id={step.id} onRename={props.onRename} problem={problem} />
        <Field label="Label" name="label" problem={problem} hint="For admins; callers never hear it.">
          {(a) => (
            <input
              {...a}
              value={step.label ?? ''}
              onChange={(e) => {
                const { label: _old, ...rest } = step;
                onChange(e.target.value === '' ? rest : { ...step, label: e.target.value });
              }}
            />
          )}
        </Field>
        <KindFields {...props} problem={problem} />
        {props.slots.length > 0 && (
          <fieldset>
            <legend>Where calls go</legend>
            {props.slots.map((slot) => (
              <LinkField key={slot.path} slot={slot} flow={flow} problem={problem} onLink={props.onLink} />
            ))}
            {step.type === 'menu' && !readOnly && <AddKey step={step} onLink={props.onLink} />}
          </fieldset>
        )}
        {!readOnly && (
          <div className="form-actions">
            {!isStart && (
              <button type="button" onClick={props.onMakeStart}>
                Start calls here
              </button>
            )}
            <button type="button" className="danger" onClick={props.onRemove}>
              Delete step
            </button>
          </div>
        )}
      </fieldset>
    </form>
  );
}

/** The step's id, changed when the admin leaves the field (links to it follow). */
function IdField({
  id,
  onRename,
  problem,
}: {
  id: string;
  onRename: (id: string) => boolean;
  problem: ApiProblem | undefined;
}) {
  const [draft, setDraft] = useState(id);
  const [taken, setTaken] = useState(false);
  useEffect(() => setDraft(id), [id]);
  const commit = () => {
    const next = draft.trim();
    if (next === id) return;
    if (next === '' || !onRename(next)) setTaken(true);
    else setTaken(false);
  };
  return (
    <Field
      label="Step id"
      name="id"
      problem={problem}
      hint={
        taken
          ? 'Another step has this id (or it is empty); the id was not changed.'
          : 'Links name steps by id.'
      }
    >
      {(a) => (
        <input
          {...a}
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit();
          }}
        />
      )}
    </Field>
  );
}

/** One link of the step: the step it goes to, chosen from the flow's steps. */
function LinkField({
  slot,
  flow,
  problem,
  onLink,
}: {
  slot: EditorSlot;
  flow: CallFlow;
  problem: ApiProblem | undefined;
  onLink: (path: string, target: string | null) => void;
}) {
  const isKey = slot.path.startsWith('options.');
  const REMOVE = '\u0000remove';
  return (
    <Field label={`${capital(slot.label)}: go to`} name={slot.path} problem={problem}>
      {(a) => (
        <select
          {...a}
          value={slot.target ?? ''}
          onChange={(e) => {
            const v = e.target.value;
            // An empty menu key stays (flagged) until removed; other links clear to empty.
            onLink(slot.path, v === REMOVE ? null : v === '' ? (isKey ? '' : null) : v);
          }}
        >
          <option value="">{slot.path === 'noAnswer' ? 'End the call' : 'Not set'}</option>
          {isKey && <option value={REMOVE}>Remove this key</option>}
          {flow.steps.map((s) => (
            <option key={s.id} value={s.id}>
              {s.label ? `${s.label} (${s.id})` : s.id} — {KIND_LABELS[s.type] ?? s.type}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** A new menu key: it starts leading nowhere, which is flagged until a step is chosen for it. */
function AddKey({
  step,
  onLink,
}: {
  step: FlowStep & { type: 'menu' };
  onLink: (path: string, target: string) => void;
}) {
  // Keypad order: a new menu's first key is 1, not 0.
  const keypad = [...MENU_DIGITS.slice(1, 10), MENU_DIGITS[0], ...MENU_DIGITS.slice(10)];
  const free = keypad.filter((d) => step.options[d] === undefined && !(d === '*' && step.repeatOnStar));
  const [key, setKey] = useState<MenuDigit>();
  const chosen = key !== undefined && free.includes(key) ? key : free[0];
  if (chosen === undefined) return null;
  return (
    <div className="form-inline">
      <Field label="New key" name="newKey">
        {(a) => (
          <select {...a} value={chosen} onChange={(e) => setKey(e.target.value as MenuDigit)}>
            {free.map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        )}
      </Field>
      <button type="button" onClick={() => onLink(`options.${chosen}`, '')}>
        Add key
      </button>
    </div>
  );
}

function NumberField({
  label,
  name,
  value,
  problem,
  range,
  onChange,
}: {
  label: string;
  name: string;
  value: number;
  problem: ApiProblem | undefined;
  range: { min: number; max: number };
  onChange: (n: number) => void;
}) {
  return (
    <Field label={label} name={name} problem={problem} hint={`${range.min}–${range.max}`}>
      {(a) => (
        <input
          {...a}
          type="number"
          min={range.min}
          max={range.max}
          value={Number.isFinite(value) ? value : ''}
          onChange={(e) => onChange(e.target.value === '' ? Number.NaN : Number(e.target.value))}
        />
      )}
    </Field>
  );
}

function ResourceSelect({
  label,
  name,
  value,
  items,
  problem,
  empty,
  onChange,
}: {
  label: string;
  name: string;
  value: string;
  items: readonly { id: string; name: string }[];
  problem: ApiProblem | undefined;
  empty: string;
  onChange: (id: string) => void;
}) {
  return (
    <Field label={label} name={name} problem={problem} hint={items.length === 0 ? empty : undefined}>
      {(a) => (
        <select {...a} value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">Choose…</option>
          {items.map((i) => (
            <option key={i.id} value={i.id}>
              {i.name}
            </option>
          ))}
          {value !== '' && !items.some((i) => i.id === value) && (
            <option value={value}>{value} (missing)</option>
          )}
        </select>
      )}
    </Field>
  );
}

/** The fields of the step's own kind (links are in "Where calls go"). */
function KindFields({
  step,
  resources,
  onChange,
  problem,
}: StepFormProps & { problem: ApiProblem | undefined }): ReactNode {
  const audio = resources.audio;
  switch (step.type) {
    case 'greeting':
      return (
        <PromptField
          label="Greeting"
          name="prompt"
          prompt={step.prompt}
          audio={audio}
          problem={problem}
          onChange={(p) => p && onChange({ ...step, prompt: p })}
        />
      );
    case 'hangup':
      return (
        <PromptField
          label="Goodbye message"
          name="message"
          prompt={step.message}
          optional
          audio={audio}
          problem={problem}
          onChange={(p) => {
            const { message: _m, ...rest } = step;
            onChange(p ? { ...step, message: p } : rest);
          }}
        />
      );
    case 'forward':
      return (
        <>
          <Field label="Forward to" name="to" problem={problem} hint="E.164, like +13125550100">
            {(a) => (
              <input
                {...a}
                type="tel"
                value={step.to}
                onChange={(e) => onChange({ ...step, to: e.target.value.trim() })}
              />
            )}
          </Field>
          <NumberField
            label="Ring for (seconds)"
            name="timeoutSeconds"
            value={step.timeoutSeconds}
            range={FLOW_LIMITS.forwardTimeoutSeconds}
            problem={problem}
            onChange={(n) => onChange({ ...step, timeoutSeconds: n })}
          />
          <Field label="Caller id shown" name="callerId" problem={problem}>
            {(a) => (
              <select
                {...a}
                value={step.callerId}
                onChange={(e) =>
                  onChange({ ...step, callerId: e.target.value as 'tracking_number' | 'caller' })
                }
              >
                <option value="tracking_number">The tracking number</option>
                <option value="caller">The caller’s number</option>
              </select>
            )}
          </Field>
        </>
      );
    case 'ring_group':
      return (
        <ResourceSelect
          label="Ring group"
          name="ringGroupId"
          value={step.ringGroupId}
          items={resources.ringGroups}
          problem={problem}
          empty="This property has no ring groups yet (see Ring groups)."
          onChange={(id) => onChange({ ...step, ringGroupId: id })}
        />
      );
    case 'voicemail':
      return (
        <>
          <ResourceSelect
            label="Voicemail box"
            name="voicemailBoxId"
            value={step.voicemailBoxId}
            items={resources.voicemailBoxes}
            problem={problem}
            empty="This property has no voicemail boxes yet (see Voicemail)."
            onChange={(id) => onChange({ ...step, voicemailBoxId: id })}
          />
          <PromptField
            label="Greeting"
            name="greeting"
            prompt={step.greeting}
            optional
            audio={audio}
            problem={problem}
            onChange={(p) => {
              const { greeting: _g, ...rest } = step;
              onChange(p ? { ...step, greeting: p } : rest);
            }}
          />
          <div className="field field-check">
            <label>
              <input
                type="checkbox"
                checked={step.beep}
                onChange={(e) => onChange({ ...step, beep: e.target.checked })}
              />{' '}
              Beep before recording
            </label>
          </div>
          <NumberField
            label="Longest message (seconds)"
            name="maxLengthSeconds"
            value={step.maxLengthSeconds}
            range={FLOW_LIMITS.voicemailMaxLengthSeconds}
            problem={problem}
            onChange={(n) => onChange({ ...step, maxLengthSeconds: n })}
          />
        </>
      );
    case 'menu':
      return (
        <>
          <PromptField
            label="Menu prompt"
            name="prompt"
            prompt={step.prompt}
            audio={audio}
            problem={problem}
            onChange={(p) => p && onChange({ ...step, prompt: p })}
          />
          <NumberField
            label="Wait for a key (seconds)"
            name="timeoutSeconds"
            value={step.timeoutSeconds}
            range={FLOW_LIMITS.menuTimeoutSeconds}
            problem={problem}
            onChange={(n) => onChange({ ...step, timeoutSeconds: n })}
          />
          <NumberField
            label="Retries"
            name="maxRetries"
            value={step.maxRetries}
            range={FLOW_LIMITS.menuMaxRetries}
            problem={problem}
            onChange={(n) => onChange({ ...step, maxRetries: n })}
          />
          <div className="field field-check">
            <label>
              <input
                type="checkbox"
                checked={step.repeatOnStar === true}
                onChange={(e) => onChange({ ...step, repeatOnStar: e.target.checked })}
              />{' '}
              * repeats the menu
            </label>
          </div>
          <PromptField
            label="After an invalid key"
            name="invalidPrompt"
            prompt={step.invalidPrompt}
            optional
            audio={audio}
            problem={problem}
            onChange={(p) => {
              const { invalidPrompt: _p, ...rest } = step;
              onChange(p ? { ...step, invalidPrompt: p } : rest);
            }}
          />
          <PromptField
            label="After no key"
            name="timeoutPrompt"
            prompt={step.timeoutPrompt}
            optional
            audio={audio}
            problem={problem}
            onChange={(p) => {
              const { timeoutPrompt: _p, ...rest } = step;
              onChange(p ? { ...step, timeoutPrompt: p } : rest);
            }}
          />
        </>
      );
    case 'ask':
      return <AskFields step={step} problem={problem} onChange={onChange} />;
    case 'schedule':
      return (
        <fieldset>
          <legend>Schedules, first open one wins</legend>
          {step.branches.map((b, i) => (
            <div key={i} className="branch">
              <ResourceSelect
                label={`Schedule ${i + 1}`}
                name={`branches[${i}].scheduleId`}
                value={b.scheduleId}
                items={resources.schedules}
                problem={problem}
                empty="This property has no schedules yet (see Schedules)."
                onChange={(id) =>
                  onChange({
                    ...step,
                    branches: step.branches.map((x, j) => (j === i ? { ...x, scheduleId: id } : x)),
                  })
                }
              />
              <button
                type="button"
                className="link-button"
                onClick={() => onChange({ ...step, branches: step.branches.filter((_, j) => j !== i) })}
              >
                Remove schedule {i + 1}
              </button>
            </div>
          ))}
          <button
            type="button"
            onClick={() => {
              const unused = resources.schedules.find(
                (s) => !step.branches.some((b) => b.scheduleId === s.id),
              );
              onChange({ ...step, branches: [...step.branches, { scheduleId: unused?.id ?? '', next: '' }] });
            }}
          >
            Add schedule branch
          </button>
        </fieldset>
      );
    case 'route':
      return (
        <fieldset>
          <legend>Branches, first match wins</legend>
          {step.branches.map((b, i) => {
            const setBranch = (branch: typeof b) =>
              onChange({ ...step, branches: step.branches.map((x, j) => (j === i ? branch : x)) });
            return (
              <div key={i} className="branch">
                <Field label={`Branch ${i + 1} name`} name={`branches[${i}].label`} problem={problem}>
                  {(a) => (
                    <input
                      {...a}
                      value={b.label ?? ''}
                      onChange={(e) => setBranch({ ...b, label: e.target.value || undefined })}
                    />
                  )}
                </Field>
                {problem?.forField(`branches[${i}]`) && (
                  <p className="field-error">{problem.forField(`branches[${i}]`)}</p>
                )}
                <CriteriaField
                  legend={`Branch ${i + 1}: callers who match all of`}
                  name={`branches[${i}].criteria`}
                  criteria={b.criteria}
                  problem={problem}
                  onChange={(criteria) => setBranch({ ...b, criteria })}
                />
                <button
                  type="button"
                  className="link-button"
                  onClick={() => onChange({ ...step, branches: step.branches.filter((_, j) => j !== i) })}
                >
                  Remove branch {i + 1}
                </button>
              </div>
            );
          })}
          <button
            type="button"
            onClick={() =>
              onChange({
                ...step,
                branches: [...step.branches, { criteria: [newCriterion('first_time')], next: '' }],
              })
            }
          >
            Add branch
          </button>
        </fieldset>
      );
  }
}
