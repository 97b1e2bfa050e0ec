import { Module } from '@nestjs/common';
import { DniScriptController } from './dni-script.controller';

/** The DNI browser script (issue 5); the endpoints it calls live in ../dni. */
@Module({ controllers: [DniScriptController] })
export class DniScriptModule {}
