import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eventually, startTestStack, type TestStack } from '../support/test-stack';

const TRACKING = '+13125550299';
const TEXTER = '+13125550188';

/**
 * Texts scored like calls: a conversation's score and lead status come from its property's scoring
 * rules, the texter's messages standing for the transcript; rules about answering, talk time or
 * the flow path do not apply to texts.
 */
describe('text conversations scored by the scoring rules', () => {
  let stack: TestStack;
  let base: string;

  const conversation = async () => {
    const list = await stack.api('GET', `${base}/conversations?limit=50`);
    const c = (list.body.items as { id: string; externalNumber: string }[]).find(
      (x) => x.externalNumber === TEXTER,
    );
    return c && (await stack.api('GET', `${base}/conversations/${c.id}`)).body;
  };

  before(async () => {
    stack = await startTestStack({ timeScale: 0.1 });
    const p = await stack.api('POST', '/v1/properties', { name: 'Cedar Court', timeZone: 'America/Chicago' });
    base = `/v1/properties/${p.body.id}`;
    const s = await stack.api('POST', `${base}/sources`, { name: 'Zillow' });
    const n = await stack.api('POST', `${base}/tracking-numbers`, {
      number: TRACKING,
      sourceId: s.body.id,
      forwardTo: '+13125550111',
    });
    assert.equal(n.status, 201, JSON.stringify(n.body));
    const rules = await stack.api('PUT', `${base}/scoring-rules`, {
      baseScore: 10,
      goodLeadAtLeast: 60,
      notALeadBelow: 30,
      rules: [
        { name: 'answered', when: { answered: true }, points: 40 },
        { name: 'hung up fast', when: { talkSecondsBelow: 10 }, points: -30 },
        { name: 'asked for a tour', when: { transcriptHasAny: ['tour'] }, points: 40 },
        { name: 'first contact', when: { firstTime: true }, points: 10 },
        { name: 'from Zillow', when: { sourceIn: ['zillow'] }, points: 5 },
      ],
    });
    assert.equal(rules.status, 200, JSON.stringify(rules.body));
  });
  after(async () => {
    await stack?.stop();
  });

  it('scores a first text by the rules that apply to texts only', async () => {
    stack.sim.receiveText({ from: TEXTER, to: TRACKING, text: 'Hi there' });
    const c = await eventually('the scored conversation', conversation);
    // 10 + first contact 10 + from Zillow 5; the call-only rules neither add nor subtract.
    assert.deepEqual(
      [c.score, c.leadStatus, c.scoreReasons],
      [25, 'not_a_lead', ['first contact', 'from Zillow']],
    );
  });

  it('rescores the conversation as the texter writes more: a keyword rule reads every body', async () => {
    stack.sim.receiveText({ from: TEXTER, to: TRACKING, text: 'Can I book a TOUR on Saturday?' });
    const c = await eventually('the rescored conversation', async () => {
      const x = await conversation();
      return x?.score !== 25 ? x : undefined;
    });
    assert.deepEqual(
      [c.score, c.leadStatus, c.scoreReasons],
      [65, 'good_lead', ['asked for a tour', 'first contact', 'from Zillow']],
    );
  });
});
