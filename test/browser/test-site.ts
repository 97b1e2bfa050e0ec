import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The business's number as the test page prints it, in every format the script must keep. */
export const PAGE_NUMBERS = {
  paren: 'Call (312) 555-0100 today',
  dash: 'Office: 312-555-0100',
  dot: '312.555.0100',
  nbsp: '312\u00A0555\u00A00100',
  plus1: '+1 312 555 0100',
  other: 'Fax (312) 555-0111',
  // Split across elements: not handled (each text node is matched on its own), so it stays.
  split: '(312) 555-0100',
} as const;

export const PAGE_LINKS = {
  tel: 'tel:+13125550100',
  telFormatted: 'tel:312-555-0100',
  sms: 'sms:+13125550100?body=Hi',
  other: 'tel:+13125550111',
} as const;

function page(scriptUrl: string): string {
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>Sunset Apartments</title>
<script src="${scriptUrl}"></script>
</head><body>
<p id="paren">${PAGE_NUMBERS.paren}</p>
<p id="dash">${PAGE_NUMBERS.dash}</p>
<p id="dot"><em>${PAGE_NUMBERS.dot}</em></p>
<p id="nbsp">312&nbsp;555&nbsp;0100</p>
<p id="plus1">${PAGE_NUMBERS.plus1}</p>
<p id="other">${PAGE_NUMBERS.other}</p>
<p id="split"><span>(312)</span> <span>555-0100</span></p>
<a id="tel" href="${PAGE_LINKS.tel}">Call us</a>
<a id="tel-formatted" href="${PAGE_LINKS.telFormatted}"><b>(312) 555-0100</b></a>
<a id="sms" href="${PAGE_LINKS.sms}">Text us</a>
<a id="tel-other" href="${PAGE_LINKS.other}">Fax</a>
</body></html>`;
}

export interface TestSite {
  /** `http://localhost:<port>`: another host than the api's 127.0.0.1, as a real site would be. */
  origin: string;
  /** A page of numbers that loads the script from `scriptUrl`. */
  pageUrl(scriptUrl: string, path?: string): string;
  /** Requests the site has served, by path. */
  served: string[];
  stop(): Promise<void>;
}

/**
 * The customer's website: static pages (and, for the API-down test, a script file given to it;
 * `pages`: other pages by path, made from the script's URL). It serves no endpoint of ours.
 */
export async function startTestSite(
  files: Record<string, string> = {},
  pages: Record<string, (scriptUrl: string) => string> = {},
): Promise<TestSite> {
  const served: string[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    served.push(url.pathname);
    const file = files[url.pathname];
    const own = pages[url.pathname];
    if (file !== undefined) {
      res.writeHead(200, { 'content-type': 'application/javascript' }).end(file);
    } else if (own) {
      res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end(own(url.searchParams.get('s') ?? ''));
    } else if (url.pathname.endsWith('.html')) {
      res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end(page(url.searchParams.get('s') ?? ''));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://localhost:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    served,
    pageUrl: (scriptUrl, path = '/index.html') => `${origin}${path}?s=${encodeURIComponent(scriptUrl)}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
