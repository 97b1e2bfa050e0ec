export * from './webhook-signature';
export * from './client-state';
export * from './webhook-parser';
export * from './telephony-port';
export * from './telnyx-telephony';
export * from './number-inventory-port';
export * from './telnyx-number-inventory';
