import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { Body } from './command-handlers';
import { TelnyxErrors } from './errors';
import type { Reply } from './http-server';

/**
 * Telnyx's on-demand telephony credentials (`/v2/telephony_credentials`): what a browser agent's
 * WebRTC client logs in with. Shapes follow the `telnyx` SDK's `telephonyCredentials` resource (the
 * call-control OpenAPI file has no such paths), so validation here is by hand.
 */
export interface TelephonyCredentialRequest {
  method: string;
  /** Path segments after `/v2`, decoded. */
  segments: string[];
  body: () => Body;
}

interface Credential {
  id: string;
  name: string | null;
  tag: string | null;
  connectionId: string;
  sipUsername: string;
  sipPassword: string;
  createdMs: number;
  updatedMs: number;
  expiresAt: string | null;
}

/** Telnyx access tokens for WebRTC are valid 24 hours. */
const TOKEN_TTL_S = 24 * 60 * 60;
const iso = (ms: number) => new Date(ms).toISOString();
const base64url = (v: Buffer | string) => Buffer.from(v).toString('base64url');
const alnum = (n: number) =>
  [...randomBytes(n)].map((b) => 'abcdefghijklmnopqrstuvwxyz0123456789'[b % 36]).join('');

export class TelephonyCredentialApi {
  private readonly credentials = new Map<string, Credential>();
  /** Signs the simulator's tokens: they only need to look like Telnyx's JWTs, nobody verifies them. */
  private readonly tokenSecret = randomBytes(32);

  constructor(private readonly now: () => number = Date.now) {}

  handles(resource: string | undefined): boolean {
    return resource === 'telephony_credentials';
  }

  /** Throws TelnyxApiError for every refusal; the server turns it into the reply. */
  handle(r: TelephonyCredentialRequest): Reply {
    const [, id, sub, ...rest] = r.segments;
    const path = `/v2/${r.segments.join('/')}`;
    if (rest.length > 0) throw TelnyxErrors.routeNotFound(path);
    const route = `${r.method} ${id === undefined ? '' : ':id'}${sub === undefined ? '' : `/${sub}`}`;
    switch (route) {
      case 'POST ':
        return this.create(r.body());
      case 'GET ':
        return this.list();
      case 'GET :id':
        return { status: 200, json: { data: this.json(this.find(id)) } };
      case 'DELETE :id': {
        const json = this.json(this.find(id));
        this.credentials.delete(id);
        return { status: 200, json: { data: json } };
      }
      case 'POST :id/token':
        return { status: 201, raw: Buffer.from(this.token(this.find(id))), contentType: 'text/plain' };
    }
    throw TelnyxErrors.routeNotFound(path);
  }

  /** Forgets every credential (POST /sim/reset); returns how many there were. */
  reset(): number {
    const n = this.credentials.size;
    this.credentials.clear();
    return n;
  }

  private create(body: Body): Reply {
    const connectionId = body.connection_id;
    if (connectionId === undefined || connectionId === null || connectionId === '')
      throw TelnyxErrors.missingParameter('/connection_id');
    if (typeof connectionId !== 'string')
      throw TelnyxErrors.invalidParameter('/connection_id', 'connection_id must be a string.');
    for (const field of ['name', 'tag', 'expires_at'] as const) {
      const v = body[field];
      if (v !== undefined && v !== null && typeof v !== 'string')
        throw TelnyxErrors.invalidParameter(`/${field}`, `${field} must be a string.`);
    }
    if (typeof body.expires_at === 'string' && Number.isNaN(Date.parse(body.expires_at)))
      throw TelnyxErrors.invalidParameter('/expires_at', 'expires_at must be an ISO-8601 date-time.');
    const at = this.now();
    const credential: Credential = {
      id: randomUUID(),
      name: typeof body.name === 'string' ? body.name : null,
      tag: typeof body.tag === 'string' ? body.tag : null,
      connectionId,
      // Telnyx's generated usernames look like this: a fixed prefix and random characters.
      sipUsername: `gencred${alnum(26)}`,
      sipPassword: alnum(32),
      createdMs: at,
      updatedMs: at,
      expiresAt: typeof body.expires_at === 'string' ? body.expires_at : null,
    };
    this.credentials.set(credential.id, credential);
    return { status: 201, json: { data: this.json(credential) } };
  }

  private list(): Reply {
    const data = [...this.credentials.values()].reverse().map((c) => this.json(c));
    return {
      status: 200,
      json: {
        data,
        meta: { page_number: 1, page_size: data.length, total_pages: 1, total_results: data.length },
      },
    };
  }

  private find(id: string): Credential {
    const credential = this.credentials.get(id);
    if (!credential) throw TelnyxErrors.resourceNotFound('telephony credential', id);
    return credential;
  }

  private json(c: Credential) {
    return {
      id: c.id,
      record_type: 'credential',
      name: c.name,
      tag: c.tag,
      resource_id: `connection:${c.connectionId}`,
      connection_id: c.connectionId,
      sip_username: c.sipUsername,
      sip_password: c.sipPassword,
      user_id: 'sim-user',
      expired: c.expiresAt !== null && Date.parse(c.expiresAt) <= this.now(),
      expires_at: c.expiresAt,
      created_at: iso(c.createdMs),
      updated_at: iso(c.updatedMs),
    };
  }

  private token(c: Credential): string {
    const iat = Math.floor(this.now() / 1000);
    const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
    const claims = base64url(
      JSON.stringify({
        iss: 'telnyx_access_token',
        sub: c.id,
        sip_username: c.sipUsername,
        jti: randomUUID(),
        iat,
        exp: iat + TOKEN_TTL_S,
      }),
    );
    const signature = base64url(
      createHmac('sha256', this.tokenSecret).update(`${header}.${claims}`).digest(),
    );
    return `${header}.${claims}.${signature}`;
  }
}
