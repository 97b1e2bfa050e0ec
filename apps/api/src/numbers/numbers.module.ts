import { Module } from '@nestjs/common';
import { PropertiesModule } from '../properties/properties.module';
import { NumbersController } from './numbers.controller';
import { NumbersService } from './numbers.service';
import { numberInventoryProvider } from './number-inventory.provider';

/** Tracking numbers bought from and released to the carrier (Telnyx, or its simulator). */
@Module({
  imports: [PropertiesModule],
  controllers: [NumbersController],
  providers: [NumbersService, numberInventoryProvider],
})
export class NumbersModule {}
