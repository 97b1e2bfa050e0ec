import { InitialSchema1763800000000 } from './1763800000000-initial-schema';
import { CallFlows1763900000000 } from './1763900000000-call-flows';
import { FlowsOnCalls1764000000000 } from './1764000000000-flows-on-calls';
import { PropertyResources1764100000000 } from './1764100000000-property-resources';
import { AccountsAndKeys1764200000000 } from './1764200000000-accounts-and-keys';
import { SourceDniRules1764600000000 } from './1764600000000-source-dni-rules';
import { AudioOnDisk1764300000000 } from './1764300000000-audio-on-disk';
import { VoicemailMessages1764300000001 } from './1764300000001-voicemail-messages';
import { DefaultRouting1764500000000 } from './1764500000000-default-routing';
import { TextMessages1764800000000 } from './1764800000000-text-messages';
import { VisitorSessionsAndPools1764700000000 } from './1764700000000-visitor-sessions-and-pools';
import { TrackedEmail1764900000000 } from './1764900000000-tracked-email';
import { ReportIndexes1765000000000 } from './1765000000000-report-indexes';
import { SourceLastTouch1765100000000 } from './1765100000000-source-last-touch';
import { CallScoring1765200000000 } from './1765200000000-call-scoring';
import { WebhookSubscriptions1765300000000 } from './1765300000000-webhook-subscriptions';
import { AgentSessions1765350000000 } from './1765350000000-agent-sessions';
import { CallRollup1765400000000 } from './1765400000000-call-rollup';
import { Recordings1765500000000 } from './1765500000000-recordings';
import { UnattemptedDeliveries1765600000000 } from './1765600000000-unattempted-deliveries';
import { SessionClientKey1765650000000 } from './1765650000000-session-client-key';
import { AnsweringAgents1765710000000 } from './1765710000000-answering-agents';
import { NotificationSecrets1765720000000 } from './1765720000000-notification-secrets';
import { DniRateLimits1765730000000 } from './1765730000000-dni-rate-limits';
import { TextNotificationOutbox1765740000000 } from './1765740000000-text-notification-outbox';
import { SessionClickIds1765745000000 } from './1765745000000-session-click-ids';
import { FormTracking1765750000000 } from './1765750000000-form-tracking';
import { Conversions1765760000000 } from './1765760000000-conversions';
import { CallTranscripts1765770000000 } from './1765770000000-call-transcripts';
import { PrivacyGround1765780000000 } from './1765780000000-privacy-ground';
import { RecordingDisclosure1765785000000 } from './1765785000000-recording-disclosure';
import { Retention1765790000000 } from './1765790000000-retention';
import { Erasures1765800000000 } from './1765800000000-erasures';
import { OutboundCalleeIndex1765810000000 } from './1765810000000-outbound-callee-index';

/** Every migration, in order. Listed by class (not a glob) so they load the same from src and dist. */
export const MIGRATIONS = [
  InitialSchema1763800000000,
  CallFlows1763900000000,
  FlowsOnCalls1764000000000,
  PropertyResources1764100000000,
  AccountsAndKeys1764200000000,
  AudioOnDisk1764300000000,
  VoicemailMessages1764300000001,
  DefaultRouting1764500000000,
  SourceDniRules1764600000000,
  VisitorSessionsAndPools1764700000000,
  TextMessages1764800000000,
  TrackedEmail1764900000000,
  ReportIndexes1765000000000,
  SourceLastTouch1765100000000,
  CallScoring1765200000000,
  WebhookSubscriptions1765300000000,
  AgentSessions1765350000000,
  CallRollup1765400000000,
  Recordings1765500000000,
  UnattemptedDeliveries1765600000000,
  SessionClientKey1765650000000,
  AnsweringAgents1765710000000,
  NotificationSecrets1765720000000,
  DniRateLimits1765730000000,
  TextNotificationOutbox1765740000000,
  SessionClickIds1765745000000,
  FormTracking1765750000000,
  Conversions1765760000000,
  CallTranscripts1765770000000,
  PrivacyGround1765780000000,
  RecordingDisclosure1765785000000,
  Retention1765790000000,
  Erasures1765800000000,
  OutboundCalleeIndex1765810000000,
];
