import { Global, Module } from '@nestjs/common';
import { loadConfig } from '@switchboard/config';
import { AccountsModule } from './accounts/accounts.module';
import { AgentModule } from './agent/agent.module';
import { AdminConsoleModule } from './admin-console/admin-console.module';
import { AgentPageModule } from './agent-page/agent-page.module';
import { BundlesModule } from './bundles/bundles.module';
import { CallFlowsModule } from './call-flows/call-flows.module';
import { CallsModule } from './calls/calls.module';
import { CONFIG } from './common/tokens';
import { DatabaseModule } from './database/database.module';
import { DefaultRoutingModule } from './default-routing/default-routing.module';
import { DniModule } from './dni/dni.module';
import { EmailsModule } from './emails/emails.module';
import { DniScriptModule } from './dni-script/dni-script.module';
import { HealthController } from './health/health.controller';
import { MessagingModule } from './messaging/messaging.module';
import { NumbersModule } from './numbers/numbers.module';
import { ObservabilityModule } from './observability/observability.module';
import { OutboundWebhooksModule } from './outbound-webhooks/outbound-webhooks.module';
import { PropertiesModule } from './properties/properties.module';
import { ReportsModule } from './reports/reports.module';
import { ResourcesModule } from './resources/resources.module';
import { ScoringModule } from './scoring/scoring.module';
import { TemporalClientModule } from './temporal/temporal-client.module';
import { WebhooksModule } from './webhooks/webhooks.module';
import { FormsModule } from './forms/forms.module';
import { ConversionsModule } from './conversions/conversions.module';
import { PrivacyModule } from './privacy/privacy.module';
import { RetentionModule } from './retention/retention.module';

@Global()
@Module({
  providers: [{ provide: CONFIG, useFactory: () => loadConfig() }],
  exports: [CONFIG],
})
class ConfigModule {}

@Module({
  imports: [
    ConfigModule,
    ObservabilityModule,
    DatabaseModule,
    TemporalClientModule,
    AccountsModule,
    PropertiesModule,
    NumbersModule,
    CallsModule,
    CallFlowsModule,
    ResourcesModule,
    DefaultRoutingModule,
    BundlesModule,
    DniModule,
    MessagingModule,
    WebhooksModule,
    EmailsModule,
    DniScriptModule,
    ReportsModule,
    OutboundWebhooksModule,
    ScoringModule,
    AgentModule,
    AgentPageModule,
    AdminConsoleModule,
    FormsModule,
    ConversionsModule,
    PrivacyModule,
    RetentionModule,
  ],
  controllers: [HealthController],
})
export class AppModule {}
