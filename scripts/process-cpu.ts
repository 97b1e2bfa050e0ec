import { readdirSync, readFileSync } from 'node:fs';

/** Linux's USER_HZ: /proc reports CPU time in these ticks on every platform Node runs on. */
const TICKS_PER_SECOND = 100;

interface ProcStat {
  ppid: number;
  /** user + system time of the process, and of its children it has waited for. */
  ticks: number;
}

function readStat(pid: string): ProcStat | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may hold spaces: fields are counted after the last ')'.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // f[1] ppid, f[11] utime, f[12] stime, f[13] cutime, f[14] cstime (proc(5), fields 4, 14–17).
    return { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]) };
  } catch {
    return null; // the process ended while being read
  }
}

/**
 * CPU seconds used so far by each process tree rooted at `roots` (by name): the process, its live
 * descendants, and descendants that ended (counted in their parent's children times). PostgreSQL's
 * sessions are children of its server process, so its tree is the whole database's cost.
 */
export function cpuSecondsByTree(roots: Record<string, number[]>): Record<string, number> {
  const stats = new Map<number, ProcStat>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    const s = readStat(d);
    if (s) stats.set(Number(d), s);
  }
  const children = new Map<number, number[]>();
  for (const [pid, s] of stats) children.set(s.ppid, [...(children.get(s.ppid) ?? []), pid]);
  const treeTicks = (pid: number): number =>
    (stats.get(pid)?.ticks ?? 0) + (children.get(pid) ?? []).reduce((sum, c) => sum + treeTicks(c), 0);
  return Object.fromEntries(
    Object.entries(roots).map(([name, pids]) => [
      name,
      pids.reduce((sum, pid) => sum + treeTicks(pid), 0) / TICKS_PER_SECOND,
    ]),
  );
}

/** CPU seconds each named tree used between `before` and `after`, per call, to 3 decimals. */
export function cpuPerCall(
  before: Record<string, number>,
  after: Record<string, number>,
  calls: number,
): Record<string, number> {
  const out: Record<string, number> = {};
  let total = 0;
  for (const name of Object.keys(after)) {
    const used = after[name] - (before[name] ?? 0);
    total += used;
    out[name] = Math.round((used / calls) * 1000) / 1000;
  }
  out.total = Math.round((total / calls) * 1000) / 1000;
  return out;
}
