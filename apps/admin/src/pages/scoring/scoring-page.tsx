import { useState } from 'react';
import { CALL_OUTCOMES, type ScoringRules } from '@switchboard/domain';
import { unwrap } from '../../api/client';
import type { ApiProblem } from '../../api/problem';
import type { Body } from '../../api/types';
import { useSession } from '../../session';
import { useAction, useLoad } from '../../use-api';
import { Field } from '../../ui/field';
import { shownFields } from '../../ui/list-text';
import { LoadedView, Page } from '../../ui/page';
import { ProblemNotice } from '../../ui/problem-notice';
import {
  emptyRule,
  NEW_RULES,
  toDraft,
  toRules,
  type RuleDraft,
  type ScoringDraft,
  type Tri,
} from './scoring-draft';

type RulesBody = Body<'/v1/properties/{propertyId}/scoring-rules', 'put'>;

/**
 * The property's call-scoring rules: every call starts at the base score, each matching rule adds
 * its points, and the thresholds turn the score into a lead status. Saving rescores past calls in
 * the background (the count of calls still to rescore is shown).
 */
export function ScoringPage({ propertyId }: { propertyId: string }) {
  const path = { params: { path: { propertyId } } };
  const loaded = useLoad(
    (api) => unwrap(api.GET('/v1/properties/{propertyId}/scoring-rules', path)),
    [propertyId],
  );
  return (
    <Page title="Scoring">
      <LoadedView loaded={loaded}>
        {(s) => (
          <>
            <p className="muted" aria-live="polite">
              {s.rules ? `Rules version ${s.version}.` : 'No rules: calls are not scored.'}{' '}
              {s.staleCalls > 0 && `${s.staleCalls} call(s) still being rescored.`}
            </p>
            <ScoringForm
              key={s.version}
              propertyId={propertyId}
              rules={(s.rules as ScoringRules | null) ?? NEW_RULES}
              hasRules={s.rules !== null}
              saved={loaded.reload}
            />
          </>
        )}
      </LoadedView>
    </Page>
  );
}

function ScoringForm({
  propertyId,
  rules,
  hasRules,
  saved,
}: {
  propertyId: string;
  rules: ScoringRules;
  hasRules: boolean;
  saved: () => void;
}) {
  const { readOnly } = useSession();
  const save = useAction();
  const remove = useAction();
  const [d, setD] = useState<ScoringDraft>(() => toDraft(rules));
  const p = save.problem;
  const setRule = (i: number, r: RuleDraft) =>
    setD({ ...d, rules: d.rules.map((x, j) => (j === i ? r : x)) });
  return (
    <form
      className="form form-wide"
      onSubmit={(e) => {
        e.preventDefault();
        void save
          .run((api) =>
            unwrap(
              api.PUT('/v1/properties/{propertyId}/scoring-rules', {
                params: { path: { propertyId } },
                body: toRules(d) as unknown as RulesBody,
              }),
            ),
          )
          .then((ok) => ok && saved());
      }}
    >
      <ProblemNotice
        problem={p}
        shown={shownFields(p, ['baseScore', 'goodLeadAtLeast', 'notALeadBelow', 'rules'])}
      />
      <fieldset disabled={readOnly || save.busy}>
        <legend>Score and lead status</legend>
        <div className="form-inline">
          <NumberField
            label="Base score"
            name="baseScore"
            value={d.baseScore}
            problem={p}
            hint="0–100: every call starts here"
            set={(v) => setD({ ...d, baseScore: v })}
          />
          <NumberField
            label="Good lead at least"
            name="goodLeadAtLeast"
            value={d.goodLeadAtLeast}
            problem={p}
            set={(v) => setD({ ...d, goodLeadAtLeast: v })}
          />
          <NumberField
            label="Not a lead below"
            name="notALeadBelow"
            value={d.notALeadBelow}
            problem={p}
            hint="Between the two: not scored, for a person to judge"
            set={(v) => setD({ ...d, notALeadBelow: v })}
          />
        </div>
      </fieldset>
      <ol className="score-rules">
        {d.rules.map((r, i) => (
          <li key={i}>
            <RuleEditor
              index={i}
              rule={r}
              problem={p}
              readOnly={readOnly || save.busy}
              set={(x) => setRule(i, x)}
            />
            {!readOnly && (
              <button
                type="button"
                className="link-button"
                onClick={() => setD({ ...d, rules: d.rules.filter((_, j) => j !== i) })}
              >
                Remove rule {i + 1}
              </button>
            )}
          </li>
        ))}
      </ol>
      {p?.forField('rules') && (
        <p className="field-error" role="alert">
          {p.forField('rules')}
        </p>
      )}
      {!readOnly && (
        <div className="form-actions">
          <button
            type="button"
            className="secondary"
            onClick={() => setD({ ...d, rules: [...d.rules, emptyRule()] })}
          >
            Add a rule
          </button>
          <button type="submit" disabled={save.busy}>
            Save scoring rules
          </button>
          {hasRules && (
            <button
              type="button"
              className="danger"
              disabled={remove.busy}
              onClick={() => {
                if (!window.confirm('Remove the scoring rules? Rule-scored calls become not scored.')) return;
                void remove
                  .run((api) =>
                    unwrap(
                      api.DELETE('/v1/properties/{propertyId}/scoring-rules', {
                        params: { path: { propertyId } },
                      }),
                    ),
                  )
                  .then((ok) => ok && saved());
              }}
            >
              Remove all rules
            </button>
          )}
        </div>
      )}
      <ProblemNotice problem={remove.problem} />
    </form>
  );
}

function NumberField({
  label,
  name,
  value,
  set,
  problem,
  hint,
}: {
  label: string;
  name: string;
  value: string;
  set: (v: string) => void;
  problem: ApiProblem | undefined;
  hint?: string;
}) {
  return (
    <Field label={label} name={name} problem={problem} {...(hint ? { hint } : {})}>
      {(a) => <input {...a} type="number" value={value} onChange={(e) => set(e.target.value)} />}
    </Field>
  );
}

const TRI_LABELS: Record<Tri, string> = { '': 'Either', yes: 'Yes', no: 'No' };

function TriField({
  label,
  name,
  value,
  set,
  problem,
}: {
  label: string;
  name: string;
  value: Tri;
  set: (v: Tri) => void;
  problem: ApiProblem | undefined;
}) {
  return (
    <Field label={label} name={name} problem={problem}>
      {(a) => (
        <select {...a} value={value} onChange={(e) => set(e.target.value as Tri)}>
          {(['', 'yes', 'no'] as const).map((t) => (
            <option key={t} value={t}>
              {TRI_LABELS[t]}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** One rule: its name, points and conditions (all given conditions must hold). */
function RuleEditor({
  index,
  rule: r,
  set,
  problem,
  readOnly,
}: {
  index: number;
  rule: RuleDraft;
  set: (r: RuleDraft) => void;
  problem: ApiProblem | undefined;
  readOnly: boolean;
}) {
  const at = `rules[${index}]`;
  const w = `${at}.when`;
  const n = index + 1;
  return (
    <fieldset className="score-rule" disabled={readOnly}>
      <legend>Rule {n}</legend>
      <div className="form-inline">
        <Field label={`Rule ${n} name`} name={`${at}.name`} problem={problem}>
          {(a) => <input {...a} value={r.name} onChange={(e) => set({ ...r, name: e.target.value })} />}
        </Field>
        <NumberField
          label={`Rule ${n} points`}
          name={`${at}.points`}
          value={r.points}
          problem={problem}
          hint="-100…100"
          set={(v) => set({ ...r, points: v })}
        />
      </div>
      {problem?.forField(w) && (
        <p className="field-error" role="alert">
          {problem.forField(w)}
        </p>
      )}
      <div className="form-inline">
        <TriField
          label={`Rule ${n}: answered`}
          name={`${w}.answered`}
          value={r.answered}
          problem={problem}
          set={(v) => set({ ...r, answered: v })}
        />
        <TriField
          label={`Rule ${n}: first-time caller`}
          name={`${w}.firstTime`}
          value={r.firstTime}
          problem={problem}
          set={(v) => set({ ...r, firstTime: v })}
        />
        <NumberField
          label={`Rule ${n}: talked at least (s)`}
          name={`${w}.talkSecondsAtLeast`}
          value={r.talkSecondsAtLeast}
          problem={problem}
          set={(v) => set({ ...r, talkSecondsAtLeast: v })}
        />
        <NumberField
          label={`Rule ${n}: talked less than (s)`}
          name={`${w}.talkSecondsBelow`}
          value={r.talkSecondsBelow}
          problem={problem}
          set={(v) => set({ ...r, talkSecondsBelow: v })}
        />
      </div>
      <fieldset className="checks">
        <legend>Rule {n}: outcome is one of</legend>
        {CALL_OUTCOMES.map((o) => (
          <label key={o}>
            <input
              type="checkbox"
              checked={r.outcomeIn.includes(o)}
              onChange={(e) =>
                set({
                  ...r,
                  outcomeIn: e.target.checked ? [...r.outcomeIn, o] : r.outcomeIn.filter((x) => x !== o),
                })
              }
            />{' '}
            {o.replace('_', ' ')}
          </label>
        ))}
        {problem && problem.under(`${w}.outcomeIn`).length > 0 && (
          <p className="field-error" role="alert">
            {problem
              .under(`${w}.outcomeIn`)
              .map((f) => f.message)
              .join(' ')}
          </p>
        )}
      </fieldset>
      <div className="form-inline">
        <Field
          label={`Rule ${n}: passed through flow step`}
          name={`${w}.pathIncludes`}
          problem={problem}
          hint="A step id"
        >
          {(a) => (
            <input
              {...a}
              value={r.pathIncludes}
              onChange={(e) => set({ ...r, pathIncludes: e.target.value })}
            />
          )}
        </Field>
        <Field
          label={`Rule ${n}: transcript has any of`}
          name={`${w}.transcriptHasAny`}
          problem={problem}
          list
          hint="One word or phrase per line"
        >
          {(a) => (
            <textarea
              {...a}
              rows={2}
              value={r.transcriptHasAny}
              onChange={(e) => set({ ...r, transcriptHasAny: e.target.value })}
            />
          )}
        </Field>
        <Field
          label={`Rule ${n}: source is one of`}
          name={`${w}.sourceIn`}
          problem={problem}
          list
          hint="Source names, one per line"
        >
          {(a) => (
            <textarea
              {...a}
              rows={2}
              value={r.sourceIn}
              onChange={(e) => set({ ...r, sourceIn: e.target.value })}
            />
          )}
        </Field>
      </div>
    </fieldset>
  );
}
