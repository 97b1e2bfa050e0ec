import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { loadConfig, requireDatabaseUrl, type SwitchboardConfig } from '@switchboard/config';
import { dataSourceOptions } from '@switchboard/persistence';
import { AccountsModule } from './accounts/accounts.module';
import { BundlesModule } from './bundles/bundles.module';
import { CallFlowsModule } from './call-flows/call-flows.module';
import { CallsModule } from './calls/calls.module';
import { CONFIG } from './common/tokens';
import { DefaultRoutingModule } from './default-routing/default-routing.module';
import { HealthController } from './health/health.controller';
import { NumbersModule } from './numbers/numbers.module';
import { PropertiesModule } from './properties/properties.module';
import { ResourcesModule } from './resources/resources.module';
import { TemporalClientModule } from './temporal/temporal-client.module';
import { WebhooksModule } from './webhooks/webhooks.module';

@Global()
@Module({
  providers: [{ provide: CONFIG, useFactory: () => loadConfig() }],
  exports: [CONFIG],
})
class ConfigModule {}

@Module({
  imports: [
    ConfigModule,
    TypeOrmModule.forRootAsync({
      inject: [CONFIG],
      useFactory: (cfg: SwitchboardConfig) => dataSourceOptions(requireDatabaseUrl(cfg)),
    }),
    TemporalClientModule,
    AccountsModule,
    PropertiesModule,
    NumbersModule,
    CallsModule,
    CallFlowsModule,
    ResourcesModule,
    DefaultRoutingModule,
    BundlesModule,
    WebhooksModule,
  ],
  controllers: [HealthController],
})
export class AppModule {}
