import type { SwitchboardConfig } from '@switchboard/config';

/** Where Telnyx's WebRTC SDK signs in and signals (its websocket). */
const TELNYX_RTC = ['wss://rtc.telnyx.com', 'https://rtc.telnyx.com'];

/**
 * The /agent page's Content-Security-Policy: its own scripts and styles only (nothing inline, no
 * eval), no plugins, never framed (clickjacking an agent into answering or dialling), and network
 * access only to the api and the telephony the page is configured for: Telnyx's WebRTC signalling,
 * or the simulator's control API in development. Media flows over WebRTC, which CSP does not govern.
 */
export function agentPageCsp(agents: SwitchboardConfig['agents']): string {
  const telephony =
    agents.telephony === 'simulator'
      ? agents.simulatorUrl
        ? [new URL(agents.simulatorUrl).origin]
        : []
      : TELNYX_RTC;
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "media-src 'self' blob: data:",
    `connect-src ${["'self'", ...telephony].join(' ')}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
