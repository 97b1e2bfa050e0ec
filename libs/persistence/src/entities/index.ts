import { AccountEntity, ApiKeyEntity, PropertyListEntity } from './account.entity';
import { CallEntity } from './call.entity';
import { CallFlowEntity, CallFlowVersionEntity } from './call-flow.entity';
import { CarrierEventEntity } from './carrier-event.entity';
import { PropertyEntity } from './property.entity';
import {
  AgentEntity,
  AudioFileEntity,
  RingGroupEntity,
  ScheduleEntity,
  VoicemailBoxEntity,
} from './property-resources.entity';
import { TrackingNumberEntity } from './tracking-number.entity';
import { TrackingSourceEntity } from './tracking-source.entity';

export {
  AccountEntity,
  ApiKeyEntity,
  PropertyListEntity,
  AgentEntity,
  AudioFileEntity,
  RingGroupEntity,
  ScheduleEntity,
  VoicemailBoxEntity,
  CallEntity,
  CallFlowEntity,
  CallFlowVersionEntity,
  CarrierEventEntity,
  PropertyEntity,
  TrackingNumberEntity,
  TrackingSourceEntity,
};

export const ENTITIES = [
  AccountEntity,
  ApiKeyEntity,
  PropertyListEntity,
  PropertyEntity,
  TrackingSourceEntity,
  TrackingNumberEntity,
  CallEntity,
  CarrierEventEntity,
  CallFlowEntity,
  CallFlowVersionEntity,
  ScheduleEntity,
  AgentEntity,
  RingGroupEntity,
  AudioFileEntity,
  VoicemailBoxEntity,
];
