import { Controller, Get, Param } from '@nestjs/common';
import { UuidParam } from '../../common/uuid-param.pipe';
import type { AgentPresenceList } from './agent-presence.view';
import { AgentsService } from './agents.service';

/**
 * Who is reachable now: each agent's presence, page and ringability, apart from the agents'
 * configuration (which bundles export). The admin console polls it.
 */
@Controller({ path: 'properties/:propertyId/agent-presence', version: '1' })
export class AgentPresenceController {
  constructor(private readonly svc: AgentsService) {}

  @Get()
  async list(@Param('propertyId', new UuidParam('propertyId')) p: string): Promise<AgentPresenceList> {
    return { items: await this.svc.presence(p) };
  }
}
