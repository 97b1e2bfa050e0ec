import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { UuidParam } from '../common/uuid-param.pipe';
import { DefaultRoutingService } from './default-routing.service';
import type { DefaultRoutingResult, DefaultRoutingView } from './default-routing.view';
import { ApplyDefaultRoutingDto, SetDefaultRoutingDto } from './dto';

const property = new UuidParam('propertyId');

/** The property's default call flow, and assigning it to its tracking numbers. */
@Controller({ path: 'properties/:propertyId/default-routing', version: '1' })
export class DefaultRoutingController {
  constructor(private readonly svc: DefaultRoutingService) {}

  /** The property's default call flow. */
  @Get()
  get(@Param('propertyId', property) p: string): Promise<DefaultRoutingView> {
    return this.svc.get(p);
  }

  /** Sets the default call flow (one of the property's), or clears it with null. */
  @Put()
  set(
    @Param('propertyId', property) p: string,
    @Body() dto: SetDefaultRoutingDto,
  ): Promise<DefaultRoutingView> {
    return this.svc.set(p, dto.callFlowId);
  }

  /** Gives the default flow to the property's tracking numbers (all, unassigned, or some sources'). */
  @Post('apply')
  @HttpCode(200)
  apply(
    @Param('propertyId', property) p: string,
    @Body() dto: ApplyDefaultRoutingDto,
  ): Promise<DefaultRoutingResult> {
    return this.svc.apply(p, dto);
  }
}
