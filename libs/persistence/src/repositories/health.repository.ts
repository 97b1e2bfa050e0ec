import type { DataSource } from 'typeorm';

/** Whether the database answers: the readiness probe's question. */
export class HealthRepository {
  constructor(private readonly ds: DataSource) {}

  /** Resolves when PostgreSQL answers a trivial query; rejects with why it did not. */
  async ping(): Promise<void> {
    await this.ds.query('SELECT 1');
  }
}
