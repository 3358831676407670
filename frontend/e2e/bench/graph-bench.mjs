// Benchmark of the /graph page (not a test: it prints figures and asserts nothing). Drives Debian's
// Chromium (headless; WebGL falls back to SwiftShader, software rendering, unless a GPU is there)
// against a running appgraph, e.g. one started with the benchmark estate:
//
//   java -jar backend/target/appgraph.jar --appgraph.demo.apps=10000 --appgraph.demo.releases-per-app=5 \
//     --appgraph.embedded.data-dir=/tmp/appgraph-10k --server.port=8081
//   APPGRAPH_URL=http://127.0.0.1:8081 node e2e/bench/graph-bench.mjs [app ...]
//
// Prints, per run: ms from navigation until the graph is first drawn, the frame rate while the
// ForceAtlas2 worker arranges the graph, ms from pressing Enter on a search until the blast radius
// is drawn (first time: includes the blastRadius request; again: the highlight alone, answer cached),
// and the frame rate while the camera animates to the app and while zooming with the wheel.
import { chromium } from 'playwright-core';

const baseUrl = process.env.APPGRAPH_URL ?? 'http://localhost:8080';
const apps = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['payments-api', 'auth-service'];
const runs = Number(process.env.RUNS ?? 3);

// Runs in the page before any of its scripts: records when the graph is drawn and highlighted.
function instrument() {
  window.__bench = { drawnAt: null, highlights: [], enterAt: null };
  const observer = new MutationObserver((changes) => {
    for (const change of changes) {
      const el = change.target;
      if (!(el instanceof HTMLElement) || !el.classList.contains('estate-canvas')) continue;
      if (change.attributeName === 'data-drawn' && el.dataset.drawn && window.__bench.drawnAt === null) window.__bench.drawnAt = performance.now();
      if (change.attributeName === 'data-highlight') window.__bench.highlights.push({ key: el.dataset.highlight, at: performance.now() });
    }
  });
  document.addEventListener('DOMContentLoaded', () => observer.observe(document.body, { attributes: true, subtree: true, attributeFilter: ['data-drawn', 'data-highlight'] }));
  document.addEventListener('keydown', (e) => { if (e.key === 'Enter') window.__bench.enterAt = performance.now(); }, true);
  // Frames between two marks: count and the longest gap, from requestAnimationFrame.
  window.__frames = (millis) => new Promise((resolve) => {
    const times = [];
    const start = performance.now();
    const tick = (t) => {
      times.push(t);
      if (t - start < millis) requestAnimationFrame(tick);
      else {
        let worst = 0;
        for (let i = 1; i < times.length; i++) worst = Math.max(worst, times[i] - times[i - 1]);
        resolve({ fps: Math.round(((times.length - 1) * 1000) / (times[times.length - 1] - times[0])), worstFrameMs: Math.round(worst) });
      }
    };
    requestAnimationFrame(tick);
  });
}

async function select(page, app) {
  await page.getByLabel('Find an app').fill(app);
  await page.getByRole('list', { name: 'Matching apps' }).getByRole('button', { name: app, exact: true }).waitFor();
  const before = await page.evaluate(() => window.__bench.highlights.length);
  const framesPromise = page.evaluate(() => window.__frames(1000));
  await page.getByLabel('Find an app').press('Enter');
  await page.waitForFunction(([n, a]) => window.__bench.highlights.slice(n).some((h) => h.key.startsWith(a + ':')), [before, app], { timeout: 60000 });
  const latency = await page.evaluate(([n, a]) => {
    const h = window.__bench.highlights.slice(n).find((x) => x.key.startsWith(a + ':'));
    return { ms: Math.round(h.at - window.__bench.enterAt), count: Number(h.key.split(':')[2]) };
  }, [before, app]);
  return { ...latency, cameraFrames: await framesPromise };
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist'],
});
try {
  const estate = await (await fetch(baseUrl + '/graphql', {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ dependencyGraph { nodes { name } edges { from } } }' }),
  })).json();
  console.log(`estate: ${estate.data.dependencyGraph.nodes.length} apps, ${estate.data.dependencyGraph.edges.length} calls; ${runs} runs at 1440x900`);
  for (let run = 1; run <= runs; run++) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await context.addInitScript(instrument);
    const page = await context.newPage();
    const renderer = await page.evaluate(() => 0).catch(() => 0);
    void renderer;
    await page.goto(baseUrl + '/graph');
    await page.locator('.estate-canvas[data-drawn="true"]').waitFor({ timeout: 120000 });
    const drawnMs = Math.round(await page.evaluate(() => window.__bench.drawnAt));
    const layoutFrames = await page.evaluate(() => window.__frames(2000));
    // Let the layout finish (its budget is at most 10 s) before measuring interactions.
    await page.getByText(/apps, [\d,]+ calls$/).waitFor({ timeout: 30000 });
    const gl = await page.evaluate(() => {
      const c = document.createElement('canvas').getContext('webgl');
      const info = c?.getExtension('WEBGL_debug_renderer_info');
      return info ? c.getParameter(info.UNMASKED_RENDERER_WEBGL) : 'unknown';
    });
    const results = [];
    for (const app of apps) results.push({ app, first: await select(page, app) });
    // Again: the blast radius answers come from the client's cache, so this is the highlight alone.
    for (const r of results) r.again = await select(page, r.app);
    const box = await page.locator('.estate-canvas').boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const wheelFrames = page.evaluate(() => window.__frames(1000));
    for (let i = 0; i < 8; i++) { await page.mouse.wheel(0, i < 4 ? -240 : 240); await page.waitForTimeout(100); }
    const zoom = await wheelFrames;
    console.log(`run ${run}: drawn ${drawnMs} ms after navigation; while laying out ${layoutFrames.fps} fps (worst frame ${layoutFrames.worstFrameMs} ms); wheel zoom ${zoom.fps} fps (worst ${zoom.worstFrameMs} ms); renderer ${gl}`);
    for (const r of results) {
      console.log(`  select ${r.app} (blast radius ${r.first.count}): ${r.first.ms} ms to highlight (with request), ${r.again.ms} ms again (cached); camera move ${r.first.cameraFrames.fps} fps (worst ${r.first.cameraFrames.worstFrameMs} ms)`);
    }
    await context.close();
  }
} finally {
  await browser.close();
}
