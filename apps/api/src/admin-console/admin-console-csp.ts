/**
 * The console's Content-Security-Policy: its own scripts and styles only (no eval, no inline
 * script), never framed, and network access to the api it is served by and nothing else, so it
 * works offline and a key typed into it can only reach this api. Inline `style` attributes are
 * allowed: the flow canvas positions its nodes with them.
 */
export const ADMIN_CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
