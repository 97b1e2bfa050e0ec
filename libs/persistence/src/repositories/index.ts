import type { DataSource } from 'typeorm';
import { AgentRepository } from './agent.repository';
import { AudioRepository } from './audio.repository';
import { CallFlowRepository } from './call-flow.repository';
import { CallRecordRepository } from './call-record.repository';
import { CallRoutingRepository } from './call-routing.repository';
import { CallScoringRepository } from './call-scoring.repository';
import { CarrierEventRepository } from './carrier-event.repository';
import { DefaultRoutingRepository } from './default-routing.repository';
import { DniAccessRepository } from './dni-access.repository';
import { NotificationSecretRepository } from './notification-secret.repository';
import { PoolHoldRepository } from './pool-hold.repository';
import { PropertyRepository } from './property.repository';
import { PropertyResourcesRepository } from './property-resources.repository';
import { RecordingRepository } from './recording.repository';
import { RingGroupRepository } from './ring-group.repository';
import { ScheduleRepository } from './schedule.repository';
import { TextNotificationRepository } from './text-notification.repository';
import { TrackingNumberRepository } from './tracking-number.repository';
import { TrackingSourceRepository } from './tracking-source.repository';
import { VoicemailBoxRepository } from './voicemail-box.repository';
import { VoicemailMessageRepository } from './voicemail-message.repository';
import { WebhookRepository } from './webhook.repository';

/** A repository: built on the process's one DataSource, by the process's composition root. */
export type RepositoryClass = new (ds: DataSource) => object;

/**
 * Every repository, one a line: the api's DatabaseModule provides each of them through Nest's DI,
 * so a service asks for the repositories it needs by class.
 */
export const REPOSITORIES: readonly RepositoryClass[] = [
  AgentRepository,
  AudioRepository,
  CallFlowRepository,
  CallRecordRepository,
  CallRoutingRepository,
  CallScoringRepository,
  CarrierEventRepository,
  DefaultRoutingRepository,
  DniAccessRepository,
  NotificationSecretRepository,
  PoolHoldRepository,
  PropertyRepository,
  PropertyResourcesRepository,
  RecordingRepository,
  RingGroupRepository,
  ScheduleRepository,
  TextNotificationRepository,
  TrackingNumberRepository,
  TrackingSourceRepository,
  VoicemailBoxRepository,
  VoicemailMessageRepository,
  WebhookRepository,
];
