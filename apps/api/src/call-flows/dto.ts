import { Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  Length,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

/** `?version=N`: a stored version instead of the current one. */
export class VersionQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version?: number;
}

export class DiagramQuery extends VersionQuery {
  /** `json` (default): { mermaid, svg }; `svg` or `mermaid`: that document alone. */
  @IsOptional()
  @IsIn(['json', 'svg', 'mermaid'])
  format?: 'json' | 'svg' | 'mermaid';
}

/**
 * The flow definition itself is libs/domain's CallFlow; it is checked by the domain's validateFlow
 * (one place for every flow rule), not by decorators here.
 */
export class SaveCallFlowDto {
  @IsString()
  @Length(1, 200)
  name: string;

  @IsDefined()
  @IsObject()
  definition: Record<string, unknown>;
}

export class UpdateCallFlowDto {
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @IsDefined()
  @IsObject()
  definition: Record<string, unknown>;
}

export class SimulatedSessionDto {
  @IsOptional() @IsString() keyword?: string;
  @IsOptional() @IsString() landingPage?: string;
  @IsOptional() @IsString() activePage?: string;
  @IsOptional() @IsString() campaign?: string;
  @IsOptional() @IsString() referrer?: string;
}

export class SimulatedCallerDto {
  @IsOptional()
  @IsString()
  callerId?: string;

  @IsOptional()
  @IsInt()
  @Min(0)
  priorCalls?: number;

  @IsOptional()
  @IsString()
  source?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => SimulatedSessionDto)
  session?: SimulatedSessionDto;

  @IsOptional()
  @IsObject()
  previousCall?: { score?: number; leadStatus?: 'good_lead' | 'not_a_lead' | 'not_scored' };
}

/** A dry run: who calls, when, what they press and who answers. Nothing is dialled. */
export class SimulateCallFlowDto {
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;

  /**
   * A definition to try instead of a stored version (the editor's unsaved changes), checked like a
   * save (422 naming `definition.…`); nothing is stored. Absent: `version`, or the current one.
   */
  @IsOptional()
  @IsObject()
  definition?: Record<string, unknown>;

  @IsOptional()
  @ValidateNested()
  @Type(() => SimulatedCallerDto)
  caller?: SimulatedCallerDto;

  /** The call's start instant (ISO 8601); schedules are judged at it. Default: now. */
  @IsOptional()
  @IsISO8601({ strict: true })
  at?: string;

  /** One entry per menu prompt: keys pressed, or "" for no input. */
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  keypresses?: string[];

  /**
   * One entry per spoken front desk step: what the caller says, or "" for silence. A word matcher
   * stands in for the carrier's AI (docs/flows.md).
   */
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  @MaxLength(1000, { each: true })
  say?: string[];

  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  answeringAgentIds?: string[];

  @IsOptional()
  @IsBoolean()
  forwardAnswered?: boolean;

  /**
   * Schedules and ring groups by id, replacing the property's stored ones of the same id for this
   * dry run (to try a change before saving it). Absent: the stored ones alone.
   */
  @IsOptional()
  @IsObject()
  schedules?: Record<string, unknown>;

  @IsOptional()
  @IsObject()
  ringGroups?: Record<string, unknown>;
}
