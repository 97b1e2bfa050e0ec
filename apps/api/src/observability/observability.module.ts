import { Global, Module } from '@nestjs/common';
import { ApiMetrics } from './api-metrics';

/** Metrics every module may record into; `/metrics` itself is served by createApiApp (serve-metrics.ts). */
@Global()
@Module({ providers: [ApiMetrics], exports: [ApiMetrics] })
export class ObservabilityModule {}
