/** Who said a part of a call's conversation. */
export type TranscriptSpeaker = 'caller' | 'agent';

export const TRANSCRIPT_SPEAKERS: readonly TranscriptSpeaker[] = ['caller', 'agent'];

/** One final piece of a transcribed conversation, in the order it was said. */
export interface TranscriptSegment {
  readonly speaker: TranscriptSpeaker;
  readonly text: string;
}

const LABELS: Record<TranscriptSpeaker, string> = { caller: 'Caller', agent: 'Agent' };

/**
 * Which speaker a carrier transcription track is. Transcription runs on the caller's leg, so its
 * own audio (`inbound`) is the caller and the other side of the bridge (`outbound`) the agent.
 */
export function speakerOfTrack(track: 'inbound' | 'outbound'): TranscriptSpeaker {
  return track === 'inbound' ? 'caller' : 'agent';
}

/**
 * The one definition of a call's transcript text from its segments: one line per turn,
 * `Caller: …` / `Agent: …`, consecutive segments of one speaker joined into one turn. This is the
 * text keyword rules score and full-text search indexes; null when nothing was said.
 */
export function joinTranscript(segments: readonly TranscriptSegment[]): string | null {
  const turns: { speaker: TranscriptSpeaker; texts: string[] }[] = [];
  for (const s of segments) {
    const text = s.text.trim();
    if (text === '') continue;
    const last = turns.at(-1);
    if (last?.speaker === s.speaker) last.texts.push(text);
    else turns.push({ speaker: s.speaker, texts: [text] });
  }
  if (turns.length === 0) return null;
  return turns.map((t) => `${LABELS[t.speaker]}: ${t.texts.join(' ')}`).join('\n');
}

/**
 * The one definition of a text conversation's "transcript" for scoring: the texter's own message
 * bodies, one per line, in the order sent (keywords like STOP and our replies are not theirs to
 * be scored on); null when they wrote nothing.
 */
export function textTranscript(bodies: readonly string[]): string | null {
  const lines = bodies.map((b) => b.trim()).filter((b) => b !== '');
  return lines.length > 0 ? lines.join('\n') : null;
}
