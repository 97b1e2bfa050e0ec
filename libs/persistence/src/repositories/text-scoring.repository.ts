import type { DataSource } from 'typeorm';
import type { CallScore, ScoringRules } from '@switchboard/domain';
import { managerOf, type Tx } from '../transaction';

/** What scoring reads of a text conversation, with its property's rules. */
export interface ScoringOfText {
  rules: ScoringRules | null;
  /** The texter's own messages (not keywords, not our replies), in the order sent. */
  bodies: string[];
  /** No call from this number to the property, and no conversation with it, before this one. */
  firstTime: boolean;
  source: string | null;
}

/** Text conversations' scores by their property's scoring rules. */
export class TextScoringRepository {
  constructor(private readonly ds: DataSource) {}

  async scoringOf(conversationId: string, tx?: Tx): Promise<ScoringOfText | null> {
    const [row]: ScoringOfText[] = await managerOf(this.ds, tx).query(
      `SELECT p.scoring_rules AS rules, c.source_name AS source,
              coalesce((SELECT array_agg(m.body ORDER BY m.occurred_at, m.id) FROM text_messages m
                         WHERE m.conversation_id = c.id AND m.direction = 'inbound' AND m.kind = 'text'),
                       '{}') AS bodies,
              NOT EXISTS (SELECT 1 FROM calls k
                           WHERE k.property_id = c.property_id AND k.from_number = c.external_number
                             AND k.started_at < c.created_at)
              AND NOT EXISTS (SELECT 1 FROM text_conversations o
                               WHERE o.property_id = c.property_id AND o.external_number = c.external_number
                                 AND o.created_at < c.created_at) AS "firstTime"
         FROM text_conversations c JOIN properties p ON p.id = c.property_id
        WHERE c.id = $1`,
      [conversationId],
    );
    return row ?? null;
  }

  async writeScore(conversationId: string, s: CallScore, tx?: Tx): Promise<void> {
    await managerOf(this.ds, tx).query(
      `UPDATE text_conversations SET score = $2, lead_status = $3, score_reasons = $4::jsonb WHERE id = $1`,
      [conversationId, s.score, s.leadStatus, JSON.stringify(s.matched)],
    );
  }
}
