import { ApiProperty } from '@nestjs/swagger';
import type { GroupBy } from '@switchboard/persistence';

/*
 * What the call summary answers with (as JSON; `format=csv` streams the same rows' columns). Response
 * classes, types only (read by the OpenAPI plugin): the summary's rows come from SQL (libs/persistence summary.query.ts).
 */

/** The figures of a group, or of every group together. */
export class CallSummaryFigures {
  calls: number;
  answered: number;
  missed: number;
  abandoned: number;
  voicemails: number;
  /** Calls from callers with no earlier call. */
  firstTime: number;
  /** Seconds agents' phones rang before an answer, on average; null without a rung call. */
  avgRingSecs: number | null;
  /** Seconds talked per answered call, on average; null without an answered call. */
  avgTalkSecs: number | null;
  /** Inbound texts; null where texts do not count (filters or groupings a text has not). */
  texts: number | null;
  /** Received emails; null where emails do not count (filters or groupings an email has not). */
  emails: number | null;
  /** Web form submissions; null where forms do not count (as for emails). */
  forms: number | null;
  /** Conversions for the ad platforms (by the lead's time); null where they do not count (source or number filters, groupings a conversion has not). */
  conversions: number | null;
  /** The conversions' values summed (rules' values, in their own currencies); null like `conversions`. */
  conversionValue: number | null;
}

/** One group's figures. */
export class CallSummaryRow extends CallSummaryFigures {
  // A string for most groupings, an integer (0–167) by hour of week: a union the plugin cannot render.
  @ApiProperty({
    oneOf: [{ type: 'string' }, { type: 'integer' }],
    nullable: true,
    description:
      'The group: an id (property, source, tracking number), a value (campaign, keyword, outcome, who answered), a local day (`YYYY-MM-DD`), or an hour of week (0–167 from Monday 00:00); null: the calls without one (no campaign, say).',
  })
  key: string | number | null;
  /** The group in words (a name, a number, `Mon 09:00`). */
  label: string | null;
}

/** The call summary over a range of local days. */
export class CallSummaryView {
  from: string;
  to: string;
  groupBy: GroupBy | null;
  /** One row per group (one row with no grouping). */
  rows: CallSummaryRow[];
  /** Every group together. */
  totals: CallSummaryFigures;
}
