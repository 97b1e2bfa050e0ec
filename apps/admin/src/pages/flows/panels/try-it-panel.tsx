import { useState } from 'react';
import {
  describeDisclosure,
  describeOutcome,
  explainDryRun,
  instantToWallClock,
  wallClockToInstant,
  type CallFlow,
  type DryRunResult,
} from '@switchboard/domain';
import { unwrap } from '../../../api/client';
import type { Body } from '../../../api/types';
import { useSession } from '../../../session';
import { useAction, useLoad } from '../../../use-api';
import { Field } from '../../../ui/field';
import { ProblemNotice } from '../../../ui/problem-notice';

type SimulateBody = Body<'/v1/properties/{propertyId}/call-flows/{flowId}/simulate', 'post'>;
type LeadStatus = NonNullable<NonNullable<NonNullable<SimulateBody['caller']>['previousCall']>['leadStatus']>;
type VisitField = keyof NonNullable<NonNullable<SimulateBody['caller']>['session']>;

/** The visit's fields as the api names them, in the order a marketer thinks of them. */
const VISIT_FIELDS: readonly { field: VisitField; label: string; hint?: string }[] = [
  { field: 'landingPage', label: 'Landing page', hint: 'Its URL, with any utm_… tags in the query.' },
  { field: 'referrer', label: 'Referrer' },
  { field: 'campaign', label: 'Campaign' },
  { field: 'keyword', label: 'Keyword' },
  { field: 'activePage', label: 'Page when calling' },
];

interface Draft {
  callerId: string;
  repeat: boolean;
  priorCalls: string;
  leadStatus: '' | LeadStatus;
  score: string;
  source: string;
  visit: Partial<Record<VisitField, string>>;
  /** A datetime-local reading in the property's zone. */
  when: string;
  keys: string[];
  /** What the caller says at each spoken front desk, in order; empty means silence. */
  said: string[];
  answering: string[];
  forwardAnswered: boolean;
}

/**
 * "Try it": the dry-run simulator on the flow as it stands in the editor (unsaved changes
 * included: the api takes the definition in the body and checks it like a save). Shows where the
 * call went, step by step, and hands the path to the canvas to light it up.
 */
export function TryItPanel({
  propertyId,
  flowId,
  flow,
  onPath,
}: {
  propertyId: string;
  flowId: string;
  flow: CallFlow;
  onPath: (stepIds: readonly string[] | null) => void;
}) {
  const { readOnly, properties } = useSession();
  const timeZone = properties.find((p) => p.id === propertyId)?.timeZone ?? 'UTC';
  const path = { params: { path: { propertyId } } };
  const lists = useLoad(
    async (api) => {
      const [sources, agents] = await Promise.all([
        unwrap(api.GET('/v1/properties/{propertyId}/sources', path)),
        unwrap(api.GET('/v1/properties/{propertyId}/agents', path)),
      ]);
      return { sources: sources.items, agents: agents.items };
    },
    [propertyId],
  );
  const [draft, setDraft] = useState<Draft>(() => ({
    callerId: '+15555550100',
    repeat: false,
    priorCalls: '1',
    leadStatus: '',
    score: '',
    source: '',
    visit: {},
    when: instantToWallClock(Date.now(), timeZone),
    keys: [''],
    said: [''],
    answering: [],
    forwardAnswered: true,
  }));
  const set = (change: Partial<Draft>) => setDraft((d) => ({ ...d, ...change }));
  const sim = useAction();
  const [result, setResult] = useState<{ run: DryRunResult; flow: CallFlow }>();
  const [whenProblem, setWhenProblem] = useState<string>();
  const menus = flow.steps.filter((s) => s.type === 'menu');
  const desks = flow.steps.filter((s) => s.type === 'ask');

  const run = async () => {
    const at = wallClockToInstant(draft.when, timeZone);
    setWhenProblem(at === null ? 'Enter a date and time.' : undefined);
    if (at === null) return;
    const visit = Object.fromEntries(Object.entries(draft.visit).filter(([, v]) => v !== ''));
    const priorCalls = draft.repeat ? Number(draft.priorCalls) : 0;
    const previousCall =
      draft.repeat && (draft.leadStatus !== '' || draft.score !== '')
        ? {
            ...(draft.leadStatus !== '' ? { leadStatus: draft.leadStatus } : {}),
            ...(draft.score !== '' ? { score: Number(draft.score) } : {}),
          }
        : undefined;
    const body: SimulateBody = {
      definition: { ...flow },
      at,
      caller: {
        callerId: draft.callerId,
        priorCalls,
        ...(draft.source !== '' ? { source: draft.source } : {}),
        ...(Object.keys(visit).length > 0 ? { session: visit } : {}),
        ...(previousCall ? { previousCall } : {}),
      },
      keypresses: draft.keys,
      say: draft.said,
      answeringAgentIds: draft.answering,
      forwardAnswered: draft.forwardAnswered,
    };
    const answer = await sim.run((api) =>
      unwrap(
        api.POST('/v1/properties/{propertyId}/call-flows/{flowId}/simulate', {
          params: { path: { propertyId, flowId } },
          body,
        }),
      ),
    );
    if (answer === undefined) return;
    // The answer is the domain's dryRun value as it is; its schema merges the two decision entries
    // into one object type, so it reads back as the domain's own type.
    const dry = answer as unknown as DryRunResult;
    setResult({ run: dry, flow });
    onPath(dry.path);
  };

  const clear = () => {
    setResult(undefined);
    onPath(null);
  };

  const shown = [
    'at',
    'caller.callerId',
    'caller.priorCalls',
    'caller.source',
    'caller.previousCall',
    ...VISIT_FIELDS.map((v) => `caller.session.${v.field}`),
    ...draft.keys.map((_k, i) => `keypresses[${i}]`),
    ...draft.said.map((_s, i) => `say[${i}]`),
  ];

  return (
    <section className="flow-panel try-it" aria-labelledby="try-it-title">
      <h2 id="try-it-title">Try it</h2>
      <p className="hint">
        Runs the flow as it is in the editor, unsaved changes included, with the property’s schedules and ring
        groups. Nothing is dialled and nothing is stored.
      </p>
      {readOnly && (
        <p className="muted">
          A read-only key cannot run a dry run: the api accepts it from a full key only.
        </p>
      )}
      <form
        className="form try-it-form"
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        <fieldset>
          <legend>Caller</legend>
          <Field
            label="Caller’s number"
            name="caller.callerId"
            problem={sim.problem}
            hint="E.164, or anonymous"
          >
            {(a) => (
              <input {...a} value={draft.callerId} onChange={(e) => set({ callerId: e.target.value })} />
            )}
          </Field>
          <Field label="Caller" name="caller.repeat" problem={sim.problem}>
            {(a) => (
              <select
                {...a}
                value={draft.repeat ? 'repeat' : 'first'}
                onChange={(e) => set({ repeat: e.target.value === 'repeat' })}
              >
                <option value="first">First-time caller</option>
                <option value="repeat">Repeat caller</option>
              </select>
            )}
          </Field>
          {draft.repeat && (
            <>
              <Field label="Earlier calls" name="caller.priorCalls" problem={sim.problem}>
                {(a) => (
                  <input
                    {...a}
                    type="number"
                    min={1}
                    value={draft.priorCalls}
                    onChange={(e) => set({ priorCalls: e.target.value })}
                  />
                )}
              </Field>
              <Field label="Last call’s lead status" name="caller.previousCall" problem={sim.problem}>
                {(a) => (
                  <select
                    {...a}
                    value={draft.leadStatus}
                    onChange={(e) => set({ leadStatus: e.target.value as Draft['leadStatus'] })}
                  >
                    <option value="">Unknown</option>
                    <option value="good_lead">Good lead</option>
                    <option value="not_a_lead">Not a lead</option>
                    <option value="not_scored">Not scored</option>
                  </select>
                )}
              </Field>
              <Field label="Last call’s score" name="caller.previousCall.score" problem={sim.problem}>
                {(a) => (
                  <input
                    {...a}
                    type="number"
                    value={draft.score}
                    onChange={(e) => set({ score: e.target.value })}
                  />
                )}
              </Field>
            </>
          )}
        </fieldset>
        <fieldset>
          <legend>Source and visit</legend>
          <Field label="Source" name="caller.source" problem={sim.problem}>
            {(a) => (
              <select {...a} value={draft.source} onChange={(e) => set({ source: e.target.value })}>
                <option value="">None</option>
                {(lists.data?.sources ?? []).map((s) => (
                  <option key={s.id} value={s.name}>
                    {s.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {VISIT_FIELDS.map((v) => (
            <Field
              key={v.field}
              label={v.label}
              name={`caller.session.${v.field}`}
              problem={sim.problem}
              hint={v.hint}
            >
              {(a) => (
                <input
                  {...a}
                  value={draft.visit[v.field] ?? ''}
                  onChange={(e) => set({ visit: { ...draft.visit, [v.field]: e.target.value } })}
                />
              )}
            </Field>
          ))}
        </fieldset>
        <fieldset>
          <legend>When</legend>
          <Field label={`Date and time (${timeZone})`} name="at" problem={sim.problem}>
            {(a) => (
              <>
                <input
                  {...a}
                  type="datetime-local"
                  value={draft.when}
                  aria-invalid={a['aria-invalid'] || whenProblem !== undefined}
                  onChange={(e) => set({ when: e.target.value })}
                />
                {whenProblem && (
                  <small className="field-error" role="alert">
                    {whenProblem}
                  </small>
                )}
              </>
            )}
          </Field>
        </fieldset>
        <fieldset>
          <legend>Keys pressed</legend>
          <p className="hint">
            One entry per menu prompt, in the order the caller hears them; empty means no input.
            {menus.length > 0 &&
              ` Menus: ${menus.map((m) => `${m.label ?? m.id} (${Object.keys(m.type === 'menu' ? m.options : {}).join(' ')})`).join('; ')}.`}
          </p>
          {draft.keys.map((k, i) => (
            <div className="try-it-key" key={i}>
              <Field label={`Menu prompt ${i + 1}`} name={`keypresses[${i}]`} problem={sim.problem}>
                {(a) => (
                  <input
                    {...a}
                    value={k}
                    maxLength={1}
                    size={3}
                    onChange={(e) => set({ keys: draft.keys.map((x, j) => (j === i ? e.target.value : x)) })}
                  />
                )}
              </Field>
              <button
                type="button"
                className="link-button"
                aria-label={`Remove menu prompt ${i + 1}`}
                onClick={() => set({ keys: draft.keys.filter((_x, j) => j !== i) })}
              >
                Remove
              </button>
            </div>
          ))}
          <button type="button" className="secondary" onClick={() => set({ keys: [...draft.keys, ''] })}>
            Add a menu prompt
          </button>
        </fieldset>
        {desks.length > 0 && (
          <fieldset>
            <legend>What the caller says</legend>
            <p className="hint">
              One sentence per spoken front desk, in order; empty means silence. The live call is understood
              by the carrier&apos;s AI; this dry run matches words (a value, or one of its other words)
              instead.
            </p>
            {draft.said.map((text, i) => (
              <div className="try-it-key" key={i}>
                <Field label={`Spoken answer ${i + 1}`} name={`say[${i}]`} problem={sim.problem}>
                  {(a) => (
                    <input
                      {...a}
                      value={text}
                      onChange={(e) =>
                        set({ said: draft.said.map((x, j) => (j === i ? e.target.value : x)) })
                      }
                    />
                  )}
                </Field>
                <button
                  type="button"
                  className="link-button"
                  aria-label={`Remove spoken answer ${i + 1}`}
                  onClick={() => set({ said: draft.said.filter((_x, j) => j !== i) })}
                >
                  Remove
                </button>
              </div>
            ))}
            <button type="button" className="secondary" onClick={() => set({ said: [...draft.said, ''] })}>
              Add a spoken answer
            </button>
          </fieldset>
        )}
        <fieldset>
          <legend>Who answers</legend>
          {(lists.data?.agents ?? []).map((agent) => (
            <label key={agent.id} className="check">
              <input
                type="checkbox"
                checked={draft.answering.includes(agent.id)}
                onChange={(e) =>
                  set({
                    answering: e.target.checked
                      ? [...draft.answering, agent.id]
                      : draft.answering.filter((id) => id !== agent.id),
                  })
                }
              />{' '}
              {agent.name} answers
            </label>
          ))}
          <label className="check">
            <input
              type="checkbox"
              checked={draft.forwardAnswered}
              onChange={(e) => set({ forwardAnswered: e.target.checked })}
            />{' '}
            Forwarded calls are answered
          </label>
        </fieldset>
        <ProblemNotice problem={sim.problem} shown={shown} />
        {!readOnly && (
          <div className="form-actions">
            <button type="submit" disabled={sim.busy}>
              Run
            </button>
            <button type="button" className="secondary" onClick={clear} disabled={!result}>
              Clear
            </button>
          </div>
        )}
      </form>
      <div aria-live="polite">
        {sim.busy && <p className="muted">Running…</p>}
        {result && <DryRunPath flow={result.flow} result={result.run} />}
      </div>
    </section>
  );
}

function DryRunPath({ flow, result }: { flow: CallFlow; result: DryRunResult }) {
  const steps = explainDryRun(flow, result);
  const disclosure = describeDisclosure(result);
  return (
    <div className="try-it-result">
      <h3>Path taken</h3>
      {disclosure && <p className="try-it-disclosure">{disclosure}</p>}
      <ol className="try-it-path" aria-label="Path taken">
        {steps.map((s, i) => (
          <li key={`${i}-${s.stepId}`}>
            <strong>{s.label}</strong> — {s.decision}
            {s.why && <span className="muted"> ({s.why})</span>}
            {s.next && <span> → {s.next}</span>}
          </li>
        ))}
      </ol>
      <p className="try-it-outcome">
        <strong>Outcome:</strong> {describeOutcome(result.outcome)}
        {result.recording && ' (recorded)'}
        {result.transcription && ' (transcribed)'}
      </p>
    </div>
  );
}
