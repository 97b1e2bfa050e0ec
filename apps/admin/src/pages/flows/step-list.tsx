import type { CallFlow, EditorGraph } from '@switchboard/domain';
import type { StepIssue } from './flow-issues';
import { KIND_LABELS, slotTargetText } from './step-kind-labels';

/**
 * The flow's steps as a table beside the canvas: the same flow without a mouse. Each row opens the
 * step's form, and lists where its links go and its problems.
 */
export function StepList({
  flow,
  graph,
  issues,
  selected,
  onSelect,
}: {
  flow: CallFlow;
  graph: EditorGraph;
  issues: readonly StepIssue[];
  selected: string | null;
  onSelect: (stepId: string) => void;
}) {
  return (
    <section aria-labelledby="flow-steps">
      <h2 id="flow-steps">Steps</h2>
      <table className="data-table step-list">
        <caption className="visually-hidden">Steps of the flow</caption>
        <thead>
          <tr>
            <th scope="col">Step</th>
            <th scope="col">Kind</th>
            <th scope="col">Goes to</th>
            <th scope="col">Problems</th>
          </tr>
        </thead>
        <tbody>
          {flow.steps.map((s, index) => {
            const node = graph.nodes.find((n) => n.stepId === s.id);
            const own = issues.filter((i) => i.stepId === s.id);
            return (
              <tr key={`${s.id}#${index}`} aria-current={s.id === selected ? 'true' : undefined}>
                <td>
                  <button type="button" className="link-button" onClick={() => onSelect(s.id)}>
                    Edit {s.label ? `${s.label} (${s.id})` : s.id}
                  </button>
                  {flow.initialStepId === s.id && <span className="badge">start</span>}
                </td>
                <td>{KIND_LABELS[s.type] ?? s.type}</td>
                <td>
                  {(node?.slots ?? []).map((slot) => (
                    <div key={slot.path}>
                      {slot.label}: {slotTargetText(slot)}
                    </div>
                  ))}
                </td>
                <td>
                  {own.length === 0 ? (
                    <span className="muted">none</span>
                  ) : (
                    <ul className="plain-list">
                      {own.map((i) => (
                        <li
                          key={i.field + i.message}
                          className={i.severity === 'error' ? 'issue-error' : 'issue-warning'}
                        >
                          {i.message}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
