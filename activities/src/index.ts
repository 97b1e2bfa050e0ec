import type {
  CallRecordRepository,
  CallRoutingRepository,
  PoolHoldRepository,
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
  /** Pool-number holds, which calls to pool numbers are attributed by. */
  holds?: PoolHoldRepository;
  telephony: TelephonyPort;
  settings: CallDataSettings;
}

/** Every activity the call workflows use, bound to their dependencies. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createTelephonyActivities(deps.telephony),
    ...createCallDataActivities(deps.routing, deps.records, deps.resources, deps.settings, deps.holds),
  };
}

export type Activities = ReturnType<typeof createActivities>;
