import type { CallerContext } from './caller-context';
import type { Criterion } from './criterion-model';
import { matchAllCriteria } from './match-criterion';

export interface RoutingBranch {
  readonly criteria: readonly Criterion[];
  readonly next: string;
}

export interface RoutingChoice {
  /** The step to go to. */
  readonly next: string;
  /** Index of the branch that matched, or null when the fallback was taken. */
  readonly branchIndex: number | null;
}

/** Branches are tried in order; the first whose criteria all hold wins, else the fallback. */
export function chooseBranch(
  branches: readonly RoutingBranch[],
  fallback: string,
  caller: CallerContext,
): RoutingChoice {
  const index = branches.findIndex((branch) => matchAllCriteria(branch.criteria, caller));
  return index === -1
    ? { next: fallback, branchIndex: null }
    : { next: branches[index].next, branchIndex: index };
}
