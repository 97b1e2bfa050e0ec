import { unwrap } from '../../api/client';
import { Link, navigate } from '../../router';
import { propertyPath } from '../../sections';
import { useSession } from '../../session';
import { useAction } from '../../use-api';
import { DataTable } from '../../ui/data-table';
import { Page } from '../../ui/page';
import { ProblemNotice } from '../../ui/problem-notice';
import { PropertyForm } from './property-form';

/** Every property the key reaches, and (for an unrestricted key) a form to add one. */
export function PropertiesPage() {
  const { properties, account, readOnly, reloadProperties } = useSession();
  const add = useAction();
  const mayCreate = !readOnly && account.key.propertyIds === null;
  return (
    <Page title="Properties">
      <DataTable
        caption="Properties"
        rows={properties}
        rowKey={(p) => p.id}
        empty="No property yet: add the first one below."
        columns={[
          { header: 'Name', cell: (p) => <Link to={propertyPath(p.id, 'flows')}>{p.name}</Link> },
          { header: 'Time zone', cell: (p) => p.timeZone },
          { header: 'Phone', cell: (p) => p.phone ?? '—' },
        ]}
      />
      {mayCreate && (
        <section aria-labelledby="add-property">
          <h2 id="add-property">Add a property</h2>
          <ProblemNotice problem={add.problem} shown={['name', 'timeZone', 'address', 'phone']} />
          <PropertyForm
            initial={{ name: '', timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone }}
            problem={add.problem}
            busy={add.busy}
            readOnly={false}
            submitLabel="Add property"
            onSubmit={(fields) =>
              void add.run(async (api) => {
                const created = await unwrap(api.POST('/v1/properties', { body: fields }));
                await reloadProperties();
                navigate(propertyPath(created.id, 'flows'));
              })
            }
          />
        </section>
      )}
    </Page>
  );
}
