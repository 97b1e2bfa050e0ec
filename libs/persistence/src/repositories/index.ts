import type { DataSource } from 'typeorm';
import { AccountRepository } from './account.repository';
import { AgentDirectoryRepository } from './agent-directory.repository';
import { AgentSessionRepository } from './agent-session.repository';
import { ApiKeyRepository } from './api-key.repository';
import { CallRecordRepository } from './call-record.repository';
import { CallReportRepository } from './call-report.repository';
import { CallRollupRepository } from './call-rollup.repository';
import { CallRoutingRepository } from './call-routing.repository';
import { CallScoringRepository } from './call-scoring.repository';
import { CarrierEventRepository } from './carrier-event.repository';
import { DniAccessRepository } from './dni-access.repository';
import { DniSettingsRepository } from './dni-settings.repository';
import { EmailRepository } from './email.repository';
import { HealthRepository } from './health.repository';
import { NotificationSecretRepository } from './notification-secret.repository';
import { NumberPoolRepository } from './number-pool.repository';
import { PoolHoldRepository } from './pool-hold.repository';
import { PropertyAccessRepository } from './property-access.repository';
import { PropertyConfigRepository } from './property-config.repository';
import { PropertyListRepository } from './property-list.repository';
import { PropertyRepository } from './property.repository';
import { PropertyResourcesRepository } from './property-resources.repository';
import { RecordingRepository } from './recording.repository';
import { TextMessageRepository } from './text-message.repository';
import { TextNotificationRepository } from './text-notification.repository';
import { TextRoutingRepository } from './text-routing.repository';
import { TrackingNumberRepository } from './tracking-number.repository';
import { VisitorSessionRepository } from './visitor-session.repository';
import { VoicemailMessageRepository } from './voicemail-message.repository';
import { WebhookRepository } from './webhook.repository';

/** A repository: built on the process's one DataSource, by the process's composition root. */
export type RepositoryClass = new (ds: DataSource) => object;

/**
 * Every repository, one a line: the api's DatabaseModule provides each of them through Nest's DI,
 * so a service asks for the repositories it needs by class.
 */
export const REPOSITORIES: readonly RepositoryClass[] = [
  AccountRepository,
  AgentDirectoryRepository,
  AgentSessionRepository,
  ApiKeyRepository,
  CallRecordRepository,
  CallReportRepository,
  CallRollupRepository,
  CallRoutingRepository,
  CallScoringRepository,
  CarrierEventRepository,
  DniAccessRepository,
  DniSettingsRepository,
  EmailRepository,
  HealthRepository,
  NotificationSecretRepository,
  NumberPoolRepository,
  PoolHoldRepository,
  PropertyAccessRepository,
  PropertyConfigRepository,
  PropertyListRepository,
  PropertyRepository,
  PropertyResourcesRepository,
  RecordingRepository,
  TextMessageRepository,
  TextNotificationRepository,
  TextRoutingRepository,
  TrackingNumberRepository,
  VisitorSessionRepository,
  VoicemailMessageRepository,
  WebhookRepository,
];
