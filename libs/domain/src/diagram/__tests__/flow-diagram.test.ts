import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CallFlow, FlowStep, MenuStep } from '../../flow/flow-model';
import type { Criterion } from '../../routing/criterion-model';
import { sunsetFlow } from '../../flow/__tests__/fixtures';
import { describeCriterion, type FlowDiagramNames } from '../describe';
import { buildFlowGraph } from '../flow-graph';
import { escapeMermaidText, flowToMermaid } from '../flow-mermaid';
import { flowToSvg, wrapText, xml } from '../flow-svg';

/** Every step type, with names for the schedule, ring groups and voicemail box. */
const everyStepFlow: CallFlow = {
  initialStepId: 'greet',
  recording: false,
  steps: [
    {
      id: 'greet',
      label: 'Welcome',
      type: 'greeting',
      prompt: { kind: 'tts', text: 'Thanks for calling Sunset Apartments, your home away from home.' },
      next: 'by_caller',
    },
    {
      id: 'by_caller',
      label: 'Who is calling',
      type: 'route',
      branches: [
        { criteria: [{ type: 'first_time' }], next: 'hours' },
        { criteria: [{ type: 'source', op: 'is', values: ['Zillow', 'Google Ads'] }], next: 'hours' },
        { criteria: [{ type: 'keyword', op: 'contains', value: '2 bedroom' }], next: 'main' },
        {
          label: 'VIP',
          criteria: [{ type: 'repeat' }, { type: 'previous_score', op: 'at_least', value: 80 }],
          next: 'vip',
        },
      ],
      fallback: 'hours',
    },
    {
      id: 'hours',
      type: 'schedule',
      branches: [{ scheduleId: 'office', next: 'main' }],
      otherwise: 'vm',
    },
    {
      id: 'main',
      label: 'Main menu',
      type: 'menu',
      prompt: { kind: 'tts', text: 'For leasing press 1, for sales press 2.' },
      options: { '1': 'ring', '2': 'sales', '#': 'bye' },
      timeoutSeconds: 5,
      maxRetries: 2,
      fallback: 'vm',
    },
    { id: 'ring', type: 'ring_group', ringGroupId: 'leasing', noAnswer: 'vm' },
    { id: 'vip', type: 'ring_group', ringGroupId: 'vip', noAnswer: 'ring' },
    {
      id: 'sales',
      type: 'forward',
      to: '+13125550123',
      timeoutSeconds: 25,
      callerId: 'tracking_number',
      noAnswer: 'vm',
    },
    { id: 'vm', type: 'voicemail', voicemailBoxId: 'main', beep: true, maxLengthSeconds: 120 },
    { id: 'bye', type: 'hangup', message: { kind: 'tts', text: 'Goodbye.' } },
  ],
};

const names: FlowDiagramNames = {
  schedules: { office: 'Office hours' },
  ringGroups: { leasing: 'Leasing team' },
  voicemailBoxes: { main: 'Main box' },
  ringStrategies: { leasing: 'round_robin' },
};

const lines = (text: string): string[] => text.split('\n');

/** A tiny XML checker: tags balance, attributes are quoted, text holds no raw `<`, `>` or `&`. */
function assertWellFormed(svg: string): void {
  const tag = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<>]*")*)\s*(\/?)>/g;
  const stack: string[] = [];
  let roots = 0;
  let last = 0;
  for (const m of svg.matchAll(tag)) {
    const text = svg.slice(last, m.index);
    assert.doesNotMatch(text, /[<>]/, `stray markup before offset ${m.index}: ${text.slice(0, 80)}`);
    assert.doesNotMatch(text, /&(?!(amp|lt|gt|quot|#39);)/, `bare & in text: ${text.slice(0, 80)}`);
    assert.doesNotMatch(m[3], /&(?!(amp|lt|gt|quot|#39);)/, `bare & in attributes: ${m[3]}`);
    const [, closing, name, , selfClosing] = m;
    if (closing) {
      assert.equal(stack.pop(), name, `unbalanced </${name}>`);
    } else if (!selfClosing) {
      if (stack.length === 0) roots++;
      stack.push(name);
    }
    last = m.index + m[0].length;
  }
  assert.equal(svg.slice(last).trim(), '', 'text after the root element');
  assert.deepEqual(stack, [], 'unclosed elements');
  assert.equal(roots, 1, 'exactly one root element');
}

const count = (text: string, re: RegExp): number => (text.match(re) ?? []).length;

describe('flowToMermaid', () => {
  const mermaid = flowToMermaid(everyStepFlow, names);
  const out = lines(mermaid);

  test('starts with flowchart TD and ends with a newline', () => {
    assert.equal(out[0], 'flowchart TD');
    assert.ok(mermaid.endsWith('\n'));
  });

  const expectedLines: Array<[string, string]> = [
    ['start node', '  start(("Start"))'],
    [
      'greeting: rectangle, TTS cut to 40 chars at a word',
      '  n0["Welcome<br/>Greeting: “Thanks for calling Sunset Apartments…”"]',
    ],
    ['route: rhombus', '  n1{"Who is calling<br/>Route: 4 branches"}'],
    ['schedule: rhombus with the schedule name', '  n2{"hours<br/>Schedule: Office hours"}'],
    ['menu: hexagon', '  n3{{"Main menu<br/>Menu: “For leasing press 1, for sales press 2.”"}}'],
    ['ring group: name and strategy', '  n4("ring<br/>Ring group: Leasing team, round robin")'],
    ['ring group without a name: the id', '  n5("vip<br/>Ring group: vip")'],
    ['forward: number and timeout', '  n6[["sales<br/>Forward to +13125550123, 25s"]]'],
    ['voicemail: stadium with the box name', '  n7(["vm<br/>Voicemail: Main box"])'],
    ['hangup: stadium with its message', '  n8(["bye<br/>Hang up after “Goodbye.”"])'],
    ['start edge', '  start --> n0'],
    ['greeting next', '  n0 -->|"next"| n1'],
    ['first-time branch', '  n1 -->|"first-time caller"| n2'],
    ['source branch', '  n1 -->|"source is Zillow, Google Ads"| n2'],
    ['keyword branch', '  n1 -->|"keyword contains 2 bedroom"| n3'],
    ['labelled branch with AND-ed criteria', '  n1 -->|"VIP: repeat caller and previous score ≥ 80"| n5'],
    ['route fallback', '  n1 -->|"no match"| n2'],
    ['schedule open', '  n2 -->|"Office hours open"| n3'],
    ['schedule closed', '  n2 -->|"closed/otherwise"| n7'],
    ['menu option', '  n3 -->|"press 1"| n4'],
    ['menu option 2', '  n3 -->|"press 2"| n6'],
    ['menu # is escaped', '  n3 -->|"press #35;"| n8'],
    ['menu fallback', '  n3 -->|"timeout/invalid → fallback"| n7'],
    ['ring group no answer', '  n4 -->|"no answer"| n7'],
    ['vip no answer', '  n5 -->|"no answer"| n4'],
    ['forward no answer', '  n6 -->|"no answer"| n7'],
    ['menu class', '  class n3 menu'],
  ];
  for (const [name, line] of expectedLines) {
    test(`has line: ${name}`, () =>
      assert.ok(out.includes(line), `missing ${JSON.stringify(line)} in\n${mermaid}`));
  }

  test('one node per step plus the start, and one edge per link plus the start edge', () => {
    const nodeLines = out.filter((l) => /^ {2}(start|n\d+|m\d+)[([{]/.test(l));
    assert.equal(nodeLines.length, everyStepFlow.steps.length + 1);
    assert.equal(count(mermaid, / --> | -->\|/g), 16);
    assert.doesNotMatch(mermaid, /missing/);
    assert.doesNotMatch(mermaid, /unreachable/);
  });

  test('voicemail and hangup have no outgoing edges', () => {
    assert.ok(!out.some((l) => /^ {2}n[78] -->/.test(l)));
  });

  test('the sunset fixture renders without missing nodes and with its menu loop', () => {
    const sunset = flowToMermaid(sunsetFlow);
    assert.ok(lines(sunset).includes('  n4 -->|"press 0"| n3'), sunset);
    assert.ok(
      lines(sunset).includes('  n1 -->|"repeat caller and previous call was a good lead"| n6'),
      sunset,
    );
    assert.doesNotMatch(sunset, /Missing step/);
  });
});

describe('describeCriterion', () => {
  const cases: Array<[Criterion, string]> = [
    [{ type: 'first_time' }, 'first-time caller'],
    [{ type: 'repeat' }, 'repeat caller'],
    [{ type: 'source', op: 'is', values: ['Zillow', 'Google Ads'] }, 'source is Zillow, Google Ads'],
    [{ type: 'source', op: 'is_not', values: ['Yelp'] }, 'source is not Yelp'],
    [{ type: 'keyword', op: 'contains', value: '2 bedroom' }, 'keyword contains 2 bedroom'],
    [{ type: 'landing_page', op: 'equals', value: '/floorplans' }, 'landing page is /floorplans'],
    [{ type: 'active_page', op: 'starts_with', value: '/tour' }, 'active page starts with /tour'],
    [{ type: 'campaign', op: 'matches', value: 'spring*' }, 'campaign matches spring*'],
    [{ type: 'referrer', op: 'contains', value: 'google' }, 'referrer contains google'],
    [{ type: 'previous_score', op: 'at_least', value: 80 }, 'previous score ≥ 80'],
    [{ type: 'previous_score', op: 'below', value: 30 }, 'previous score < 30'],
    [{ type: 'previous_lead_status', value: 'good_lead' }, 'previous call was a good lead'],
    [{ type: 'previous_lead_status', value: 'not_a_lead' }, 'previous call was not a lead'],
    [{ type: 'previous_lead_status', value: 'not_scored' }, 'previous call not scored'],
    [{ type: 'keyword', op: 'contains', value: '  two\n\tbeds ' }, 'keyword contains two beds'],
  ];
  for (const [criterion, expected] of cases) {
    test(expected, () => assert.equal(describeCriterion(criterion), expected));
  }
});

describe('escaping hostile text', () => {
  const hostile = 'Say "hi" ]] <script>alert(1)</script> #1 {x} |y| `z` & more';
  const hostileFlow: CallFlow = {
    initialStepId: 'a"]b',
    recording: false,
    steps: [
      {
        id: 'a"]b',
        label: hostile,
        type: 'route',
        branches: [
          {
            label: 'x"|y',
            criteria: [{ type: 'keyword', op: 'contains', value: '"]><img src=x onerror=alert(1)>' }],
            next: 'end]"',
          },
        ],
        fallback: 'end]"',
      },
      { id: 'end]"', type: 'hangup', message: { kind: 'tts', text: '</text><script>bad()</script>' } },
    ],
  };
  const mermaid = flowToMermaid(hostileFlow);
  const svg = flowToSvg(hostileFlow);

  const escapeCases: Array<[string, string]> = [
    ['quote', '#quot;'],
    ['bracket', '#93;'],
    ['less than', '#lt;'],
    ['greater than', '#gt;'],
    ['hash', '#35;'],
    ['brace', '#123;'],
    ['pipe', '#124;'],
    ['backtick', '#96;'],
    ['ampersand', '#amp;'],
    ['parenthesis', '#40;'],
  ];
  for (const [name, entity] of escapeCases) {
    test(`Mermaid: ${name} becomes ${entity}`, () => assert.ok(escapeMermaidText(hostile).includes(entity)));
  }

  test('Mermaid: the whole label is one quoted string with nothing raw inside', () => {
    assert.ok(
      lines(mermaid).includes(
        '  n0{"Say #quot;hi#quot; #93;#93; #lt;script#gt;alert#40;1#41;#lt;/script#gt; #35;1 #123;x#125; #124;y#124; ' +
          '#96;z#96; #amp; more<br/>Route: 1 branch"}',
      ),
      mermaid,
    );
  });

  test('Mermaid: every node and edge line has exactly one quoted string, ids are generated', () => {
    for (const line of lines(mermaid).slice(1)) {
      if (line === '' || /^ {2}class(Def)? /.test(line)) continue;
      const quotes = count(line, /"/g);
      assert.ok(quotes === 0 || quotes === 2, `bad quoting: ${line}`);
      assert.match(line, /^ {2}(start|n\d+|m\d+)([^a-z0-9]|$)/, line);
      assert.doesNotMatch(line, /<(?!br\/>)/, `raw < in ${line}`);
    }
    assert.ok(
      lines(mermaid).includes(
        '  n0 -->|"x#quot;#124;y: keyword contains #quot;#93;#gt;#lt;img src=x onerror=alert#40;1#41;#gt;"| n1',
      ),
    );
  });

  test('SVG: well-formed, no injected elements, text escaped', () => {
    assertWellFormed(svg);
    assert.doesNotMatch(svg, /<script|<img/);
    assert.ok(svg.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), 'escaped label text');
    assert.ok(svg.includes('data-step-id="a&quot;]b"'));
  });

  test('control characters and lone surrogates are dropped', () => {
    const flow: CallFlow = {
      initialStepId: 'x',
      recording: false,
      steps: [{ id: 'x', label: 'bad\u0000\u0007 \ud800 text', type: 'hangup' }],
    };
    const out = flowToSvg(flow);
    assertWellFormed(out);
    assert.ok(out.includes('>bad text</tspan>'));
    assert.ok(flowToMermaid(flow).includes('  n0(["bad text<br/>Hang up"])'));
  });

  test('inherited object keys in stored data are not looked up', () => {
    const flow = {
      initialStepId: 'r',
      recording: false,
      steps: [
        { id: 'r', type: 'ring_group', ringGroupId: 'constructor', noAnswer: 'q' },
        {
          id: 'q',
          type: 'route',
          branches: [{ criteria: [{ type: 'keyword', op: 'constructor', value: 'x' }], next: 'z' }],
          fallback: 'z',
        },
        { id: 'z', type: 'constructor' },
      ],
    } as unknown as CallFlow;
    const out = lines(flowToMermaid(flow, { ringGroups: {}, ringStrategies: {} }));
    for (const line of [
      '  n0("r<br/>Ring group: constructor")',
      '  n1 -->|"keyword constructor x"| n2',
      '  n2["z<br/>Unknown step type: constructor"]',
      '  class n2 unknownStep',
    ]) {
      assert.ok(out.includes(line), `missing ${line} in\n${out.join('\n')}`);
    }
    assertWellFormed(flowToSvg(flow));
  });
});

describe('broken flows render instead of throwing', () => {
  const dangling: CallFlow = {
    initialStepId: 'hello',
    recording: false,
    steps: [
      { id: 'hello', type: 'greeting', prompt: { kind: 'audio', audioId: 'welcome' }, next: 'ghost' },
      {
        id: 'menu',
        type: 'menu',
        prompt: { kind: 'tts', text: 'Press 1' },
        options: { '1': 'ghost', '2': 'phantom' },
        timeoutSeconds: 5,
        maxRetries: 0,
        fallback: 'hello',
      },
    ],
  };

  test('a dangling reference becomes one red missing-step node', () => {
    const out = lines(flowToMermaid(dangling));
    for (const line of [
      '  n0["hello<br/>Greeting: audio welcome"]',
      '  m0["Missing step<br/>ghost"]',
      '  m1["Missing step<br/>phantom"]',
      '  n0 -->|"next"| m0',
      '  n1 -->|"press 1"| m0',
      '  n1 -->|"press 2"| m1',
      '  n1 -->|"timeout/invalid → fallback"| n0',
      '  class m0,m1 missing',
      '  class n1,m1 unreachable',
    ]) {
      assert.ok(out.includes(line), `missing ${line} in\n${out.join('\n')}`);
    }
    assert.ok(out.some((l) => l.startsWith('  classDef missing fill:#fde8e8,stroke:#c0392b')));
  });

  test('the SVG draws the missing step in red with a red arrow', () => {
    const svg = flowToSvg(dangling);
    assertWellFormed(svg);
    assert.equal(count(svg, /class="node missing/g), 2);
    assert.ok(svg.includes('>Missing step</tspan>'));
    assert.ok(svg.includes('marker-end="url(#sb-arrow-missing)"'));
  });

  const brokenCases: Array<[string, CallFlow, string[]]> = [
    [
      'missing initial step',
      { initialStepId: 'nope', recording: false, steps: [{ id: 'a', type: 'hangup' }] },
      ['  start --> m0', '  m0["Missing step<br/>nope"]', '  class n0 unreachable'],
    ],
    [
      'no steps at all',
      { initialStepId: '', recording: false, steps: [] },
      ['  m0["Missing step<br/>empty id"]'],
    ],
    [
      'duplicate ids resolve to the first, the second is still drawn',
      {
        initialStepId: 'a',
        recording: false,
        steps: [
          { id: 'a', type: 'greeting', prompt: { kind: 'tts', text: 'x' }, next: 'b' },
          { id: 'b', type: 'hangup' },
          { id: 'b', type: 'voicemail', voicemailBoxId: 'v', beep: false, maxLengthSeconds: 60 },
        ],
      },
      ['  n0 -->|"next"| n1', '  n2(["b<br/>Voicemail: v"])'],
    ],
    [
      'an unknown step type is drawn without edges',
      {
        initialStepId: 'x',
        recording: false,
        steps: [{ id: 'x', type: 'teleport' } as unknown as FlowStep],
      },
      ['  n0["x<br/>Unknown step type: teleport"]'],
    ],
  ];
  for (const [name, flow, expected] of brokenCases) {
    test(name, () => {
      const mermaid = lines(flowToMermaid(flow));
      for (const line of expected)
        assert.ok(mermaid.includes(line), `missing ${line} in\n${mermaid.join('\n')}`);
      assertWellFormed(flowToSvg(flow));
    });
  }
});

test('an unreachable part is laid out from its own entry, below the reachable part', () => {
  const flow: CallFlow = {
    initialStepId: 'a',
    recording: false,
    steps: [
      { id: 'a', type: 'hangup' },
      { id: 'c', type: 'hangup' },
      { id: 'b', type: 'greeting', prompt: { kind: 'tts', text: 'orphan' }, next: 'c' },
    ],
  };
  const graph = buildFlowGraph(flow);
  assert.deepEqual(
    graph.nodes.map((n) => [n.key, n.depth, n.reachable]),
    [
      ['start', 0, true],
      ['n0', 1, true],
      ['n2', 2, false],
      ['n1', 3, false],
    ],
  );
});

describe('flowToSvg', () => {
  const svg = flowToSvg(everyStepFlow, names);

  test('is a standalone SVG document', () => {
    assert.ok(svg.startsWith('<svg '));
    assert.ok(svg.includes('xmlns="http://www.w3.org/2000/svg"'));
    assert.match(svg, /viewBox="-?[\d.]+ -?[\d.]+ [\d.]+ [\d.]+"/);
    assert.ok(svg.includes('<marker id="sb-arrow"'));
  });

  test('is well-formed', () => {
    assertWellFormed(svg);
    assert.equal(count(svg, /<g[\s>]/g), count(svg, /<\/g>/g));
  });

  test('one node group with a <title> per step plus the start', () => {
    assert.equal(count(svg, /<g class="node /g), everyStepFlow.steps.length + 1);
    assert.equal(count(svg, /<g class="node [^>]*><title>/g), everyStepFlow.steps.length + 1);
  });

  test("every node's label text appears", () => {
    for (const step of everyStepFlow.steps) {
      const text = xml(step.label ?? step.id);
      assert.ok(svg.includes(`>${text}</tspan>`), `no text for ${step.id}`);
    }
  });

  test('shapes by type', () => {
    assert.match(svg, /<g class="node route"[^>]*><title>[^<]*<\/title><polygon points="([^ ]+ ){3}[^ ]+" /);
    assert.match(svg, /<g class="node menu"[^>]*><title>[^<]*<\/title><polygon points="([^ ]+ ){5}[^ ]+" /);
    assert.match(svg, /<g class="node greeting"[^>]*><title>[^<]*<\/title><rect /);
    assert.match(svg, /<g class="node start"[^>]*><title>Start<\/title><ellipse /);
  });

  test('edges: one polyline per linked pair, labels on white backgrounds', () => {
    // 16 links, of which by_caller → hours three times: 14 drawn edges, 13 labelled.
    assert.equal(count(svg, /<g class="edge \w+" /g), 14);
    assert.equal(count(svg, /<polyline /g), 14);
    assert.ok(svg.includes('>first-time caller</tspan>'));
    assert.ok(svg.includes('>no match</tspan>'));
    assert.ok(svg.includes('>Office hours open</tspan>'));
    assert.equal(count(svg, /<g class="edge-label"><rect [^>]*fill="#ffffff"\/>/g), 13);
  });

  test('tooltips keep the full prompt text', () => {
    assert.ok(
      svg.includes('Greeting: “Thanks for calling Sunset Apartments, your home away from home.”</title>'),
    );
  });

  test('all edge points lie inside the viewBox', () => {
    const [minX, minY, w, h] = /viewBox="([^"]+)"/.exec(svg)![1].split(' ').map(Number);
    for (const m of svg.matchAll(/<polyline points="([^"]+)"/g)) {
      for (const pair of m[1].split(' ')) {
        const [x, y] = pair.split(',').map(Number);
        assert.ok(x >= minX && x <= minX + w && y >= minY && y <= minY + h, `${pair} outside`);
      }
    }
  });

  test('deterministic: same input, same output (also for a structural copy)', () => {
    const copy = JSON.parse(JSON.stringify(everyStepFlow)) as CallFlow;
    assert.equal(flowToSvg(everyStepFlow, names), svg);
    assert.equal(flowToSvg(copy, names), svg);
    assert.equal(flowToMermaid(copy, names), flowToMermaid(everyStepFlow, names));
  });
});

describe('three-level nested menu', () => {
  const menu = (id: string, options: MenuStep['options'], fallback: string): MenuStep => ({
    id,
    type: 'menu',
    prompt: { kind: 'tts', text: `${id} prompt` },
    options,
    timeoutSeconds: 5,
    maxRetries: 1,
    repeatOnStar: false,
    fallback,
  });
  const nested: CallFlow = {
    initialStepId: 'top',
    recording: false,
    steps: [
      menu('top', { '1': 'leasing', '2': 'residents', '9': 'vm', '0': 'top' }, 'vm'),
      menu('leasing', { '1': 'tours', '2': 'ring', '0': 'top' }, 'top'),
      menu('residents', { '1': 'ring', '2': 'vm', '*': 'top' }, 'vm'),
      menu('tours', { '1': 'ring', '2': 'ring', '3': 'vm', '0': 'leasing', '#': 'top' }, 'leasing'),
      { id: 'ring', type: 'ring_group', ringGroupId: 'leasing', noAnswer: 'vm' },
      { id: 'vm', type: 'voicemail', voicemailBoxId: 'main', beep: true, maxLengthSeconds: 60 },
    ],
  };
  const mermaid = lines(flowToMermaid(nested));
  const svg = flowToSvg(nested);
  const key = (id: string): string => `n${nested.steps.findIndex((s) => s.id === id)}`;
  const menus = nested.steps.filter((s): s is MenuStep => s.type === 'menu');

  for (const m of menus) {
    for (const [digit, target] of Object.entries(m.options)) {
      const label = `press ${escapeMermaidText(digit)}`;
      test(`${m.id}: ${label} → ${target}`, () => {
        assert.ok(mermaid.includes(`  ${key(m.id)} -->|"${label}"| ${key(target)}`), mermaid.join('\n'));
        assert.match(
          svg,
          new RegExp(`<g class="edge \\w+" data-from="${key(m.id)}" data-to="${key(target)}">`),
        );
      });
    }
  }

  test('depths follow breadth-first discovery', () => {
    const depth = Object.fromEntries(buildFlowGraph(nested).nodes.map((n) => [n.stepId ?? n.key, n.depth]));
    assert.deepEqual(depth, { start: 0, top: 1, leasing: 2, residents: 2, vm: 2, tours: 3, ring: 3 });
  });

  test('loops back up are dashed edges up the right side; the self-loop is a U below its row', () => {
    for (const [from, to] of [
      ['leasing', 'top'],
      ['residents', 'top'],
      ['tours', 'leasing'],
      ['tours', 'top'],
    ]) {
      assert.match(
        svg,
        new RegExp(
          `<g class="edge back" data-from="${key(from)}" data-to="${key(to)}"><title>[^<]*</title><polyline [^>]*stroke-dasharray="6 4"`,
        ),
        `${from}→${to}`,
      );
    }
    assert.match(
      svg,
      /<g class="edge same" data-from="n0" data-to="n0"><title>[^<]*<\/title><polyline [^>]*stroke-dasharray="6 4"/,
    );
  });

  test('merged parallel options share one label', () => {
    assert.ok(svg.includes('>press 1, 2</tspan>'), 'tours → ring');
    assertWellFormed(svg);
  });
});

describe('wrapText', () => {
  const cases: Array<[string, number, number, string[]]> = [
    ['short', 28, 3, ['short']],
    ['', 28, 3, ['']],
    ['one two three four five six seven', 10, 3, ['one two', 'three four', 'five six…']],
    ['abcdefghijklmnopqrstuvwxyz', 10, 3, ['abcdefghij', 'klmnopqrst', 'uvwxyz']],
    ['abcdefghijklmnopqrstuvwxyz0123456789', 10, 2, ['abcdefghij', 'klmnopqrs…']],
    ['a b', 28, 0, []],
  ];
  for (const [text, width, maxLines, expected] of cases) {
    test(`${JSON.stringify(text)} at ${width}×${maxLines}`, () =>
      assert.deepEqual(wrapText(text, width, maxLines), expected));
  }
});
