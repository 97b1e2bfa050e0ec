import { useState } from 'react';
import type { Api } from '../api/client';
import { useAction } from '../use-api';
import { ProblemNotice } from './problem-notice';

/**
 * Deletes one resource after an in-place confirmation (no modal dialog), and shows the api's
 * refusal beside it: a 409 names what still uses the resource ("used by call flow "Main line"").
 */
export function DeleteButton({
  what,
  remove,
  onDeleted,
}: {
  /** The resource as people name it: "schedule Office hours". */
  what: string;
  remove: (api: Api) => Promise<unknown>;
  onDeleted: () => void;
}) {
  const action = useAction();
  const [confirming, setConfirming] = useState(false);
  return (
    <div className="delete-button">
      {confirming ? (
        <span role="group" aria-label={`Delete ${what}?`}>
          <button
            type="button"
            className="danger"
            disabled={action.busy}
            onClick={() => {
              setConfirming(false);
              void action
                .run(async (api) => {
                  await remove(api);
                  return true;
                })
                .then((done) => {
                  if (done) onDeleted();
                });
            }}
          >
            Yes, delete {what}
          </button>{' '}
          <button type="button" className="secondary" onClick={() => setConfirming(false)}>
            Keep it
          </button>
        </span>
      ) : (
        <button
          type="button"
          className="link-button"
          onClick={() => {
            action.clear();
            setConfirming(true);
          }}
        >
          Delete<span className="visually-hidden"> {what}</span>
        </button>
      )}
      <ProblemNotice problem={action.problem} />
    </div>
  );
}
