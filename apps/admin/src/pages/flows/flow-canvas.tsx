import '@xyflow/react/dist/style.css';
import {
  applyNodeChanges,
  Background,
  Controls,
  MarkerType,
  ReactFlow,
  type Edge,
  type EdgeChange,
  type NodeChange,
} from '@xyflow/react';
import { START_NODE, type EditorGraph, type Position } from '@switchboard/domain';
import { useEffect, useMemo, useState } from 'react';
import type { StepIssue } from './flow-issues';
import { kindLabel } from './step-kind-labels';
import { START_HANDLE, StepNode, type StepNodeType } from './step-node';

const NODE_TYPES = { step: StepNode };

export interface FlowCanvasProps {
  graph: EditorGraph;
  positions: Readonly<Record<string, Position>>;
  issues: readonly StepIssue[];
  selected: string | null;
  /** Step ids a dry run went through, in order ("Try it"); null when none is shown. */
  path: readonly string[] | null;
  readOnly: boolean;
  onSelect: (stepId: string | null) => void;
  onMove: (nodeId: string, position: Position) => void;
  /** A link drawn from `path` of step `stepId` (START_HANDLE from the start node) to `target`. */
  onLink: (stepId: string, path: string, target: string) => void;
  /** A link removed on the canvas (its edge deleted). */
  onUnlink: (stepId: string, path: string) => void;
}

/**
 * The flow on an @xyflow/react canvas: the editor graph's nodes where `positions` puts them, one
 * edge per link, labelled like the diagram. Drawing from a link's handle to a step sets that link;
 * deleting an edge clears it. Node positions live in the editor (dragging reports them back); the
 * canvas keeps only what xyflow measures.
 */
export function FlowCanvas(props: FlowCanvasProps) {
  const { graph, positions, issues, selected, path, readOnly } = props;
  const onPath = useMemo(() => new Set(path ?? []), [path]);
  const pathEdges = useMemo(() => {
    const pairs = new Set<string>();
    if (path && path.length > 0) pairs.add(`${START_NODE}>${path[0]}`);
    for (let i = 1; i < (path?.length ?? 0); i++) pairs.add(`${path?.[i - 1]}>${path?.[i]}`);
    return pairs;
  }, [path]);

  const wanted = useMemo(
    (): StepNodeType[] =>
      graph.nodes.map((n) => ({
        id: n.id,
        type: 'step',
        position: positions[n.id] ?? { x: 0, y: 0 },
        selected: n.stepId !== undefined && n.stepId === selected,
        deletable: false,
        connectable: !readOnly,
        // "Menu: Main menu": the step's label, or its id (the diagram's title).
        ariaLabel: n.kind === 'start' ? 'Start' : `${kindLabel(n.kind)}: ${n.title}`,
        data: {
          node: n,
          issues: n.stepId === undefined ? [] : issues.filter((i) => i.stepId === n.stepId),
          onPath: n.stepId !== undefined && onPath.has(n.stepId),
          readOnly,
        },
      })),
    [graph, positions, issues, selected, onPath, readOnly],
  );
  // xyflow measures each node into its node object; keep those measurements across rebuilds.
  const [nodes, setNodes] = useState<StepNodeType[]>(wanted);
  useEffect(() => {
    setNodes((current) => {
      const byId = new Map(current.map((n) => [n.id, n]));
      return wanted.map((n) => {
        const had = byId.get(n.id);
        return had?.measured ? { ...n, measured: had.measured } : n;
      });
    });
  }, [wanted]);

  // Selecting an edge (click, or Enter on a focused one) is what Delete then clears.
  const [selectedEdge, setSelectedEdge] = useState<string | null>(null);
  const edges = useMemo(
    (): Edge[] =>
      graph.edges.map((e) => {
        const active = pathEdges.has(`${e.source}>${e.target}`);
        return {
          id: e.id,
          source: e.source,
          sourceHandle: e.source === START_NODE ? START_HANDLE : e.path,
          target: e.target,
          label: e.label || undefined,
          deletable: !readOnly && e.source !== START_NODE,
          selected: e.id === selectedEdge,
          animated: active,
          className: active ? 'flow-edge-on-path' : undefined,
          markerEnd: { type: MarkerType.ArrowClosed },
          ariaLabel: `${e.source === START_NODE ? 'Start' : e.source}${e.label ? ` (${e.label})` : ''} to ${e.target}`,
        };
      }),
    [graph, pathEdges, readOnly, selectedEdge],
  );

  const stepOf = (nodeId: string) => graph.nodes.find((n) => n.id === nodeId)?.stepId;

  const onNodesChange = (changes: NodeChange<StepNodeType>[]) => {
    setNodes((current) => applyNodeChanges(changes, current));
    for (const c of changes) {
      if (c.type === 'position' && c.dragging === false && c.position) props.onMove(c.id, c.position);
      if (c.type === 'select' && c.selected) props.onSelect(stepOf(c.id) ?? null);
    }
  };
  const onEdgesChange = (changes: EdgeChange[]) => {
    for (const c of changes) {
      if (c.type === 'select')
        setSelectedEdge((current) => (c.selected ? c.id : current === c.id ? null : current));
      if (c.type !== 'remove' || readOnly) continue;
      const edge = graph.edges.find((e) => e.id === c.id);
      const stepId = edge && stepOf(edge.source);
      if (edge && stepId !== undefined) props.onUnlink(stepId, edge.path);
    }
  };

  return (
    <div className="flow-canvas" aria-label="Flow canvas" role="region">
      <ReactFlow<StepNodeType, Edge>
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={(c) => {
          const target = stepOf(c.target);
          if (target === undefined || !c.sourceHandle) return;
          if (c.source === START_NODE) props.onLink(START_NODE, START_HANDLE, target);
          else {
            const stepId = stepOf(c.source);
            if (stepId !== undefined) props.onLink(stepId, c.sourceHandle, target);
          }
        }}
        isValidConnection={(c) => c.target !== START_NODE && Boolean(c.sourceHandle)}
        onPaneClick={() => props.onSelect(null)}
        nodesDraggable
        nodesConnectable={!readOnly}
        elementsSelectable
        deleteKeyCode={readOnly ? null : ['Backspace', 'Delete']}
        fitView
        fitViewOptions={{ padding: 0.15, maxZoom: 1 }}
        minZoom={0.2}
      >
        <Background />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
