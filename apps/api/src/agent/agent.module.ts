import { Module } from '@nestjs/common';
import { AgentCallObserver } from './agent-call-observer';
import { AgentDirectory } from './agent-directory.service';
import { AgentEventHub } from './agent-events.hub';
import { AgentSignIn } from './agent-sign-in.service';
import { AgentTelephony } from './agent-telephony.service';
import { AgentController, AgentSignInLinksController } from './agent.controller';
import { OutboundCalls } from './outbound-calls.service';
import { RecordingControl } from './recording-control.service';

/**
 * Agents in the browser (docs/AGENT.md): sign-in, presence, push channel, screen pops, click-to-call,
 * pausing the recording of their call.
 */
@Module({
  controllers: [AgentSignInLinksController, AgentController],
  providers: [
    AgentEventHub,
    AgentDirectory,
    AgentSignIn,
    AgentTelephony,
    OutboundCalls,
    AgentCallObserver,
    RecordingControl,
  ],
  exports: [AgentCallObserver],
})
export class AgentModule {}
