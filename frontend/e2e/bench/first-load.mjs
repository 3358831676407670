// First load of the portal's pages (not a test: it prints figures and asserts nothing). Drives
// Debian's Chromium against a running appgraph, each load in a fresh browser context (nothing
// cached), and prints per page the ms from navigation until its data is on screen, and the
// JavaScript and CSS it fetched (bytes over the wire, compressed when the server compressed them).
//
//   APPGRAPH_URL=http://127.0.0.1:8080 RUNS=5 node e2e/bench/first-load.mjs
import { chromium } from 'playwright-core';

const baseUrl = process.env.APPGRAPH_URL ?? 'http://localhost:8080';
const runs = Number(process.env.RUNS ?? 5);

// When each page shows its data: evaluated in the page until true.
const pages = [
  ['/', () => document.querySelectorAll('main table tbody tr').length > 0],
  ['/apps/payments-api', () => /apps? depend on it/.test(document.body.innerText)],
  ['/graph', () => document.querySelector('.estate-canvas[data-drawn]') !== null],
  ['/releases', () => document.querySelectorAll('main table tbody tr').length > 0],
  ['/ownership', () => document.querySelector('main table[aria-label="Open ownership alerts"] tbody tr') !== null],
  ['/graphiql', () => document.querySelector('.graphiql-container .CodeMirror') !== null],
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});
console.log('page'.padEnd(22) + 'p50 ms'.padStart(8) + 'min ms'.padStart(8) + 'max ms'.padStart(8) + 'JS kB'.padStart(8) + 'CSS kB'.padStart(8));
for (const [path, ready] of pages) {
  const times = [];
  let js = 0;
  let css = 0;
  for (let run = 0; run < runs; run++) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    let jsBytes = 0;
    let cssBytes = 0;
    page.on('response', async (response) => {
      const type = response.headers()['content-type'] ?? '';
      // Bytes of the body as sent: gzipped when the server compressed it.
      const size = (await response.request().sizes().catch(() => ({ responseBodySize: 0 }))).responseBodySize;
      if (type.includes('javascript')) jsBytes += size;
      if (type.includes('css')) cssBytes += size;
    });
    const started = Date.now();
    await page.goto(baseUrl + path);
    await page.waitForFunction(ready, undefined, { timeout: 60000, polling: 10 });
    times.push(Date.now() - started);
    js = jsBytes;
    css = cssBytes;
    await context.close();
  }
  times.sort((a, b) => a - b);
  const p50 = times[Math.floor(times.length / 2)];
  console.log(path.padEnd(22) + String(p50).padStart(8) + String(times[0]).padStart(8) + String(times[times.length - 1]).padStart(8)
    + (js / 1024).toFixed(0).padStart(8) + (css / 1024).toFixed(0).padStart(8));
}
await browser.close();
