export * from './search-attribute-registration';
export * from './workflow-bundle';
export * from './webhook-publisher';
export * from './conversion-delivery-starter';
export * from './call-histories';
export * from './erasure-starter';
export * from './history-retention';
export * from './retention-schedule';
