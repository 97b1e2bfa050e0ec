import { HttpStatus, Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { SwitchboardConfig } from '@switchboard/config';
import type { RateLimit } from '@switchboard/domain';
import { DniAccessRepository, type DniProperty } from '@switchboard/persistence';
import { ApiError } from '../common/api-error';
import { CONFIG } from '../common/tokens';
import { LocalRateLimiter } from './rate-limiter';

export type { DniProperty } from '@switchboard/persistence';

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
 * The gate of the public DNI endpoints, in the contract's order: rate limit (429), then the key
 * (404), then the Origin (403): only the property's allowed origins get CORS headers, so a browser
 * on any other site cannot read an answer. The rate limit (DNI_RATE_LIMIT_BURST,
 * DNI_RATE_LIMIT_PER_MINUTE, per client address) is the same whichever api process a request
 * reaches: a bucket in this process's memory refuses a flood before any database work, then the
 * bucket all api processes share is taken in the same statement that looks the key up, so the
 * shared limit costs no extra round trip. Guards run before the validation pipe, so a refused
 * origin never learns which fields were wrong. Errors thrown after the headers are set (422, 404
 * session) keep them: the script can read why it failed.
 */
@Injectable()
export class DniAccessGuard implements CanActivate {
  private readonly limit: RateLimit;
  private readonly local: LocalRateLimiter;

  constructor(
    @Inject(CONFIG) cfg: SwitchboardConfig,
    private readonly access: DniAccessRepository,
  ) {
    this.limit = { burst: cfg.dni.rateLimitBurst, perMinute: cfg.dni.rateLimitPerMinute };
    this.local = new LocalRateLimiter(this.limit);
  }

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<DniRequest>();
    const res = ctx.switchToHttp().getResponse<HeaderResponse>();
    // req.ip is the connecting address, or, behind a proxy listed in TRUSTED_PROXIES, the client
    // that proxy names in X-Forwarded-For (createApiApp sets Express's `trust proxy`).
    const address = req.ip ?? req.socket?.remoteAddress ?? 'unknown';
    req.dniClient = address;
    if (!this.local.take(address)) throw rateLimited();
    const key = req.params.dniKey;
    // When the database cannot be reached this throws, and the request fails as any database
    // error does: the endpoint cannot answer without the database, so admitting on the local
    // bucket alone would gain nothing, and a 429 would blame the visitor for our outage.
    const { admitted, property } = await this.access.admit(
      address,
      this.limit,
      key && /^[A-Za-z0-9_-]{8,64}$/.test(key) ? key : null,
    );
    if (!admitted) throw rateLimited();
    if (!property) throw ApiError.notFound('DNI key', String(key));
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
}

function rateLimited(): ApiError {
  return new ApiError(HttpStatus.TOO_MANY_REQUESTS, 'rate_limited', 'too many requests; slow down');
}
