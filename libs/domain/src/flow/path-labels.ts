import type { CallFlow } from './flow-model';

/** One entry of a call's path as the workflow records it: a step id and what happened there. */
export interface PathStep {
  readonly step: string;
  readonly detail?: string;
}

/**
 * A call's path so far as a person reads it: each step by its label (its id made readable when it
 * has none), and a menu choice with where it led: "pressed 2: Leasing". Steps the workflow adds
 * itself (connected, hangup…) are not the flow's and read by their id.
 */
export function readablePath(flow: CallFlow | null, path: readonly PathStep[]): string[] {
  const label = (id: string) => flow?.steps.find((s) => s.id === id)?.label ?? humanize(id);
  const out: string[] = [];
  for (let i = 0; i < path.length; i++) {
    const pressed = /^pressed (.+)$/.exec(path[i].detail ?? '')?.[1];
    const next = path[i + 1];
    if (pressed && next) {
      out.push(`pressed ${pressed}: ${label(next.step)}`);
      i++;
    } else {
      out.push(label(path[i].step));
    }
  }
  return out;
}

/** `after-hours_desk` → `After hours desk`. */
function humanize(id: string): string {
  const words = id.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
