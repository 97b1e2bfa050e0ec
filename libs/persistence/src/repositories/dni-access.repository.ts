import type { DataSource } from 'typeorm';
import { requestCostMicros, type RateLimit } from '@switchboard/domain';
import type { FormTrackingSettings } from './dni-settings.repository';

/** The property a DNI key names, as the public DNI endpoints need it. */
export interface DniProperty {
  id: string;
  allowedOrigins: string[];
  swapNumbers: string[];
  sessionGraceMinutes: number;
  attributionModel: 'first_touch' | 'last_touch';
  phone: string | null;
  /** Whether the script sends form submissions, and how the admin mapped the fields. */
  formTracking: FormTrackingSettings;
}

/**
 * What the public DNI endpoints check before any work: the client's rate limit, shared by every
 * api process (one row per client address in `dni_rate_limits`), and the property of the DNI key.
 * The limit's arithmetic is libs/domain's admitRequest, written in SQL on the database's clock:
 * `full_at` is when the client's bucket is full again.
 */
export class DniAccessRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * Takes one request from `client`'s bucket and looks up the key's property, in one statement
   * (one round trip per request, as the key lookup alone was). Atomic under any number of api
   * processes: the client's row is locked while it is judged. A refused request changes nothing
   * (the WHERE of DO UPDATE leaves the row alone, so `admitted` is empty). Whole microseconds
   * (`requestCostMicros`) keep the sums exact, as in admitRequest. `dniKey` null: no lookup.
   */
  async admit(
    client: string,
    limit: RateLimit,
    dniKey: string | null,
  ): Promise<{ admitted: boolean; property: DniProperty | null }> {
    const cost = requestCostMicros(limit);
    const [row]: ({ admitted: boolean; id: string | null } & Omit<DniProperty, 'id'>)[] = await this.ds.query(
      `WITH admitted AS (
         INSERT INTO dni_rate_limits AS l (client, full_at)
         VALUES ($1, now() + $2::float8 * interval '1 microsecond')
         ON CONFLICT (client) DO UPDATE
            SET full_at = greatest(l.full_at, now()) + $2::float8 * interval '1 microsecond'
          WHERE greatest(l.full_at, now()) + $2::float8 * interval '1 microsecond'
                <= now() + $3::float8 * interval '1 microsecond'
         RETURNING 1
       )
       SELECT EXISTS (SELECT 1 FROM admitted) AS admitted,
              p.id, p.dni_allowed_origins AS "allowedOrigins", p.dni_swap_numbers AS "swapNumbers",
              p.dni_session_grace_minutes AS "sessionGraceMinutes",
              p.dni_attribution_model AS "attributionModel", p.phone,
              json_build_object('enabled', p.dni_forms_enabled, 'fieldMap', p.dni_form_field_map) AS "formTracking"
         FROM (SELECT 1) AS one
         LEFT JOIN properties p ON p.dni_key = $4`,
      [client, cost, limit.burst * cost, dniKey],
    );
    const { admitted, id, ...property } = row;
    return { admitted, property: id === null ? null : { id, ...property } };
  }

  /**
   * Forgets clients whose bucket is full again: such a row means exactly what no row means. A
   * request racing the delete either finds the row (and waits for it) or inserts a fresh one,
   * which is the same bucket. Returns how many were removed.
   */
  async sweepRateLimits(): Promise<number> {
    const [, removed]: [unknown[], number] = await this.ds.query(
      `DELETE FROM dni_rate_limits WHERE full_at <= now()`,
    );
    return removed;
  }
}
