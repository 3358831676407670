// Renders the Kustomize base and every overlay with `kubectl kustomize`, validates each document
// against the Kubernetes OpenAPI schemas (kubernetes-models, ajv) and checks what a reviewer would.
// Prints every failure and exits non-zero if there is one. Run from anywhere: node validate.mjs
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

const k8s = join(dirname(fileURLToPath(import.meta.url)), '..');
const failures = [];
const fail = (where, message) => failures.push(`${where}: ${message}`);

const SECRET_NAME = /(SECRET|TOKEN|PASSWORD)$/i;
const PROBE_PATHS = {
  startupProbe: '/actuator/health/liveness',
  livenessProbe: '/actuator/health/liveness',
  readinessProbe: '/actuator/health/readiness',
};
const PRODUCTION_MIN_REPLICAS = 3;

// kubectl before 1.27 carries kustomize v2-v4, which reads neither `labels` nor this layout the
// same way (Debian bookworm's kubernetes-client is 1.20): refuse it plainly rather than mis-render.
function requireKustomize5() {
  const run = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
  if (run.error?.code === 'ENOENT') {
    console.error('kubectl not found on PATH: the Kubernetes manifests cannot be rendered or checked.\n'
      + 'Install kubectl 1.27 or later (kustomize v5 built in), or skip this check with -Dk8s.skip.');
    process.exit(2);
  }
  const version = /Kustomize Version: v(\d+)/.exec(run.stdout ?? '');
  if (!version || Number(version[1]) < 5) {
    console.error(`kubectl's built-in kustomize must be v5 or later (kubectl 1.27+), found:\n${run.stdout}${run.stderr}`
      + 'Install a newer kubectl, or skip this check with -Dk8s.skip.');
    process.exit(2);
  }
}

function kustomize(dir) {
  const run = spawnSync('kubectl', ['kustomize', dir], { encoding: 'utf8', maxBuffer: 16 << 20 });
  if (run.status !== 0) {
    fail(relative(k8s, dir), `kubectl kustomize failed:\n${run.stderr}`);
    return [];
  }
  return parseAllDocuments(run.stdout).map((doc) => {
    if (doc.errors.length) fail(relative(k8s, dir), `unparsable output: ${doc.errors[0].message}`);
    return doc.toJS();
  }).filter(Boolean);
}

// kubernetes-models lays its classes out as <group>/<version>/<Kind>; the core group is bare.
async function modelClass(apiVersion, kind) {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : [null, apiVersion];
  const candidates = group === 'monitoring.coreos.com'
    ? [`@kubernetes-models/prometheus-operator/${group}/${version}/${kind}`]
    : [`kubernetes-models/${group ? `${group}/` : ''}${version}/${kind}`];
  for (const path of candidates) {
    try {
      return (await import(path))[kind];
    } catch {
      // Not a kind this package knows; reported below.
    }
  }
  return null;
}

async function validateSchema(where, doc) {
  const Model = await modelClass(doc.apiVersion, doc.kind);
  if (!Model) {
    fail(where, `no schema for ${doc.apiVersion} ${doc.kind}: add its model package to k8s/test`);
    return;
  }
  try {
    new Model(doc).validate();
  } catch (e) {
    fail(where, `schema violation: ${e.message}`);
  }
}

function podSpecOf(doc) {
  switch (doc.kind) {
    case 'Deployment': case 'StatefulSet': case 'DaemonSet': case 'Job': return doc.spec?.template?.spec;
    case 'CronJob': return doc.spec?.jobTemplate?.spec?.template?.spec;
    case 'Pod': return doc.spec;
    default: return null;
  }
}

function podLabelsOf(doc) {
  return (doc.kind === 'CronJob' ? doc.spec?.jobTemplate?.spec?.template : doc.spec?.template)?.metadata?.labels ?? {};
}

const selects = (matchLabels, labels) =>
  Object.keys(matchLabels ?? {}).length > 0
  && Object.entries(matchLabels).every(([key, value]) => labels[key] === value);

function checkContainers(where, doc, pod, names) {
  const longRunning = doc.kind === 'Deployment' || doc.kind === 'StatefulSet' || doc.kind === 'DaemonSet';
  for (const c of [...(pod.initContainers ?? []), ...(pod.containers ?? [])]) {
    const at = `${where} container ${c.name}`;
    if (longRunning) {
      for (const [probe, path] of Object.entries(PROBE_PATHS)) {
        const got = c[probe]?.httpGet?.path;
        if (got !== path) fail(at, `${probe} must be an httpGet on ${path}, is ${got ?? 'missing'}`);
      }
    }
    const { requests = {}, limits = {} } = c.resources ?? {};
    if (!requests.cpu || !requests.memory) fail(at, 'resources.requests must set cpu and memory');
    if (!limits.memory) fail(at, 'resources.limits must set memory');
    if (longRunning && !limits.cpu) fail(at, 'resources.limits must set cpu');
    const nonRoot = c.securityContext?.runAsNonRoot ?? pod.securityContext?.runAsNonRoot;
    if (nonRoot !== true) fail(at, 'runAsNonRoot must be true (container or pod securityContext)');
    if (c.securityContext?.readOnlyRootFilesystem !== true) fail(at, 'securityContext.readOnlyRootFilesystem must be true');
    if (c.securityContext?.allowPrivilegeEscalation !== false) fail(at, 'securityContext.allowPrivilegeEscalation must be false');
    if (!c.securityContext?.capabilities?.drop?.includes('ALL')) fail(at, 'securityContext.capabilities.drop must include ALL');
    for (const e of c.env ?? []) {
      if (SECRET_NAME.test(e.name) && e.value !== undefined) {
        fail(at, `env ${e.name} holds a literal value: take it from a Secret (valueFrom.secretKeyRef)`);
      }
    }
    for (const from of c.envFrom ?? []) {
      const ref = from.configMapRef?.name;
      if (ref && !names.has(`ConfigMap/${ref}`)) fail(at, `envFrom ConfigMap ${ref} is not in the rendered output`);
    }
  }
}

function checkRender(name, docs) {
  const names = new Set(docs.map((d) => `${d.kind}/${d.metadata?.name}`));
  const deployments = docs.filter((d) => d.kind === 'Deployment');
  const where = (d) => `${name} ${d.kind}/${d.metadata?.name}`;

  for (const doc of docs) {
    if (doc.kind === 'Secret' && (doc.data || doc.stringData)) {
      fail(where(doc), 'a Secret with data is committed: create it in the cluster instead (see k8s/README.md)');
    }
    if (doc.kind === 'ConfigMap') {
      for (const key of Object.keys(doc.data ?? {})) {
        if (SECRET_NAME.test(key)) fail(where(doc), `key ${key} looks like a secret: it belongs in a Secret`);
      }
    }
    const pod = podSpecOf(doc);
    if (pod) checkContainers(where(doc), doc, pod, names);
  }

  for (const d of deployments) {
    const labels = podLabelsOf(d);
    if (!selects(d.spec?.selector?.matchLabels, labels)) {
      fail(where(d), `selector ${JSON.stringify(d.spec?.selector)} does not match its pod labels ${JSON.stringify(labels)}`);
    }
    if (d.spec?.selector?.matchExpressions) fail(where(d), 'selector.matchExpressions is not checked here: use matchLabels');
  }

  // Each of these must pick the pods of a Deployment in its namespace.
  const podSelectors = {
    Service: (d) => d.spec?.selector,
    PodDisruptionBudget: (d) => d.spec?.selector?.matchLabels,
    NetworkPolicy: (d) => d.spec?.podSelector?.matchLabels,
  };
  for (const doc of docs.filter((d) => podSelectors[d.kind])) {
    const selector = podSelectors[doc.kind](doc);
    const target = deployments.find((d) => d.metadata?.namespace === doc.metadata?.namespace
      && selects(selector, podLabelsOf(d)));
    if (!target) fail(where(doc), `selector ${JSON.stringify(selector)} selects no Deployment's pods`);
    if (doc.kind === 'PodDisruptionBudget' && target) {
      const min = doc.spec?.minAvailable;
      const replicas = target.spec?.replicas ?? 1;
      if (!(Number.isInteger(min) && min >= 1)) fail(where(doc), `minAvailable must be an integer >= 1, is ${min}`);
      else if (min >= replicas) fail(where(doc), `minAvailable ${min} >= ${replicas} replicas: no node could ever be drained`);
    }
  }

  for (const monitor of docs.filter((d) => d.kind === 'ServiceMonitor')) {
    const service = docs.find((d) => d.kind === 'Service' && selects(monitor.spec?.selector?.matchLabels, d.metadata?.labels ?? {}));
    if (!service) fail(where(monitor), 'selects no Service by its labels');
    for (const e of monitor.spec?.endpoints ?? []) {
      if (e.path !== '/actuator/prometheus') fail(where(monitor), `endpoint path must be /actuator/prometheus, is ${e.path}`);
      if (service && !service.spec.ports.some((p) => p.name === e.port)) fail(where(monitor), `Service has no port named ${e.port}`);
    }
  }

  for (const ingress of docs.filter((d) => d.kind === 'Ingress')) {
    for (const rule of ingress.spec?.rules ?? []) {
      for (const p of rule.http?.paths ?? []) {
        const backend = p.backend?.service?.name;
        if (!names.has(`Service/${backend}`)) fail(where(ingress), `backend Service ${backend} is not in the rendered output`);
      }
    }
  }

  if (name === 'overlays/production') {
    for (const d of deployments) {
      if ((d.spec?.replicas ?? 1) < PRODUCTION_MIN_REPLICAS) {
        fail(where(d), `production needs >= ${PRODUCTION_MIN_REPLICAS} replicas, has ${d.spec?.replicas ?? 1}`);
      }
    }
  }
  if (!deployments.length) fail(name, 'renders no Deployment');
  if (!docs.some((d) => d.kind === 'PodDisruptionBudget')) fail(name, 'renders no PodDisruptionBudget');
}

const overlays = readdirSync(join(k8s, 'overlays'), { withFileTypes: true })
  .filter((e) => e.isDirectory()).map((e) => `overlays/${e.name}`);
if (!overlays.includes('overlays/production')) fail('k8s/overlays', 'no production overlay');

requireKustomize5();
for (const name of ['base', ...overlays]) {
  const docs = kustomize(join(k8s, name));
  for (const doc of docs) await validateSchema(`${name} ${doc.kind}/${doc.metadata?.name}`, doc);
  checkRender(name, docs);
  console.log(`${name}: ${docs.length} documents`);
}

if (failures.length) {
  console.error(`\n${failures.length} problem(s) in k8s/:\n${failures.map((f) => `  - ${f}`).join('\n')}`);
  process.exit(1);
}
console.log('k8s/: every document valid, every check passed');
