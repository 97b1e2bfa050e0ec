import { Module } from '@nestjs/common';
import { CallsModule } from '../calls/calls.module';
import { ConversionsModule } from '../conversions/conversions.module';
import { CallScoreController, ScoringRulesController } from './scoring.controller';
import { ScoringService } from './scoring.service';
import { CallTranscripts } from './call-transcripts';

@Module({
  imports: [CallsModule, ConversionsModule],
  controllers: [ScoringRulesController, CallScoreController],
  providers: [ScoringService, CallTranscripts],
  exports: [CallTranscripts],
})
export class ScoringModule {}
