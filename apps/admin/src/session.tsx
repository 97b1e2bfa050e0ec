import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { createApi, unwrap, type Api } from './api/client';
import { ApiProblem } from './api/problem';
import type { Ok } from './api/types';

export type Account = Ok<'/v1/account', 'get'>;
export type Property = Ok<'/v1/properties/{propertyId}', 'get'>;

export interface Session {
  api: Api;
  account: Account;
  /** What the key may do: a read-only key sees every screen but no control that changes anything. */
  readOnly: boolean;
  /** The properties the key reaches (all of the account's, or the ones it is limited to). */
  properties: readonly Property[];
  reloadProperties: () => Promise<void>;
  signOut: () => void;
}

// The key lives for the browser tab only: closing it signs out, and no other site can read it.
const KEY_STORAGE = 'switchboard.apiKey';

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in console');
  return session;
}

async function loadProperties(api: Api): Promise<Property[]> {
  const page = await unwrap(api.GET('/v1/properties', { params: { query: { limit: 500 } } }));
  return [...page.items];
}

/** Signs in with a key (checked against /v1/account), and renders `children` once signed in. */
export function SessionProvider({
  signIn,
  children,
}: {
  signIn: (s: SignInProps) => ReactNode;
  children: ReactNode;
}) {
  const [key, setKey] = useState(() => sessionStorage.getItem(KEY_STORAGE) ?? '');
  const [state, setState] = useState<{ account: Account; properties: Property[] } | undefined>();
  const [problem, setProblem] = useState<ApiProblem>();
  const [checking, setChecking] = useState(key !== '');

  const signOut = useCallback(() => {
    sessionStorage.removeItem(KEY_STORAGE);
    setKey('');
    setState(undefined);
  }, []);
  // A 401 while signed in means the key was revoked: back to sign-in. While the key is being
  // checked, the check itself reports the 401 on the form.
  const signedIn = useRef(false);
  signedIn.current = state !== undefined;
  const api = useMemo(
    () =>
      createApi(key, () => {
        if (signedIn.current) signOut();
      }),
    [key, signOut],
  );

  useEffect(() => {
    if (!key) return;
    let current = true;
    setChecking(true);
    Promise.all([unwrap(api.GET('/v1/account')), loadProperties(api)]).then(
      ([account, properties]) => {
        if (!current) return;
        sessionStorage.setItem(KEY_STORAGE, key);
        setState({ account, properties });
        setChecking(false);
      },
      (err: unknown) => {
        if (!current) return;
        sessionStorage.removeItem(KEY_STORAGE);
        setProblem(err instanceof ApiProblem ? err : new ApiProblem(0, 'error', String(err)));
        setKey('');
        setChecking(false);
      },
    );
    return () => {
      current = false;
    };
  }, [api, key]);

  const reloadProperties = useCallback(async () => {
    const properties = await loadProperties(api);
    setState((s) => (s ? { ...s, properties } : s));
  }, [api]);

  if (!state || !key)
    return signIn({
      checking,
      problem,
      submit: (k) => {
        setProblem(undefined);
        setKey(k.trim());
      },
    });
  const session: Session = {
    api,
    account: state.account,
    readOnly: state.account.key.readOnly,
    properties: state.properties,
    reloadProperties,
    signOut,
  };
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export interface SignInProps {
  checking: boolean;
  problem: ApiProblem | undefined;
  submit: (key: string) => void;
}
