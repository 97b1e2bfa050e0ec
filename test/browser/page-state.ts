import type { Page } from 'playwright-core';

export interface PageState {
  text: Record<string, string>;
  href: Record<string, string>;
  /** The script's hiding class or markers are still on the page. */
  pending: boolean;
  hidden: Record<string, boolean>;
}

// In-page code is kept as strings: the test program is compiled without the DOM's types.
const PENDING_JS =
  "document.documentElement.classList.contains('sb-dni-pending') || " +
  "document.querySelector('[data-sb-dni-pending]') !== null";

const READ_JS = `(() => {
  const text = {}, href = {}, hidden = {};
  for (const el of document.querySelectorAll('[id]')) {
    text[el.id] = el.textContent;
    if (el.tagName === 'A') href[el.id] = el.getAttribute('href');
    hidden[el.id] = getComputedStyle(el).visibility === 'hidden';
  }
  return { text, href, hidden, pending: ${PENDING_JS} };
})()`;

/** What a visitor sees: each element's text, each link's href, and what is hidden. */
export function readPage(page: Page): Promise<PageState> {
  return page.evaluate<PageState>(READ_JS);
}

/** Waits until the script has finished (swapped, or given up and revealed the originals). */
export async function settled(page: Page, timeoutMs = 10_000): Promise<PageState> {
  await page.waitForFunction(`!(${PENDING_JS})`, undefined, { timeout: timeoutMs });
  return readPage(page);
}
