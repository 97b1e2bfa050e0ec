import type { DisclosurePolicy, FlowDiagramNames, FlowValidationContext } from '@switchboard/domain';
import { unwrap, type Api } from '../../api/client';
import type { Ok } from '../../api/types';

type Items<
  P extends
    | '/v1/properties/{propertyId}/schedules'
    | '/v1/properties/{propertyId}/ring-groups'
    | '/v1/properties/{propertyId}/audio'
    | '/v1/properties/{propertyId}/voicemail-boxes',
> = Ok<P, 'get'>['items'];

/** The property's resources a flow's steps name by id: the editor's pickers and its validation. */
export interface FlowResources {
  schedules: Items<'/v1/properties/{propertyId}/schedules'>;
  ringGroups: Items<'/v1/properties/{propertyId}/ring-groups'>;
  audio: Items<'/v1/properties/{propertyId}/audio'>;
  voicemailBoxes: Items<'/v1/properties/{propertyId}/voicemail-boxes'>;
  /** The property's recording disclosure settings: its default disclosure, its requirement. */
  disclosure: DisclosurePolicy;
}

export async function loadFlowResources(api: Api, propertyId: string): Promise<FlowResources> {
  const path = { params: { path: { propertyId } } };
  const [schedules, ringGroups, audio, voicemailBoxes, property] = await Promise.all([
    unwrap(api.GET('/v1/properties/{propertyId}/schedules', path)),
    unwrap(api.GET('/v1/properties/{propertyId}/ring-groups', path)),
    unwrap(api.GET('/v1/properties/{propertyId}/audio', path)),
    unwrap(api.GET('/v1/properties/{propertyId}/voicemail-boxes', path)),
    unwrap(api.GET('/v1/properties/{propertyId}', path)),
  ]);
  return {
    schedules: schedules.items,
    ringGroups: ringGroups.items,
    audio: audio.items,
    voicemailBoxes: voicemailBoxes.items,
    disclosure: {
      propertyDefault: property.recordingDisclosure !== null,
      required: property.requireRecordingDisclosure,
    },
  };
}

const ids = (items: readonly { id: string }[]): ReadonlySet<string> => new Set(items.map((i) => i.id));
const names = (items: readonly { id: string; name: string }[]): Record<string, string> =>
  Object.fromEntries(items.map((i) => [i.id, i.name]));

/** What validateFlow checks references against: the same sets the api checks on save. */
export function validationContext(r: FlowResources): FlowValidationContext {
  return {
    scheduleIds: ids(r.schedules),
    ringGroupIds: ids(r.ringGroups),
    audioIds: ids(r.audio),
    voicemailBoxIds: ids(r.voicemailBoxes),
    disclosure: r.disclosure,
  };
}

/** Names for the nodes' descriptions and edge labels ("Office hours open"). */
export function diagramNames(r: FlowResources): FlowDiagramNames {
  return {
    schedules: names(r.schedules),
    ringGroups: names(r.ringGroups),
    voicemailBoxes: names(r.voicemailBoxes),
    ringStrategies: Object.fromEntries(r.ringGroups.map((g) => [g.id, g.strategy])),
  };
}
