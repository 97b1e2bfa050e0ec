import { Module } from '@nestjs/common';
import { DefaultRoutingController } from './default-routing.controller';
import { DefaultRoutingService } from './default-routing.service';

@Module({
  controllers: [DefaultRoutingController],
  providers: [DefaultRoutingService],
  exports: [DefaultRoutingService],
})
export class DefaultRoutingModule {}
