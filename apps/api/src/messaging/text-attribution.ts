import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PoolHoldRepository } from '@switchboard/persistence';

export interface TextAttributionInput {
  propertyId: string;
  trackingNumberId: string;
  /** The number's own source: what a text is attributed to when nothing finer is known. */
  sourceId: string;
  /** The handset that texted. */
  from: string;
  /** Carrier time of the text. */
  at: string;
}

export interface TextAttributionResult {
  sourceId: string;
  /** The visitor session a pool number was showing, when pools know one. */
  sessionId: string | null;
}

export const TEXT_ATTRIBUTION = Symbol('TEXT_ATTRIBUTION');

export interface TextAttribution {
  attribute(i: TextAttributionInput): Promise<TextAttributionResult>;
}

/**
 * A text to a pool number belongs to the visitor session that was shown the number when the text
 * arrived (or the last one within the property's look-back), exactly as a call does; any other
 * text belongs to its tracking number's source alone. The pool belongs to that same source.
 */
@Injectable()
export class PoolSessionTextAttribution implements TextAttribution {
  private readonly holds: PoolHoldRepository;

  constructor(private readonly ds: DataSource) {
    this.holds = new PoolHoldRepository(ds);
  }

  async attribute(i: TextAttributionInput): Promise<TextAttributionResult> {
    const rows: { lookback: number }[] = await this.ds.query(
      `SELECT p.dni_lookback_minutes AS lookback
         FROM tracking_numbers n JOIN properties p ON p.id = n.property_id
        WHERE n.id = $1 AND n.pool_id IS NOT NULL`,
      [i.trackingNumberId],
    );
    if (!rows[0]) return { sourceId: i.sourceId, sessionId: null };
    const visit = await this.holds.attribute(i.trackingNumberId, new Date(i.at), rows[0].lookback);
    return { sourceId: i.sourceId, sessionId: visit.session?.sessionId ?? null };
  }
}
