import { IsIn, IsString } from 'class-validator';
import { ResourceBodyDto } from '../dto-fields';
import { AUDIO_CONTENT_TYPES, type AudioContentType } from './audio-content';

/** An uploaded prompt; the bytes travel as base64 in the JSON body (decoded at most 5 MB). */
export class AudioDto extends ResourceBodyDto {
  @IsIn(AUDIO_CONTENT_TYPES)
  contentType: AudioContentType;

  @IsString()
  contentBase64: string;
}
