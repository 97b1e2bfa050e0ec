import assert from 'node:assert/strict';
import { test } from 'node:test';
import { phoneDigitForms, privacySubject, type PhoneRule } from '../subject';

/**
 * The api's rule (libphonenumber, national numbers as US ones) is not ours to load here: a rule
 * that reads ten-digit national numbers as +1 and keeps E.164 as written, as the real one does.
 */
const usRule: PhoneRule = (w) => {
  const digits = w.replace(/[\s().-]/g, '');
  if (/^\+\d+$/.test(digits)) return digits;
  if (/^\d{10}$/.test(digits)) return `+1${digits}`;
  return null;
};

test('a phone is normalised by the phone rule to E.164', () => {
  assert.deepEqual(privacySubject({ phone: '(415) 555-0100' }, usRule), {
    ok: true,
    subject: { kind: 'phone', value: '+14155550100' },
  });
  assert.deepEqual(privacySubject({ phone: ' +442071838750 ' }, usRule), {
    ok: true,
    subject: { kind: 'phone', value: '+442071838750' },
  });
});

test('what cannot be a phone number is refused naming phone', () => {
  for (const phone of ['call me', '12', '+0123456789', '+1234', 42, ['+14155550100']]) {
    const r = privacySubject({ phone }, usRule);
    assert.equal(r.ok, false, `accepted ${JSON.stringify(phone)}`);
    if (!r.ok)
      assert.deepEqual(
        r.problems.map((p) => p.field),
        ['phone'],
      );
  }
});

test('an email is trimmed and lower-cased; what is not an address is refused naming email', () => {
  assert.deepEqual(privacySubject({ email: '  Ana.Ruiz@Example.COM ' }, usRule), {
    ok: true,
    subject: { kind: 'email', value: 'ana.ruiz@example.com' },
  });
  for (const email of [
    'ana',
    'ana@',
    '@example.com',
    'ana@example',
    'a na@example.com',
    'ana@example.',
    7,
    `${'a'.repeat(250)}@x.io`,
  ]) {
    const r = privacySubject({ email }, usRule);
    assert.equal(r.ok, false, `accepted ${JSON.stringify(email)}`);
    if (!r.ok)
      assert.deepEqual(
        r.problems.map((p) => p.field),
        ['email'],
      );
  }
});

test('both or neither is refused naming both fields', () => {
  for (const input of [
    {},
    { phone: '', email: '  ' },
    { phone: null },
    { phone: '+14155550100', email: 'ana@example.com' },
  ]) {
    const r = privacySubject(input, usRule);
    assert.equal(r.ok, false);
    if (!r.ok) assert.deepEqual(r.problems.map((p) => p.field).sort(), ['email', 'phone']);
  }
});

test('a phone is matched on its digits too, with and without a North American country code', () => {
  assert.deepEqual(phoneDigitForms('+14155550100'), ['14155550100', '4155550100']);
  assert.deepEqual(phoneDigitForms('+442071838750'), ['442071838750']);
});
