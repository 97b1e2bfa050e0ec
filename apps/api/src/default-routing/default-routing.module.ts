import { Module } from '@nestjs/common';
import { PropertiesModule } from '../properties/properties.module';
import { DefaultRoutingController } from './default-routing.controller';
import { DefaultRoutingService } from './default-routing.service';

@Module({
  imports: [PropertiesModule],
  controllers: [DefaultRoutingController],
  providers: [DefaultRoutingService],
  exports: [DefaultRoutingService],
})
export class DefaultRoutingModule {}
