export { startAdsSimulator, type AdsSimulator, type AdsSimulatorOptions } from './simulator';
export type { DroppedEvent, ReceivedConversion, SimPlatform } from './sim-state';
export { parseGoogleDateTime } from './google-ads-api';
