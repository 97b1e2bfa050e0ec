import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { UuidParam } from '../common/uuid-param.pipe';
import { SetTextRoutingDto } from './dto';
import { TextRoutingView } from './messaging.view';
import { TextRoutingService } from './text-routing.service';

const property = new UuidParam('propertyId');

/** Where the property's inbound texts go: forwarded to a phone, announced to a webhook, or both. */
@Controller({ path: 'properties/:propertyId/text-routing', version: '1' })
export class TextRoutingController {
  constructor(private readonly svc: TextRoutingService) {}

  /** The property's text routing (null fields: not set). */
  @Get()
  get(@Param('propertyId', property) p: string): Promise<TextRoutingView> {
    return this.svc.get(p);
  }

  /** Replaces the text routing; an absent or null field turns that part off. */
  @Put()
  set(@Param('propertyId', property) p: string, @Body() dto: SetTextRoutingDto): Promise<TextRoutingView> {
    return this.svc.set(p, dto);
  }
}
