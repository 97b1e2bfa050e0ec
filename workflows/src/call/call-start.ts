import type { SearchAttributeUpdatePair } from '@temporalio/common';
import { CallSearchAttributes as SA, type CallScreenPop } from '@switchboard/contracts';
import type { Caller, KnownRoute } from './call-session';

/** The campaign a call came from: the tracking number's own, else the visit's. */
export function campaignOf(route: KnownRoute): string | undefined {
  return route.attribution?.campaign ?? route.caller.session?.campaign;
}

/** What the Web UI lists and filters calls by, known once the number is resolved. */
export function startAttributes(caller: Caller, route: KnownRoute | null): SearchAttributeUpdatePair[] {
  const pairs: SearchAttributeUpdatePair[] = [
    { key: SA.callerNumber, value: caller.from },
    { key: SA.trackingNumber, value: caller.to },
  ];
  if (!route) return pairs;
  const campaign = campaignOf(route);
  pairs.push(
    { key: SA.propertyId, value: route.propertyId },
    { key: SA.source, value: route.sourceName },
    { key: SA.firstTime, value: route.caller.firstTime },
  );
  if (campaign) pairs.push({ key: SA.campaign, value: campaign });
  return pairs;
}

/** What agents' screens show while their phone rings. */
export function screenPopOf(caller: Caller, route: KnownRoute): Omit<CallScreenPop, 'path' | 'pathLabels'> {
  const session = route.caller.session;
  const previous = route.caller.previousCall;
  return {
    from: caller.from,
    trackingNumber: caller.to,
    source: route.sourceName,
    campaign: campaignOf(route) ?? null,
    keyword: route.attribution?.keyword ?? session?.keyword ?? null,
    landingPage: route.attribution?.landingPage ?? session?.landingPage ?? null,
    firstTime: route.caller.firstTime,
    priorCalls: route.caller.priorCalls,
    previousCall: previous
      ? { score: previous.score ?? null, leadStatus: previous.leadStatus ?? null }
      : null,
    recording: route.flow?.definition.recording === true,
  };
}
