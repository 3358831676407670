// What every end-to-end test needs: a page in Debian's headless Chromium that records anything a
// user should never see (console errors, failed requests, Content-Security-Policy violations,
// requests to any host but appgraph's own), and screenshots under target/e2e/.
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const baseUrl = process.env.APPGRAPH_URL ?? 'http://localhost:8080';
const target = process.env.E2E_TARGET ?? 'target/e2e';

const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];

let browser;

/** Debian's Chromium, headless, as every test drives it. */
export function launchChromium() {
  return chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args });
}

/** Launches Chromium once per test file; call at the top of the file. */
export function useBrowser() {
  before(async () => {
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
  });
}

/**
 * Opens a fresh page at a path of the portal. The returned `problems` lists every console error,
 * failed request and request to a foreign origin seen so far; `expectNoProblems()` asserts it empty.
 */
export async function open(path, { width = 1440, height = 900 } = {}) {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  const problems = [];
  const host = new URL(baseUrl).host;
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push('console error: ' + message.text());
  });
  page.on('pageerror', (error) => problems.push('page error: ' + error.message));
  page.on('request', (request) => {
    const url = request.url();
    // Same host and port, whatever the scheme (http: for pages and queries, ws: for subscriptions).
    if (!url.startsWith('data:') && !url.startsWith('blob:') && new URL(url).host !== host) {
      problems.push('request to a foreign origin: ' + url);
    }
  });
  page.on('requestfailed', (request) => {
    const failure = request.failure()?.errorText ?? '';
    // Navigations away and aborted subscriptions are normal; anything else is a broken page.
    if (!failure.includes('ERR_ABORTED')) problems.push('request failed: ' + request.url() + ' ' + failure);
  });
  await page.goto(baseUrl + path);
  return {
    page,
    problems,
    expectNoProblems() {
      assert.deepEqual(problems, [], 'the page showed problems a user would notice');
    },
    async screenshot(name) {
      await page.screenshot({ path: join(target, name + '.png'), fullPage: false });
    },
    async close() {
      await context.close();
    },
  };
}
