import assert from 'node:assert/strict';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';

/** Set to write docs/images/admin-*.png from this run (docs/admin-console.md). */
export const SCREENSHOTS = process.env.ADMIN_SCREENSHOTS === '1';
const IMAGES = path.join(__dirname, '..', '..', '..', '..', 'docs', 'images');

/**
 * A console tab in Chromium that records what would make a user's page misbehave: script errors,
 * console errors, and requests that left the api's origin (the console must work offline).
 */
export interface ConsoleTab {
  page: Page;
  problems: string[];
  /** Asserts nothing went wrong in the page so far. */
  assertClean(): void;
  close(): Promise<void>;
}

export async function openConsole(browser: Browser, apiUrl: string): Promise<ConsoleTab> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const problems: string[] = [];
  const origin = new URL(apiUrl).origin;
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    // A 4xx the console shows to the user is expected; Chromium logs it as a console error too.
    if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:'))
      problems.push(`request outside the api: ${url}`);
  });
  return {
    page,
    problems,
    assertClean: () => assert.deepEqual(problems, []),
    close: () => context.close(),
  };
}

/** Signs in through the form, as an admin would. */
export async function signIn(page: Page, apiUrl: string, key: string, at = '/admin'): Promise<void> {
  await page.goto(`${apiUrl}${at}`);
  await page.getByLabel('API key').fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Sections' }).waitFor();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  if (SCREENSHOTS) await page.screenshot({ path: path.join(IMAGES, `admin-${name}.png`) });
}
