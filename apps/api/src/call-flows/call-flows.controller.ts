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
import type { Response } from 'express';
import { UuidParam } from '../common/uuid-param.pipe';
import { CallFlowsService } from './call-flows.service';
import { DiagramQuery, SaveCallFlowDto, SimulateCallFlowDto, UpdateCallFlowDto, VersionQuery } from './dto';

const property = new UuidParam('propertyId');
const flow = new UuidParam('flowId');

@Controller({ path: 'properties/:propertyId/call-flows', version: '1' })
export class CallFlowsController {
  constructor(private readonly svc: CallFlowsService) {}

  @Post()
  create(@Param('propertyId', property) p: string, @Body() dto: SaveCallFlowDto) {
    return this.svc.create(p, dto);
  }

  @Get()
  async list(@Param('propertyId', property) p: string) {
    return { items: await this.svc.list(p) };
  }

  @Get(':flowId')
  get(@Param('propertyId', property) p: string, @Param('flowId', flow) f: string, @Query() q: VersionQuery) {
    return this.svc.get(p, f, q.version);
  }

  /** Saves a new version. Calls already running keep the version they started with. */
  @Put(':flowId')
  update(
    @Param('propertyId', property) p: string,
    @Param('flowId', flow) f: string,
    @Body() dto: UpdateCallFlowDto,
  ) {
    return this.svc.update(p, f, dto);
  }

  /** Only a flow no number and no default routing uses; call records keep its id and version. */
  @Delete(':flowId')
  @HttpCode(204)
  async remove(@Param('propertyId', property) p: string, @Param('flowId', flow) f: string) {
    await this.svc.remove(p, f);
  }

  @Get(':flowId/versions')
  async versions(@Param('propertyId', property) p: string, @Param('flowId', flow) f: string) {
    return { items: await this.svc.versions(p, f) };
  }

  @Post(':flowId/simulate')
  @HttpCode(200)
  simulate(
    @Param('propertyId', property) p: string,
    @Param('flowId', flow) f: string,
    @Body() dto: SimulateCallFlowDto,
  ) {
    return this.svc.simulate(p, f, dto);
  }

  @Get(':flowId/diagram')
  @Header('cache-control', 'no-store')
  async diagram(
    @Param('propertyId', property) p: string,
    @Param('flowId', flow) f: string,
    @Query() q: DiagramQuery,
    @Res({ passthrough: true }) res: Response,
  ) {
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
