import { Module } from '@nestjs/common';
import { PropertiesController, StandardSourcesController } from './properties.controller';
import { PropertiesService } from './properties.service';

@Module({
  controllers: [PropertiesController, StandardSourcesController],
  providers: [PropertiesService],
  exports: [PropertiesService],
})
export class PropertiesModule {}
