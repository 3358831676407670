// End-to-end tests of the portal: starts the packaged backend jar (embedded Neo4j, demo estate)
// on a scratch data directory and a free port, then runs e2e/tests/*.test.mjs with node's test
// runner, each driving Debian's Chromium through playwright-core. Screenshots go to target/e2e/.
//
//   node e2e/run.mjs [path/to/appgraph.jar]      (default ../backend/target/appgraph.jar)
//   APPGRAPH_URL=http://localhost:8080 node e2e/run.mjs   (against a server already running)
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, createWriteStream, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const target = resolve(here, '..', 'target', 'e2e');
mkdirSync(target, { recursive: true });

async function freePort() {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => ok(port));
    });
  });
}

async function waitUntilReady(url, server, seconds) {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (server && server.exitCode !== null) throw new Error('appgraph exited with ' + server.exitCode + ' before it was ready; see ' + join(target, 'appgraph.log'));
    try {
      const response = await fetch(url + '/actuator/health/readiness');
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('appgraph was not ready within ' + seconds + ' s; see ' + join(target, 'appgraph.log'));
}

let url = process.env.APPGRAPH_URL;
let server;
let data;
if (!url) {
  const jar = resolve(process.argv[2] ?? join(here, '..', '..', 'backend', 'target', 'appgraph.jar'));
  const port = await freePort();
  data = mkdtempSync(join(tmpdir(), 'appgraph-e2e-'));
  url = 'http://127.0.0.1:' + port;
  const log = createWriteStream(join(target, 'appgraph.log'));
  server = spawn('java', ['-Xmx1g', '-jar', jar, '--server.port=' + port, '--appgraph.embedded.bolt-port=0',
    '--appgraph.embedded.data-dir=' + join(data, 'db')], { stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout.pipe(log);
  server.stderr.pipe(log);
  const started = Date.now();
  await waitUntilReady(url, server, 240);
  console.log('e2e: appgraph ready at ' + url + ' in ' + Math.round((Date.now() - started) / 1000) + ' s');
}

function stop() {
  if (server && server.exitCode === null) server.kill('SIGTERM');
  if (data) rmSync(data, { recursive: true, force: true });
}
process.on('SIGINT', () => { stop(); process.exit(130); });

const files = readdirSync(join(here, 'tests')).filter((f) => f.endsWith('.test.mjs')).sort()
  .map((f) => join(here, 'tests', f));
const only = process.env.E2E_ONLY;
const selected = only ? files.filter((f) => f.includes(only)) : files;
const runner = spawn(process.execPath, ['--test', '--test-concurrency=1', '--test-reporter=spec', ...selected], {
  stdio: 'inherit',
  env: { ...process.env, APPGRAPH_URL: url, E2E_TARGET: target },
});
const code = await new Promise((ok) => runner.on('exit', (c) => ok(c ?? 1)));
if (server && server.exitCode === null) {
  server.kill('SIGTERM');
  await new Promise((ok) => { server.on('exit', ok); setTimeout(ok, 15000); });
}
stop();
process.exit(code);
