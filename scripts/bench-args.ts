/**
 * The command line of the side-by-side benchmarks (`bench:runtime`, `bench:engine`): they run for
 * many minutes, so a mistyped flag must stop them at once, in one line that names it, before any
 * stack starts.
 */

/** A mistyped flag: said in one line, without a stack trace, with exit code 2. */
export class UsageError extends Error {}

export interface FlagSpec {
  /** Flags that take a value: `--name value` or `--name=value`. */
  values: readonly string[];
  /** Flags that take none. */
  switches: readonly string[];
  /** What the benchmark takes, for the message about an unknown flag: `--calls N, --json`. */
  usage: string;
}

export interface Flags {
  values: Record<string, string>;
  switches: Set<string>;
}

/** Splits `argv` into the flags `spec` names; anything else is a UsageError naming it. */
export function parseFlags(argv: string[], spec: FlagSpec): Flags {
  const flags: Flags = { values: {}, switches: new Set() };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.indexOf('=');
    const name = (eq < 0 ? arg : arg.slice(0, eq)).replace(/^--/, '');
    if (!arg.startsWith('--') || !(spec.values.includes(name) || spec.switches.includes(name)))
      throw new UsageError(`unknown option ${arg}: it takes ${spec.usage}`);
    if (spec.switches.includes(name)) {
      if (eq >= 0) throw new UsageError(`--${name} takes no value, got ${arg}`);
      flags.switches.add(name);
      continue;
    }
    const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    // `--calls --json` is a forgotten value, not a value of "--json".
    if (value === undefined || value === '' || (eq < 0 && value.startsWith('--')))
      throw new UsageError(`--${name} takes a value, got nothing`);
    flags.values[name] = value;
  }
  return flags;
}

/** `--calls N` and the like: a whole number of at least 1, else a UsageError naming the flag. */
export function positiveInteger(flags: Flags, name: string, fallback: number): number {
  const value = flags.values[name];
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`--${name} takes a whole number from 1, got ${value}`);
  return n;
}

/**
 * Runs a benchmark's `main`: a UsageError ends it with `<script>: <message>` and exit code 2, any
 * other error with its stack and exit code 1.
 */
export function runBench(script: string, main: () => Promise<void>): void {
  main().catch((err: unknown) => {
    console.error(err instanceof UsageError ? `${script}: ${err.message}` : err);
    process.exit(err instanceof UsageError ? 2 : 1);
  });
}
