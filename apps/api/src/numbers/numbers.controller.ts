import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { UuidParam } from '../common/uuid-param.pipe';
import { AvailableNumbersQuery, OrderTrackingNumberDto } from './dto';
import { NumbersService } from './numbers.service';
import type { AvailableNumberList, OrderedTrackingNumber } from './numbers.view';

const uuid = new UuidParam('propertyId');

/** Searching the carrier's inventory, and ordering and releasing tracking numbers through it. */
@Controller({ path: 'properties/:propertyId', version: '1' })
export class NumbersController {
  constructor(private readonly svc: NumbersService) {}

  @Get('available-numbers')
  search(
    @Param('propertyId', uuid) id: string,
    @Query() q: AvailableNumbersQuery,
  ): Promise<AvailableNumberList> {
    return this.svc.search(id, q);
  }

  @Post('tracking-numbers/order')
  order(
    @Param('propertyId', uuid) id: string,
    @Body() dto: OrderTrackingNumberDto,
  ): Promise<OrderedTrackingNumber> {
    return this.svc.order(id, dto);
  }

  @Delete('tracking-numbers/:numberId')
  @HttpCode(204)
  async release(
    @Param('propertyId', uuid) id: string,
    @Param('numberId', new UuidParam('numberId')) numberId: string,
  ): Promise<void> {
    await this.svc.release(id, numberId);
  }
}
