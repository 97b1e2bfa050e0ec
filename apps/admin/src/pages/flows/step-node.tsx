import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import type { EditorNode } from '@switchboard/domain';
import type { StepIssue } from './flow-issues';
import { kindLabel, slotTargetText } from './step-kind-labels';

export interface StepNodeData extends Record<string, unknown> {
  node: EditorNode;
  issues: readonly StepIssue[];
  /** On the path a dry run took ("Try it"). */
  onPath: boolean;
  readOnly: boolean;
}

export type StepNodeType = Node<StepNodeData, 'step'>;

/** The handle a step's link field is drawn from: its path (`options.1`), so a drag sets that field. */
export const START_HANDLE = 'start';

/**
 * One box on the canvas: kind, label or id, the diagram's one-line description, its problems, and
 * one line per link field with the handle to drag a link from (the start node has one, to choose
 * the first step).
 */
export function StepNode({ data }: NodeProps<StepNodeType>) {
  const { node, issues } = data;
  const errors = issues.filter((i) => i.severity === 'error');
  const warnings = issues.filter((i) => i.severity === 'warning');
  const classes = [
    'flow-node',
    `flow-node-${node.kind}`,
    errors.length > 0 ? 'flow-node-invalid' : '',
    data.onPath ? 'flow-node-on-path' : '',
    node.reachable ? '' : 'flow-node-unreachable',
  ];
  if (node.kind === 'start')
    return (
      <div className={classes.join(' ')} title="Calls start here">
        <strong>Start</strong>
        <Handle type="source" position={Position.Bottom} id={START_HANDLE} isConnectable={!data.readOnly} />
      </div>
    );
  return (
    <div className={classes.join(' ')} title={node.tooltip}>
      <Handle type="target" position={Position.Top} isConnectable={!data.readOnly} />
      <div className="flow-node-kind">
        {kindLabel(node.kind)}
        {errors.length > 0 && (
          <span
            className="flow-node-badge"
            aria-label={`${errors.length} problem${errors.length > 1 ? 's' : ''}`}
          >
            {errors.length}
          </span>
        )}
        {errors.length === 0 && warnings.length > 0 && (
          <span
            className="flow-node-badge flow-node-badge-warning"
            aria-label={`${warnings.length} warning(s)`}
          >
            !
          </span>
        )}
      </div>
      <div className="flow-node-title">{node.title}</div>
      <div className="flow-node-detail">{node.detail}</div>
      {/* Said in words too, not by colour alone. */}
      {data.onPath && <div className="flow-node-path-note">On the path tried</div>}
      {issues.length > 0 && (
        <ul className="flow-node-issues">
          {issues.map((i) => (
            <li
              key={i.field + i.message}
              className={i.severity === 'error' ? 'issue-error' : 'issue-warning'}
            >
              {i.message}
            </li>
          ))}
        </ul>
      )}
      {node.slots.length > 0 && (
        <ul className="flow-node-slots">
          {node.slots.map((s) => (
            <li key={s.path} className={s.target === null ? 'flow-slot-empty' : undefined}>
              <span>{s.label}</span>
              <span className="muted">→ {slotTargetText(s)}</span>
              <Handle
                type="source"
                position={Position.Right}
                id={s.path}
                isConnectable={!data.readOnly}
                title={`Drag to the step “${s.label}” goes to`}
              />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
