import type { DataSource } from 'typeorm';
import { AccountRepository } from './account.repository';
import { AgentDirectoryRepository } from './agent-directory.repository';
import { AgentRepository } from './agent.repository';
import { AgentSessionRepository } from './agent-session.repository';
import { ApiKeyRepository } from './api-key.repository';
import { AudioRepository } from './audio.repository';
import { CallFlowRepository } from './call-flow.repository';
import { CallRecordRepository } from './call-record.repository';
import { CallReportRepository } from './call-report.repository';
import { CallRollupRepository } from './call-rollup.repository';
import { CallRoutingRepository } from './call-routing.repository';
import { CallScoringRepository } from './call-scoring.repository';
import { CarrierEventRepository } from './carrier-event.repository';
import { DefaultRoutingRepository } from './default-routing.repository';
import { DniAccessRepository } from './dni-access.repository';
import { DniSettingsRepository } from './dni-settings.repository';
import { EmailRepository } from './email.repository';
import { HealthRepository } from './health.repository';
import { NotificationSecretRepository } from './notification-secret.repository';
import { NumberPoolRepository } from './number-pool.repository';
import { PoolHoldRepository } from './pool-hold.repository';
import { PropertyAccessRepository } from './property-access.repository';
import { PropertyListRepository } from './property-list.repository';
import { PropertyRepository } from './property.repository';
import { PropertyResourcesRepository } from './property-resources.repository';
import { RecordingRepository } from './recording.repository';
import { RingGroupRepository } from './ring-group.repository';
import { ScheduleRepository } from './schedule.repository';
import { TextMessageRepository } from './text-message.repository';
import { TextNotificationRepository } from './text-notification.repository';
import { TextRoutingRepository } from './text-routing.repository';
import { TrackingNumberRepository } from './tracking-number.repository';
import { TrackingSourceRepository } from './tracking-source.repository';
import { VisitorSessionRepository } from './visitor-session.repository';
import { VoicemailBoxRepository } from './voicemail-box.repository';
import { VoicemailMessageRepository } from './voicemail-message.repository';
import { WebhookRepository } from './webhook.repository';
import { FormSubmissionRepository } from './form-submission.repository';
import { ConversionDestinationRepository } from './conversion-destination.repository';
import { ConversionRuleRepository } from './conversion-rule.repository';
import { ConversionRepository } from './conversion.repository';
import { CallTranscriptRepository } from './call-transcript.repository';
import { TextScoringRepository } from './text-scoring.repository';
import { PrivacyRequestRepository } from './privacy-request.repository';
import { ErasureRepository } from './erasure.repository';
import { SubjectExportRepository } from './subject-export.repository';
import { RetentionPolicyRepository } from './retention-policy.repository';
import { RetentionRunRepository } from './retention-run.repository';
import { RetentionPurgeRepository } from './retention-purge.repository';

/** A repository: built on the process's one DataSource, by the process's composition root. */
export type RepositoryClass = new (ds: DataSource) => object;

/**
 * Every repository, one a line: the api's DatabaseModule provides each of them through Nest's DI,
 * so a service asks for the repositories it needs by class.
 */
export const REPOSITORIES: readonly RepositoryClass[] = [
  AccountRepository,
  AgentDirectoryRepository,
  AgentRepository,
  AgentSessionRepository,
  ApiKeyRepository,
  AudioRepository,
  CallFlowRepository,
  CallRecordRepository,
  CallReportRepository,
  CallRollupRepository,
  CallRoutingRepository,
  CallScoringRepository,
  CarrierEventRepository,
  DefaultRoutingRepository,
  DniAccessRepository,
  DniSettingsRepository,
  EmailRepository,
  HealthRepository,
  NotificationSecretRepository,
  NumberPoolRepository,
  PoolHoldRepository,
  PropertyAccessRepository,
  PropertyListRepository,
  PropertyRepository,
  PropertyResourcesRepository,
  RecordingRepository,
  RingGroupRepository,
  ScheduleRepository,
  TextMessageRepository,
  TextNotificationRepository,
  TextRoutingRepository,
  TrackingNumberRepository,
  TrackingSourceRepository,
  VisitorSessionRepository,
  VoicemailBoxRepository,
  VoicemailMessageRepository,
  WebhookRepository,
  FormSubmissionRepository,
  ConversionDestinationRepository,
  ConversionRuleRepository,
  ConversionRepository,
  CallTranscriptRepository,
  TextScoringRepository,
  PrivacyRequestRepository,
  ErasureRepository,
  SubjectExportRepository,
  RetentionPolicyRepository,
  RetentionRunRepository,
  RetentionPurgeRepository,
];
