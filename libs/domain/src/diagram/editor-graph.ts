import { linkSlots, type LinkSlot } from '../flow/edit-flow';
import type { CallFlow, FlowStep } from '../flow/flow-model';
import { stepKindOf } from '../flow/step-kinds';
import { isList } from '../shared/is-list';
import type { FlowDiagramNames } from './describe';
import { buildFlowGraph, type FlowGraphNodeKind } from './flow-graph';

/**
 * The flow as an editor canvas draws it: a Start node and one node per step, keyed by step id (so
 * a node keeps its place while the flow is edited), each with a handle per link field, and
 * positions for flows that have none stored. Built on buildFlowGraph, so titles, descriptions,
 * edge labels and layers are the diagrams' own. No canvas library types: the console maps these
 * to its canvas.
 */
export interface EditorSlot extends LinkSlot {
  /** "press 1", "no match", "Office hours open"…, as the diagram labels the link. */
  readonly label: string;
}

export interface EditorNode {
  /** `start`, or the step's id (`<id>#<index>` for a second step with the same id). */
  readonly id: string;
  readonly stepId?: string;
  readonly kind: FlowGraphNodeKind;
  readonly title: string;
  readonly detail: string;
  readonly tooltip: string;
  readonly depth: number;
  readonly reachable: boolean;
  /** The step's link fields, set or not (the start node has none). */
  readonly slots: readonly EditorSlot[];
}

export interface EditorEdge {
  /** `<source>:<path>` (`start:` for the start edge): one edge per link field. */
  readonly id: string;
  readonly source: string;
  /** The link's path, e.g. `options.1`; '' for the start edge. */
  readonly path: string;
  readonly target: string;
  readonly label: string;
}

export interface EditorGraph {
  readonly nodes: readonly EditorNode[];
  readonly edges: readonly EditorEdge[];
}

/** The id of the start node (a step with the id `start` is keyed `start#<index>`). */
export const START_NODE = 'start';

/** Node id per step index: the step id, unless an earlier step has it (or it is `start`). */
function nodeIds(steps: readonly FlowStep[]): string[] {
  const seen = new Set<string>([START_NODE]);
  return steps.map((s, i) => {
    const id = String(s.id);
    const key = seen.has(id) ? `${id}#${i}` : id;
    seen.add(key);
    return key;
  });
}

export function editorGraph(flow: CallFlow, names: FlowDiagramNames = {}): EditorGraph {
  const steps = isList(flow.steps) ? flow.steps : [];
  const ids = nodeIds(steps);
  const byKey = (key: string): string | undefined =>
    key === 'start' ? START_NODE : key.startsWith('n') ? ids[Number(key.slice(1))] : undefined;
  const graph = buildFlowGraph(flow, names);

  const nodes: EditorNode[] = [];
  for (const n of graph.nodes) {
    const id = byKey(n.key);
    if (id === undefined) continue; // a missing step: the link's error shows on the step that names it
    const step = id === START_NODE ? undefined : steps[Number(n.key.slice(1))];
    nodes.push({
      id,
      ...(step !== undefined ? { stepId: step.id } : {}),
      kind: n.kind,
      title: n.title,
      detail: n.detail,
      tooltip: n.tooltip,
      depth: n.depth,
      reachable: n.reachable,
      slots: step !== undefined ? slotsOf(step, names) : [],
    });
  }
  const edges: EditorEdge[] = [];
  for (const e of graph.edges) {
    const source = byKey(e.from);
    const target = byKey(e.to);
    if (source === undefined || target === undefined) continue;
    edges.push({ id: `${source}:${e.path}`, source, path: e.path, target, label: e.label });
  }
  return { nodes, edges };
}

function slotsOf(step: FlowStep, names: FlowDiagramNames): EditorSlot[] {
  const kind = stepKindOf(step.type);
  if (kind === undefined) return [];
  return linkSlots(step).map((slot) => {
    const label = kind.diagram.edgeLabel(step, { path: slot.path, target: slot.target ?? '' }, names);
    return { ...slot, label: label === '' ? slot.path : label };
  });
}

export interface Position {
  readonly x: number;
  readonly y: number;
}

/**
 * Spacing of the automatic layout, in canvas pixels. A node's height is estimated from its link
 * fields (the editor draws one line per link, with its handle), so tall menus do not overlap.
 */
export const LAYOUT = { columnWidth: 290, rowGap: 70, nodeHeight: 96, slotHeight: 22 } as const;

export function estimatedHeight(node: EditorNode): number {
  return LAYOUT.nodeHeight + LAYOUT.slotHeight * node.slots.length;
}

/**
 * Positions for a flow that has none stored: one row per layer (buildFlowGraph's depth, the
 * start at the top), nodes left to right in discovery order, each row centred.
 */
export function layoutEditorGraph(graph: EditorGraph): Record<string, Position> {
  const rows = new Map<number, EditorNode[]>();
  for (const n of graph.nodes) rows.set(n.depth, [...(rows.get(n.depth) ?? []), n]);
  const widest = Math.max(0, ...[...rows.values()].map((r) => r.length));
  const positions: Record<string, Position> = {};
  let y = 0;
  for (const depth of [...rows.keys()].sort((a, b) => a - b)) {
    const row = rows.get(depth) ?? [];
    const offset = ((widest - row.length) * LAYOUT.columnWidth) / 2;
    row.forEach((n, col) => (positions[n.id] = { x: offset + col * LAYOUT.columnWidth, y }));
    y += Math.max(...row.map(estimatedHeight)) + LAYOUT.rowGap;
  }
  return positions;
}

/**
 * Positions for every node of `graph`: the ones already placed (dragged, or kept from before an
 * edit) stay; new nodes go below everything placed so far, left to right, so adding a step never
 * moves the others. With nothing placed, the automatic layout.
 */
export function placeNodes(
  graph: EditorGraph,
  placed: Readonly<Record<string, Position>>,
): Record<string, Position> {
  const known = graph.nodes.filter((n) => placed[n.id] !== undefined);
  if (known.length === 0) return layoutEditorGraph(graph);
  const out: Record<string, Position> = {};
  for (const n of known) out[n.id] = placed[n.id];
  const bottom = Math.max(...known.map((n) => placed[n.id].y + estimatedHeight(n)));
  const left = Math.min(...known.map((n) => placed[n.id].x));
  graph.nodes
    .filter((n) => placed[n.id] === undefined)
    .forEach((n, i) => {
      out[n.id] = { x: left + i * LAYOUT.columnWidth, y: bottom + LAYOUT.rowGap };
    });
  return out;
}
