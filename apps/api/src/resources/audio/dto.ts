import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { ResourceBodyDto } from '../dto-fields';
import { AUDIO_CONTENT_TYPES, type AudioContentType } from './audio-content';

/** An uploaded prompt; the bytes travel as base64 in the JSON body (decoded at most 5 MB). */
export class AudioDto extends ResourceBodyDto {
  @IsIn(AUDIO_CONTENT_TYPES)
  contentType: AudioContentType;

  @IsString()
  contentBase64: string;
}

/** `PATCH /{audioId}`: a new name; the bytes and the URL stay. */
export class RenameAudioDto {
  @IsString()
  @Length(1, 200)
  name: string;
}

/** The query of a raw upload (`PUT /{audioId}/content`). */
export class UploadAudioQuery {
  /** The name of a file this upload creates (default: its id); an existing file keeps its own. */
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;
}
