import type { CallFlow } from '../flow/flow-model';
import { byStepKind } from '../flow/step-kinds';
import type { FlowDiagramNames } from './describe';
import { buildFlowGraph, type FlowGraphNode, type FlowGraphNodeKind } from './flow-graph';
import { KIND_COLOURS } from './palette';

/** Node shape per kind: the opening and closing brackets around the quoted text (steps: their descriptor's). */
const SHAPES: Record<FlowGraphNodeKind, readonly [string, string]> = {
  start: ['((', '))'],
  ...byStepKind((kind) => kind.diagram.mermaidShape),
  missing: ['[', ']'],
  unknown: ['[', ']'],
};

/** Mermaid class names; `start` and `end` are avoided because they are keywords in some versions. */
const CLASS_NAMES: Record<FlowGraphNodeKind, string> = {
  start: 'entry',
  ...byStepKind((kind) => kind.diagram.mermaidClass),
  missing: 'missing',
  unknown: 'unknownStep',
};

/**
 * Characters replaced by Mermaid entity codes inside `"…"` text. `"` would end the string, `#`
 * would start an entity, `<`/`>`/`&` would be HTML when labels are rendered as HTML, and the
 * brackets and `|` are shape and edge-label syntax (escaped so the text is safe in any position).
 */
const MERMAID_ENTITIES: Record<string, string> = {
  '"': '#quot;',
  '#': '#35;',
  '&': '#amp;',
  '<': '#lt;',
  '>': '#gt;',
  '[': '#91;',
  ']': '#93;',
  '{': '#123;',
  '}': '#125;',
  '(': '#40;',
  ')': '#41;',
  '|': '#124;',
  '`': '#96;',
};

/** Escapes one line of text for use inside Mermaid `"…"` quotes. */
export function escapeMermaidText(text: string): string {
  return text.replace(/["#&<>[\]{}()|`]/g, (ch) => MERMAID_ENTITIES[ch] ?? ch);
}

function nodeText(node: FlowGraphNode): string {
  const lines = node.detail === '' ? [node.title] : [node.title, node.detail];
  return lines.map(escapeMermaidText).join('<br/>');
}

/**
 * The flow as Mermaid `flowchart TD` source. Step ids never appear as Mermaid ids: `steps[i]` is
 * node `n<i>`, the start is `start` and unknown targets are red `m<k>` "Missing step" nodes.
 * Steps not reachable from the start are drawn dashed.
 */
export function flowToMermaid(flow: CallFlow, names?: FlowDiagramNames): string {
  const graph = buildFlowGraph(flow, names);
  const lines: string[] = ['flowchart TD'];

  for (const node of graph.nodes) {
    const [open, close] = SHAPES[node.kind];
    lines.push(`  ${node.key}${open}"${nodeText(node)}"${close}`);
  }
  for (const edge of graph.edges) {
    lines.push(
      edge.label === ''
        ? `  ${edge.from} --> ${edge.to}`
        : `  ${edge.from} -->|"${escapeMermaidText(edge.label)}"| ${edge.to}`,
    );
  }

  const byClass = new Map<FlowGraphNodeKind, string[]>();
  for (const node of graph.nodes) {
    byClass.set(node.kind, [...(byClass.get(node.kind) ?? []), node.key]);
  }
  for (const [kind, keys] of byClass) {
    const { fill, stroke } = KIND_COLOURS[kind];
    const extra =
      kind === 'missing' ? ',stroke-width:2px,color:#922b21' : kind === 'start' ? ',color:#fff' : '';
    lines.push(`  classDef ${CLASS_NAMES[kind]} fill:${fill},stroke:${stroke}${extra}`);
    lines.push(`  class ${keys.join(',')} ${CLASS_NAMES[kind]}`);
  }
  const unreachable = graph.nodes.filter((n) => !n.reachable).map((n) => n.key);
  if (unreachable.length > 0) {
    lines.push('  classDef unreachable stroke-dasharray:5 3');
    lines.push(`  class ${unreachable.join(',')} unreachable`);
  }
  return lines.join('\n') + '\n';
}
