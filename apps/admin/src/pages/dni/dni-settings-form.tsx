import { useState } from 'react';
import { unwrap } from '../../api/client';
import type { Ok } from '../../api/types';
import { useSession } from '../../session';
import { useAction } from '../../use-api';
import { Field } from '../../ui/field';
import { joinList, shownFields, splitList } from '../../ui/list-text';
import { ProblemNotice } from '../../ui/problem-notice';
import { FormTrackingFields, toFieldMap, toMappedFields } from './form-tracking-fields';

type Settings = Ok<'/v1/properties/{propertyId}/dni', 'get'>;
const FIELDS = [
  'allowedOrigins',
  'swapNumbers',
  'sessionGraceMinutes',
  'lookbackMinutes',
  'attributionModel',
  'repeatCallerWindowDays',
  'formTracking',
];

/**
 * The property's DNI settings: which sites may call, which numbers are swapped, sessions,
 * attribution, and form tracking.
 */
export function DniSettingsForm({
  propertyId,
  settings,
  saved,
}: {
  propertyId: string;
  settings: Settings;
  saved: () => void;
}) {
  const { readOnly } = useSession();
  const save = useAction();
  const [origins, setOrigins] = useState(joinList(settings.allowedOrigins));
  const [swap, setSwap] = useState(joinList(settings.swapNumbers));
  const [grace, setGrace] = useState(String(settings.sessionGraceMinutes));
  const [lookback, setLookback] = useState(String(settings.lookbackMinutes));
  const [model, setModel] = useState(settings.attributionModel);
  const [repeatDays, setRepeatDays] = useState(
    settings.repeatCallerWindowDays === null ? '' : String(settings.repeatCallerWindowDays),
  );
  const [tracking, setTracking] = useState(settings.formTracking.enabled);
  const [mapped, setMapped] = useState(() => toMappedFields(settings.formTracking.fieldMap));
  const p = save.problem;
  return (
    <form
      className="form form-wide"
      onSubmit={(e) => {
        e.preventDefault();
        void save
          .run((api) =>
            unwrap(
              api.PATCH('/v1/properties/{propertyId}/dni', {
                params: { path: { propertyId } },
                body: {
                  allowedOrigins: splitList(origins),
                  swapNumbers: splitList(swap),
                  sessionGraceMinutes: Number(grace),
                  lookbackMinutes: Number(lookback),
                  attributionModel: model,
                  repeatCallerWindowDays: repeatDays.trim() === '' ? null : Number(repeatDays),
                  formTracking: { enabled: tracking, fieldMap: toFieldMap(mapped) },
                },
              }),
            ),
          )
          .then((ok) => ok && saved());
      }}
    >
      <ProblemNotice problem={p} shown={shownFields(p, FIELDS)} />
      <fieldset disabled={readOnly || save.busy}>
        <Field
          label="Allowed origins"
          name="allowedOrigins"
          problem={p}
          list
          hint="The website's origins, one per line: https://sunset.example"
        >
          {(a) => <textarea {...a} rows={3} value={origins} onChange={(e) => setOrigins(e.target.value)} />}
        </Field>
        <Field
          label="Numbers to swap"
          name="swapNumbers"
          problem={p}
          list
          hint="The business's own numbers printed on the site, one per line"
        >
          {(a) => <textarea {...a} rows={3} value={swap} onChange={(e) => setSwap(e.target.value)} />}
        </Field>
        <div className="form-inline">
          <Field
            label="Session grace (minutes)"
            name="sessionGraceMinutes"
            problem={p}
            hint="A pool number stays with a visitor this long after their last page view"
          >
            {(a) => <input {...a} type="number" value={grace} onChange={(e) => setGrace(e.target.value)} />}
          </Field>
          <Field
            label="Look-back (minutes)"
            name="lookbackMinutes"
            problem={p}
            hint="A call to a released pool number goes to its last holder within this window"
          >
            {(a) => (
              <input {...a} type="number" value={lookback} onChange={(e) => setLookback(e.target.value)} />
            )}
          </Field>
          <Field label="Attribution" name="attributionModel" problem={p}>
            {(a) => (
              <select
                {...a}
                value={model}
                onChange={(e) => setModel(e.target.value as Settings['attributionModel'])}
              >
                <option value="first_touch">First touch: a returning visitor keeps their first source</option>
                <option value="last_touch">Last touch: the latest visit&apos;s source</option>
              </select>
            )}
          </Field>
          <Field
            label="Repeat caller window (days)"
            name="repeatCallerWindowDays"
            problem={p}
            hint="Empty: every earlier call counts"
          >
            {(a) => (
              <input
                {...a}
                type="number"
                value={repeatDays}
                onChange={(e) => setRepeatDays(e.target.value)}
              />
            )}
          </Field>
        </div>
        <FormTrackingFields
          enabled={tracking}
          setEnabled={setTracking}
          rows={mapped}
          setRows={setMapped}
          problem={p}
          readOnly={readOnly}
        />
        {!readOnly && <button type="submit">{save.busy ? 'Saving…' : 'Save DNI settings'}</button>}
      </fieldset>
    </form>
  );
}
