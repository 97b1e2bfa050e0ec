import type { Route } from '../../routes';
import { FormPage } from './form-page';
import { FormsPage } from './forms-page';

export const FORM_ROUTES: readonly Route[] = [
  { path: '/p/:propertyId/forms', render: (p) => <FormsPage propertyId={p.propertyId} /> },
  {
    path: '/p/:propertyId/forms/:formId',
    render: (p) => <FormPage propertyId={p.propertyId} formId={p.formId} />,
  },
];
