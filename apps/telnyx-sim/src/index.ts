export {
  startTelnyxSimulator,
  publicKeyBase64Of,
  DEFAULT_CONNECTION_ID,
  type SimulatorOptions,
  type TelnyxSimulator,
} from './simulator';
export {
  parseInboundCallScript,
  ScriptError,
  type AgentBehaviour,
  type AnsweringAgent,
  type CallerStep,
  type HangupAfterStep,
  type HangupAtStep,
  type InboundCallScript,
  type PlacedCall,
  type PressStep,
} from './scripts';
export type { Faults } from './faults';
export {
  SIM_MESSAGING_PROFILE_ID,
  type InboundText,
  type ReceivedMessage,
  type SentMessage,
} from './messaging';
export type {
  CommandRecord,
  DeliveryAttempt,
  LegTimeline,
  SessionSummary,
  SessionTimeline,
  WebhookRecord,
} from './call-store';
export type { WebhookEventData } from './event-factory';
export { signWebhook } from './webhook-sender';
export { MailSink, type SunkMessage } from './mail-sink';
export { resolveSpecPath, WEBHOOK_KEYS } from './spec-validator';
