import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nationalDigits, swapHref, swapText, toSwapMap } from '../phone-format';

const NBSP = '\u00A0';
const swaps = toSwapMap([
  { original: '+13125550100', replacement: '+13125550199' },
  { original: '+17735550123', replacement: '+18725550888' },
]);

describe('nationalDigits', () => {
  const cases: [string, string | null][] = [
    ['+13125550100', '3125550100'],
    ['13125550100', '3125550100'],
    ['(312) 555-0100', '3125550100'],
    ['+44 20 7946 0958', null],
    ['555-0100', null],
    ['23125550100', null],
  ];
  for (const [input, want] of cases) it(input, () => assert.equal(nationalDigits(input), want));
});

describe('toSwapMap', () => {
  it('drops malformed and identity swaps instead of throwing', () => {
    const bad = [
      { original: '+13125550100', replacement: 'nope' },
      { original: 42, replacement: '+13125550199' },
      null,
      { original: '+13125550101', replacement: '+13125550101' },
    ] as never;
    assert.deepEqual(toSwapMap(bad), {});
    assert.deepEqual(toSwapMap(undefined), {});
    assert.deepEqual(toSwapMap('x' as never), {});
  });
});

describe('swapText keeps the page’s own format', () => {
  const cases: [name: string, text: string, want: string | null][] = [
    ['parentheses', 'Call (312) 555-0100 today', 'Call (312) 555-0199 today'],
    ['parentheses without space', 'Call (312)555-0100.', 'Call (312)555-0199.'],
    ['dashes', 'Office: 312-555-0100', 'Office: 312-555-0199'],
    ['dots', '312.555.0100', '312.555.0199'],
    ['spaces', 'tel 312 555 0100', 'tel 312 555 0199'],
    ['NBSP', `(312)${NBSP}555-0100`, `(312)${NBSP}555-0199`],
    ['NBSP between groups', `312${NBSP}555${NBSP}0100`, `312${NBSP}555${NBSP}0199`],
    ['+1 prefix', 'Call +1 (312) 555-0100', 'Call +1 (312) 555-0199'],
    ['1- prefix', '1-312-555-0100', '1-312-555-0199'],
    ['+1 E.164', '+13125550100', '+13125550199'],
    ['bare digits', 'call 3125550100 now', 'call 3125550199 now'],
    ['second number, other area code', 'or (773) 555-0123', 'or (872) 555-0888'],
    ['several in one text', '312-555-0100 / 773.555.0123', '312-555-0199 / 872.555.0888'],
    ['not ours', 'Fax (312) 555-0111', null],
    ['inside a longer number', 'Order 93125550100', null],
    ['followed by digits', '312-555-01001', null],
    ['glued to letters', 'id3125550100x', null],
    ['seven digits only', 'Call 555-0100', null],
    ['empty', '', null],
  ];
  for (const [name, text, want] of cases) it(name, () => assert.equal(swapText(text, swaps), want));
});

describe('swapHref', () => {
  const cases: [name: string, href: string, want: string | null][] = [
    ['tel E.164', 'tel:+13125550100', 'tel:+13125550199'],
    ['tel national with dashes', 'tel:312-555-0100', 'tel:312-555-0199'],
    ['tel with 1 prefix', 'tel:1-312-555-0100', 'tel:1-312-555-0199'],
    ['tel uppercase scheme', 'TEL:+13125550100', 'TEL:+13125550199'],
    ['tel with extension kept', 'tel:+13125550100;ext=12', 'tel:+13125550199;ext=12'],
    ['tel with pause kept', 'tel:+13125550100,,5', 'tel:+13125550199,,5'],
    ['tel percent-encoded plus', 'tel:%2B13125550100', 'tel:%2B13125550199'],
    ['sms with body kept', 'sms:+13125550100?body=Hi%20312', 'sms:+13125550199?body=Hi%20312'],
    ['sms with //', 'sms://+13125550100', 'sms://+13125550199'],
    ['tel not ours', 'tel:+13125550111', null],
    ['http link', 'https://example.com/3125550100', null],
    ['mailto', 'mailto:a@b.c', null],
  ];
  for (const [name, href, want] of cases) it(name, () => assert.equal(swapHref(href, swaps), want));
});
