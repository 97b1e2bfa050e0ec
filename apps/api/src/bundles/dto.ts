import { ArrayUnique, IsArray, IsBoolean, IsIn, IsOptional, IsUUID } from 'class-validator';

/** `POST …/bundle/apply?dryRun=true&prune=true` */
export class ApplyBundleQuery {
  /** `true`: write nothing, answer what would change. */
  @IsOptional()
  @IsIn(['true', 'false'])
  dryRun?: 'true' | 'false';

  /** `true`: remove the schedules, agents, audio, ring groups and voicemail boxes the bundle does not list. */
  @IsOptional()
  @IsIn(['true', 'false'])
  prune?: 'true' | 'false';
}

/** What an import may copy; sources, tracking numbers and the property's settings are never copied. */
export const IMPORT_KINDS = [
  'schedules',
  'audio',
  'agents',
  'ring_groups',
  'voicemail_boxes',
  'flows',
  'default_routing',
] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** `POST …/import`: copy another property's configuration into this one. */
export class ImportDto {
  /** A property the key reaches (404 otherwise, as for any id it does not). */
  @IsUUID()
  fromPropertyId: string;

  /** Default: every kind. */
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(IMPORT_KINDS, { each: true })
  include?: ImportKind[];

  /** Write nothing, answer what would change. */
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;
}
