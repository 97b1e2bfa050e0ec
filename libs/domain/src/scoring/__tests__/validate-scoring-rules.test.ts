import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateScoringRules } from '../validate-scoring-rules';

const paths = (input: unknown) => validateScoringRules(input).errors.map((e) => e.path);

test('valid rules have no errors', () => {
  const report = validateScoringRules({
    baseScore: 0,
    goodLeadAtLeast: 60,
    notALeadBelow: 30,
    rules: [{ name: 'answered', when: { answered: true, outcomeIn: ['answered'] }, points: 50 }],
  });
  assert.deepEqual(report.errors, []);
});

test('each bad field is named by its path', () => {
  assert.deepEqual(
    paths({
      baseScore: 101,
      goodLeadAtLeast: 40,
      notALeadBelow: 50,
      rules: [
        { name: '', when: {}, points: 5 },
        {
          name: 'x',
          when: { outcomeIn: ['answered', 'maybe'], talkSecondsAtLeast: -1, colour: 'red' },
          points: 500,
        },
        { name: 'x', when: { transcriptHasAny: [] }, points: 1 },
        'nope',
      ],
    }),
    [
      'baseScore',
      'notALeadBelow',
      'rules[0].name',
      'rules[1].points',
      'rules[1].when.colour',
      'rules[1].when.talkSecondsAtLeast',
      'rules[1].when.outcomeIn[1]',
      'rules[2].name',
      'rules[2].when.transcriptHasAny',
      'rules[3]',
    ],
  );
  assert.deepEqual(paths(null), ['']);
  assert.deepEqual(paths({ baseScore: 0, goodLeadAtLeast: 50, notALeadBelow: 10 }), ['rules']);
});
