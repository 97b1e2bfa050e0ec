/**
 * Bodies served for recording URLs: short silent files that real decoders accept, so an app that
 * downloads and stores recordings can be exercised end to end.
 */

/** ~0.26 s of MPEG-1 Layer III silence: 10 frames, 128 kbit/s, 44.1 kHz, mono, all-zero side info. */
export function silentMp3(): Buffer {
  const frameLength = Math.floor((144 * 128_000) / 44_100); // 417 bytes, no padding
  const frame = Buffer.alloc(frameLength);
  frame.set([0xff, 0xfb, 0x90, 0xc4]); // sync, MPEG-1 L3 no CRC; 128k/44.1k; mono, original
  return Buffer.concat(Array.from({ length: 10 }, () => frame));
}

/** 0.25 s of 8 kHz 16-bit mono PCM silence in a RIFF/WAVE container. */
export function silentWav(): Buffer {
  const sampleRate = 8000;
  const dataBytes = (sampleRate / 4) * 2;
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + dataBytes, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16); // PCM fmt chunk size
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28); // byte rate
  header.writeUInt16LE(2, 32); // block align
  header.writeUInt16LE(16, 34); // bits per sample
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(dataBytes, 40);
  return Buffer.concat([header, Buffer.alloc(dataBytes)]);
}
