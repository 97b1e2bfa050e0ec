import { useId, useState } from 'react';
import { unwrap } from '../../api/client';
import type { Ok } from '../../api/types';
import { useAction } from '../../use-api';
import { ProblemNotice } from '../../ui/problem-notice';

type Link = Ok<'/v1/properties/{propertyId}/agents/{agentId}/sign-in-links', 'post'>;

/** Mints a one-time link into the /agent page for a browser agent, shown to pass on to them. */
export function SignInLink({
  propertyId,
  agentId,
  name,
}: {
  propertyId: string;
  agentId: string;
  name: string;
}) {
  const id = useId();
  const action = useAction();
  const [link, setLink] = useState<Link>();
  const url = link ? new URL(link.path, window.location.origin).toString() : '';
  return (
    <div className="sign-in-link">
      <button
        type="button"
        className="link-button"
        disabled={action.busy}
        onClick={() =>
          void action
            .run((api) =>
              unwrap(
                api.POST('/v1/properties/{propertyId}/agents/{agentId}/sign-in-links', {
                  params: { path: { propertyId, agentId } },
                }),
              ),
            )
            .then((l) => l && setLink(l))
        }
      >
        Sign-in link<span className="visually-hidden"> for {name}</span>
      </button>
      <div aria-live="polite">
        {link && (
          <>
            <label htmlFor={id} className="visually-hidden">
              Sign-in link for {name}
            </label>
            <input id={id} readOnly value={url} size={40} onFocus={(e) => e.target.select()} />
            <small className="hint">
              {' '}
              Works once, until {new Date(link.expiresAt).toLocaleTimeString()}.
            </small>
          </>
        )}
      </div>
      <ProblemNotice problem={action.problem} />
    </div>
  );
}
