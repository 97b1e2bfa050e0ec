import { Module } from '@nestjs/common';
import { PropertyRetentionController, RetentionController } from './retention.controller';
import { RetentionService } from './retention.service';

@Module({
  controllers: [RetentionController, PropertyRetentionController],
  providers: [RetentionService],
})
export class RetentionModule {}
