import type { Bundle } from './scenario-model';
import { expectOk, http, type StackEndpoints } from './stack-client';

interface Named {
  id: string;
  name: string;
}
interface NumberRow {
  id: string;
  callFlowId: string | null;
  number: string;
  sourceId: string;
  forwardTo: string;
  greetingText: string | null;
  greetingAudioUrl: string | null;
}

/** JSON with object keys sorted: PostgreSQL's jsonb does not keep key order. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(
          Object.entries(x as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : x,
  );
}

/**
 * The bundle's resource lists with their API paths, in the order they are applied: each kind names
 * only kinds before it (ring groups name agents and audio, boxes name agents and audio), and flows,
 * applied after all of them, may name any.
 */
const RESOURCES = [
  ['schedules', 'schedules'],
  ['agents', 'agents'],
  ['audio', 'audio'],
  ['ring_groups', 'ring-groups'],
  ['voicemail_boxes', 'voicemail-boxes'],
] as const;

/**
 * Applies a bundle through the admin API, reusing what already exists by name or number, so a
 * scenario can run again and again against one running stack. Resources are created or replaced
 * by id (PUT), which is idempotent too.
 */
export async function applyBundle(s: StackEndpoints, b: Bundle): Promise<{ propertyId: string }> {
  const v1 = `${s.apiUrl}/v1`;
  const props = await expectOk<{ items: Named[] }>('list properties', http('GET', `${v1}/properties`));
  const property =
    props.items.find((p) => p.name === b.property.name) ??
    (await expectOk<Named>(
      'create property',
      http('POST', `${v1}/properties`, { name: b.property.name, timeZone: b.property.time_zone }),
    ));
  const base = `${v1}/properties/${property.id}`;

  const existingSources = (await expectOk<{ items: Named[] }>('list sources', http('GET', `${base}/sources`)))
    .items;
  const sourceIds = new Map(existingSources.map((x) => [x.name, x.id]));
  for (const src of b.sources) {
    if (!sourceIds.has(src.name)) {
      const created = await expectOk<Named>(
        'create source',
        http('POST', `${base}/sources`, { name: src.name }),
      );
      sourceIds.set(src.name, created.id);
    }
  }

  for (const [key, path] of RESOURCES) {
    for (const item of (b[key] ?? []) as { id: string; file?: string }[]) {
      if (item.file !== undefined)
        throw new Error(
          `bundle audio "${item.id}" names file ${item.file}: load the bundle with loadScenario`,
        );
      await expectOk(
        `save ${key} ${item.id}`,
        http('PUT', `${base}/${path}/${encodeURIComponent(item.id)}`, item),
      );
    }
  }

  const flowIds = new Map<string, string>();
  const flows = (await expectOk<{ items: Named[] }>('list flows', http('GET', `${base}/call-flows`))).items;
  for (const f of b.flows ?? []) {
    const existing = flows.find((x) => x.name === f.name);
    if (!existing) {
      const created = await expectOk<Named>(
        'create call flow',
        http('POST', `${base}/call-flows`, { name: f.name, definition: f.definition }),
      );
      flowIds.set(f.name, created.id);
      continue;
    }
    const current = await expectOk<{ definition: unknown }>(
      'read call flow',
      http('GET', `${base}/call-flows/${existing.id}`),
    );
    if (canonical(current.definition) !== canonical({ recording: false, ...(f.definition as object) })) {
      await expectOk(
        'save call flow version',
        http('PUT', `${base}/call-flows/${existing.id}`, { definition: f.definition }),
      );
    }
    flowIds.set(f.name, existing.id);
  }

  const numbers = (
    await expectOk<{ items: NumberRow[] }>('list numbers', http('GET', `${base}/tracking-numbers`))
  ).items;
  for (const n of b.numbers) {
    const sourceId = sourceIds.get(n.source);
    if (!sourceId) throw new Error(`bundle number ${n.number} names unknown source "${n.source}"`);
    const callFlowId = n.flow ? flowIds.get(n.flow) : null;
    if (callFlowId === undefined) throw new Error(`bundle number ${n.number} names unknown flow "${n.flow}"`);
    const body = {
      number: n.number,
      sourceId,
      callFlowId,
      forwardTo: n.forward_to,
      greetingText: n.greeting && 'text' in n.greeting ? n.greeting.text : null,
      greetingAudioUrl: n.greeting && 'audio_url' in n.greeting ? n.greeting.audio_url : null,
    };
    const existing = numbers.find((x) => x.number === n.number);
    if (!existing) {
      await expectOk('create tracking number', http('POST', `${base}/tracking-numbers`, body));
    } else if (
      existing.sourceId !== body.sourceId ||
      existing.forwardTo !== body.forwardTo ||
      existing.greetingText !== body.greetingText ||
      existing.greetingAudioUrl !== body.greetingAudioUrl ||
      existing.callFlowId !== body.callFlowId
    ) {
      const { number: _n, ...changes } = body;
      await expectOk(
        'update tracking number',
        http('PATCH', `${base}/tracking-numbers/${existing.id}`, changes),
      );
    }
  }
  return { propertyId: property.id };
}
