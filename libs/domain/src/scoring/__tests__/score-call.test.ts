import assert from 'node:assert/strict';
import { test } from 'node:test';
import { previousCallOf } from '../../routing/caller-context';
import { scoreCall, scoreText, UNSCORED } from '../score-call';
import type { ScoredCall, ScoringRules } from '../scoring-model';

/** A leasing office's rules: talking to someone counts most, a tour request seals it. */
const RULES: ScoringRules = {
  baseScore: 10,
  goodLeadAtLeast: 60,
  notALeadBelow: 30,
  rules: [
    { name: 'answered', when: { answered: true }, points: 30 },
    { name: 'talked a minute', when: { talkSecondsAtLeast: 60 }, points: 25 },
    { name: 'hung up fast', when: { outcomeIn: ['abandoned'], talkSecondsBelow: 10 }, points: -20 },
    { name: 'left voicemail', when: { outcomeIn: ['voicemail'] }, points: 25 },
    { name: 'chose leasing', when: { pathIncludes: 'leasing' }, points: 10 },
    { name: 'asked for a tour', when: { transcriptHasAny: ['tour', 'apply online'] }, points: 30 },
    { name: 'vendor line', when: { pathIncludes: 'vendors' }, points: -50 },
  ],
};

const call = (over: Partial<ScoredCall>): ScoredCall => ({
  outcome: 'answered',
  talkSeconds: 0,
  path: [],
  firstTime: true,
  source: 'Zillow',
  ...over,
});

test('an answered two-minute call through the leasing menu is a good lead', () => {
  const s = scoreCall(RULES, call({ talkSeconds: 120, path: ['main-menu', 'leasing', 'connected'] }));
  assert.deepEqual(s, {
    score: 75, // 10 + 30 + 25 + 10
    leadStatus: 'good_lead',
    matched: ['answered', 'talked a minute', 'chose leasing'],
  });
});

test('a short answered call lands between the thresholds: left for a person (not scored)', () => {
  const s = scoreCall(RULES, call({ talkSeconds: 20 }));
  assert.equal(s.score, 40);
  assert.equal(s.leadStatus, 'not_scored');
});

test('an abandoned call scores below zero and is clamped to 0: not a lead', () => {
  const s = scoreCall(RULES, call({ outcome: 'abandoned', path: ['vendors'] }));
  assert.equal(s.score, 0); // 10 - 20 - 50, clamped
  assert.equal(s.leadStatus, 'not_a_lead');
  assert.deepEqual(s.matched, ['hung up fast', 'vendor line']);
});

test('transcript keywords match whole words, any case, and only when a transcript exists', () => {
  const base = call({ outcome: 'voicemail' }); // 10 + 25 = 35
  assert.equal(scoreCall(RULES, base).score, 35);
  assert.equal(scoreCall(RULES, { ...base, transcript: 'Hi, can I book a TOUR for Friday?' }).score, 65);
  assert.equal(scoreCall(RULES, { ...base, transcript: 'I want to apply   online today' }).score, 65);
  assert.equal(scoreCall(RULES, { ...base, transcript: 'took a detour, call me back' }).score, 35);
  assert.equal(scoreCall(RULES, { ...base, transcript: null }).score, 35);
});

test('first-time and source conditions', () => {
  const rules: ScoringRules = {
    baseScore: 50,
    goodLeadAtLeast: 70,
    notALeadBelow: 20,
    rules: [
      { name: 'new caller', when: { firstTime: true }, points: 10 },
      { name: 'from a listing site', when: { sourceIn: ['zillow', 'Apartments.com'] }, points: 15 },
    ],
  };
  assert.equal(scoreCall(rules, call({ firstTime: true, source: 'Zillow' })).score, 75);
  assert.equal(scoreCall(rules, call({ firstTime: false, source: 'Google Ads' })).score, 50);
  assert.equal(scoreCall(rules, call({ firstTime: false, source: null })).score, 50);
});

test('a property without rules leaves every call not scored, with no number', () => {
  assert.deepEqual(scoreCall(null, call({ talkSeconds: 300 })), {
    score: null,
    leadStatus: 'not_scored',
    matched: [],
  });
});

test('once marked a good lead, a caller stays one; the score compared is the last call', () => {
  assert.deepEqual(previousCallOf({ last: { score: 12, leadStatus: 'not_a_lead' }, everGoodLead: true }), {
    score: 12,
    leadStatus: 'good_lead',
  });
  assert.deepEqual(previousCallOf({ last: { score: 45, leadStatus: 'not_scored' }, everGoodLead: false }), {
    score: 45,
    leadStatus: 'not_scored',
  });
  assert.deepEqual(previousCallOf({ last: { score: null, leadStatus: 'not_scored' }, everGoodLead: false }), {
    leadStatus: 'not_scored',
  });
});

test('a text is scored by the rules that apply to texts, its bodies standing for the transcript', () => {
  const s = scoreText(RULES, {
    transcript: 'Hi! Is the 2 bedroom still free?\nCan I book a tour on Saturday',
    firstTime: true,
    source: 'Zillow',
  });
  // answered, talk time and path rules do not apply to a text: only the keyword rule counts.
  assert.deepEqual(s, { score: 40, leadStatus: 'not_scored', matched: ['asked for a tour'] });
});

test('call-only conditions neither add nor subtract for a text, even negative ones', () => {
  const rules: ScoringRules = {
    baseScore: 50,
    goodLeadAtLeast: 60,
    notALeadBelow: 30,
    rules: [
      { name: 'not answered', when: { answered: false }, points: -40 },
      { name: 'short', when: { talkSecondsBelow: 10 }, points: -40 },
      { name: 'new', when: { firstTime: true }, points: 15 },
      { name: 'from Zillow, keyword', when: { sourceIn: ['zillow'], transcriptHasAny: ['tour'] }, points: 5 },
      { name: 'tour, answered', when: { transcriptHasAny: ['tour'], answered: true }, points: 30 },
    ],
  };
  assert.deepEqual(scoreText(rules, { transcript: 'tour please', firstTime: true, source: 'Zillow' }), {
    score: 70,
    leadStatus: 'good_lead',
    matched: ['new', 'from Zillow, keyword'],
  });
  // A text with no body matches no keyword rule, as a call without a transcript does not.
  assert.deepEqual(scoreText(rules, { transcript: '', firstTime: false, source: null }), {
    score: 50,
    leadStatus: 'not_scored',
    matched: [],
  });
  assert.deepEqual(scoreText(null, { transcript: 'tour', firstTime: true }), UNSCORED);
});
