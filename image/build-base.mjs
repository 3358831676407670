// Builds appgraph's base image offline, as a Docker archive that Jib takes as `tar://…`: no registry
// is needed (none is reachable from this project's build machines). Distroless in spirit: a Java 17
// runtime made by jlink from the build's JDK, the few glibc libraries it loads (copied from this
// machine, Debian's), a non-root user 65532, a writable /tmp, Java's CA certificates, no shell.
//
//   node image/build-base.mjs [out.tar]        (default backend/target/image/base-image.tar)
//   JLINK_JDK=/path/to/jdk to link another JDK's modules (it needs jmods, or JDK 24+ without them).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync,
  statSync, writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = resolve(process.argv[2] ?? join(here, '..', 'backend', 'target', 'image', 'base-image.tar'));

// What Spring Boot, Tomcat, Neo4j and the drivers use; java.se covers java.beans, JMX, JNDI, SQL.
const MODULES = ['java.se', 'jdk.unsupported', 'jdk.crypto.ec', 'jdk.management', 'jdk.management.agent',
  'jdk.jfr', 'jdk.naming.dns', 'jdk.zipfs', 'jdk.net', 'jdk.httpserver'];

// Libraries of the desktop modules (AWT, sound, fonts): never loaded headless, so their X11 and
// ALSA dependencies stay out.
const DESKTOP = /(awt|jawt|fontmanager|splashscreen|lcms|jsound|mlib_image|javajpeg)/;

function javaHome() {
  if (process.env.JLINK_JDK) return process.env.JLINK_JDK;
  const javac = execFileSync('sh', ['-c', 'command -v javac']).toString().trim();
  return dirname(dirname(realpathSync(javac)));
}

const work = mkdtempSync(join(tmpdir(), 'appgraph-base-'));
const root = join(work, 'rootfs');
try {
  const jdk = javaHome();
  mkdirSync(root, { recursive: true });
  execFileSync(join(jdk, 'bin', 'jlink'), ['--add-modules', MODULES.join(','), '--strip-debug', '--no-header-files',
    '--no-man-pages', '--output', join(root, 'opt', 'java')], { stdio: 'inherit' });

  // Java's trust store: Debian's JDK points it at /etc/ssl/certs/java/cacerts, which a link copies
  // as a dangling link, if at all.
  const cacerts = join(root, 'opt', 'java', 'lib', 'security', 'cacerts');
  for (const source of [join(jdk, 'lib', 'security', 'cacerts'), '/etc/ssl/certs/java/cacerts']) {
    if (existsSync(source) && statSync(source).size > 0) {
      rmSync(cacerts, { force: true });
      copyFileSync(realpathSync(source), cacerts);
      break;
    }
  }

  // The shared libraries the runtime's own libraries need, found by the dynamic loader.
  const libraries = new Set(['/lib64/ld-linux-x86-64.so.2']);
  const walk = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]);
  for (const file of walk(join(root, 'opt', 'java'))) {
    if (!file.endsWith('.so') && !file.endsWith('/bin/java')) continue;
    if (DESKTOP.test(file)) continue;
    const ldd = execFileSync('ldd', [file]).toString();
    for (const match of ldd.matchAll(/=>\s+(\/\S+)/g)) {
      if (!match[1].startsWith(join(root, 'opt', 'java'))) libraries.add(match[1]);
    }
  }
  for (const library of libraries) {
    const target = join(root, library);
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(realpathSync(library), target);
  }

  mkdirSync(join(root, 'etc'), { recursive: true });
  writeFileSync(join(root, 'etc', 'passwd'),
    'root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n');
  writeFileSync(join(root, 'etc', 'group'), 'root:x:0:\nnonroot:x:65532:\n');
  writeFileSync(join(root, 'etc', 'nsswitch.conf'), 'passwd: files\ngroup: files\nhosts: files dns\n');
  for (const dir of ['tmp', 'proc', 'home/nonroot']) mkdirSync(join(root, dir), { recursive: true });
  chmodSync(join(root, 'tmp'), 0o1777);

  // One layer, reproducible: sorted names, fixed times, numeric root ownership but for the home.
  const archive = join(work, 'archive');
  mkdirSync(archive);
  const layer = join(work, 'layer.tar');
  // Entries named without a leading "./": Jib refuses those as outside its destination.
  execFileSync('tar', ['--sort=name', '--mtime=@0', '--numeric-owner', '--owner=0', '--group=0', '-C', root,
    '-cf', layer, ...readdirSync(root).sort()]);
  const layerBytes = readFileSync(layer);
  const diffId = createHash('sha256').update(layerBytes).digest('hex');
  mkdirSync(join(archive, diffId));
  writeFileSync(join(archive, diffId, 'layer.tar'), layerBytes);

  const config = JSON.stringify({
    architecture: 'amd64',
    os: 'linux',
    created: '1970-01-01T00:00:00Z',
    config: {
      Env: ['PATH=/opt/java/bin:/usr/local/bin:/usr/bin:/bin', 'JAVA_HOME=/opt/java', 'LANG=C.UTF-8'],
      User: '65532:65532',
      WorkingDir: '/tmp',
    },
    rootfs: { type: 'layers', diff_ids: ['sha256:' + diffId] },
    history: [{ created: '1970-01-01T00:00:00Z', created_by: 'image/build-base.mjs: jlink ' + MODULES.join(',') }],
  });
  const configName = createHash('sha256').update(config).digest('hex') + '.json';
  writeFileSync(join(archive, configName), config);
  writeFileSync(join(archive, 'manifest.json'), JSON.stringify([
    { Config: configName, RepoTags: ['appgraph-base:17'], Layers: [diffId + '/layer.tar'] },
  ]));
  mkdirSync(dirname(out), { recursive: true });
  execFileSync('tar', ['--sort=name', '--mtime=@0', '--numeric-owner', '--owner=0', '--group=0', '-C', archive,
    '-cf', out, 'manifest.json', configName, diffId + '/layer.tar']);
  const size = statSync(out).size;
  console.log(`image: base image ${out} (${(size / 1048576).toFixed(0)} MiB, Java from ${jdk}, ${libraries.size} system libraries)`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
