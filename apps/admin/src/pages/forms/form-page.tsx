import { unwrap } from '../../api/client';
import type { Ok } from '../../api/types';
import { dateTime } from '../../format';
import { Link } from '../../router';
import { propertyPath } from '../../sections';
import { useSession } from '../../session';
import { useLoad } from '../../use-api';
import { DataTable } from '../../ui/data-table';
import { LoadedView, Page } from '../../ui/page';

type Form = Ok<'/v1/forms/{formId}', 'get'>;
type JourneyEntry = Form['journey'][number];

/** One form submission: what was sent, where the visitor came from, and the lead's journey. */
export function FormPage({ propertyId, formId }: { propertyId: string; formId: string }) {
  const form = useLoad(
    (api) => unwrap(api.GET('/v1/forms/{formId}', { params: { path: { formId } } })),
    [formId],
  );
  return <LoadedView loaded={form}>{(f) => <FormView propertyId={propertyId} form={f} />}</LoadedView>;
}

function FormView({ propertyId, form }: { propertyId: string; form: Form }) {
  const { properties } = useSession();
  const zone = properties.find((p) => p.id === form.propertyId)?.timeZone;
  const fields = Object.entries(form.fields).map(([name, value]) => ({ name, value }));
  const who = form.name ?? form.phone ?? form.email ?? 'a visitor';
  return (
    <Page
      title={form.formName ? `Form ${form.formName} from ${who}` : `Form from ${who}`}
      actions={<Link to={propertyPath(propertyId, 'forms')}>Back to the forms</Link>}
    >
      <div className="call-layout">
        <div className="call-facts">
          <section aria-labelledby="form-summary" className="card">
            <h2 id="form-summary">Summary</h2>
            <dl className="facts">
              <dt>When</dt>
              <dd>
                {dateTime(form.submittedAt, zone)} {zone && <span className="muted">({zone})</span>}
              </dd>
              <dt>Form</dt>
              <dd>{form.formName ?? '—'}</dd>
              <dt>Page</dt>
              <dd>{form.pageUrl}</dd>
              <dt>Name</dt>
              <dd>{form.name ?? '—'}</dd>
              <dt>Phone</dt>
              <dd>{form.phone ?? '—'}</dd>
              <dt>Email</dt>
              <dd>{form.email ?? '—'}</dd>
              <dt>Message</dt>
              <dd>{form.message ?? '—'}</dd>
            </dl>
          </section>
          <section aria-labelledby="form-attribution" className="card">
            <h2 id="form-attribution">Attribution</h2>
            <dl className="facts">
              <dt>Source</dt>
              <dd>{form.source?.name ?? '—'}</dd>
              <dt>Campaign</dt>
              <dd>{form.campaign ?? form.utmCampaign ?? '—'}</dd>
              <dt>Keyword</dt>
              <dd>{form.keyword ?? form.utmTerm ?? '—'}</dd>
              <dt>UTM source / medium</dt>
              <dd>
                {form.utmSource ?? '—'} / {form.utmMedium ?? '—'}
              </dd>
              <dt>Landing page</dt>
              <dd>{form.landingPage ?? '—'}</dd>
              <dt>Referrer</dt>
              <dd>{form.referrer ?? '—'}</dd>
            </dl>
          </section>
        </div>
        <div>
          <section aria-labelledby="form-fields">
            <h2 id="form-fields">Fields sent</h2>
            <DataTable
              caption="Fields of the form"
              rows={fields}
              rowKey={(f) => f.name}
              empty="No field was captured."
              columns={[
                { header: 'Field', cell: (f) => <code>{f.name}</code> },
                { header: 'Value', cell: (f) => f.value },
              ]}
            />
          </section>
          <section aria-labelledby="form-journey">
            <h2 id="form-journey">Lead journey</h2>
            <p className="muted">
              Every form and call of this lead (the same phone number, or sent from the same visit), oldest
              first.
            </p>
            <DataTable<JourneyEntry>
              caption="The lead's forms and calls, oldest first"
              rows={form.journey}
              rowKey={(j) => `${j.kind}-${j.id}`}
              columns={[
                { header: 'When', cell: (j) => dateTime(j.at, zone) },
                { header: 'Kind', cell: (j) => (j.kind === 'call' ? 'Call' : 'Form') },
                {
                  header: 'What',
                  cell: (j) =>
                    j.id === form.id ? (
                      <>
                        {j.summary} <span className="badge">this form</span>
                      </>
                    ) : (
                      <Link
                        to={
                          j.kind === 'call' ? `/calls/${j.id}` : propertyPath(propertyId, 'forms', `/${j.id}`)
                        }
                      >
                        {j.summary}
                      </Link>
                    ),
                },
              ]}
            />
          </section>
        </div>
      </div>
    </Page>
  );
}
