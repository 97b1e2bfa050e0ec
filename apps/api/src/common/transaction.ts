import type { DataSource, EntityManager } from 'typeorm';

/**
 * A database transaction, plus work that must wait for its outcome: files outside the database
 * (audio bytes) are written before their rows commit, so a rollback must delete what it wrote and
 * only a commit may delete what the new rows no longer name.
 */
export interface Tx {
  readonly m: EntityManager;
  afterCommit(fn: () => Promise<void>): void;
  afterRollback(fn: () => Promise<void>): void;
}

/** Thrown inside a dry run's transaction to roll it back; carries the result out. */
class RolledBack<T> extends Error {
  constructor(readonly result: T) {
    super('rolled back');
  }
}

/**
 * Runs `work` in one transaction, then its afterCommit or afterRollback hooks. With `rollback`
 * (a dry run) everything is written and then rolled back, so the result describes exactly what
 * the same call would commit.
 */
export async function inTransaction<T>(
  ds: DataSource,
  work: (tx: Tx) => Promise<T>,
  opts: { rollback?: boolean } = {},
): Promise<T> {
  const commits: (() => Promise<void>)[] = [];
  const rollbacks: (() => Promise<void>)[] = [];
  const runAll = async (fns: (() => Promise<void>)[]) => {
    for (const fn of fns) await fn();
  };
  let result: T;
  try {
    result = await ds.transaction(async (m) => {
      const out = await work({
        m,
        afterCommit: (fn) => void commits.push(fn),
        afterRollback: (fn) => void rollbacks.push(fn),
      });
      if (opts.rollback) throw new RolledBack(out);
      return out;
    });
  } catch (err) {
    await runAll(rollbacks);
    if (err instanceof RolledBack) return err.result as T;
    throw err;
  }
  await runAll(commits);
  return result;
}
