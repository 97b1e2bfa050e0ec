import type { Body } from '../../api/types';

export type AudioContentType = Body<'/v1/properties/{propertyId}/audio', 'post'>['contentType'];

/**
 * The content type to declare for a picked file: what the browser says when it is one the api
 * takes, else read from the extension; the api checks the bytes either way.
 */
export function audioTypeOf(file: File): AudioContentType {
  const t = file.type.toLowerCase();
  if (t === 'audio/mpeg' || t === 'audio/wav' || t === 'audio/x-wav') return t;
  if (t === 'audio/mp3' || /\.mp3$/i.test(file.name)) return 'audio/mpeg';
  return 'audio/wav';
}

/** The file's bytes as base64, the way the api's JSON upload takes them. */
export function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () =>
      resolve(typeof reader.result === 'string' ? reader.result.replace(/^data:[^,]*,/, '') : '');
    reader.onerror = () => reject(reader.error ?? new Error('could not read the file'));
    reader.readAsDataURL(file);
  });
}

/** "1.2 MB", "830 kB", "512 B". */
export function sizeText(bytes: number): string {
  if (bytes >= 1_000_000) return `${(bytes / 1_000_000).toFixed(1)} MB`;
  if (bytes >= 1_000) return `${Math.round(bytes / 1_000)} kB`;
  return `${bytes} B`;
}

/** The file's name without its extension, as a default display name. */
export const baseName = (file: File): string => file.name.replace(/\.[^.]+$/, '');
