import type { DataSource, EntityManager } from 'typeorm';

/**
 * A database transaction, plus work that must wait for its outcome: files outside the database
 * (audio bytes) are written before their rows commit, so a rollback must delete what it wrote and
 * only a commit may delete what the new rows no longer name. Opaque to callers: repositories reach
 * its connection through managerOf.
 */
export interface Tx {
  afterCommit(fn: () => Promise<void>): void;
  afterRollback(fn: () => Promise<void>): void;
}

/** The manager of each open transaction, kept out of Tx so that only repositories run SQL in it. */
const managers = new WeakMap<Tx, EntityManager>();

/** The manager to run a repository's SQL with: the transaction's, or the data source's outside one. */
export function managerOf(ds: DataSource, tx?: Tx): EntityManager {
  if (!tx) return ds.manager;
  const m = managers.get(tx);
  if (!m) throw new Error('not a transaction of Transactions.run');
  return m;
}

/** Thrown inside a dry run's transaction to roll it back; carries the result out. */
class RolledBack<T> extends Error {
  constructor(readonly result: T) {
    super('rolled back');
  }
}

/** How much of other transactions' commits a transaction sees; PostgreSQL's default is READ COMMITTED. */
export type Isolation = 'READ COMMITTED' | 'REPEATABLE READ' | 'SERIALIZABLE';

/** Opens transactions that repositories' methods join (their last parameter, `tx`). */
export class Transactions {
  constructor(private readonly ds: DataSource) {}

  /**
   * Runs `work` in one transaction, then its afterCommit or afterRollback hooks. With `rollback`
   * (a dry run) everything is written and then rolled back, so the result describes exactly what
   * the same call would commit. `isolation`: a stricter level than PostgreSQL's default (a read of
   * many tables that must see one moment takes REPEATABLE READ).
   */
  async run<T>(
    work: (tx: Tx) => Promise<T>,
    opts: { rollback?: boolean; isolation?: Isolation } = {},
  ): Promise<T> {
    const commits: (() => Promise<void>)[] = [];
    const rollbacks: (() => Promise<void>)[] = [];
    const runAll = async (fns: (() => Promise<void>)[]) => {
      for (const fn of fns) await fn();
    };
    const body = async (manager: EntityManager) => {
      const tx: Tx = {
        afterCommit: (fn) => void commits.push(fn),
        afterRollback: (fn) => void rollbacks.push(fn),
      };
      managers.set(tx, manager);
      const out = await work(tx);
      if (opts.rollback) throw new RolledBack(out);
      return out;
    };
    let result: T;
    try {
      result = await (opts.isolation ? this.ds.transaction(opts.isolation, body) : this.ds.transaction(body));
    } catch (err) {
      await runAll(rollbacks);
      if (err instanceof RolledBack) return err.result as T;
      throw err;
    }
    await runAll(commits);
    return result;
  }

  /**
   * `work` inside the caller's transaction when there is one (a bundle applied all-or-nothing),
   * else in a transaction of its own.
   */
  within<T>(tx: Tx | undefined, work: (tx: Tx) => Promise<T>): Promise<T> {
    return tx ? work(tx) : this.run(work);
  }
}
