import type { LegState } from '@switchboard/contracts';

/** Telnyx requires client_state to be base64; we carry a small JSON object in it. */
export function encodeLegState(state: LegState): string {
  return Buffer.from(JSON.stringify(state), 'utf8').toString('base64');
}

/** Decodes defensively: a foreign or corrupt client_state is treated as absent, never as an error. */
export function decodeLegState(raw: unknown): LegState | null {
  if (typeof raw !== 'string' || raw === '') return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(raw, 'base64').toString('utf8'));
    if (parsed && typeof parsed === 'object') {
      const o = parsed as Record<string, unknown>;
      if (typeof o.wf === 'string' && (o.role === 'caller' || o.role === 'agent')) {
        return { wf: o.wf, role: o.role, ...(typeof o.tag === 'string' ? { tag: o.tag } : {}) };
      }
    }
  } catch {
    /* not ours */
  }
  return null;
}
