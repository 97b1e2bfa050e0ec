/**
 * Every setting Switchboard reads from the environment, with its documented default.
 * One place: apps, scripts and tests all call loadConfig(); README's table mirrors this file.
 */
export interface SwitchboardConfig {
  /** PostgreSQL URL. Unset: the dev launcher starts an embedded server and sets it. */
  databaseUrl?: string;
  temporal: {
    /** host:port of a Temporal frontend. Unset: the launcher starts a dev server. */
    address?: string;
    namespace: string;
    taskQueue: string;
  };
  api: { host: string; port: number };
  telnyx: {
    apiKey?: string;
    /** SDK base URL; points at the simulator in development. */
    baseUrl?: string;
    /** base64 raw Ed25519 public key used to verify webhooks. */
    publicKey?: string;
    /** Call Control connection (application) id used when dialling agents. */
    connectionId: string;
  };
  media: {
    /**
     * Base URL the carrier reaches the api's public media routes at (uploaded audio prompts).
     * Must be reachable from Telnyx in production; defaults to the api's own address.
     */
    publicBaseUrl: string;
  };
  calls: {
    /** Seconds an agent or forward destination rings before the call counts as unanswered. */
    ringTimeoutSecs: number;
    /** Text spoken when a tracking number has no greeting of its own. */
    defaultVoice: string;
  };
}

export class ConfigError extends Error {}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0)
    throw new ConfigError(`${name} must be a non-negative integer, got "${raw}"`);
  return n;
}

function str(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const v = env[name];
  return v === undefined || v === '' ? undefined : v;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): SwitchboardConfig {
  const port = int(env, 'API_PORT', 3000);
  const host = str(env, 'API_HOST') ?? '127.0.0.1';
  return {
    databaseUrl: str(env, 'DATABASE_URL'),
    temporal: {
      address: str(env, 'TEMPORAL_ADDRESS'),
      namespace: str(env, 'TEMPORAL_NAMESPACE') ?? 'default',
      taskQueue: str(env, 'TEMPORAL_TASK_QUEUE') ?? 'calls',
    },
    api: { host, port },
    telnyx: {
      apiKey: str(env, 'TELNYX_API_KEY'),
      baseUrl: str(env, 'TELNYX_BASE_URL'),
      publicKey: str(env, 'TELNYX_PUBLIC_KEY'),
      connectionId: str(env, 'TELNYX_CONNECTION_ID') ?? 'switchboard-dev-connection',
    },
    media: {
      publicBaseUrl: (str(env, 'PUBLIC_BASE_URL') ?? `http://${host}:${port}`).replace(/\/+$/, ''),
    },
    calls: {
      ringTimeoutSecs: int(env, 'RING_TIMEOUT_SECS', 20),
      defaultVoice: str(env, 'TTS_VOICE') ?? 'female',
    },
  };
}

/** The Temporal address, which must be known by the time an app starts. */
export function requireTemporalAddress(cfg: SwitchboardConfig): string {
  return cfg.temporal.address ?? '127.0.0.1:7233';
}

export function requireDatabaseUrl(cfg: SwitchboardConfig): string {
  if (!cfg.databaseUrl)
    throw new ConfigError('DATABASE_URL is not set (npm start sets it for the embedded server)');
  return cfg.databaseUrl;
}
