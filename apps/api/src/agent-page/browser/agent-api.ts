import type {
  MeReply,
  Presence,
  RecentCall,
  RecordingReply,
  SessionReply,
  SettablePresence,
  TelephonyReply,
} from './contract';

/** A refused request, with the api's own `error` text when it gave one. */
export class AgentApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The agent routes of docs/AGENT.md, on the page's own origin, with the session token. */
export class AgentApi {
  constructor(private token: string | null) {}

  get signedIn(): boolean {
    return this.token !== null;
  }

  async signIn(code: string): Promise<SessionReply> {
    const reply = await this.call<SessionReply>('POST', '/v1/agent/sessions', { code }, false);
    this.token = reply.token;
    return reply;
  }

  async signOut(): Promise<void> {
    try {
      await this.call('DELETE', '/v1/agent/sessions/current');
    } finally {
      this.token = null;
    }
  }

  me(): Promise<MeReply> {
    return this.call('GET', '/v1/agent/me');
  }

  async setPresence(presence: SettablePresence): Promise<Presence> {
    return (await this.call<{ presence: Presence }>('PUT', '/v1/agent/presence', { presence })).presence;
  }

  async recentCalls(limit = 20): Promise<RecentCall[]> {
    return (await this.call<{ items: RecentCall[] }>('GET', `/v1/agent/calls?limit=${limit}`)).items;
  }

  telephony(): Promise<TelephonyReply> {
    return this.call('GET', '/v1/agent/telephony');
  }

  placeCall(to: string, callerId: string): Promise<{ callId: string; workflowId: string }> {
    return this.call('POST', '/v1/agent/calls', { to, callerId });
  }

  /** Pauses or resumes the recording of the call the agent is on. */
  recording(action: 'pause' | 'resume'): Promise<RecordingReply> {
    return this.call('POST', `/v1/agent/current-call/recording/${action}`);
  }

  /** EventSource cannot send headers, so the token rides in the query (docs/AGENT.md). */
  eventsUrl(): string {
    return `/v1/agent/events?token=${encodeURIComponent(this.token ?? '')}`;
  }

  private async call<T>(method: string, path: string, body?: unknown, auth = true): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (auth && this.token) headers.authorization = `Bearer ${this.token}`;
    const res = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let json: unknown = undefined;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    if (!res.ok) {
      // The api's error body: {error: {status, code, message}}.
      const err = (json as { error?: { message?: unknown } } | undefined)?.error;
      const message = typeof err?.message === 'string' ? err.message : '';
      throw new AgentApiError(res.status, message || `${method} ${path}: HTTP ${res.status}`);
    }
    return json as T;
  }
}
