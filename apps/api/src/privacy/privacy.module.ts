import { Module } from '@nestjs/common';
import { RecordingsModule } from '../recordings/recordings.module';
import { PrivacyController } from './privacy.controller';
import { PrivacyService } from './privacy.service';

/** Erasure and export of one person's data (docs/privacy-requests.md). */
@Module({
  imports: [RecordingsModule],
  controllers: [PrivacyController],
  providers: [PrivacyService],
})
export class PrivacyModule {}
