export {
  startTelnyxSimulator,
  publicKeyBase64Of,
  DEFAULT_CONNECTION_ID,
  type HeldRecording,
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
  RecordingTimeline,
  SessionSummary,
  SessionTimeline,
  WebhookRecord,
} from './call-store';
export type { WebhookEventData } from './event-factory';
export { signWebhook } from './webhook-sender';
export { COMMANDS, DIAL_BODY, SEND_MESSAGE_BODY, type CommandName } from './contract/commands';
export { EVENT_PAYLOADS, eventSchema, type EventType } from './contract/events';
export type { JsonSchema, JsonType } from './contract/json-schema';
export { ContractValidator, contractAjv } from './contract/validator';
export { MailSink, type SunkMessage } from './mail-sink';
