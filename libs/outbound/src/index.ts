export * from './private-address';
export * from './receiver-request';
export * from './webhook-signature';
