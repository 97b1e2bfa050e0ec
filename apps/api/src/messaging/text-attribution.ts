import { Injectable } from '@nestjs/common';
import { DniSettingsRepository, PoolHoldRepository } from '@switchboard/persistence';

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
  constructor(
    private readonly dni: DniSettingsRepository,
    private readonly holds: PoolHoldRepository,
  ) {}

  async attribute(i: TextAttributionInput): Promise<TextAttributionResult> {
    const lookback = await this.dni.poolLookbackMinutes(i.trackingNumberId);
    if (lookback === null) return { sourceId: i.sourceId, sessionId: null };
    const visit = await this.holds.attribute(i.trackingNumberId, new Date(i.at), lookback);
    return { sourceId: i.sourceId, sessionId: visit.session?.sessionId ?? null };
  }
}
