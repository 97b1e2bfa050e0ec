import type { DataSource } from 'typeorm';
import type { ConversionRule } from '@switchboard/domain';

export interface StoredConversionRule extends ConversionRule {
  propertyId: string;
  createdAt: Date;
}

export type ConversionRuleFields = Omit<ConversionRule, 'id'>;

const COLUMNS = `id, property_id AS "propertyId", name, value::float8 AS value, currency, "when",
  destination_ids::text[] AS "destinationIds", enabled, created_at AS "createdAt"`;

/** A property's conversion rules: when a lead earns a conversion, and where it is sent. */
export class ConversionRuleRepository {
  constructor(private readonly ds: DataSource) {}

  async create(propertyId: string, f: ConversionRuleFields): Promise<StoredConversionRule> {
    const [row]: StoredConversionRule[] = await this.ds.query(
      `INSERT INTO conversion_rules (property_id, name, value, currency, "when", destination_ids, enabled)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6::uuid[], $7) RETURNING ${COLUMNS}`,
      [propertyId, f.name, f.value, f.currency, JSON.stringify(f.when), f.destinationIds, f.enabled],
    );
    return row;
  }

  async list(propertyId: string): Promise<StoredConversionRule[]> {
    return this.ds.query(
      `SELECT ${COLUMNS} FROM conversion_rules WHERE property_id = $1 ORDER BY created_at, id`,
      [propertyId],
    );
  }

  async count(propertyId: string): Promise<number> {
    const [row]: { n: number }[] = await this.ds.query(
      `SELECT count(*)::int AS n FROM conversion_rules WHERE property_id = $1`,
      [propertyId],
    );
    return row.n;
  }

  async get(propertyId: string, id: string): Promise<StoredConversionRule | null> {
    const rows: StoredConversionRule[] = await this.ds.query(
      `SELECT ${COLUMNS} FROM conversion_rules WHERE property_id = $1 AND id = $2`,
      [propertyId, id],
    );
    return rows[0] ?? null;
  }

  /** Writes every field (the service merged and checked them). */
  async update(
    propertyId: string,
    id: string,
    f: ConversionRuleFields,
  ): Promise<StoredConversionRule | null> {
    const rows: StoredConversionRule[] = await this.ds.query(
      `WITH u AS (
         UPDATE conversion_rules
            SET name = $3, value = $4, currency = $5, "when" = $6::jsonb, destination_ids = $7::uuid[], enabled = $8
          WHERE property_id = $1 AND id = $2 RETURNING *)
       SELECT ${COLUMNS} FROM u`,
      [propertyId, id, f.name, f.value, f.currency, JSON.stringify(f.when), f.destinationIds, f.enabled],
    );
    return rows[0] ?? null;
  }

  async remove(propertyId: string, id: string): Promise<boolean> {
    const rows: unknown[] = await this.ds.query(
      `WITH d AS (DELETE FROM conversion_rules WHERE property_id = $1 AND id = $2 RETURNING id) SELECT id FROM d`,
      [propertyId, id],
    );
    return rows.length > 0;
  }
}
