import type { DataSource } from 'typeorm';
import { AgentEntity } from '../entities';
import { managerOf, type Tx } from '../transaction';
import { ResourceTable } from './resource-table';

/** Agents as stored rows (presence and ringability: PropertyResourcesRepository). */
export class AgentRepository extends ResourceTable<AgentEntity> {
  constructor(ds: DataSource) {
    super(ds, AgentEntity);
  }

  /**
   * Signs an agent out everywhere: their sessions are revoked and unused sign-in links void. Called
   * when the endpoint they are rung at changes, so a session opened for the old phone or SIP user
   * cannot answer, or watch, the new one's calls.
   */
  async revokeSessions(propertyId: string, agentId: string, tx?: Tx): Promise<void> {
    const m = managerOf(this.ds, tx);
    await m.query(
      `UPDATE agent_sessions SET revoked_at = now()
        WHERE property_id = $1 AND agent_id = $2 AND revoked_at IS NULL`,
      [propertyId, agentId],
    );
    await m.query(
      `UPDATE agent_sign_in_codes SET expires_at = least(expires_at, now())
        WHERE property_id = $1 AND agent_id = $2 AND used_at IS NULL AND expires_at > now()`,
      [propertyId, agentId],
    );
  }
}
