import { useState } from 'react';

/**
 * Copies `text` to the clipboard and says so in a live region. Where the clipboard is refused
 * (an http page, a denied permission) it says that instead: the text stays on screen to select.
 */
export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }) {
  const [status, setStatus] = useState('');
  return (
    <span className="copy">
      <button
        type="button"
        className="secondary"
        onClick={() =>
          void navigator.clipboard.writeText(text).then(
            () => setStatus('Copied.'),
            () => setStatus('Copy refused by the browser: select the text instead.'),
          )
        }
      >
        {label}
      </button>
      <span role="status" className="muted">
        {status}
      </span>
    </span>
  );
}

/** A secret the api shows this once (a new key, a signing secret): with Copy, and a warning. */
export function ShownOnce({ label, secret, onDone }: { label: string; secret: string; onDone: () => void }) {
  return (
    <div className="notice notice-ok shown-once" role="status">
      <p>
        <strong>{label}</strong> — copy it now: it is not shown again.
      </p>
      <p>
        <code className="secret">{secret}</code> <CopyButton text={secret} />
      </p>
      <button type="button" className="link-button" onClick={onDone}>
        Done
      </button>
    </div>
  );
}
