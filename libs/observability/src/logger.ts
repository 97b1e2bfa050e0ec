import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger } from 'pino';

export type LogFormat = 'json' | 'pretty';

export interface LoggerOptions {
  level: string;
  format: LogFormat;
  /** Where lines go (tests pass a stream to read them); stdout when absent. */
  destination?: DestinationStream;
  /** Fields on every line, e.g. `{ app: 'api' }`. */
  base?: Record<string, unknown>;
}

/**
 * Header values and fields that must never reach a log line, even if someone logs a request or an
 * error that carries them: the serialisers below never include headers, this is the second fence.
 */
const REDACT = [
  'authorization',
  'headers.authorization',
  'req.headers.authorization',
  'req.headers.cookie',
  'apiKey',
  'token',
];

/** pino-pretty is optional: `LOG_FORMAT=pretty` without it installed falls back to JSON. */
function prettyTransport(): pino.TransportSingleOptions | null {
  try {
    require.resolve('pino-pretty');
    return { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l' } };
  } catch {
    return null;
  }
}

/** A JSON logger (one object per line: `level`, `time`, `msg` and the caller's fields). */
export function createLogger(o: LoggerOptions): Logger {
  const options: pino.LoggerOptions = {
    level: o.level,
    base: { pid: process.pid, ...o.base },
    redact: { paths: REDACT, censor: '[redacted]' },
    // Level names ("info") read better in log search than pino's numbers.
    formatters: { level: (label) => ({ level: label }) },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  if (o.destination) return pino(options, o.destination);
  const pretty = o.format === 'pretty' ? prettyTransport() : null;
  if (pretty) return pino({ ...options, transport: pretty });
  const logger = pino(options);
  if (o.format === 'pretty') logger.warn('LOG_FORMAT=pretty needs pino-pretty installed: logging JSON');
  return logger;
}

let root: Logger = pino({ level: 'silent' });

/**
 * The process's logger. Silent until an app's entry point sets one, so libraries and tests that
 * never configure logging print nothing.
 */
export function rootLogger(): Logger {
  return root;
}

export function setRootLogger(logger: Logger): void {
  root = logger;
}

/** A logger that drops everything (tests start apps with this). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
