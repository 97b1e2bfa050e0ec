import { Module } from '@nestjs/common';
import { ConversionsModule } from '../conversions/conversions.module';
import { OutboundWebhooksModule } from '../outbound-webhooks/outbound-webhooks.module';
import { FormIntake } from './form-intake.service';
import { FormsController } from './forms.controller';
import { FormsService } from './forms.service';

/**
 * Form tracking: storing what the DNI script sends (FormIntake, used by the public DNI endpoint),
 * the form log and the lead journey (FormsService, also shown on a call).
 */
@Module({
  imports: [ConversionsModule, OutboundWebhooksModule],
  controllers: [FormsController],
  providers: [FormIntake, FormsService],
  exports: [FormIntake, FormsService],
})
export class FormsModule {}
