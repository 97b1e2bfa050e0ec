import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { UuidParam } from '../common/uuid-param.pipe';
import { DniSettingsService } from './dni-settings.service';
import type { DniSettingsView, PoolList, PoolUtilizationView, PoolView } from './dni.view';
import { CreatePoolDto, UpdateDniSettingsDto, UpdatePoolDto } from './dto';

const propertyUuid = new UuidParam('propertyId');
const poolUuid = new UuidParam('poolId');

/** A property's DNI settings and keyword pools; the AuthGuard checks the key reaches the property. */
@Controller({ path: 'properties/:propertyId', version: '1' })
export class DniAdminController {
  constructor(private readonly svc: DniSettingsService) {}

  /** The property's DNI settings, with the public `dniKey` the script and endpoints are addressed by. */
  @Get('dni')
  settings(@Param('propertyId', propertyUuid) id: string): Promise<DniSettingsView> {
    return this.svc.settings(id);
  }

  /** Changes the given DNI settings (allowed origins, swap numbers, grace, look-back, model). */
  @Patch('dni')
  updateSettings(
    @Param('propertyId', propertyUuid) id: string,
    @Body() dto: UpdateDniSettingsDto,
  ): Promise<DniSettingsView> {
    return this.svc.updateSettings(id, dto);
  }

  /** Creates a source's number pool from tracking numbers of that source. */
  @Post('pools')
  createPool(@Param('propertyId', propertyUuid) id: string, @Body() dto: CreatePoolDto): Promise<PoolView> {
    return this.svc.createPool(id, dto);
  }

  @Get('pools')
  async listPools(@Param('propertyId', propertyUuid) id: string): Promise<PoolList> {
    return { items: await this.svc.listPools(id) };
  }

  @Get('pools/:poolId')
  getPool(
    @Param('propertyId', propertyUuid) id: string,
    @Param('poolId', poolUuid) poolId: string,
  ): Promise<PoolView> {
    return this.svc.getPool(id, poolId);
  }

  /** Changes a pool; `trackingNumberIds` replaces its numbers, so a live pool can grow. */
  @Patch('pools/:poolId')
  updatePool(
    @Param('propertyId', propertyUuid) id: string,
    @Param('poolId', poolUuid) poolId: string,
    @Body() dto: UpdatePoolDto,
  ): Promise<PoolView> {
    return this.svc.updatePool(id, poolId, dto);
  }

  /** Removes the pool; its numbers stay as plain numbers of the source. */
  @Delete('pools/:poolId')
  @HttpCode(204)
  async removePool(@Param('propertyId', propertyUuid) id: string, @Param('poolId', poolUuid) poolId: string) {
    await this.svc.deletePool(id, poolId);
  }

  /** Numbers held now, free, and how often visitors found the pool exhausted. */
  @Get('pools/:poolId/utilization')
  utilization(
    @Param('propertyId', propertyUuid) id: string,
    @Param('poolId', poolUuid) poolId: string,
  ): Promise<PoolUtilizationView> {
    return this.svc.utilization(id, poolId);
  }
}
