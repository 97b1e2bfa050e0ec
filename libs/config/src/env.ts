import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';

/**
 * Every setting Switchboard reads from the environment, with its documented default.
 * One place: apps, scripts and tests all call loadConfig(); docs/configuration.md's table mirrors this file.
 */
export interface SwitchboardConfig {
  /** PostgreSQL URL. Unset: the dev launcher starts an embedded server and sets it. */
  databaseUrl?: string;
  temporal: {
    /** host:port of a Temporal frontend. Unset: the launcher starts a dev server. */
    address?: string;
    namespace: string;
    taskQueue: string;
    /**
     * TLS to the frontend: on with TEMPORAL_TLS=true, and whenever a certificate, a CA or an API key
     * is given (Temporal Cloud takes either an API key or a client certificate, always over TLS).
     */
    tls?: TemporalTls;
    /** Temporal Cloud API key, sent as a bearer token on every call. */
    apiKey?: string;
    /**
     * The Temporal Web UI's address (`http://127.0.0.1:8233`), so the admin console links each call
     * to its workflow there. Unset: no links (`npm start` sets it to the UI it serves).
     */
    uiUrl?: string;
    /**
     * Which call engine new inbound calls start (docs/DECISIONS.md, "Call engine v2"): `v2`, or
     * `v1` to go back to the first engine while it is still registered. Calls in flight finish on
     * the engine they started on either way.
     */
    callEngine: CallEngine;
  };
  api: {
    host: string;
    port: number;
    /**
     * Proxies (addresses or CIDRs, or Express's `loopback`, `linklocal`, `uniquelocal`) whose
     * `X-Forwarded-For` names the client. Empty (the default): the client is the connecting
     * address, and the header, which anyone can send, is ignored.
     */
    trustedProxies: string[];
  };
  /** The public DNI endpoints (docs/DNI.md). */
  dni: {
    /** Requests one client address may send at once before its rate applies. */
    rateLimitBurst: number;
    /** Requests a minute one client address may send after its burst. */
    rateLimitPerMinute: number;
    /** Live pool-number holds one client address may have in one pool; 0 lifts the cap. */
    maxHoldsPerClient: number;
  };
  telnyx: {
    apiKey?: string;
    /** SDK base URL; points at the simulator in development. */
    baseUrl?: string;
    /** base64 raw Ed25519 public key used to verify webhooks. */
    publicKey?: string;
    /** Call Control connection (application) id used when dialling agents. */
    connectionId: string;
  };
  admin: {
    /**
     * The platform operator's token for creating accounts (`POST /v1/accounts`). Unset: accounts
     * can only be created by the dev launcher and tests, which set one.
     */
    token?: string;
  };
  media: {
    /**
     * Base URL the carrier reaches the api's public media routes at (uploaded audio prompts).
     * Must be reachable from Telnyx in production; defaults to the api's own address.
     */
    publicBaseUrl: string;
    /** Folder of the filesystem blob store that holds uploaded audio (absolute once loaded). */
    dir: string;
    /**
     * HMAC key of the signed `/media` URLs. The worker signs the URLs it gives the carrier and the
     * api verifies them, so both processes must share it: a per-process random default would not
     * work, and a default in the source would let anyone sign. No default: the api and the worker
     * refuse to start without it (`mediaSigningSecret`); `npm start` generates one per install.
     */
    signingSecret?: string;
    /** How long a signed media URL stays valid; longer than any call, which resolves its URLs at start. */
    urlTtlSecs: number;
    /**
     * How long a signed recording URL stays valid (voicemail, conversations): minutes, since a
     * person plays it right after asking; a link that leaks stops working soon after.
     */
    recordingUrlTtlSecs: number;
  };
  calls: {
    /** Seconds an agent or forward destination rings before the call counts as unanswered. */
    ringTimeoutSecs: number;
    /** Text spoken when a tracking number has no greeting of its own. */
    defaultVoice: string;
  };
  email: {
    /** Where forwarded mail is sent (nodemailer URL, `smtp://user:pass@host:port` or `smtps://…`). */
    smtpUrl: string;
    /** The From of forwarded mail; the original sender becomes its Reply-To. */
    from: string;
    /** Domain of the tracked inbound addresses (`<slug>-<random>@<domain>`); its MX points at the provider. */
    inboundDomain: string;
    /** HMAC-SHA256 key of `POST /webhooks/email`. Unset: the webhook answers 503. */
    webhookSecret?: string;
  };
  agents: {
    /**
     * How the /agent page places and takes calls: `telnyx` (@telnyx/webrtc with a login token) or
     * `simulator` (the page drives the simulator's control API; development and tests).
     */
    telephony: 'telnyx' | 'simulator';
    /** The simulator's root URL for the page in simulator mode. Unset: TELNYX_BASE_URL without `/v2`. */
    simulatorUrl?: string;
    /** Telnyx credential connection browser agents' credentials are made on. */
    credentialConnectionId: string;
  };
  /** Outbound webhooks to customers' URLs (subscriptions): how long and how often to retry. */
  webhooks: WebhookDeliverySettings;
  /**
   * Where conversions go (docs/conversions.md): each ad platform's API root. `npm start` and the
   * tests point all three at the local fake (apps/ads-sim) unless they are set.
   */
  adPlatforms: AdPlatformSettings;
  /** Conversions sent to the ad platforms: how long and how often a delivery is retried. */
  conversions: ConversionDeliverySettings;
  /** Retention of personal data (docs/privacy.md). */
  retention: RetentionSettings;
  observability: {
    /** pino level: trace, debug, info, warn, error, fatal or silent. */
    logLevel: LogLevelName;
    /** `json` (one object per line) or `pretty` (needs pino-pretty installed; JSON otherwise). */
    logFormat: 'json' | 'pretty';
    /** Bearer token for `/metrics` on the api and the worker. Unset: open (the default bind is loopback). */
    metricsToken?: string;
    /** Port of the worker's `/metrics` server; 0 turns it off. */
    workerMetricsPort: number;
    workerMetricsHost: string;
  };
}

export interface WebhookDeliverySettings {
  /** First retry after this many seconds; each later wait doubles. */
  retryInitialSecs: number;
  /** The longest wait between two attempts. */
  retryMaxIntervalSecs: number;
  /** A delivery still failing this long after the event is marked failed (redeliver by hand). */
  giveUpAfterSecs: number;
  /** A receiver gets this long to answer one attempt. */
  attemptTimeoutSecs: number;
  /**
   * Whether receivers (subscriptions, voicemail box notifications) may be on this host or a private
   * network. Off in production: a customer's URL must not reach into ours. The dev stack and tests
   * turn it on for their receivers on 127.0.0.1.
   */
  allowPrivateNetworks: boolean;
}

/** Defaults: first retry after 10 s, at most hourly, for three days; 10 s per attempt; public receivers only. */
export const DEFAULT_WEBHOOK_DELIVERY: WebhookDeliverySettings = {
  retryInitialSecs: 10,
  retryMaxIntervalSecs: 3600,
  giveUpAfterSecs: 3 * 24 * 3600,
  attemptTimeoutSecs: 10,
  allowPrivateNetworks: false,
};

export interface AdPlatformSettings {
  /** GOOGLE_ADS_API_URL: the Google Ads REST API's root (the version is the adapter's). */
  googleAdsUrl: string;
  /** GA4_MP_URL: the root of GA4 Measurement Protocol's `/mp/collect`. */
  ga4Url: string;
  /** META_GRAPH_URL: the Graph API's root (the Conversions API's `/{pixel}/events` is under it). */
  metaUrl: string;
  /**
   * Whether those may be on loopback or a private network: WEBHOOK_ALLOW_PRIVATE_NETWORKS, the one
   * switch of the guarded sender (on only in development and tests, for the fakes).
   */
  allowPrivateNetworks: boolean;
}

export const DEFAULT_AD_PLATFORM_URLS = {
  googleAdsUrl: 'https://googleads.googleapis.com',
  ga4Url: 'https://www.google-analytics.com',
  metaUrl: 'https://graph.facebook.com',
} as const;
export interface ConversionDeliverySettings {
  /** First wait after a platform asks to be tried later (rate limited, erred); each later wait doubles. */
  retryInitialSecs: number;
  /** The longest wait between two attempts (a platform's Retry-After may ask for longer). */
  retryMaxIntervalSecs: number;
  /** A delivery still not accepted this long after it started is marked failed. */
  giveUpAfterSecs: number;
  /** A platform gets this long to answer one upload. */
  attemptTimeoutSecs: number;
}

/** Defaults: first retry after a minute, at most hourly, for three days; 30 s per upload. */
export const DEFAULT_CONVERSION_DELIVERY: ConversionDeliverySettings = {
  retryInitialSecs: 60,
  retryMaxIntervalSecs: 3600,
  giveUpAfterSecs: 3 * 24 * 3600,
  attemptTimeoutSecs: 30,
};

export interface RetentionSettings {
  /**
   * RETENTION_SCHEDULE: when the scheduled retention run starts, a cron expression in UTC (five
   * fields), or `off` for no schedule (runs then start only through the api).
   */
  schedule: string;
  /**
   * TEMPORAL_HISTORY_RETENTION_DAYS: how long Temporal keeps finished workflows' histories when no
   * account has a `callerData` period. Unset: the namespace keeps what it has.
   */
  historyRetentionDays?: number;
}

/** Daily at 03:00 UTC. */
export const DEFAULT_RETENTION_SCHEDULE = '0 3 * * *';

/** RETENTION_SCHEDULE: `off`, or five cron fields of digits and `*,-/` (Temporal checks the rest). */
function cronSchedule(env: NodeJS.ProcessEnv, name: string, fallback: string): string {
  const v = str(env, name)?.trim();
  if (v === undefined) return fallback;
  if (v.toLowerCase() === 'off') return 'off';
  if (!/^[\d*,/-]+( +[\d*,/-]+){4}$/.test(v))
    throw new ConfigError(`${name} must be five cron fields (for example "0 3 * * *") or "off", got "${v}"`);
  return v.replace(/ +/g, ' ');
}

export interface TemporalTls {
  /** PEM file of the CA that signed the server's certificate; unset: the system's roots. */
  caFile?: string;
  /** mTLS: PEM files of the client's certificate and key (both or neither). */
  certFile?: string;
  keyFile?: string;
  /** Name to check the server's certificate against, when it differs from the address's host. */
  serverName?: string;
}

export const CALL_ENGINES = ['v1', 'v2'] as const;
export type CallEngine = (typeof CALL_ENGINES)[number];

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];

function oneOf<T extends string>(
  env: NodeJS.ProcessEnv,
  name: string,
  allowed: readonly T[],
  fallback: T,
): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const v = raw.toLowerCase() as T;
  if (!allowed.includes(v))
    throw new ConfigError(`${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
  return v;
}

export class ConfigError extends Error {}

/** The shortest MEDIA_SIGNING_SECRET accepted: 32 characters, as from `openssl rand -hex 16`. */
export const MIN_SIGNING_SECRET_LENGTH = 32;

/** MEDIA_URL_TTL_SECS when unset: 6 hours, far longer than any call. */
export const DEFAULT_MEDIA_URL_TTL_SECS = 6 * 3600;

/** RECORDING_URL_TTL_SECS when unset: 15 minutes. */
export const DEFAULT_RECORDING_URL_TTL_SECS = 15 * 60;

function int(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0)
    throw new ConfigError(`${name} must be a non-negative integer, got "${raw}"`);
  return n;
}

function atLeast(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const n = int(env, name, fallback);
  if (n < min) throw new ConfigError(`${name} must be at least ${min}, got ${n}`);
  return n;
}

/** TRUSTED_PROXIES: comma-separated addresses, CIDRs or Express's named ranges, each checked. */
function proxies(env: NodeJS.ProcessEnv, name: string): string[] {
  const names = ['loopback', 'linklocal', 'uniquelocal'];
  const list = (env[name] ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');
  for (const v of list) {
    const [addr, bits, extra] = v.split('/');
    const max = isIP(addr) === 4 ? 32 : isIP(addr) === 6 ? 128 : 0;
    const ok =
      names.includes(v) ||
      (max > 0 && extra === undefined && (bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= max)));
    if (!ok)
      throw new ConfigError(
        `${name} must list addresses, CIDRs, loopback, linklocal or uniquelocal, got "${v}"`,
      );
  }
  return list;
}

/** DNI defaults: 60 requests at once then 120 a minute per client; two live holds per client and pool. */
export const DEFAULT_DNI = { rateLimitBurst: 60, rateLimitPerMinute: 120, maxHoldsPerClient: 2 } as const;

function str(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const v = env[name];
  return v === undefined || v === '' ? undefined : v;
}

/** An http(s) base URL setting, without a trailing slash. */
function httpUrl(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const v = str(env, name);
  if (v === undefined) return undefined;
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    throw new ConfigError(`${name} must be an http(s) URL, got "${v}"`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:')
    throw new ConfigError(`${name} must be an http(s) URL, got "${v}"`);
  return v.replace(/\/+$/, '');
}

/** A file setting: readable now, or the process stops naming the setting. */
function file(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const p = str(env, name);
  if (p === undefined) return undefined;
  try {
    readFileSync(p);
  } catch (e) {
    throw new ConfigError(`${name} names a file that cannot be read: ${p} (${(e as Error).message})`);
  }
  return path.resolve(p);
}

function temporalTls(env: NodeJS.ProcessEnv): TemporalTls | undefined {
  const tls: TemporalTls = {
    caFile: file(env, 'TEMPORAL_TLS_SERVER_CA_CERT_PATH'),
    certFile: file(env, 'TEMPORAL_TLS_CLIENT_CERT_PATH'),
    keyFile: file(env, 'TEMPORAL_TLS_CLIENT_KEY_PATH'),
    serverName: str(env, 'TEMPORAL_TLS_SERVER_NAME'),
  };
  if (!tls.certFile !== !tls.keyFile)
    throw new ConfigError(
      `${tls.certFile ? 'TEMPORAL_TLS_CLIENT_KEY_PATH' : 'TEMPORAL_TLS_CLIENT_CERT_PATH'} is not set: mTLS needs both TEMPORAL_TLS_CLIENT_CERT_PATH and TEMPORAL_TLS_CLIENT_KEY_PATH`,
    );
  const asked = oneOf(env, 'TEMPORAL_TLS', ['true', 'false'] as const, 'false') === 'true';
  const implied =
    Object.values(tls).some((v) => v !== undefined) || str(env, 'TEMPORAL_API_KEY') !== undefined;
  if (env.TEMPORAL_TLS?.toLowerCase() === 'false' && implied)
    throw new ConfigError(
      'TEMPORAL_TLS is false, but TEMPORAL_TLS_* or TEMPORAL_API_KEY is set: those need TLS',
    );
  return asked || implied ? tls : undefined;
}

/** The address a Temporal client dials: host:port, nothing else. */
function hostPort(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const v = str(env, name);
  if (v !== undefined && !/^[A-Za-z0-9.-]+:\d{1,5}$|^\[[0-9A-Fa-f:.]+\]:\d{1,5}$/.test(v))
    throw new ConfigError(`${name} must be host:port (for example 127.0.0.1:7233), got "${v}"`);
  return v;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): SwitchboardConfig {
  const port = int(env, 'API_PORT', 3000);
  const host = str(env, 'API_HOST') ?? '127.0.0.1';
  return {
    databaseUrl: str(env, 'DATABASE_URL'),
    temporal: {
      address: hostPort(env, 'TEMPORAL_ADDRESS'),
      namespace: str(env, 'TEMPORAL_NAMESPACE') ?? 'default',
      taskQueue: str(env, 'TEMPORAL_TASK_QUEUE') ?? 'calls',
      tls: temporalTls(env),
      apiKey: str(env, 'TEMPORAL_API_KEY'),
      uiUrl: str(env, 'TEMPORAL_UI_URL')?.replace(/\/+$/, ''),
      callEngine: oneOf(env, 'CALL_ENGINE', CALL_ENGINES, 'v2'),
    },
    api: { host, port, trustedProxies: proxies(env, 'TRUSTED_PROXIES') },
    dni: {
      rateLimitBurst: atLeast(env, 'DNI_RATE_LIMIT_BURST', DEFAULT_DNI.rateLimitBurst, 1),
      rateLimitPerMinute: atLeast(env, 'DNI_RATE_LIMIT_PER_MINUTE', DEFAULT_DNI.rateLimitPerMinute, 1),
      maxHoldsPerClient: int(env, 'DNI_MAX_HOLDS_PER_CLIENT', DEFAULT_DNI.maxHoldsPerClient),
    },
    telnyx: {
      apiKey: str(env, 'TELNYX_API_KEY'),
      baseUrl: str(env, 'TELNYX_BASE_URL'),
      publicKey: str(env, 'TELNYX_PUBLIC_KEY'),
      connectionId: str(env, 'TELNYX_CONNECTION_ID') ?? 'switchboard-dev-connection',
    },
    admin: { token: str(env, 'ADMIN_TOKEN') },
    media: {
      publicBaseUrl: (str(env, 'PUBLIC_BASE_URL') ?? `http://${host}:${port}`).replace(/\/+$/, ''),
      dir: path.resolve(str(env, 'MEDIA_DIR') ?? '.data/media'),
      signingSecret: str(env, 'MEDIA_SIGNING_SECRET'),
      urlTtlSecs: atLeast(env, 'MEDIA_URL_TTL_SECS', DEFAULT_MEDIA_URL_TTL_SECS, 60),
      recordingUrlTtlSecs: atLeast(env, 'RECORDING_URL_TTL_SECS', DEFAULT_RECORDING_URL_TTL_SECS, 30),
    },
    calls: {
      ringTimeoutSecs: int(env, 'RING_TIMEOUT_SECS', 20),
      defaultVoice: str(env, 'TTS_VOICE') ?? 'female',
    },
    email: {
      smtpUrl: str(env, 'SMTP_URL') ?? 'smtp://127.0.0.1:2525',
      from: str(env, 'EMAIL_FROM') ?? 'Switchboard <forwarding@switchboard.localhost>',
      inboundDomain: (str(env, 'EMAIL_INBOUND_DOMAIN') ?? 'inbound.switchboard.localhost').toLowerCase(),
      webhookSecret: str(env, 'EMAIL_WEBHOOK_SECRET'),
    },
    agents: {
      telephony: oneOf(env, 'AGENT_TELEPHONY', ['telnyx', 'simulator'] as const, 'telnyx'),
      simulatorUrl:
        str(env, 'AGENT_SIMULATOR_URL') ??
        str(env, 'TELNYX_BASE_URL')
          ?.replace(/\/v2\/?$/, '')
          .replace(/\/+$/, ''),
      credentialConnectionId:
        str(env, 'TELNYX_CREDENTIAL_CONNECTION_ID') ??
        str(env, 'TELNYX_CONNECTION_ID') ??
        'switchboard-dev-connection',
    },
    webhooks: {
      retryInitialSecs: atLeast(
        env,
        'WEBHOOK_RETRY_INITIAL_SECS',
        DEFAULT_WEBHOOK_DELIVERY.retryInitialSecs,
        1,
      ),
      retryMaxIntervalSecs: atLeast(
        env,
        'WEBHOOK_RETRY_MAX_INTERVAL_SECS',
        DEFAULT_WEBHOOK_DELIVERY.retryMaxIntervalSecs,
        1,
      ),
      giveUpAfterSecs: atLeast(
        env,
        'WEBHOOK_GIVE_UP_AFTER_SECS',
        DEFAULT_WEBHOOK_DELIVERY.giveUpAfterSecs,
        1,
      ),
      attemptTimeoutSecs: atLeast(
        env,
        'WEBHOOK_ATTEMPT_TIMEOUT_SECS',
        DEFAULT_WEBHOOK_DELIVERY.attemptTimeoutSecs,
        1,
      ),
      allowPrivateNetworks:
        oneOf(env, 'WEBHOOK_ALLOW_PRIVATE_NETWORKS', ['true', 'false'] as const, 'false') === 'true',
    },
    adPlatforms: {
      googleAdsUrl: httpUrl(env, 'GOOGLE_ADS_API_URL') ?? DEFAULT_AD_PLATFORM_URLS.googleAdsUrl,
      ga4Url: httpUrl(env, 'GA4_MP_URL') ?? DEFAULT_AD_PLATFORM_URLS.ga4Url,
      metaUrl: httpUrl(env, 'META_GRAPH_URL') ?? DEFAULT_AD_PLATFORM_URLS.metaUrl,
      allowPrivateNetworks:
        oneOf(env, 'WEBHOOK_ALLOW_PRIVATE_NETWORKS', ['true', 'false'] as const, 'false') === 'true',
    },
    conversions: {
      retryInitialSecs: atLeast(
        env,
        'CONVERSION_RETRY_INITIAL_SECS',
        DEFAULT_CONVERSION_DELIVERY.retryInitialSecs,
        1,
      ),
      retryMaxIntervalSecs: atLeast(
        env,
        'CONVERSION_RETRY_MAX_SECS',
        DEFAULT_CONVERSION_DELIVERY.retryMaxIntervalSecs,
        1,
      ),
      giveUpAfterSecs: atLeast(
        env,
        'CONVERSION_GIVE_UP_AFTER_SECS',
        DEFAULT_CONVERSION_DELIVERY.giveUpAfterSecs,
        1,
      ),
      attemptTimeoutSecs: atLeast(
        env,
        'CONVERSION_ATTEMPT_TIMEOUT_SECS',
        DEFAULT_CONVERSION_DELIVERY.attemptTimeoutSecs,
        1,
      ),
    },
    retention: {
      schedule: cronSchedule(env, 'RETENTION_SCHEDULE', DEFAULT_RETENTION_SCHEDULE),
      historyRetentionDays: str(env, 'TEMPORAL_HISTORY_RETENTION_DAYS')
        ? atLeast(env, 'TEMPORAL_HISTORY_RETENTION_DAYS', 1, 1)
        : undefined,
    },
    observability: {
      logLevel: oneOf(env, 'LOG_LEVEL', LOG_LEVELS, 'info'),
      logFormat: oneOf(env, 'LOG_FORMAT', ['json', 'pretty'] as const, 'json'),
      metricsToken: str(env, 'METRICS_TOKEN'),
      workerMetricsPort: int(env, 'WORKER_METRICS_PORT', 9464),
      workerMetricsHost: str(env, 'WORKER_METRICS_HOST') ?? '127.0.0.1',
    },
  };
}

/** The Temporal address, which must be known by the time an app starts. */
export function requireTemporalAddress(cfg: SwitchboardConfig): string {
  return cfg.temporal.address ?? '127.0.0.1:7233';
}

/**
 * What every Temporal connection of ours is opened with (the api's client, the worker's native
 * connection, the scripts'): the address, TLS with the files' bytes, the API key. Both SDK
 * connection kinds take this shape.
 */
export function temporalConnectionOptions(cfg: SwitchboardConfig): {
  address: string;
  tls?: {
    serverNameOverride?: string;
    serverRootCACertificate?: Buffer;
    clientCertPair?: { crt: Buffer; key: Buffer };
  };
  apiKey?: string;
} {
  const t = cfg.temporal.tls;
  return {
    address: requireTemporalAddress(cfg),
    ...(t
      ? {
          tls: {
            ...(t.serverName ? { serverNameOverride: t.serverName } : {}),
            ...(t.caFile ? { serverRootCACertificate: readFileSync(t.caFile) } : {}),
            ...(t.certFile && t.keyFile
              ? { clientCertPair: { crt: readFileSync(t.certFile), key: readFileSync(t.keyFile) } }
              : {}),
          },
        }
      : {}),
    ...(cfg.temporal.apiKey ? { apiKey: cfg.temporal.apiKey } : {}),
  };
}

/**
 * MEDIA_SIGNING_SECRET, which the api and the worker need before they serve or sign anything: both
 * call this at start, so a missing or short secret stops the process naming the setting.
 */
export function mediaSigningSecret(cfg: SwitchboardConfig): string {
  const secret = cfg.media.signingSecret;
  if (!secret)
    throw new ConfigError(
      'MEDIA_SIGNING_SECRET is not set: give the api and the worker the same random value of at least ' +
        `${MIN_SIGNING_SECRET_LENGTH} characters (npm start generates one into .data/secrets/)`,
    );
  if (secret.length < MIN_SIGNING_SECRET_LENGTH)
    throw new ConfigError(
      `MEDIA_SIGNING_SECRET must be at least ${MIN_SIGNING_SECRET_LENGTH} characters, got ${secret.length}`,
    );
  return secret;
}

export function requireDatabaseUrl(cfg: SwitchboardConfig): string {
  if (!cfg.databaseUrl)
    throw new ConfigError('DATABASE_URL is not set (npm start sets it for the embedded server)');
  return cfg.databaseUrl;
}
