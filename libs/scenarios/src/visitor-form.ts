import type { DniTarget } from './apply-dni';
import type { ObservedForm } from './expectations';
import { journeyLabels, type JourneyEntry, type LeadLabels } from './lead-records';
import type { ScenarioForm } from './scenario.types';
import { apiClient, expectOk, http, type StackEndpoints } from './stack-client';

/** A form control as the DNI script sends it (POST /dni/{key}/forms). */
export interface FormControl {
  name: string;
  type: string;
  value: string;
}

/**
 * The scenario's `fields` as a page's controls: the type a contact form's markup usually gives a
 * field of that name (an email input, a tel input, a textarea for the message), else text. The api
 * tells the lead's name, phone, email and message by these types and names, as it does the script's.
 */
export function formControls(fields: Record<string, string>): FormControl[] {
  return Object.entries(fields).map(([name, value]) => {
    const n = name.toLowerCase();
    const type = /e-?mail/.test(n)
      ? 'email'
      : /phone|mobile|cell|^tel/.test(n)
        ? 'tel'
        : /message|comment|question|note|details|[ie]nquiry/.test(n)
          ? 'textarea'
          : 'text';
    return { name, type, value };
  });
}

/** The visit the form is sent from, as the script's cookies hold it. */
export interface VisitState {
  sessionId: string;
  visitorId: string;
  /** The page the visitor is on (the last one viewed). */
  pageUrl: string;
  headers: Record<string, string>;
}

interface FormRecord {
  id: string;
  source: { name: string } | null;
  name: string | null;
  phone: string | null;
  email: string | null;
  message: string | null;
  journey: JourneyEntry[];
}

/**
 * Sends the visitor's form as the DNI script does (`navigator.sendBeacon`: a text/plain JSON body,
 * with the visit's session and visitor ids), then reads it back from the form log. A refusal is
 * what happened to the form, not an error of the run: it is observed as `stored: false`.
 */
export async function submitForm(
  s: StackEndpoints,
  dni: DniTarget,
  visit: VisitState,
  form: ScenarioForm,
  label: string,
  labels: LeadLabels,
): Promise<ObservedForm> {
  const sent = await http<{ id?: string; error?: { code?: string } }>(
    'POST',
    `${s.apiUrl}/dni/${dni.dniKey}/forms`,
    JSON.stringify({
      sessionId: visit.sessionId,
      visitorId: visit.visitorId,
      pageUrl: form.page ?? visit.pageUrl,
      ...(form.name ? { formName: form.name } : {}),
      fields: formControls(form.fields),
    }),
    { ...visit.headers, 'content-type': 'text/plain;charset=UTF-8' },
  );
  if (sent.status >= 300 || !sent.body?.id) {
    const code = typeof sent.body === 'object' && sent.body?.error?.code ? ` ${sent.body.error.code}` : '';
    return { stored: false, refused: `HTTP ${sent.status}${code}` };
  }
  labels.set(sent.body.id, label);
  const f = await expectOk<FormRecord>('read form', apiClient(s)('GET', `/v1/forms/${sent.body.id}`));
  return {
    stored: true,
    id: f.id,
    source: f.source?.name ?? null,
    name: f.name,
    phone: f.phone,
    email: f.email,
    message: f.message,
    journey: journeyLabels(f.journey, labels),
  };
}
