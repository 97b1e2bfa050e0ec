import { useState } from 'react';
import type { SignInProps } from '../session';

/** Sign-in with an account's API key; the key's own limits (read-only, properties) then apply. */
export function SignInPage({ checking, problem, submit }: SignInProps) {
  const [key, setKey] = useState('');
  return (
    <main className="sign-in" id="main">
      <h1>Switchboard admin</h1>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (key.trim()) submit(key);
        }}
      >
        <label htmlFor="api-key">API key</label>
        <input
          id="api-key"
          name="apiKey"
          type="password"
          autoComplete="off"
          value={key}
          onChange={(e) => setKey(e.target.value)}
          aria-invalid={Boolean(problem)}
          aria-describedby={problem ? 'sign-in-error' : 'sign-in-hint'}
          required
        />
        <small id="sign-in-hint" className="hint">
          A key of your account (<code>sbk_…</code>). It is kept in this tab only.
        </small>
        {problem && (
          <p id="sign-in-error" className="field-error" role="alert">
            {problem.status === 401 ? 'This key is not valid.' : problem.message}
          </p>
        )}
        <button type="submit" disabled={checking}>
          {checking ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
