// Checks the image Jib built (backend/target/jib-image.tar) as a container runtime would use it,
// with no container engine: unpacks its layers into a root filesystem, checks its configuration
// (non-root user, JVM flags for containers, no secret in its environment), then runs its entrypoint
// in that root (chroot, as user 65532, in new mount and PID namespaces with /proc mounted) and asks
// the running appgraph for its readiness and a GraphQL answer.
//
//   node image/check.mjs [jib-image.tar]
// Running the image needs root (chroot, unshare); without it only the configuration is checked, and
// the output says so.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const image = resolve(process.argv[2] ?? join(here, '..', 'backend', 'target', 'jib-image.tar'));
const work = join(dirname(image), 'image', 'check');
const failures = [];
const expect = (ok, message) => { if (!ok) failures.push(message); };

rmSync(work, { recursive: true, force: true });
const archive = join(work, 'archive');
const root = join(work, 'rootfs');
mkdirSync(archive, { recursive: true });
mkdirSync(root, { recursive: true });
// Jib writes libarchive's creation times into its tars, which GNU tar need not know.
const untar = (file, into) => execFileSync('tar', ['--warning=no-unknown-keyword', '-xf', file, '-C', into]);
untar(image, archive);
const [manifest] = JSON.parse(readFileSync(join(archive, 'manifest.json'), 'utf8'));
for (const layer of manifest.Layers) untar(join(archive, layer), root);
const { config } = JSON.parse(readFileSync(join(archive, manifest.Config), 'utf8'));

// What the image says about itself.
expect(config.User && !/^(0|root)(:|$)/.test(config.User), `runs as ${config.User ?? 'root'}, not a non-root user`);
const entrypoint = config.Entrypoint ?? [];
expect(entrypoint.includes('-XX:MaxRAMPercentage=75'), 'the JVM sizes its heap from the container\'s memory (-XX:MaxRAMPercentage=75): ' + entrypoint.join(' '));
expect(entrypoint.includes('io.appgraph.AppgraphApplication'), 'the entrypoint starts appgraph: ' + entrypoint.join(' '));
const env = Object.fromEntries((config.Env ?? []).map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]));
expect(env.SPRING_PROFILES_ACTIVE === 'prod', 'the prod profile is on');
for (const name of Object.keys(env)) {
  expect(!/(SECRET|TOKEN|PASSWORD)$/.test(name), `no secret in the image: ${name} is set in it`);
}
expect(Object.keys(config.ExposedPorts ?? {}).includes('8080/tcp'), 'port 8080 is exposed');

async function freePort() {
  return new Promise((ok) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => ok(port));
    });
  });
}

let ran = false;
if (process.getuid?.() === 0) {
  const port = await freePort();
  const runEnv = { ...env, SERVER_PORT: String(port), APPGRAPH_EMBEDDED_DATA_DIR: '/tmp/appgraph-data',
    APPGRAPH_EMBEDDED_BOLT_PORT: '0', APPGRAPH_EMBEDDED_PAGE_CACHE: '64m' };
  const [uid, gid] = config.User.split(':');
  // The host's tools by their full paths: the environment below is the image's, PATH included.
  const host = (tool) => execFileSync('sh', ['-c', 'command -v ' + tool]).toString().trim();
  const script = `${host('mount')} -t proc proc "$ROOT/proc" && exec ${host('chroot')} --userspec="$RUN_AS" "$ROOT" "$@"`;
  const container = spawn(host('unshare'), ['--mount', '--pid', '--fork', '--kill-child', host('sh'), '-c', script, 'sh',
    ...entrypoint, ...(config.Cmd ?? [])], {
    env: { ...runEnv, ROOT: root, RUN_AS: `${uid}:${gid ?? uid}` },
    stdio: ['ignore', 'pipe', 'pipe'],
    // A process group of its own, so that stopping it reaches the JVM inside the new PID namespace.
    detached: true,
  });
  let output = '';
  container.stdout.on('data', (d) => { output += d; });
  container.stderr.on('data', (d) => { output += d; });
  const url = `http://127.0.0.1:${port}`;
  const started = Date.now();
  try {
    let ready = false;
    while (!ready && Date.now() - started < 180_000 && container.exitCode === null) {
      try {
        ready = (await fetch(url + '/actuator/health/readiness', { signal: AbortSignal.timeout(5000) })).ok;
      } catch {
        // not listening yet
      }
      if (!ready) await new Promise((r) => setTimeout(r, 1000));
    }
    expect(ready, 'the image\'s appgraph became ready within 180 s; its output:\n' + output.slice(-4000));
    if (ready) {
      ran = true;
      const answer = await (await fetch(url + '/graphql', {
        signal: AbortSignal.timeout(10_000),
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ query: '{ apps(first: 1) { totalCount } }' }),
      })).json();
      expect(answer?.data?.apps?.totalCount === 0, 'GraphQL answers from the image (prod: no demo data): ' + JSON.stringify(answer));
      console.log(`image: ran ${entrypoint.join(' ')} as ${config.User}; ready in ${Math.round((Date.now() - started) / 1000)} s`);
    }
  } finally {
    // As a runtime stops a container: SIGTERM to its processes, SIGKILL if they are still there.
    const stopped = new Promise((ok) => container.on('exit', ok));
    const signal = (name) => { try { process.kill(-container.pid, name); } catch { /* gone */ } };
    signal('SIGTERM');
    const timer = setTimeout(() => signal('SIGKILL'), 30_000);
    await stopped;
    clearTimeout(timer);
  }
} else {
  console.warn('WARNING image: not root, so the image was not run (chroot and unshare need root); only its configuration was checked');
}

rmSync(work, { recursive: true, force: true });
if (failures.length) {
  console.error('image: ' + failures.length + ' problem(s):\n- ' + failures.join('\n- '));
  process.exit(1);
}
console.log(`image: ${image} is fine (${manifest.Layers.length} layers${ran ? ', started and answered' : ''})`);
