export * from './carrier-event';
export * from './call-record';
export * from './call-context';
export * from './call-messages';
export * from './search-attributes';
export * from './workflow-input';
export * from './failure-types';
export * from './event-routing';
