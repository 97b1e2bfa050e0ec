import { Module } from '@nestjs/common';
import { PropertiesModule } from '../properties/properties.module';
import { CallFlowsController } from './call-flows.controller';
import { CallFlowsService } from './call-flows.service';

@Module({
  imports: [PropertiesModule],
  controllers: [CallFlowsController],
  providers: [CallFlowsService],
  exports: [CallFlowsService],
})
export class CallFlowsModule {}
