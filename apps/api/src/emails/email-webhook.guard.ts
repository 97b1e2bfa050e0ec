import { HttpStatus, Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { SwitchboardConfig } from '@switchboard/config';
import { ApiError } from '../common/api-error';
import { CONFIG } from '../common/tokens';
import { EMAIL_SIGNATURE_HEADER, EMAIL_TIMESTAMP_HEADER, verifyEmailWebhook } from './email-signature';

/**
 * The inbound-email webhook's authentication. A guard rather than code in the handler because
 * guards run before the validation pipe: an unsigned request must get 401, never a 422 that
 * tells an outsider what the body should look like.
 */
@Injectable()
export class EmailWebhookGuard implements CanActivate {
  constructor(@Inject(CONFIG) private readonly cfg: SwitchboardConfig) {}

  canActivate(ctx: ExecutionContext): boolean {
    const secret = this.cfg.email.webhookSecret;
    if (!secret)
      throw new ApiError(
        HttpStatus.SERVICE_UNAVAILABLE,
        'unavailable',
        'EMAIL_WEBHOOK_SECRET is not configured',
      );
    const req = ctx
      .switchToHttp()
      .getRequest<{ rawBody?: Buffer; headers: Record<string, string | string[] | undefined> }>();
    const header = (name: string) => {
      const v = req.headers[name];
      return Array.isArray(v) ? v[0] : v;
    };
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
