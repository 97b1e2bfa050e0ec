import type { DataSource } from 'typeorm';
import type { ConversionPlatform } from '@switchboard/domain';
import { managerOf, type Tx } from '../transaction';

/** A property's connection to one ad platform; `config` holds its settings and secrets as stored. */
export interface ConversionDestination {
  id: string;
  propertyId: string;
  platform: ConversionPlatform;
  name: string;
  config: Record<string, string>;
  enabled: boolean;
  createdAt: Date;
}

export interface DestinationFields {
  platform: ConversionPlatform;
  name: string;
  config: Record<string, string>;
  enabled: boolean;
}

const COLUMNS = `id, property_id AS "propertyId", platform, name, config, enabled, created_at AS "createdAt"`;

/** Conversion destinations (ad platform accounts) of each property. */
export class ConversionDestinationRepository {
  constructor(private readonly ds: DataSource) {}

  async create(propertyId: string, f: DestinationFields): Promise<ConversionDestination> {
    const [row]: ConversionDestination[] = await this.ds.query(
      `INSERT INTO conversion_destinations (property_id, platform, name, config, enabled)
       VALUES ($1, $2, $3, $4::jsonb, $5) RETURNING ${COLUMNS}`,
      [propertyId, f.platform, f.name, JSON.stringify(f.config), f.enabled],
    );
    return row;
  }

  async list(propertyId: string): Promise<ConversionDestination[]> {
    return this.ds.query(
      `SELECT ${COLUMNS} FROM conversion_destinations WHERE property_id = $1 ORDER BY created_at, id`,
      [propertyId],
    );
  }

  async get(propertyId: string, id: string): Promise<ConversionDestination | null> {
    const rows: ConversionDestination[] = await this.ds.query(
      `SELECT ${COLUMNS} FROM conversion_destinations WHERE property_id = $1 AND id = $2`,
      [propertyId, id],
    );
    return rows[0] ?? null;
  }

  /** Writes every field (the service merged and checked them). */
  async update(propertyId: string, id: string, f: DestinationFields): Promise<ConversionDestination | null> {
    const rows: ConversionDestination[] = await this.ds.query(
      `WITH u AS (
         UPDATE conversion_destinations SET name = $3, config = $4::jsonb, enabled = $5
          WHERE property_id = $1 AND id = $2 RETURNING *)
       SELECT ${COLUMNS} FROM u`,
      [propertyId, id, f.name, JSON.stringify(f.config), f.enabled],
    );
    return rows[0] ?? null;
  }

  async remove(propertyId: string, id: string): Promise<boolean> {
    const rows: unknown[] = await this.ds.query(
      `WITH d AS (DELETE FROM conversion_destinations WHERE property_id = $1 AND id = $2 RETURNING id) SELECT id FROM d`,
      [propertyId, id],
    );
    return rows.length > 0;
  }

  /** Which of `ids` are destinations of the property (a rule may name only those). */
  async ownedAmong(propertyId: string, ids: readonly string[], tx?: Tx): Promise<string[]> {
    const rows: { id: string }[] = await managerOf(this.ds, tx).query(
      `SELECT id FROM conversion_destinations WHERE property_id = $1 AND id = ANY($2::uuid[])`,
      [propertyId, ids],
    );
    return rows.map((r) => r.id);
  }
}
