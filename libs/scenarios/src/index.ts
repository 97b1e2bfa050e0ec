export * from './scenario.types';
export * from './load-scenario';
export * from './schemas';
export * from './apply-bundle';
export * from './expectations';
export * from './run-scenario';
export * from './stack-client';
export * from './scenario-run';
