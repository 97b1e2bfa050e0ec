import { InitialSchema1763800000000 } from './1763800000000-initial-schema';
import { CallFlows1763900000000 } from './1763900000000-call-flows';
import { FlowsOnCalls1764000000000 } from './1764000000000-flows-on-calls';
import { PropertyResources1764100000000 } from './1764100000000-property-resources';

/** Every migration, in order. Listed by class (not a glob) so they load the same from src and dist. */
export const MIGRATIONS = [
  InitialSchema1763800000000,
  CallFlows1763900000000,
  FlowsOnCalls1764000000000,
  PropertyResources1764100000000,
];
