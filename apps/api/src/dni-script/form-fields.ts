/**
 * Which fields of a submitted web form are captured, and which of them are the lead's name, phone,
 * email and message (docs/DNI.md "Form tracking"). The one rule for both sides: the browser script
 * applies it before anything leaves the page, and the api applies it again to what arrives (a page
 * may run an altered script). No DOM and no imports, like phone-format.ts: compiled for the browser
 * by browser/tsconfig.json and run in Node's unit tests.
 */

/** What a captured field can be to the lead. */
export type FieldRole = 'name' | 'phone' | 'email' | 'message';
export const FIELD_ROLES: readonly FieldRole[] = ['name', 'phone', 'email', 'message'];

/** The admin's mapping: a form field's `name` → what it is. A mapped field is always captured. */
export type FieldMap = Record<string, FieldRole>;

/** A form control as the script reads it: its name, `type`, `autocomplete` and value. */
export interface FormFieldInput {
  name: string;
  /** The control's `type` (`text`, `email`, `tel`, `password`, `hidden`, `textarea`, `select-one`…). */
  type?: string;
  autocomplete?: string;
  value: string;
}

/** The lead as the captured fields tell it (absent: no such field, or it was empty). */
export interface LeadFields {
  name?: string;
  phone?: string;
  email?: string;
  message?: string;
}

export interface CapturedForm {
  /** The captured fields by name, in form order (a repeated name keeps its values joined by ", "). */
  fields: Record<string, string>;
  lead: LeadFields;
}

/** At most this many fields of one form, each value at most this long: a lead form is not a document. */
export const MAX_FIELDS = 50;
export const MAX_VALUE_LENGTH = 2000;

/** Control types whose value is never a visitor's words, or never ours to read. */
const NEVER_TYPE = /^(password|hidden|file)$/;
/**
 * Name words of payment, identity and secret fields (after splitting `cardNumber`, `cc_cvv`,
 * `ssn-last4`); regular expressions rather than word lists because the script ships this file.
 */
const SECRET_WORD = /^(card|cardnumber|creditcard|cc|ccnum|cvv2?|cvc|csc|ssn|password|passwd|pwd|iban)$/;
/** Whole names (words joined) of name fields: `name`, `full_name`, `firstName`, `lname`, `surname`… */
const NAME_NAME = /^(full|your|contact|first|last|given|family|f|l|sur)?name$/;
/** Whole names of message fields. */
const MESSAGE_NAME = /^(your)?(message|msg|comments?|questions?|notes?|details|[ie]nquiry)$/;

/** `cardNumber`, `card_number`, `card-number[]` → `card`, `number`. */
function words(name: string): string[] {
  return name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

function autocompleteTokens(f: FormFieldInput): string[] {
  return (f.autocomplete || '').toLowerCase().split(/\s+/).filter(Boolean);
}

/**
 * Never captured unless the admin mapped it by name: password, hidden and file controls, payment
 * card fields (autocomplete `cc-*`) and fields named like a card, its code or a social security
 * number.
 */
export function isSecretField(f: FormFieldInput): boolean {
  if (NEVER_TYPE.test((f.type || '').toLowerCase())) return true;
  const ac = autocompleteTokens(f);
  if (ac.some((t) => t.indexOf('cc-') === 0 || t === 'new-password' || t === 'current-password')) return true;
  const w = words(f.name);
  return w.some((x) => SECRET_WORD.test(x)) || SECRET_WORD.test(w.join(''));
}

/** What an unmapped field looks like to be, by its type, autocomplete and name; null: none. */
export function guessRole(f: FormFieldInput): FieldRole | null {
  const type = (f.type || '').toLowerCase();
  const ac = autocompleteTokens(f);
  const joined = words(f.name).join('');
  if (type === 'email' || ac.indexOf('email') >= 0 || /email/.test(joined) || joined === 'mail')
    return 'email';
  if (type === 'tel' || ac.some((t) => t.indexOf('tel') === 0) || /phone|mobile|cell|^tel/.test(joined))
    return 'phone';
  if (ac.some((t) => t === 'name' || t === 'given-name' || t === 'family-name') || NAME_NAME.test(joined))
    return 'name';
  if (type === 'textarea' || MESSAGE_NAME.test(joined)) return 'message';
  return null;
}

/**
 * The fields to keep and the lead they tell, in form order: the admin's map wins, then the guess.
 * Empty and unnamed fields are left out; of several name fields (first and last) the words are
 * joined, of several messages the paragraphs; the first phone and email count.
 */
export function captureForm(
  input: readonly FormFieldInput[],
  map: FieldMap | null | undefined,
): CapturedForm {
  const fields: Record<string, string> = {};
  const lead: LeadFields = {};
  let kept = 0;
  for (const f of input) {
    const value = (f.value || '').trim().slice(0, MAX_VALUE_LENGTH);
    if (!f.name || !value) continue;
    const mapped = map && Object.prototype.hasOwnProperty.call(map, f.name) ? map[f.name] : undefined;
    if (!mapped && isSecretField(f)) continue;
    if (fields[f.name] === undefined) {
      if (kept === MAX_FIELDS) continue;
      kept++;
      fields[f.name] = value;
    } else fields[f.name] += ', ' + value;
    const role = mapped || guessRole(f);
    if (role === 'name') lead.name = lead.name ? lead.name + ' ' + value : value;
    else if (role === 'message') lead.message = lead.message ? lead.message + '\n\n' + value : value;
    else if (role && !lead[role]) lead[role] = value;
  }
  return { fields, lead };
}

/** Whether the form told anything of a lead: a login or a site search tells none, and is not sent. */
export function isLead(lead: LeadFields): boolean {
  return !!(lead.name || lead.phone || lead.email || lead.message);
}
