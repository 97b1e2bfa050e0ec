export * from './ports';
export * from './temporal-cli';
export * from './temporal-dev-server';
export * from './embedded-postgres';
export * from './databases';
export * from './sdk-dev-server';
export * from './temporal-server';
export * from './temporal-ui';
