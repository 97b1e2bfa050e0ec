import { ArrayMaxSize, IsArray, IsBoolean, IsString, IsUUID, Length } from 'class-validator';
import { OptionalNotNull } from '../resources/dto-fields';

export class CreateAccountDto {
  @IsString()
  @Length(1, 200)
  name: string;
}

export class CreateApiKeyDto {
  @IsString()
  @Length(1, 200)
  name: string;

  /** Read-only keys may only GET. */
  @OptionalNotNull()
  @IsBoolean()
  readOnly?: boolean;

  /** Limit the key to these properties of the account; absent = all, including future ones. */
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  propertyIds?: string[];
}

export class SavePropertyListDto {
  @IsString()
  @Length(1, 200)
  name: string;

  @IsArray()
  @ArrayMaxSize(5000)
  @IsUUID('all', { each: true })
  propertyIds: string[];
}
