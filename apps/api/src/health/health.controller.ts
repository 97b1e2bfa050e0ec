import { Controller, Get, HttpStatus, Inject } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import { HealthRepository } from '@switchboard/persistence';
import { ApiError } from '../common/api-error';
import { TEMPORAL_CLIENT } from '../common/tokens';
import { Public } from '../auth/auth.decorators';
import { LivenessView, ReadinessView } from './health.view';

@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly db: HealthRepository,
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
  ) {}

  /** Liveness: the process answers. */
  @Get()
  live(): LivenessView {
    return { status: 'ok' };
  }

  /** Readiness: PostgreSQL and Temporal both answer. */
  @Get('ready')
  async ready(): Promise<ReadinessView> {
    const checks: Record<string, string> = {};
    try {
      await this.db.ping();
      checks.postgres = 'ok';
    } catch (err) {
      checks.postgres = String(err);
    }
    try {
      await this.client.workflowService.getSystemInfo({});
      checks.temporal = 'ok';
    } catch (err) {
      checks.temporal = String(err);
    }
    if (Object.values(checks).some((v) => v !== 'ok')) {
      throw new ApiError(HttpStatus.SERVICE_UNAVAILABLE, 'unavailable', JSON.stringify(checks));
    }
    // Every check said ok (as `checks` holds them).
    return { status: 'ok', checks: { postgres: 'ok', temporal: 'ok' } };
  }
}
