import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The ad platforms' click ids a visit arrived with (its landing page's gclid, gbraid, wbraid,
 * fbclid, msclkid, and the _fbp, _fbc and _ga cookies the script reads): conversions uploaded back
 * to Google Ads, GA4 and Meta are matched to their click by these. A JSON object of ClickIds.
 */
export class SessionClickIds1765745000000 implements MigrationInterface {
  name = 'SessionClickIds1765745000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE visitor_sessions ADD COLUMN click_ids jsonb NOT NULL DEFAULT '{}'::jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE visitor_sessions DROP COLUMN click_ids`);
  }
}
