import type { ApiProblem } from '../api/problem';

/**
 * The api's refusal as a banner: its message, and the problems with fields no input on the screen
 * shows (`shown` lists those that are beside their inputs already).
 */
export function ProblemNotice({
  problem,
  shown = [],
}: {
  problem: ApiProblem | undefined;
  shown?: readonly string[];
}) {
  if (!problem) return null;
  if (problem.notFound) return <NotFound message={problem.message} />;
  const others = problem.fields.filter((f) => !shown.includes(f.field));
  return (
    <div className="notice notice-error" role="alert">
      <strong>{title(problem.status)}</strong>{' '}
      {problem.fields.length === 0 || others.length > 0 ? problem.message : 'See the fields marked below.'}
      {others.length > 0 && problem.fields.length > 1 && (
        <ul>
          {others.map((f) => (
            <li key={f.field + f.message}>
              <code>{f.field}</code>: {f.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function title(status: number): string {
  if (status === 0) return 'Offline.';
  if (status === 403) return 'Not allowed.';
  if (status === 409) return 'In use.';
  if (status === 422) return 'Not saved.';
  if (status === 429) return 'Too many requests.';
  return 'Something went wrong.';
}

/** What a screen shows for an id the key cannot reach: another account's ids look like missing ones. */
export function NotFound({ message }: { message?: string }) {
  return (
    <div className="notice notice-error" role="alert">
      <strong>Not found.</strong> {message ?? 'Nothing with this id exists for your key.'}
    </div>
  );
}
