import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { hashedEmail, hashedPhone, metaFbc, normaliseEmail, normalisePhone } from '../user-data';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

describe('user data as Meta matches it', () => {
  it('normalises phones to digits with the country code, and emails to lower case', () => {
    assert.equal(normalisePhone('+1 (312) 555-0100'), '13125550100');
    assert.equal(normalisePhone('+44 020 7946 0958'), '4402079460958');
    assert.equal(normalisePhone('12'), null);
    assert.equal(normaliseEmail('  Jane.Doe@Example.COM '), 'jane.doe@example.com');
    assert.equal(normaliseEmail('not an email'), null);
  });

  it('hashes the normalised value with SHA-256 in lower-case hex, and nothing when absent', () => {
    assert.equal(hashedPhone('+13125550100'), sha('13125550100'));
    assert.equal(hashedEmail('Jane.Doe@Example.com'), sha('jane.doe@example.com'));
    assert.match(hashedEmail('a@b.co') ?? '', /^[a-f0-9]{64}$/);
    assert.equal(hashedPhone(null), null);
    assert.equal(hashedEmail(''), null);
  });

  it('keeps the _fbc cookie, else builds fb.1.<ms>.<fbclid> from the URL’s fbclid', () => {
    assert.equal(metaFbc({ fbc: 'fb.1.1700000000000.abc', fbclid: 'other' }, 1), 'fb.1.1700000000000.abc');
    assert.equal(metaFbc({ fbclid: 'IwAR2xyz' }, 1767225600123.7), 'fb.1.1767225600123.IwAR2xyz');
    assert.equal(metaFbc({ fbp: 'fb.1.1.2' }, 1), null);
  });
});
