import { ArrayMaxSize, IsArray, IsBoolean, IsOptional, IsUUID, ValidateIf } from 'class-validator';

/** `PUT …/default-routing`: one of the property's call flows, or null for none. */
export class SetDefaultRoutingDto {
  @ValidateIf((_o, v) => v !== null)
  @IsUUID()
  callFlowId: string | null;
}

/** `POST …/default-routing/apply`: which tracking numbers get the default flow. */
export class ApplyDefaultRoutingDto {
  /** Only numbers without a call flow (default: every number of the property). */
  @IsOptional()
  @IsBoolean()
  onlyUnassigned?: boolean;

  /** List what would change without changing it. */
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;

  /** Only the numbers of these sources (of this property). */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  sourceIds?: string[];
}
