import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { temporalConnectionOptions, type SwitchboardConfig } from '@switchboard/config';
import { CONFIG, TEMPORAL_CLIENT } from '../common/tokens';

/** One Temporal client per api process, connected at boot so a wrong address fails fast. */
@Global()
@Module({
  providers: [
    {
      provide: TEMPORAL_CLIENT,
      inject: [CONFIG],
      useFactory: async (cfg: SwitchboardConfig) => {
        const connection = await Connection.connect(temporalConnectionOptions(cfg));
        return new Client({ connection, namespace: cfg.temporal.namespace });
      },
    },
  ],
  exports: [TEMPORAL_CLIENT],
})
export class TemporalClientModule implements OnApplicationShutdown {
  constructor(@Inject(TEMPORAL_CLIENT) private readonly client: Client) {}

  async onApplicationShutdown(): Promise<void> {
    await this.client.connection.close();
  }
}
