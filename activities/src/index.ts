import type {
  CallRecordRepository,
  CallRoutingRepository,
  PropertyResourcesRepository,
} from '@switchboard/persistence';
import type { TelephonyPort } from '@switchboard/telephony';
import { createCallDataActivities, type CallDataSettings } from './call-data.activities';

export type { CallDataSettings };
import { createTelephonyActivities } from './telephony.activities';

export interface ActivityDeps {
  routing: CallRoutingRepository;
  records: CallRecordRepository;
  resources: PropertyResourcesRepository;
  telephony: TelephonyPort;
  settings: CallDataSettings;
}

/** Every activity the call workflows use, bound to their dependencies. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createTelephonyActivities(deps.telephony),
    ...createCallDataActivities(deps.routing, deps.records, deps.resources, deps.settings),
  };
}

export type Activities = ReturnType<typeof createActivities>;
