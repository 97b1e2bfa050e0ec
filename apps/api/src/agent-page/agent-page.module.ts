import { Module } from '@nestjs/common';
import { AgentPageController } from './agent-page.controller';

/** The agents' browser page (issue 7); the /v1/agent endpoints it calls live in the api's agent module. */
@Module({ controllers: [AgentPageController] })
export class AgentPageModule {}
