import type { CallFlow, FlowStep, StepType } from '../flow/flow-model';
import { stepKindOf } from '../flow/step-kinds';
import { stepLinks, type StepLink } from '../flow/step-links';
import { isList } from '../shared/is-list';
import { oneLine, truncate, type FlowDiagramNames } from './describe';

export { EDGE_LABEL_CHARS } from './describe';

/** `unknown`: a step whose type this version does not know (stored data can be newer or broken). */
export type FlowGraphNodeKind = StepType | 'start' | 'missing' | 'unknown';

/**
 * One box of a flow diagram. Keys are diagram-safe (`start`, `n3` for `steps[3]`, `m0` for the
 * first missing step), so renderers never put an admin-typed id into markup syntax.
 */
export interface FlowGraphNode {
  readonly key: string;
  readonly kind: FlowGraphNodeKind;
  /** The step id (for a missing node: the id that was referenced). Absent for the start node. */
  readonly stepId?: string;
  /** The step's label, or its id. */
  readonly title: string;
  /** A short description, already truncated ("Forward to +13125550123, 25 s"). */
  readonly detail: string;
  /** Untruncated text for hover. */
  readonly tooltip: string;
  /** Layer: breadth-first distance from the start node (unreachable parts are laid out below). */
  readonly depth: number;
  readonly reachable: boolean;
}

export interface FlowGraphEdge {
  readonly from: string;
  readonly to: string;
  /** "press 1", "no match", "Office hours open"…; empty for the start edge. */
  readonly label: string;
  /** The field of the source step that holds the link (see stepLinks), empty for the start edge. */
  readonly path: string;
}

export interface FlowGraph {
  /** Start node first, then breadth-first discovery order, then steps not reachable from the start. */
  readonly nodes: readonly FlowGraphNode[];
  readonly edges: readonly FlowGraphEdge[];
}

export const TTS_PREVIEW_CHARS = 40;
const TITLE_CHARS = 60;

/**
 * The flow as a graph, shared by the Mermaid and SVG renderers. Never throws on a broken flow:
 * a reference to an unknown step becomes a `missing` node, duplicate ids resolve to the first step
 * with that id (the later ones are still drawn), and unknown step types are drawn without edges.
 */
export function buildFlowGraph(flow: CallFlow, names: FlowDiagramNames = {}): FlowGraph {
  const steps = isList(flow.steps) ? flow.steps : [];
  const indexById = new Map<string, number>();
  steps.forEach((step, i) => {
    if (!indexById.has(step.id)) indexById.set(step.id, i);
  });

  const nodes: FlowGraphNode[] = [
    { key: 'start', kind: 'start', title: 'Start', detail: '', tooltip: 'Start', depth: 0, reachable: true },
  ];
  const edges: FlowGraphEdge[] = [];
  const placed = new Set<string>(['start']);
  const missingKeys = new Map<string, string>();

  /** The node key a link target resolves to, creating a missing node on first sight. */
  const resolve = (target: string, depth: number, reachable: boolean): { key: string; isNew: boolean } => {
    const index = indexById.get(target);
    if (index !== undefined) {
      const key = `n${index}`;
      if (placed.has(key)) return { key, isNew: false };
      placed.add(key);
      nodes.push(stepNode(steps[index], key, depth, reachable, names));
      return { key, isNew: true };
    }
    const existing = missingKeys.get(target);
    if (existing !== undefined) return { key: existing, isNew: false };
    const key = `m${missingKeys.size}`;
    missingKeys.set(target, key);
    const id = oneLine(String(target));
    nodes.push({
      key,
      kind: 'missing',
      stepId: target,
      title: 'Missing step',
      detail: truncate(id === '' ? 'empty id' : id, TITLE_CHARS),
      tooltip: `Missing step: no step has the id “${id}”`,
      depth,
      reachable,
    });
    return { key, isNew: false };
  };

  const walk = (rootKey: string, rootIndex: number, reachable: boolean): void => {
    const queue: Array<{ key: string; index: number; depth: number }> = [
      { key: rootKey, index: rootIndex, depth: depthOf(nodes, rootKey) },
    ];
    for (let head = 0; head < queue.length; head++) {
      const { key, index, depth } = queue[head];
      const step = steps[index];
      for (const link of stepLinks(step)) {
        const target = resolve(link.target, depth + 1, reachable);
        edges.push({ from: key, to: target.key, label: edgeLabel(step, link, names), path: link.path });
        if (target.isNew)
          queue.push({ key: target.key, index: Number(target.key.slice(1)), depth: depth + 1 });
      }
    }
  };

  const initial = resolve(flow.initialStepId, 1, true);
  edges.push({ from: 'start', to: initial.key, label: '', path: '' });
  if (initial.isNew) walk(initial.key, Number(initial.key.slice(1)), true);

  // Steps the caller can never reach are still drawn, each part below the previous ones. Steps
  // nothing points at go first, so a part starts at its own entry where it has one.
  const targeted = new Set(steps.flatMap((step) => stepLinks(step).map((link) => link.target)));
  const order = steps.map((step, i) => ({ step, i }));
  const entriesFirst = [
    ...order.filter(({ step }) => !targeted.has(step.id)),
    ...order.filter(({ step }) => targeted.has(step.id)),
  ];
  for (const { step, i } of entriesFirst) {
    const key = `n${i}`;
    if (placed.has(key)) continue;
    const depth = Math.max(...nodes.map((n) => n.depth)) + 1;
    placed.add(key);
    nodes.push(stepNode(step, key, depth, false, names));
    walk(key, i, false);
  }

  return { nodes, edges };
}

function depthOf(nodes: readonly FlowGraphNode[], key: string): number {
  return nodes.find((n) => n.key === key)?.depth ?? 0;
}

function stepNode(
  step: FlowStep,
  key: string,
  depth: number,
  reachable: boolean,
  names: FlowDiagramNames,
): FlowGraphNode {
  const id = oneLine(String(step.id));
  const label = typeof step.label === 'string' ? oneLine(step.label) : '';
  const title = truncate(label !== '' ? label : id !== '' ? id : 'no id', TITLE_CHARS);
  const short = stepDetail(step, names, TTS_PREVIEW_CHARS);
  const full = stepDetail(step, names, null);
  const tooltip = [label !== '' && label !== id ? `${label} (${id})` : title, full].join('\n');
  return {
    key,
    kind: stepKindOf(step.type) !== undefined ? step.type : 'unknown',
    stepId: step.id,
    title,
    detail: truncate(short, TITLE_CHARS),
    tooltip,
    depth,
    reachable,
  };
}

/** The one-line description under the title (the kind's `diagram.detail`); `max` truncates spoken text. */
function stepDetail(step: FlowStep, names: FlowDiagramNames, max: number | null): string {
  const kind = stepKindOf(step.type);
  return kind !== undefined
    ? kind.diagram.detail(step, names, max)
    : `Unknown step type: ${oneLine(String((step as { type?: unknown }).type))}`;
}

/** The edge text for one link (the kind's `diagram.edgeLabel`, from the link's field path). */
function edgeLabel(step: FlowStep, link: StepLink, names: FlowDiagramNames): string {
  return stepKindOf(step.type)?.diagram.edgeLabel(step, link, names) ?? link.path;
}
