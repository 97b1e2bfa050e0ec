import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { loadConfig, requireDatabaseUrl, type SwitchboardConfig } from '@switchboard/config';
import { openDataSource } from '@switchboard/persistence';
import { TemporalWorkerService } from './temporal-worker.service';
import { CONFIG, DATA_SOURCE } from './tokens';

@Module({
  providers: [
    { provide: CONFIG, useFactory: () => loadConfig() },
    {
      provide: DATA_SOURCE,
      inject: [CONFIG],
      useFactory: (cfg: SwitchboardConfig) => openDataSource(requireDatabaseUrl(cfg)),
    },
    TemporalWorkerService,
  ],
})
export class WorkerModule implements OnApplicationShutdown {
  constructor(@Inject(DATA_SOURCE) private readonly ds: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    await this.ds.destroy();
  }
}
