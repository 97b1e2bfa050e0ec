import type { INestApplication } from '@nestjs/common';
import { json } from 'express';

/** A message with its HTML can exceed the api-wide 256 kB body limit. */
export const EMAIL_JSON_LIMIT = '2mb';

/**
 * The webhook's own body parser, registered before the api-wide one (the first parser to read a
 * body wins). It keeps the raw bytes, as Nest's `rawBody` does for its parser: the signature is
 * over them.
 */
export function useEmailWebhookBodyParser(app: INestApplication): void {
  app.use(
    '/webhooks/email',
    json({
      limit: EMAIL_JSON_LIMIT,
      verify: (req, _res, buf) => {
        (req as { rawBody?: Buffer }).rawBody = buf;
      },
    }),
  );
}
