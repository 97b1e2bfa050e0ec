import type { DataSource, EntityManager } from 'typeorm';
import type { IsolationLevel } from 'typeorm/driver/types/IsolationLevel';

/**
 * A database transaction, plus work that must wait for its outcome: files outside the database
 * (audio bytes) are written before their rows commit, so a rollback must delete what it wrote and
 * only a commit may delete what the new rows no longer name. Callers outside libs/persistence only
 * pass it on to repository methods: the manager inside is this library's business.
 */
export interface Tx {
  afterCommit(fn: () => Promise<void>): void;
  afterRollback(fn: () => Promise<void>): void;
}

/** The transaction's own handle; repositories reach its manager through `managerOf`. */
interface OpenTx extends Tx {
  readonly manager: EntityManager;
}

/** The manager a repository method runs on: the caller's transaction's, else the pool's. */
export function managerOf(ds: DataSource, tx?: Tx): EntityManager {
  return tx ? (tx as OpenTx).manager : ds.manager;
}

/** Thrown inside a dry run's transaction to roll it back; carries the result out. */
class RolledBack<T> extends Error {
  constructor(readonly result: T) {
    super('rolled back');
  }
}

/** Opens transactions for the services and activities that own the rules run inside them. */
export class Transactions {
  constructor(private readonly ds: DataSource) {}

  /**
   * Runs `work` in one transaction, then its afterCommit or afterRollback hooks. With `rollback`
   * (a dry run) everything is written and then rolled back, so the result describes exactly what
   * the same call would commit. `isolation`: a stricter level than READ COMMITTED (one consistent
   * read of many tables).
   */
  async run<T>(
    work: (tx: Tx) => Promise<T>,
    opts: { rollback?: boolean; isolation?: IsolationLevel } = {},
  ): Promise<T> {
    const commits: (() => Promise<void>)[] = [];
    const rollbacks: (() => Promise<void>)[] = [];
    const runAll = async (fns: (() => Promise<void>)[]) => {
      for (const fn of fns) await fn();
    };
    let result: T;
    try {
      const inTx = async (manager: EntityManager) => {
        const tx: OpenTx = {
          manager,
          afterCommit: (fn) => void commits.push(fn),
          afterRollback: (fn) => void rollbacks.push(fn),
        };
        const out = await work(tx);
        if (opts.rollback) throw new RolledBack(out);
        return out;
      };
      result = await (opts.isolation ? this.ds.transaction(opts.isolation, inTx) : this.ds.transaction(inTx));
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
