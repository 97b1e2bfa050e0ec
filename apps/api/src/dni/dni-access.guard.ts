import { HttpStatus, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ApiError } from '../common/api-error';
import { loadConfig } from '@switchboard/config';
import { dniLimiter } from './rate-limiter';

/** The property a DNI key names, as the public endpoints need it. */
export interface DniProperty {
  id: string;
  allowedOrigins: string[];
  swapNumbers: string[];
  sessionGraceMinutes: number;
  attributionModel: 'first_touch' | 'last_touch';
  phone: string | null;
}

export interface DniRequest {
  method: string;
  ip?: string;
  socket?: { remoteAddress?: string };
  headers: Record<string, string | string[] | undefined>;
  params: Record<string, string>;
  dniProperty?: DniProperty;
  /** The client's address as the rate limit saw it (set by the guard). */
  dniClient?: string;
}

interface HeaderResponse {
  setHeader(name: string, value: string): void;
}

const PREFLIGHT_MAX_AGE_SECS = 600;

function header(req: DniRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * The gate of the public DNI endpoints, in the contract's order: rate limit (429) before any
 * database work, then the key (404), then the Origin (403): only the property's allowed origins
 * get CORS headers, so a browser on any other site cannot read an answer. Guards run before the
 * validation pipe, so a refused origin never learns which fields were wrong. Errors thrown after
 * the headers are set (422, 404 session) keep them: the script can read why it failed.
 */
@Injectable()
export class DniAccessGuard implements CanActivate {
  private readonly limiter = dniLimiter(loadConfig().dni);

  constructor(private readonly ds: DataSource) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<DniRequest>();
    const res = ctx.switchToHttp().getResponse<HeaderResponse>();
    // req.ip is the connecting address, or, behind a proxy listed in TRUSTED_PROXIES, the client
    // that proxy names in X-Forwarded-For (createApiApp sets Express's `trust proxy`).
    const address = req.ip ?? req.socket?.remoteAddress ?? 'unknown';
    req.dniClient = address;
    if (!this.limiter.take(address))
      throw new ApiError(HttpStatus.TOO_MANY_REQUESTS, 'rate_limited', 'too many requests; slow down');
    const property = await this.byKey(req.params.dniKey);
    if (!property) throw ApiError.notFound('DNI key', String(req.params.dniKey));
    const origin = header(req, 'origin');
    if (!origin || !property.allowedOrigins.includes(origin.toLowerCase()))
      throw ApiError.forbidden(
        'origin_not_allowed',
        "this origin is not one of the property's allowed sites",
      );
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Vary', 'Origin');
    if (req.method.toUpperCase() === 'OPTIONS') {
      res.setHeader('Access-Control-Allow-Methods', 'POST, OPTIONS');
      res.setHeader('Access-Control-Allow-Headers', 'content-type');
      res.setHeader('Access-Control-Max-Age', String(PREFLIGHT_MAX_AGE_SECS));
    }
    req.dniProperty = property;
    return true;
  }

  private async byKey(key: string | undefined): Promise<DniProperty | null> {
    if (!key || !/^[A-Za-z0-9_-]{8,64}$/.test(key)) return null;
    const rows: DniProperty[] = await this.ds.query(
      `SELECT id, dni_allowed_origins AS "allowedOrigins", dni_swap_numbers AS "swapNumbers",
              dni_session_grace_minutes AS "sessionGraceMinutes", dni_attribution_model AS "attributionModel",
              phone
         FROM properties WHERE dni_key = $1`,
      [key],
    );
    return rows[0] ?? null;
  }
}
