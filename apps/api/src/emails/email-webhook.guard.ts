import { HttpStatus, Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { SwitchboardConfig } from '@switchboard/config';
import { ApiError } from '../common/api-error';
import { readJsonBody } from '../common/json-body';
import { CONFIG } from '../common/tokens';
import { EMAIL_JSON_LIMIT } from './email-limits';
import { EMAIL_SIGNATURE_HEADER, EMAIL_TIMESTAMP_HEADER, verifyEmailWebhook } from './email-signature';

/**
 * The inbound-email webhook's authentication. A guard rather than code in the handler because
 * guards run before the validation pipe: an unsigned request must get 401, never a 422 that
 * tells an outsider what the body should look like. The signature is over the body, so this guard
 * reads it (2 MB at most), and only once the signature headers are there.
 */
@Injectable()
export class EmailWebhookGuard implements CanActivate {
  constructor(@Inject(CONFIG) private readonly cfg: SwitchboardConfig) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const secret = this.cfg.email.webhookSecret;
    if (!secret)
      throw new ApiError(
        HttpStatus.SERVICE_UNAVAILABLE,
        'unavailable',
        'EMAIL_WEBHOOK_SECRET is not configured',
      );
    const req = ctx.switchToHttp().getRequest<Parameters<typeof readJsonBody>[0]>();
    const header = (name: string) => {
      const v = req.headers[name];
      return Array.isArray(v) ? v[0] : v;
    };
    if (!header(EMAIL_SIGNATURE_HEADER) || !header(EMAIL_TIMESTAMP_HEADER))
      throw ApiError.unauthorized(`${EMAIL_SIGNATURE_HEADER} and ${EMAIL_TIMESTAMP_HEADER} are required`);
    await readJsonBody(req, EMAIL_JSON_LIMIT);
    const check = verifyEmailWebhook(
      secret,
      req.rawBody ?? Buffer.alloc(0),
      header(EMAIL_SIGNATURE_HEADER),
      header(EMAIL_TIMESTAMP_HEADER),
    );
    if (!check.ok) throw ApiError.unauthorized(check.reason);
    return true;
  }
}
