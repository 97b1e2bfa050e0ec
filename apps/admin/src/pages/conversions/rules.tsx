import { useState } from 'react';
import { unwrap } from '../../api/client';
import { words } from '../../format';
import { useSession } from '../../session';
import { useAction } from '../../use-api';
import { DataTable } from '../../ui/data-table';
import { DeleteButton } from '../../ui/delete-button';
import { Field } from '../../ui/field';
import { listProblem, shownFields } from '../../ui/list-text';
import { ProblemNotice } from '../../ui/problem-notice';
import { platformLabel, type Destination } from './destination-settings';
import {
  LEAD_STATUSES,
  describeCondition,
  newRuleDraft,
  toRuleBody,
  toRuleDraft,
  type Rule,
  type RuleDraft,
  type Tri,
} from './rule-draft';

const RULE_FIELDS = ['name', 'value', 'currency', 'when', 'destinationIds', 'enabled'];

/** The property's conversion rules: which leads earn a conversion, its name and value, and where it goes. */
export function Rules({
  propertyId,
  rules,
  destinations,
  changed,
}: {
  propertyId: string;
  rules: readonly Rule[];
  destinations: readonly Destination[];
  changed: () => void;
}) {
  const { readOnly } = useSession();
  const [editing, setEditing] = useState<string>();
  const [formKey, setFormKey] = useState(0);
  const nameOf = (id: string) => destinations.find((d) => d.id === id)?.name ?? id;
  const edited = rules.find((r) => r.id === editing);
  return (
    <section aria-labelledby="rules">
      <h2 id="rules">Rules</h2>
      <DataTable<Rule>
        caption="Conversion rules"
        rows={rules}
        rowKey={(r) => r.id}
        empty="No rule yet: leads earn no conversion."
        columns={[
          { header: 'Name', cell: (r) => r.name },
          { header: 'When', cell: (r) => describeCondition(r.when) },
          {
            header: 'Value',
            cell: (r) => (r.value === null ? '—' : `${r.value} ${r.currency}`),
            numeric: true,
          },
          { header: 'Sent to', cell: (r) => r.destinationIds.map(nameOf).join(', ') || '—' },
          { header: 'Enabled', cell: (r) => (r.enabled ? 'yes' : 'off') },
          ...(readOnly
            ? []
            : [
                {
                  header: 'Actions',
                  cell: (r: Rule) => (
                    <span className="row-actions">
                      <button type="button" className="link-button" onClick={() => setEditing(r.id)}>
                        Edit<span className="visually-hidden"> rule {r.name}</span>
                      </button>
                      <DeleteButton
                        what={`rule ${r.name}`}
                        remove={(api) =>
                          unwrap(
                            api.DELETE('/v1/properties/{propertyId}/conversion-rules/{ruleId}', {
                              params: { path: { propertyId, ruleId: r.id } },
                            }),
                          )
                        }
                        onDeleted={changed}
                      />
                    </span>
                  ),
                },
              ]),
        ]}
      />
      {edited && !readOnly && (
        <RuleForm
          key={edited.id}
          propertyId={propertyId}
          rule={edited}
          destinations={destinations}
          done={(saved) => {
            setEditing(undefined);
            if (saved) changed();
          }}
        />
      )}
      {!readOnly && (
        <RuleForm
          key={`new-${formKey}`}
          propertyId={propertyId}
          destinations={destinations}
          done={(saved) => {
            if (!saved) return;
            setFormKey((k) => k + 1);
            changed();
          }}
        />
      )}
    </section>
  );
}

/** Adds a rule (`rule` absent) or changes one; a change applies to conversions produced after it. */
function RuleForm({
  propertyId,
  rule,
  destinations,
  done,
}: {
  propertyId: string;
  rule?: Rule;
  destinations: readonly Destination[];
  done: (saved: boolean) => void;
}) {
  const save = useAction();
  const [d, setD] = useState<RuleDraft>(() => (rule ? toRuleDraft(rule) : newRuleDraft()));
  const set = (patch: Partial<RuleDraft>) => setD({ ...d, ...patch });
  const p = save.problem;
  const title = rule ? `Edit rule ${rule.name}` : 'Add a rule';
  const destinationsProblem = listProblem(p?.fields, 'destinationIds');
  const triSelect = (label: string, name: 'answered' | 'firstTime', yes: string, no: string) => (
    <Field label={label} name={`when.${name}`} problem={p}>
      {(a) => (
        <select {...a} value={d[name]} onChange={(e) => set({ [name]: e.target.value as Tri })}>
          <option value="">Either</option>
          <option value="yes">{yes}</option>
          <option value="no">{no}</option>
        </select>
      )}
    </Field>
  );
  return (
    <form
      className="form form-wide"
      aria-label={title}
      onSubmit={(e) => {
        e.preventDefault();
        const body = toRuleBody(d);
        void save
          .run((api) =>
            rule
              ? unwrap(
                  api.PATCH('/v1/properties/{propertyId}/conversion-rules/{ruleId}', {
                    params: { path: { propertyId, ruleId: rule.id } },
                    body,
                  }),
                )
              : unwrap(
                  api.POST('/v1/properties/{propertyId}/conversion-rules', {
                    params: { path: { propertyId } },
                    body,
                  }),
                ),
          )
          .then((ok) => ok && done(true));
      }}
    >
      <h3>{title}</h3>
      <ProblemNotice problem={p} shown={shownFields(p, RULE_FIELDS)} />
      <fieldset disabled={save.busy}>
        <div className="form-inline">
          <Field
            label="Conversion name"
            name="name"
            problem={p}
            hint="The conversion action (Google Ads) or event name (GA4, Meta)"
          >
            {(a) => <input {...a} value={d.name} onChange={(e) => set({ name: e.target.value })} />}
          </Field>
          <Field label="Value" name="value" problem={p} hint="Empty: no value sent">
            {(a) => (
              <input
                {...a}
                type="number"
                min={0}
                step="any"
                value={d.value}
                onChange={(e) => set({ value: e.target.value })}
              />
            )}
          </Field>
          <Field label="Currency" name="currency" problem={p} hint="ISO 4217: USD, EUR…">
            {(a) => (
              <input
                {...a}
                maxLength={3}
                value={d.currency}
                onChange={(e) => set({ currency: e.target.value })}
              />
            )}
          </Field>
        </div>
        <div className="form-inline">
          <Field label="Lead kind" name="when.leadKind" problem={p}>
            {(a) => (
              <select
                {...a}
                value={d.leadKind}
                onChange={(e) => set({ leadKind: e.target.value as RuleDraft['leadKind'] })}
              >
                <option value="call">A call</option>
                <option value="form">A form</option>
              </select>
            )}
          </Field>
          {d.leadKind === 'call' && (
            <>
              {triSelect('Answered', 'answered', 'Answered', 'Not answered')}
              <Field
                label="Talked at least (seconds)"
                name="when.talkSecondsAtLeast"
                problem={p}
                hint="Empty: any length"
              >
                {(a) => (
                  <input
                    {...a}
                    type="number"
                    min={0}
                    value={d.talkSecondsAtLeast}
                    onChange={(e) => set({ talkSecondsAtLeast: e.target.value })}
                  />
                )}
              </Field>
              <Field label="Lead status" name="when.leadStatus" problem={p}>
                {(a) => (
                  <select
                    {...a}
                    value={d.leadStatus}
                    onChange={(e) => set({ leadStatus: e.target.value as RuleDraft['leadStatus'] })}
                  >
                    <option value="">Any</option>
                    {LEAD_STATUSES.map((s) => (
                      <option key={s} value={s}>
                        {words(s)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              {triSelect('Caller', 'firstTime', 'First-time caller', 'Repeat caller')}
            </>
          )}
        </div>
        {d.leadKind === 'call' ? (
          <Field
            label="Sources"
            name="when.sourceIn"
            problem={p}
            list
            hint="Source names, one per line; none: any source"
          >
            {(a) => (
              <textarea
                {...a}
                rows={2}
                value={d.sourceIn}
                onChange={(e) => set({ sourceIn: e.target.value })}
              />
            )}
          </Field>
        ) : (
          <Field
            label="Form names"
            name="when.formNameIn"
            problem={p}
            list
            hint="As the forms log shows them, one per line; none: any form"
          >
            {(a) => (
              <textarea
                {...a}
                rows={2}
                value={d.formNameIn}
                onChange={(e) => set({ formNameIn: e.target.value })}
              />
            )}
          </Field>
        )}
        <fieldset className="checks">
          <legend>Send to</legend>
          {destinations.length === 0 && <p className="muted">Add a destination above first.</p>}
          {destinations.map((x) => (
            <label key={x.id}>
              <input
                type="checkbox"
                checked={d.destinationIds.includes(x.id)}
                onChange={(e) =>
                  set({
                    destinationIds: e.target.checked
                      ? [...d.destinationIds, x.id]
                      : d.destinationIds.filter((id) => id !== x.id),
                  })
                }
              />{' '}
              {x.name} <span className="muted">({platformLabel(x)})</span>
            </label>
          ))}
          {destinationsProblem && (
            <p className="field-error" role="alert">
              {destinationsProblem}
            </p>
          )}
        </fieldset>
        <label className="check">
          <input type="checkbox" checked={d.enabled} onChange={(e) => set({ enabled: e.target.checked })} />{' '}
          Enabled (off: no new conversions by this rule)
        </label>
        <div className="form-actions">
          <button type="submit">{save.busy ? 'Saving…' : rule ? 'Save rule' : 'Add rule'}</button>
          {rule && (
            <button type="button" className="secondary" onClick={() => done(false)}>
              Cancel
            </button>
          )}
        </div>
      </fieldset>
    </form>
  );
}
