import type { ApiProblem, FieldProblem } from '../api/problem';

/** A save that went through, with the api's warnings about it (overlapping windows…). */
export interface SaveNote {
  warnings: readonly FieldProblem[];
}

/**
 * "Saved." (and what to check) in a live region. The note lives in the page, not in the form:
 * the form is keyed by the saved version, so it starts afresh from what the api answered.
 */
export function SavedNotice({
  note,
  problem,
}: {
  note: SaveNote | undefined;
  problem: ApiProblem | undefined;
}) {
  return (
    <div aria-live="polite">
      {note && !problem && <p className="notice notice-ok">Saved.</p>}
      {note && note.warnings.length > 0 && (
        <div className="notice notice-warn">
          <strong>Saved, but check:</strong>
          <ul>
            {note.warnings.map((w) => (
              <li key={w.field + w.message}>{w.message}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
