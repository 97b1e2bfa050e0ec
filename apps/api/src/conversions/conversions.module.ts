import { Module } from '@nestjs/common';
import {
  ConversionDestinationsController,
  ConversionLogController,
  ConversionRulesController,
} from './conversions.controller';
import { ConversionsService } from './conversions.service';

@Module({
  controllers: [ConversionDestinationsController, ConversionRulesController, ConversionLogController],
  providers: [ConversionsService],
  exports: [ConversionsService],
})
export class ConversionsModule {}
