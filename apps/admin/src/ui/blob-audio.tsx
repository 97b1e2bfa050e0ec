import { useEffect, useState } from 'react';
import type { Api } from '../api/client';
import { useAction } from '../use-api';
import { ProblemNotice } from './problem-notice';

/**
 * A player for audio the api serves only with the key (an audio file's content, a voicemail
 * message's recording): fetched as a blob on request, played from an object URL (the console's
 * CSP allows blob: media), released when the player goes away.
 */
export function BlobAudio({ label, load }: { label: string; load: (api: Api) => Promise<Blob> }) {
  const action = useAction();
  const [url, setUrl] = useState<string>();
  useEffect(() => () => (url ? URL.revokeObjectURL(url) : undefined), [url]);
  if (url) return <audio controls src={url} aria-label={label} className="blob-audio" />;
  return (
    <span>
      <button
        type="button"
        className="secondary"
        disabled={action.busy}
        onClick={() =>
          void action.run(load).then((blob) => {
            if (blob) setUrl(URL.createObjectURL(blob));
          })
        }
      >
        {action.busy ? 'Loading…' : 'Listen'}
        <span className="visually-hidden"> to {label}</span>
      </button>
      <ProblemNotice problem={action.problem} />
    </span>
  );
}
