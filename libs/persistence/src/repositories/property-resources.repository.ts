import type { DataSource, EntityManager } from 'typeorm';
import type {
  AgentAvailability,
  AgentEndpoint,
  Prompt,
  RingGroup,
  RingPlan,
  Schedule,
} from '@switchboard/domain';
import { managerOf, type Tx } from '../transaction';

/**
 * How recently a browser agent's /agent page must have been seen (its push channel's heartbeat,
 * every 25 s) for ring groups to ring them: a page closed without signing out stops ringing within
 * this, a page open keeps well inside it.
 */
export const AGENT_PAGE_SEEN_WITHIN_SECS = 60;

/**
 * Whether a ring group rings an agent now (SQL over `agents`, `$2` = AGENT_PAGE_SEEN_WITHIN_SECS).
 * Presence is the agent's own switch (and on_call while bridged); "available" the admin's. A
 * browser agent answers in the /agent page, so is rung only while it is open (signed in, its push
 * channel seen lately); a phone agent's phone is always there.
 */
const RINGABLE = `(available AND presence = 'available'
  AND (endpoint->>'kind' <> 'webrtc' OR COALESCE(page_seen_at > now() - make_interval(secs => $2), false)))`;

export interface AgentPresence {
  agentId: string;
  /** The agent's own switch, or on_call while bridged to a call. */
  presence: 'available' | 'away' | 'on_call' | 'offline';
  /** Their /agent page was seen lately (browser agents answer there). */
  pageOpen: boolean;
  /** A ring group that skips unavailable members would ring them now. */
  ringable: boolean;
}

/** A ring group as stored: members name agents by id; their endpoints live on the agent rows. */
export type StoredRingGroup = Omit<RingGroup, 'id' | 'name' | 'members'> & {
  members: { agentId: string; ringTimeoutSeconds?: number }[];
};

export interface RingGroupWithAgents {
  group: RingGroup;
  availability: AgentAvailability;
  pointer: number;
}

export interface VoicemailBoxInfo {
  id: string;
  name: string;
  agentId: string | null;
  greeting: Prompt | null;
  notifyWebhookUrl: string | null;
  notifyEmails: string[];
}

/**
 * The path of an audio file under the api's public media route (no API key: the carrier fetches
 * it). Only a signed URL of it is served: see signedMediaUrl.
 */
export function audioPublicPath(publicId: string): string {
  return `/media/audio/${publicId}`;
}

/**
 * Reads property resources in the shapes libs/domain works with, for the api (validation,
 * dry runs) and the worker (calls). The one place rows become schedules and ring groups.
 */
export class PropertyResourcesRepository {
  constructor(private readonly ds: DataSource) {}

  async schedules(propertyId: string): Promise<Record<string, Schedule>> {
    const rows: { id: string; name: string; definition: Omit<Schedule, 'id' | 'name'> }[] =
      await this.ds.query(`SELECT id, name, definition FROM schedules WHERE property_id = $1`, [propertyId]);
    return Object.fromEntries(rows.map((r) => [r.id, { ...r.definition, id: r.id, name: r.name }]));
  }

  /** Audio ids of the property and the media path of each (to be signed before use). */
  async audioPaths(propertyId: string): Promise<Record<string, string>> {
    const rows: { id: string; publicId: string }[] = await this.ds.query(
      `SELECT id, public_id AS "publicId" FROM audio_files WHERE property_id = $1`,
      [propertyId],
    );
    return Object.fromEntries(rows.map((r) => [r.id, audioPublicPath(r.publicId)]));
  }

  async voicemailBoxes(propertyId: string): Promise<Record<string, VoicemailBoxInfo>> {
    const rows: VoicemailBoxInfo[] = await this.ds.query(
      `SELECT id, name, agent_id AS "agentId", greeting, notify_webhook_url AS "notifyWebhookUrl",
              notify_emails AS "notifyEmails"
         FROM voicemail_boxes WHERE property_id = $1`,
      [propertyId],
    );
    return Object.fromEntries(rows.map((r) => [r.id, r]));
  }

  /**
   * Ids of every resource kind a flow can name, for validateFlow's reference checks. `tx` lets a
   * flow save read them inside the transaction that holds the property's lock.
   */
  async resourceIds(
    propertyId: string,
    tx?: Tx,
  ): Promise<{
    audioIds: Set<string>;
    scheduleIds: Set<string>;
    ringGroupIds: Set<string>;
    voicemailBoxIds: Set<string>;
  }> {
    const rows: { kind: string; id: string }[] = await managerOf(this.ds, tx).query(
      `SELECT 'audio' AS kind, id FROM audio_files WHERE property_id = $1
       UNION ALL SELECT 'schedule', id FROM schedules WHERE property_id = $1
       UNION ALL SELECT 'ring_group', id FROM ring_groups WHERE property_id = $1
       UNION ALL SELECT 'voicemail_box', id FROM voicemail_boxes WHERE property_id = $1`,
      [propertyId],
    );
    const of = (kind: string) => new Set(rows.filter((r) => r.kind === kind).map((r) => r.id));
    return {
      audioIds: of('audio'),
      scheduleIds: of('schedule'),
      ringGroupIds: of('ring_group'),
      voicemailBoxIds: of('voicemail_box'),
    };
  }

  /** Every ring group of the property with member endpoints and availability filled in. */
  async ringGroups(propertyId: string, tx?: Tx): Promise<Record<string, RingGroupWithAgents>> {
    const m = managerOf(this.ds, tx);
    const rows: { id: string; name: string; definition: StoredRingGroup; pointer: number }[] = await m.query(
      `SELECT id, name, definition, rotation_pointer AS pointer FROM ring_groups WHERE property_id = $1`,
      [propertyId],
    );
    const agents = await this.agents(m, propertyId);
    return Object.fromEntries(rows.map((r) => [r.id, toRingGroup(r, agents)]));
  }

  private async agents(
    m: EntityManager,
    propertyId: string,
  ): Promise<Map<string, { endpoint: AgentEndpoint; available: boolean }>> {
    const rows: { id: string; endpoint: AgentEndpoint; available: boolean }[] = await m.query(
      `SELECT id, endpoint, ${RINGABLE} AS available FROM agents WHERE property_id = $1`,
      [propertyId, AGENT_PAGE_SEEN_WITHIN_SECS],
    );
    return new Map(rows.map((r) => [r.id, r]));
  }

  /** Each agent's presence as the admin console shows it: their switch, page, and whether a ring group would ring them now. */
  async agentPresence(propertyId: string): Promise<AgentPresence[]> {
    return this.ds.query(
      `SELECT id AS "agentId", presence,
              COALESCE(page_seen_at > now() - make_interval(secs => $2), false) AS "pageOpen",
              ${RINGABLE} AS ringable
         FROM agents WHERE property_id = $1 ORDER BY id`,
      [propertyId, AGENT_PAGE_SEEN_WITHIN_SECS],
    );
  }

  /**
   * Draws the ring plan of one ring attempt and advances the group's round-robin pointer in the
   * same transaction. The group row is locked, so two concurrent calls never start on the same
   * member; the claim row makes a retried attempt (same `claimId`) return the plan it already drew
   * instead of advancing the rotation again. Returns null when the group does not exist.
   */
  async claimRingPlan(
    claimId: string,
    propertyId: string,
    ringGroupId: string,
    plan: (g: RingGroupWithAgents) => RingPlan,
  ): Promise<RingPlan | null> {
    return this.ds.transaction(async (m) => {
      const claimed: { plan: RingPlan }[] = await m.query(
        `SELECT plan FROM ring_claims WHERE claim_id = $1`,
        [claimId],
      );
      if (claimed[0]) return claimed[0].plan;
      const rows: { id: string; name: string; definition: StoredRingGroup; pointer: number }[] =
        await m.query(
          `SELECT id, name, definition, rotation_pointer AS pointer FROM ring_groups
          WHERE property_id = $1 AND id = $2 FOR UPDATE`,
          [propertyId, ringGroupId],
        );
      if (!rows[0]) return null;
      const drawn = plan(toRingGroup(rows[0], await this.agents(m, propertyId)));
      await m.query(`UPDATE ring_groups SET rotation_pointer = $3 WHERE property_id = $1 AND id = $2`, [
        propertyId,
        ringGroupId,
        drawn.nextPointer,
      ]);
      await m.query(
        `INSERT INTO ring_claims (claim_id, property_id, ring_group_id, plan) VALUES ($1, $2, $3, $4)`,
        [claimId, propertyId, ringGroupId, JSON.stringify(drawn)],
      );
      // Claims only matter while their call can still retry; drop old ones as we go.
      await m.query(`DELETE FROM ring_claims WHERE created_at < now() - interval '2 days'`);
      return drawn;
    });
  }
}

/**
 * Members whose agent was deleted are left out (the API refuses such deletes; this covers a race).
 * Agents missing from availability count as available (libs/domain's rule), so only stored flags go in.
 */
function toRingGroup(
  r: { id: string; name: string; definition: StoredRingGroup; pointer: number },
  agents: Map<string, { endpoint: AgentEndpoint; available: boolean }>,
): RingGroupWithAgents {
  const members = r.definition.members.flatMap((mb) => {
    const agent = agents.get(mb.agentId);
    return agent ? [{ ...mb, endpoint: agent.endpoint }] : [];
  });
  const availability: Record<string, boolean> = {};
  for (const mb of members) availability[mb.agentId] = agents.get(mb.agentId)!.available;
  return { group: { ...r.definition, id: r.id, name: r.name, members }, availability, pointer: r.pointer };
}
