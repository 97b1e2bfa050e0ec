import { useState } from 'react';
import { CONVERSION_PLATFORMS, type ConversionPlatform } from '@switchboard/domain';
import { unwrap } from '../../api/client';
import { saveFile } from '../../download';
import { useSession } from '../../session';
import { useAction } from '../../use-api';
import { DataTable } from '../../ui/data-table';
import { DeleteButton } from '../../ui/delete-button';
import { Field } from '../../ui/field';
import { shownFields } from '../../ui/list-text';
import { ProblemNotice } from '../../ui/problem-notice';
import {
  PLATFORM_LABELS,
  modeOf,
  platformLabel,
  secretSet,
  settingsOf,
  settingsSummary,
  type Destination,
  type GoogleAdsMode,
} from './destination-settings';

/** The property's ad platform accounts: conversions are sent to them (or, Google Ads by file, downloaded). */
export function Destinations({
  propertyId,
  destinations,
  changed,
}: {
  propertyId: string;
  destinations: readonly Destination[];
  changed: () => void;
}) {
  const { readOnly } = useSession();
  const [editing, setEditing] = useState<string>();
  const [formKey, setFormKey] = useState(0);
  const csv = useAction();
  const download = (d: Destination) =>
    void csv.run(async (api) => {
      const { data, error, response } = await api.GET(
        '/v1/properties/{propertyId}/conversions/google-ads.csv',
        { params: { path: { propertyId }, query: { destinationId: d.id } }, parseAs: 'blob' },
      );
      if (error !== undefined || !response.ok || !data) await unwrap(Promise.resolve({ error, response }));
      saveFile(data as Blob, 'google-ads-conversions.csv');
    });
  const edited = destinations.find((d) => d.id === editing);
  return (
    <section aria-labelledby="destinations">
      <h2 id="destinations">Destinations</h2>
      <ProblemNotice problem={csv.problem} />
      <DataTable<Destination>
        caption="Conversion destinations"
        rows={destinations}
        rowKey={(d) => d.id}
        empty="No destination yet: add the ad platform accounts conversions go to."
        columns={[
          { header: 'Name', cell: (d) => d.name },
          { header: 'Platform', cell: (d) => platformLabel(d) },
          { header: 'Settings', cell: (d) => settingsSummary(d) || '—' },
          { header: 'Enabled', cell: (d) => (d.enabled ? 'yes' : 'off') },
          {
            header: 'Actions',
            cell: (d) => (
              <span className="row-actions">
                {d.platform === 'google_ads' && modeOf(d) === 'csv' && (
                  <button
                    type="button"
                    className="link-button"
                    disabled={csv.busy}
                    onClick={() => download(d)}
                  >
                    Download upload file<span className="visually-hidden"> of {d.name}</span>
                  </button>
                )}
                {!readOnly && (
                  <>
                    <button type="button" className="link-button" onClick={() => setEditing(d.id)}>
                      Edit<span className="visually-hidden"> destination {d.name}</span>
                    </button>
                    <DeleteButton
                      what={`destination ${d.name}`}
                      remove={(api) =>
                        unwrap(
                          api.DELETE('/v1/properties/{propertyId}/conversion-destinations/{destinationId}', {
                            params: { path: { propertyId, destinationId: d.id } },
                          }),
                        )
                      }
                      onDeleted={changed}
                    />
                  </>
                )}
              </span>
            ),
          },
        ]}
      />
      {edited && !readOnly && (
        <DestinationForm
          key={edited.id}
          propertyId={propertyId}
          destination={edited}
          done={(saved) => {
            setEditing(undefined);
            if (saved) changed();
          }}
        />
      )}
      {!readOnly && (
        <DestinationForm
          key={`new-${formKey}`}
          propertyId={propertyId}
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

/**
 * Adds a destination (`destination` absent) or changes one. Secrets are write-only: a stored one
 * shows as "set", and an empty input keeps it.
 */
function DestinationForm({
  propertyId,
  destination,
  done,
}: {
  propertyId: string;
  destination?: Destination;
  done: (saved: boolean) => void;
}) {
  const save = useAction();
  const [platform, setPlatform] = useState<ConversionPlatform>(destination?.platform ?? 'google_ads');
  const [mode, setMode] = useState<GoogleAdsMode>(destination ? modeOf(destination) : 'api');
  const [name, setName] = useState(destination?.name ?? '');
  const [enabled, setEnabled] = useState(destination?.enabled ?? true);
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(
      Object.entries(destination?.config ?? {}).filter(
        (e): e is [string, string] => typeof e[1] === 'string',
      ),
    ),
  );
  const settings = settingsOf(platform, mode);
  const p = save.problem;
  const title = destination ? `Edit destination ${destination.name}` : 'Add a destination';
  const configBody = (): Record<string, string | null> => {
    const config: Record<string, string | null> = platform === 'google_ads' ? { mode } : {};
    for (const s of settings) {
      const v = (values[s.key] ?? '').trim();
      if (v !== '') config[s.key] = v;
      // An emptied plain setting is removed; an empty secret input keeps the stored secret.
      else if (destination && !s.secret && typeof destination.config[s.key] === 'string')
        config[s.key] = null;
    }
    return config;
  };
  return (
    <form
      className="form"
      aria-label={title}
      onSubmit={(e) => {
        e.preventDefault();
        void save
          .run((api) =>
            destination
              ? unwrap(
                  api.PATCH('/v1/properties/{propertyId}/conversion-destinations/{destinationId}', {
                    params: { path: { propertyId, destinationId: destination.id } },
                    body: { name, enabled, config: configBody() },
                  }),
                )
              : unwrap(
                  api.POST('/v1/properties/{propertyId}/conversion-destinations', {
                    params: { path: { propertyId } },
                    body: { platform, name, enabled, config: configBody() as Record<string, string> },
                  }),
                ),
          )
          .then((ok) => ok && done(true));
      }}
    >
      <h3>{title}</h3>
      <ProblemNotice
        problem={p}
        shown={shownFields(p, ['platform', 'name', 'enabled', ...settings.map((s) => `config.${s.key}`)])}
      />
      <fieldset disabled={save.busy}>
        <div className="form-inline">
          {!destination && (
            <Field label="Platform" name="platform" problem={p}>
              {(a) => (
                <select
                  {...a}
                  value={platform}
                  onChange={(e) => setPlatform(e.target.value as ConversionPlatform)}
                >
                  {CONVERSION_PLATFORMS.map((x) => (
                    <option key={x} value={x}>
                      {PLATFORM_LABELS[x]}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
          <Field label="Destination name" name="name" problem={p} hint="As your team names the account">
            {(a) => <input {...a} value={name} onChange={(e) => setName(e.target.value)} />}
          </Field>
          {platform === 'google_ads' && (
            <Field label="Google Ads mode" name="config.mode" problem={p}>
              {(a) => (
                <select {...a} value={mode} onChange={(e) => setMode(e.target.value as GoogleAdsMode)}>
                  <option value="api">API: each conversion uploaded as it happens</option>
                  <option value="csv">Upload file: conversions downloaded and imported by hand</option>
                </select>
              )}
            </Field>
          )}
        </div>
        <div className="form-inline">
          {settings.map((s) => {
            const stored = destination !== undefined && s.secret && secretSet(destination, s.key);
            return (
              <Field
                key={s.key}
                label={s.label}
                name={`config.${s.key}`}
                problem={p}
                hint={stored ? 'Set. Type a new one to replace it; leave empty to keep it.' : s.hint}
              >
                {(a) => (
                  <input
                    {...a}
                    type={s.secret ? 'password' : 'text'}
                    autoComplete={s.secret ? 'new-password' : 'off'}
                    placeholder={stored ? 'set' : ''}
                    value={values[s.key] ?? ''}
                    onChange={(e) => setValues({ ...values, [s.key]: e.target.value })}
                  />
                )}
              </Field>
            );
          })}
        </div>
        <label className="check">
          <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} /> Enabled
          (off: no new deliveries; pending ones end as failed)
        </label>
        <div className="form-actions">
          <button type="submit">
            {save.busy ? 'Saving…' : destination ? 'Save destination' : 'Add destination'}
          </button>
          {destination && (
            <button type="button" className="secondary" onClick={() => done(false)}>
              Cancel
            </button>
          )}
        </div>
      </fieldset>
    </form>
  );
}
