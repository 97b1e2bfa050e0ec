import { Module } from '@nestjs/common';
import { CallsController, PlatformCallsController } from './calls.controller';

@Module({ controllers: [CallsController, PlatformCallsController] })
export class CallsModule {}
