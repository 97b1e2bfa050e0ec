import type { DataSource } from 'typeorm';
import { CallRecordRepository } from './call-record.repository';
import { CallRollupRepository } from './call-rollup.repository';
import { CallRoutingRepository } from './call-routing.repository';
import { CallScoringRepository } from './call-scoring.repository';
import { CarrierEventRepository } from './carrier-event.repository';
import { DniAccessRepository } from './dni-access.repository';
import { NotificationSecretRepository } from './notification-secret.repository';
import { PoolHoldRepository } from './pool-hold.repository';
import { PropertyResourcesRepository } from './property-resources.repository';
import { RecordingRepository } from './recording.repository';
import { TextNotificationRepository } from './text-notification.repository';
import { VoicemailMessageRepository } from './voicemail-message.repository';
import { WebhookRepository } from './webhook.repository';

/** Every repository: what the api's database module provides (each as `new R(ds)`). */
export const REPOSITORIES: (new (ds: DataSource) => object)[] = [
  CallRecordRepository,
  CallRollupRepository,
  CallRoutingRepository,
  CallScoringRepository,
  CarrierEventRepository,
  DniAccessRepository,
  NotificationSecretRepository,
  PoolHoldRepository,
  PropertyResourcesRepository,
  RecordingRepository,
  TextNotificationRepository,
  VoicemailMessageRepository,
  WebhookRepository,
];
