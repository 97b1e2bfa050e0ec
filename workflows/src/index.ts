// The only workflowsPath entry: everything the worker's bundle contains is exported here.
export { inboundCall } from './inbound-call/inbound-call.workflow';
export type { InboundCallResult } from './inbound-call/inbound-call.workflow';
export { deliverWebhook } from './background/deliver-webhook.workflow';
export { rescoreCalls } from './background/rescore-calls.workflow';
export { storeRecording } from './background/store-recording.workflow';
export { outboundCall } from './outbound-call/outbound-call.workflow';
export { inboundCallV2 } from './call/inbound-call-v2.workflow';
export { deliverConversion } from './background/deliver-conversion.workflow';
export { eraseSubject } from './background/erase-subject.workflow';
export { enforceRetention } from './background/enforce-retention.workflow';
