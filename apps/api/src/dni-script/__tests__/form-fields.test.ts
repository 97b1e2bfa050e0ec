import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  captureForm,
  guessRole,
  isLead,
  isSecretField,
  MAX_FIELDS,
  type FormFieldInput,
} from '../form-fields';

const f = (name: string, value: string, type = 'text', autocomplete?: string): FormFieldInput => ({
  name,
  value,
  type,
  autocomplete,
});

describe('isSecretField: never captured unless mapped', () => {
  const secret: [string, FormFieldInput][] = [
    ['a password', f('pw', 'hunter2', 'password')],
    ['a hidden field', f('utm_token', 'abc', 'hidden')],
    ['a file', f('resume', 'C:\\fakepath\\cv.pdf', 'file')],
    ['autocomplete cc-number', f('n', '4111111111111111', 'text', 'billing cc-number')],
    ['autocomplete cc-csc', f('code', '123', 'text', 'cc-csc')],
    ['a card number by name', f('cardNumber', '4111111111111111')],
    ['a card by snake name', f('credit_card', '4111111111111111')],
    ['a cvv', f('cvv2', '123')],
    ['a cvc', f('card-cvc', '123')],
    ['an ssn', f('ssn_last4', '1234')],
    ['a new password', f('choose', 'x', 'text', 'new-password')],
  ];
  for (const [what, field] of secret) it(what, () => assert.equal(isSecretField(field), true));

  const plain: [string, FormFieldInput][] = [
    ['a business name (contains "ssn" letters)', f('business_name', 'Acme')],
    ['an email', f('email', 'a@b.co', 'email')],
    ['a discard-looking word', f('discarded', 'no')],
  ];
  for (const [what, field] of plain) it(`not ${what}`, () => assert.equal(isSecretField(field), false));
});

describe('guessRole', () => {
  const cases: [FormFieldInput, string | null][] = [
    [f('contact', 'a@b.co', 'email'), 'email'],
    [f('your-email', 'a@b.co'), 'email'],
    [f('x', 'a@b.co', 'text', 'email'), 'email'],
    [f('x', '312', 'tel'), 'phone'],
    [f('phone_number', '312'), 'phone'],
    [f('mobilePhone', '312'), 'phone'],
    [f('x', '312', 'text', 'tel-national'), 'phone'],
    [f('name', 'Jane'), 'name'],
    [f('first_name', 'Jane'), 'name'],
    [f('lastName', 'Doe'), 'name'],
    [f('x', 'Jane', 'text', 'given-name'), 'name'],
    [f('company_name', 'Acme'), null],
    [f('username', 'jdoe'), null],
    [f('comments', 'Hi'), 'message'],
    [f('anything', 'Hi', 'textarea'), 'message'],
    [f('move_in', '2026-01-01', 'date'), null],
  ];
  for (const [field, role] of cases)
    it(`${field.name} (${field.type}${field.autocomplete ? ', ' + field.autocomplete : ''}) → ${role}`, () =>
      assert.equal(guessRole(field), role));
});

describe('captureForm', () => {
  it('keeps ordinary fields, drops secret ones, and tells the lead', () => {
    const got = captureForm(
      [
        f('first_name', 'Jane'),
        f('last_name', ' Doe '),
        f('email', 'jane@example.com', 'email'),
        f('phone', '(312) 555-0177', 'tel'),
        f('unit', '2BR', 'select-one'),
        f('password', 'hunter2', 'password'),
        f('csrf', 'tok', 'hidden'),
        f('card_number', '4111111111111111'),
        f('message', 'Is it free?', 'textarea'),
        f('empty', '  '),
      ],
      {},
    );
    assert.deepEqual(got.fields, {
      first_name: 'Jane',
      last_name: 'Doe',
      email: 'jane@example.com',
      phone: '(312) 555-0177',
      unit: '2BR',
      message: 'Is it free?',
    });
    assert.deepEqual(got.lead, {
      name: 'Jane Doe',
      email: 'jane@example.com',
      phone: '(312) 555-0177',
      message: 'Is it free?',
    });
  });

  it('the admin map wins over the guess, and captures a mapped hidden field', () => {
    const got = captureForm(
      [
        f('field_7', 'Jane'),
        f('email', 'not-the-lead@example.com', 'email'),
        f('lead_phone', '3125550177', 'hidden'),
      ],
      { field_7: 'name', email: 'message', lead_phone: 'phone' },
    );
    assert.deepEqual(got.lead, { name: 'Jane', message: 'not-the-lead@example.com', phone: '3125550177' });
    assert.equal(got.fields.lead_phone, '3125550177');
  });

  it('joins a repeated name, keeps the first phone and email, caps fields and values', () => {
    const many = Array.from({ length: MAX_FIELDS + 5 }, (_, i) => f(`q${i}`, 'x'.repeat(5000)));
    const got = captureForm(
      [f('tag', 'a'), f('tag', 'b'), f('email', 'a@x.co', 'email'), f('email2', 'b@x.co', 'email'), ...many],
      null,
    );
    assert.equal(got.fields.tag, 'a, b');
    assert.equal(got.lead.email, 'a@x.co');
    assert.equal(Object.keys(got.fields).length, MAX_FIELDS);
    assert.equal(got.fields.q0.length, 2000);
  });

  it('a login or a site search is no lead', () => {
    assert.equal(
      isLead(captureForm([f('username', 'jdoe'), f('password', 'x', 'password')], {}).lead),
      false,
    );
    assert.equal(isLead(captureForm([f('q', '2 bedroom', 'search')], {}).lead), false);
    assert.equal(isLead(captureForm([f('email', 'a@b.co', 'email')], {}).lead), true);
  });
});
