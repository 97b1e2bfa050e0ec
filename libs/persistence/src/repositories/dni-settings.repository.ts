import type { DataSource } from 'typeorm';
import type { DniRule } from '@switchboard/domain';

/** A property's DNI settings, with the public key its script and endpoints are addressed by. */
export interface DniSettings {
  dniKey: string;
  allowedOrigins: string[];
  swapNumbers: string[];
  sessionGraceMinutes: number;
  lookbackMinutes: number;
  attributionModel: 'first_touch' | 'last_touch';
  repeatCallerWindowDays: number | null;
  /** Form tracking: whether the script sends form submissions, and the admin's field map. */
  formTracking: FormTrackingSettings;
}

/** What the admin names a form field (by its `name`): the lead's name, phone, email or message. */
export type FormFieldRole = 'name' | 'phone' | 'email' | 'message';

export interface FormTrackingSettings {
  enabled: boolean;
  fieldMap: Record<string, FormFieldRole>;
}

/** A tracking source as DNI classifies visits by it. */
export interface DniSource {
  id: string;
  dniRules: DniRule[];
  /** A visit classified to it wins over a first-touch visitor's earlier source. */
  lastTouch: boolean;
}

/** Properties' DNI settings, and the DNI rules of their sources. */
export class DniSettingsRepository {
  constructor(private readonly ds: DataSource) {}

  /** Null when there is no such property. */
  async get(propertyId: string): Promise<DniSettings | null> {
    const rows = await this.ds.query<DniSettings[]>(
      `SELECT dni_key AS "dniKey", dni_allowed_origins AS "allowedOrigins", dni_swap_numbers AS "swapNumbers",
              dni_session_grace_minutes AS "sessionGraceMinutes", dni_lookback_minutes AS "lookbackMinutes",
              dni_attribution_model AS "attributionModel", repeat_caller_window_days AS "repeatCallerWindowDays",
              json_build_object('enabled', dni_forms_enabled, 'fieldMap', dni_form_field_map) AS "formTracking"
         FROM properties WHERE id = $1`,
      [propertyId],
    );
    return rows[0] ?? null;
  }

  async update(propertyId: string, s: Omit<DniSettings, 'dniKey'>): Promise<void> {
    await this.ds.query(
      `UPDATE properties SET dni_allowed_origins = $2, dni_swap_numbers = $3, dni_session_grace_minutes = $4,
              dni_lookback_minutes = $5, dni_attribution_model = $6, repeat_caller_window_days = $7,
              dni_forms_enabled = $8, dni_form_field_map = $9
        WHERE id = $1`,
      [
        propertyId,
        s.allowedOrigins,
        s.swapNumbers,
        s.sessionGraceMinutes,
        s.lookbackMinutes,
        s.attributionModel,
        s.repeatCallerWindowDays,
        s.formTracking.enabled,
        JSON.stringify(s.formTracking.fieldMap),
      ],
    );
  }

  /** The property's sources in the order a visit is classified: by priority. */
  async sources(propertyId: string): Promise<DniSource[]> {
    return this.ds.query<DniSource[]>(
      `SELECT id, dni_rules AS "dniRules", dni_last_touch AS "lastTouch" FROM tracking_sources
        WHERE property_id = $1 ORDER BY priority ASC, created_at ASC, id ASC`,
      [propertyId],
    );
  }

  /**
   * The look-back of the property of a pool number (how long after a hold a contact is still the
   * holder's); null when the number is in no pool.
   */
  async poolLookbackMinutes(trackingNumberId: string): Promise<number | null> {
    const rows = await this.ds.query<{ lookback: number }[]>(
      `SELECT p.dni_lookback_minutes AS lookback
         FROM tracking_numbers n JOIN properties p ON p.id = n.property_id
        WHERE n.id = $1 AND n.pool_id IS NOT NULL`,
      [trackingNumberId],
    );
    return rows[0]?.lookback ?? null;
  }
}
