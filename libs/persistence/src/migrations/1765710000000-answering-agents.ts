import type { MigrationInterface, QueryRunner } from 'typeorm';
import { rebuildCallRollup } from '../reports/call-rollup';

/**
 * Calls name the agent who answered (or placed) them: `agent_id` for inbound calls too, and the
 * agent's name as it was (`agent_name`, like `source_name`). Inbound calls already stored get theirs
 * from the endpoint they were answered at (phone number, SIP URI, or a browser agent's
 * `sip:<username>@sip.telnyx.com`, as libs/domain's endpointDialString writes them today); the
 * rollup's "who answered" cells are then counted again, since they key on the agent now.
 *
 * Browser agents ring only while their page is open: `page_seen_at` is when their push channel
 * was last seen.
 */
export class AnsweringAgents1765710000000 implements MigrationInterface {
  name = 'AnsweringAgents1765710000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE calls ADD COLUMN agent_name text`);
    await q.query(`ALTER TABLE agents ADD COLUMN page_seen_at timestamptz`);
    await q.query(`
      UPDATE calls c SET agent_id = a.id, agent_name = a.name
        FROM agents a
       WHERE c.direction = 'inbound' AND c.agent_id IS NULL AND c.answered_by IS NOT NULL
         AND a.property_id = c.property_id
         AND c.answered_by = CASE a.endpoint->>'kind'
               WHEN 'phone' THEN a.endpoint->>'number'
               WHEN 'sip' THEN a.endpoint->>'uri'
               WHEN 'webrtc' THEN 'sip:' || (a.endpoint->>'username') || '@sip.telnyx.com'
             END`);
    await q.query(`
      UPDATE calls c SET agent_name = a.name
        FROM agents a
       WHERE c.agent_id IS NOT NULL AND c.agent_name IS NULL
         AND a.property_id = c.property_id AND a.id = c.agent_id`);
    await rebuildCallRollup(q);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE calls SET agent_id = NULL WHERE direction = 'inbound'`);
    await q.query(`ALTER TABLE calls DROP COLUMN agent_name`);
    await q.query(`ALTER TABLE agents DROP COLUMN page_seen_at`);
    await rebuildCallRollup(q);
  }
}
