import { useState } from 'react';
import { unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { useAction, useLoad } from '../../use-api';
import { Field } from '../../ui/field';
import { LoadedView } from '../../ui/page';
import { ProblemNotice } from '../../ui/problem-notice';
import { CATEGORIES, CATEGORY_LABELS, describePeriod, periodOf, periodText } from './categories';

type Retention = components['schemas']['PropertyRetentionView'];

/**
 * A property's retention overrides, on its settings page: days, "forever", or empty for the
 * account's period, with what applies now beside each.
 */
export function PropertyRetention({ propertyId, readOnly }: { propertyId: string; readOnly: boolean }) {
  const loaded = useLoad(
    (api) => unwrap(api.GET('/v1/properties/{propertyId}/retention', { params: { path: { propertyId } } })),
    [propertyId],
  );
  return (
    <section aria-labelledby="retention">
      <h2 id="retention">Retention</h2>
      <p className="muted">
        Days this property keeps each kind of personal data, <code>forever</code> to keep it until erased, or
        empty for the account's period (Privacy).
      </p>
      <LoadedView loaded={loaded}>
        {(r) => (
          <OverridesForm
            key={JSON.stringify(r)}
            propertyId={propertyId}
            initial={r}
            readOnly={readOnly}
            onSaved={loaded.reload}
          />
        )}
      </LoadedView>
    </section>
  );
}

function OverridesForm({
  propertyId,
  initial,
  readOnly,
  onSaved,
}: {
  propertyId: string;
  initial: Retention;
  readOnly: boolean;
  onSaved: () => void;
}) {
  const [draft, setDraft] = useState(() =>
    Object.fromEntries(CATEGORIES.map((c) => [c, periodText(initial.overrides[c])])),
  );
  const save = useAction();
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        const body = Object.fromEntries(CATEGORIES.map((c) => [c, periodOf(draft[c] ?? '')]));
        void save
          .run((api) =>
            unwrap(
              api.PUT('/v1/properties/{propertyId}/retention', {
                params: { path: { propertyId } },
                body,
              }),
            ),
          )
          .then((r) => r && onSaved());
      }}
    >
      <ProblemNotice problem={save.problem} shown={[...CATEGORIES]} />
      {CATEGORIES.map((c) => (
        <Field
          key={c}
          label={`${CATEGORY_LABELS[c]} on this property`}
          name={c}
          problem={save.problem}
          hint={`Now: ${describePeriod(initial.effective[c])}`}
        >
          {(props) => (
            <input
              {...props}
              value={draft[c] ?? ''}
              disabled={readOnly}
              placeholder="the account's"
              onChange={(e) => setDraft({ ...draft, [c]: e.target.value })}
            />
          )}
        </Field>
      ))}
      {!readOnly && (
        <button type="submit" disabled={save.busy}>
          Save retention
        </button>
      )}
    </form>
  );
}
