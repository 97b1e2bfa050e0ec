export * from './webhook-signature';
export * from './client-state';
export * from './webhook-parser';
export * from './telephony-port';
export * from './telnyx-telephony';
