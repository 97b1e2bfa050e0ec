import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, getSchemaPath } from '@nestjs/swagger';
import type { Response } from 'express';
import { UuidParam } from '../common/uuid-param.pipe';
import type { CallFlowList, CallFlowVersionList, CallFlowView } from './call-flow.view';
import { CallFlowDiagram } from './call-flow.view';
import { CallFlowsService } from './call-flows.service';
import type { CallFlowSimulation } from './simulation.view';
import { DiagramQuery, SaveCallFlowDto, SimulateCallFlowDto, UpdateCallFlowDto, VersionQuery } from './dto';

const property = new UuidParam('propertyId');
const flow = new UuidParam('flowId');

@Controller({ path: 'properties/:propertyId/call-flows', version: '1' })
export class CallFlowsController {
  constructor(private readonly svc: CallFlowsService) {}

  @Post()
  create(@Param('propertyId', property) p: string, @Body() dto: SaveCallFlowDto): Promise<CallFlowView> {
    return this.svc.create(p, dto);
  }

  @Get()
  async list(@Param('propertyId', property) p: string): Promise<CallFlowList> {
    return { items: await this.svc.list(p) };
  }

  @Get(':flowId')
  get(
    @Param('propertyId', property) p: string,
    @Param('flowId', flow) f: string,
    @Query() q: VersionQuery,
  ): Promise<CallFlowView> {
    return this.svc.get(p, f, q.version);
  }

  /** Saves a new version. Calls already running keep the version they started with. */
  @Put(':flowId')
  update(
    @Param('propertyId', property) p: string,
    @Param('flowId', flow) f: string,
    @Body() dto: UpdateCallFlowDto,
  ): Promise<CallFlowView> {
    return this.svc.update(p, f, dto);
  }

  /** Only a flow no number and no default routing uses; call records keep its id and version. */
  @Delete(':flowId')
  @HttpCode(204)
  async remove(@Param('propertyId', property) p: string, @Param('flowId', flow) f: string) {
    await this.svc.remove(p, f);
  }

  @Get(':flowId/versions')
  async versions(
    @Param('propertyId', property) p: string,
    @Param('flowId', flow) f: string,
  ): Promise<CallFlowVersionList> {
    return { items: await this.svc.versions(p, f) };
  }

  @Post(':flowId/simulate')
  @HttpCode(200)
  simulate(
    @Param('propertyId', property) p: string,
    @Param('flowId', flow) f: string,
    @Body() dto: SimulateCallFlowDto,
  ): Promise<CallFlowSimulation> {
    return this.svc.simulate(p, f, dto);
  }

  // Three content types by `?format=`, which a return type cannot say: declared here instead.
  @Get(':flowId/diagram')
  @Header('cache-control', 'no-store')
  @ApiExtraModels(CallFlowDiagram)
  @ApiOkResponse({
    description: 'The diagram, in the `format` asked for',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(CallFlowDiagram) } },
      'image/svg+xml': { schema: { type: 'string' } },
      'text/plain': { schema: { type: 'string', description: 'Mermaid source' } },
    },
  })
  async diagram(
    @Param('propertyId', property) p: string,
    @Param('flowId', flow) f: string,
    @Query() q: DiagramQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CallFlowDiagram | string> {
    const d = await this.svc.diagram(p, f, q.version);
    if (q.format === 'svg') {
      res.type('image/svg+xml');
      return d.svg;
    }
    if (q.format === 'mermaid') {
      res.type('text/plain');
      return d.mermaid;
    }
    return d;
  }
}
