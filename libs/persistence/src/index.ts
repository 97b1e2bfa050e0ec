export * from './entities';
export * from './data-source';
export * from './repositories/carrier-event.repository';
export * from './repositories/call-routing.repository';
export * from './repositories/call-record.repository';
export { MIGRATIONS } from './migrations';
export * from './repositories/property-resources.repository';
