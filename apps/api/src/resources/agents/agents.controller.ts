import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { UuidParam } from '../../common/uuid-param.pipe';
import { ResourceIdParam } from '../resource-id';
import { AgentsService } from './agents.service';
import { AgentDto, UpdateAgentDto } from './dto';
import type { AgentList, AgentView } from './agent.view';

const property = new UuidParam('propertyId');
const agent = new ResourceIdParam('agentId');

@Controller({ path: 'properties/:propertyId/agents', version: '1' })
export class AgentsController {
  constructor(private readonly svc: AgentsService) {}

  @Post()
  create(@Param('propertyId', property) p: string, @Body() dto: AgentDto): Promise<AgentView> {
    return this.svc.save(p, dto, 'create');
  }

  @Get()
  async list(@Param('propertyId', property) p: string): Promise<AgentList> {
    return { items: await this.svc.list(p) };
  }

  @Get(':agentId')
  get(@Param('propertyId', property) p: string, @Param('agentId', agent) id: string): Promise<AgentView> {
    return this.svc.get(p, id);
  }

  /** Creates or replaces the agent with this id. */
  @Put(':agentId')
  replace(
    @Param('propertyId', property) p: string,
    @Param('agentId', agent) id: string,
    @Body() dto: AgentDto,
  ): Promise<AgentView> {
    return this.svc.save(p, dto, 'replace', id);
  }

  @Patch(':agentId')
  update(
    @Param('propertyId', property) p: string,
    @Param('agentId', agent) id: string,
    @Body() dto: UpdateAgentDto,
  ): Promise<AgentView> {
    return this.svc.update(p, id, dto);
  }

  /** 409 while a ring group has the agent as a member or a voicemail box belongs to them. */
  @Delete(':agentId')
  @HttpCode(204)
  async remove(@Param('propertyId', property) p: string, @Param('agentId', agent) id: string) {
    await this.svc.remove(p, id);
  }
}
