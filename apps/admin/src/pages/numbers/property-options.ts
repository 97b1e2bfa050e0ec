import { unwrap, type Api } from '../../api/client';

/** The property's sources and call flows, for the selects that assign a number to them. */
export async function loadSourcesAndFlows(api: Api, propertyId: string) {
  const path = { params: { path: { propertyId } } };
  const [sources, flows] = await Promise.all([
    unwrap(api.GET('/v1/properties/{propertyId}/sources', path)),
    unwrap(api.GET('/v1/properties/{propertyId}/call-flows', path)),
  ]);
  return { sources: sources.items, flows: flows.items };
}

export type SourcesAndFlows = Awaited<ReturnType<typeof loadSourcesAndFlows>>;

export const nameOf = (items: readonly { id: string; name: string }[], id: string | null | undefined) =>
  (id && items.find((x) => x.id === id)?.name) ?? '—';
