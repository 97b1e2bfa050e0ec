import { Module } from '@nestjs/common';
import { CallFlowsModule } from '../call-flows/call-flows.module';
import { DefaultRoutingModule } from '../default-routing/default-routing.module';
import { PropertiesModule } from '../properties/properties.module';
import { ResourcesModule } from '../resources/resources.module';
import { BundleWriter } from './bundle-writer';
import { BundlesController } from './bundles.controller';
import { BundlesService } from './bundles.service';
import { ConfigSnapshotReader } from './config-snapshot';

/** Configuration bundles: export, apply and import, through the resource services' own rules. */
@Module({
  imports: [PropertiesModule, ResourcesModule, CallFlowsModule, DefaultRoutingModule],
  controllers: [BundlesController],
  providers: [BundlesService, BundleWriter, ConfigSnapshotReader],
})
export class BundlesModule {}
