/** An audio file of the property, which prompts play by id. */
export class AudioView {
  propertyId: string;
  id: string;
  name: string;

  /** audio/mpeg, audio/wav or audio/x-wav, as uploaded. */
  contentType: string;

  sizeBytes: number;

  /** Signed URL the carrier (and anyone with the link) fetches the file from, without an API key, until it expires. */
  url: string;

  createdAt: Date;
  updatedAt: Date;
}

export class AudioList {
  items: AudioView[];
}
