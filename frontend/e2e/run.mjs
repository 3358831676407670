// End-to-end tests of the portal: starts the packaged backend jar (embedded Neo4j, demo estate)
// on a scratch data directory and a free port, then runs e2e/tests/*.test.mjs with node's test
// runner, each driving Debian's Chromium through playwright-core. Screenshots go to target/e2e/.
//
//   node e2e/run.mjs [path/to/appgraph.jar] [--issuer-classpath <backend's test classpath>]
//                                                (default ../backend/target/appgraph.jar)
// With --issuer-classpath (the Maven build passes it), a second appgraph runs in `oidc` mode on
// the first one's database, beside a real OpenID Connect issuer (the tests' TestIssuer, Spring
// Authorization Server): tests/oidc.test.mjs logs in through it. Without it, that test is skipped.
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

async function waitUntilReady(url, server, seconds, logName = 'appgraph.log') {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (server && server.exitCode !== null) throw new Error('appgraph exited with ' + server.exitCode + ' before it was ready; see ' + join(target, logName));
    try {
      const response = await fetch(url + '/actuator/health/readiness');
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('appgraph was not ready within ' + seconds + ' s; see ' + join(target, logName));
}

/** Starts the jar on a port with more arguments, its output in target/e2e/<logName>; resolves once ready. */
async function startAppgraph(port, heap, args, logName) {
  const log = createWriteStream(join(target, logName));
  const child = spawn('java', ['-Xmx' + heap, '-jar', jar, '--server.port=' + port, ...args],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  await waitUntilReady('http://127.0.0.1:' + port, child, 240, logName);
  return child;
}

const positional = process.argv.slice(2).filter((a, i, all) => a !== '--issuer-classpath' && all[i - 1] !== '--issuer-classpath');
const issuerFlag = process.argv.indexOf('--issuer-classpath');
const issuerClasspath = issuerFlag > 0 ? process.argv[issuerFlag + 1] : undefined;
const jar = resolve(positional[0] ?? join(here, '..', '..', 'backend', 'target', 'appgraph.jar'));

let url = process.env.APPGRAPH_URL;
let server;
let data;
let boltPort;
/** Every process this run started, stopped however it ends. */
const children = [];
if (!url) {
  const port = await freePort();
  boltPort = await freePort();
  data = mkdtempSync(join(tmpdir(), 'appgraph-e2e-'));
  url = 'http://127.0.0.1:' + port;
  const started = Date.now();
  server = await startAppgraph(port, '1g', ['--appgraph.embedded.bolt-port=' + boltPort,
    '--appgraph.embedded.data-dir=' + join(data, 'db')], 'appgraph.log');
  console.log('e2e: appgraph ready at ' + url + ' in ' + Math.round((Date.now() - started) / 1000) + ' s');
}

/** Starts a Java helper that prints `<marker> <value>` once ready; resolves to the value. */
async function startJava(args, marker, logName, seconds) {
  const helper = spawn('java', args, { stdio: ['pipe', 'pipe', 'pipe'] });
  children.push(helper);
  const log = createWriteStream(join(target, logName));
  helper.stderr.pipe(log);
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(marker + ' not ready within ' + seconds + ' s; see ' + join(target, logName))), seconds * 1000);
    let buffered = '';
    helper.stdout.on('data', (chunk) => {
      log.write(chunk);
      buffered += chunk.toString();
      const line = buffered.split('\n').find((l) => l.startsWith(marker + ' '));
      if (line) {
        clearTimeout(timer);
        ok(line.slice(marker.length + 1).trim());
      }
    });
    helper.on('exit', (code) => fail(new Error(logName + ' exited with ' + code + ' before it was ready')));
  });
}

// The portal behind a login: a second appgraph in oidc mode on the first one's database (as a
// second replica would be), and the issuer it trusts.
let oidcUrl;
if (issuerClasspath && boltPort) {
  const oidcPort = await freePort();
  oidcUrl = 'http://127.0.0.1:' + oidcPort;
  const issuer = await startJava(['-Xmx256m', '-cp', issuerClasspath, 'testsupport.oidc.TestIssuer', oidcUrl + '/'],
    'ISSUER', 'issuer.log', 120);
  const second = startAppgraph(oidcPort, '768m', ['--spring.neo4j.uri=bolt://127.0.0.1:' + boltPort,
    '--appgraph.demo.enabled=false', '--appgraph.ownership.sweep-enabled=false', '--appgraph.outbox.enabled=false',
    '--appgraph.security.mode=oidc', '--appgraph.security.oidc.issuer-uri=' + issuer,
    '--appgraph.security.oidc.client-id=appgraph-portal'], 'appgraph-oidc.log');
  await second;
  console.log('e2e: appgraph in oidc mode ready at ' + oidcUrl + ', issuer at ' + issuer);
}

function stop() {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  if (data) rmSync(data, { recursive: true, force: true });
}
process.on('SIGINT', () => { stop(); process.exit(130); });
// However the run ends (a server that never became ready included), nothing it started outlives it.
process.on('exit', stop);

const files = readdirSync(join(here, 'tests')).filter((f) => f.endsWith('.test.mjs')).sort()
  .map((f) => join(here, 'tests', f));
const only = process.env.E2E_ONLY;
const selected = only ? files.filter((f) => f.includes(only)) : files;
const runner = spawn(process.execPath, ['--test', '--test-concurrency=1', '--test-reporter=spec', ...selected], {
  stdio: 'inherit',
  env: { ...process.env, APPGRAPH_URL: url, E2E_TARGET: target, ...(oidcUrl ? { APPGRAPH_OIDC_URL: oidcUrl } : {}) },
});
const code = await new Promise((ok) => runner.on('exit', (c) => ok(c ?? 1)));
if (server && server.exitCode === null) {
  server.kill('SIGTERM');
  await new Promise((ok) => { server.on('exit', ok); setTimeout(ok, 15000); });
}
stop();
process.exit(code);
