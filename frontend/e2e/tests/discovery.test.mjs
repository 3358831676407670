import assert from 'node:assert/strict';
import { test } from 'node:test';
import { graphql } from '../graphqlClient.mjs';
import { baseUrl, open, useBrowser } from '../support.mjs';

useBrowser();

const LABELS = { DECLARED: 'Declared', BACKSTAGE: 'Backstage', NETWORK_POLICY: 'Network policy', MESH: 'Mesh' };
const ORDER = ['DECLARED', 'BACKSTAGE', 'NETWORK_POLICY', 'MESH'];
const labels = (sources) => ORDER.filter((s) => sources.includes(s)).map((s) => LABELS[s]);
const WEEK = 7 * 24 * 60 * 60 * 1000;

const CATEGORIES = [
  ['declaredNotObserved', 'Declared, never observed'],
  ['observedNotDeclared', 'Observed, not declared'],
  ['observedNotAllowed', 'Observed, not allowed'],
  ['stale', 'Stale'],
];

const driftQuery = `query($squad: String, $days: Int!) { dependencyDrift(squad: $squad, staleDays: $days, first: 100) {
  ${CATEGORIES.map(([key]) => `${key} { totalCount dependencies { from { name } to { name } sources } }`).join('\n  ')} } }`;

test('an app\'s calls show where each was learned from, when the mesh last saw it, and which went stale', async () => {
  const { app } = await graphql(`{ app(name: "payments-api") {
    dependencyEdges { to { name } sources lastObserved requestRate }
    dependentEdges { from { name } sources lastObserved requestRate } } }`);
  const view = await open('/apps/payments-api');
  const { page } = view;
  const lists = [
    [page.getByRole('list', { name: 'Apps payments-api calls' }), app.dependencyEdges.map((e) => ({ ...e, app: e.to.name }))],
    [page.getByRole('list', { name: 'Apps that call payments-api' }), app.dependentEdges.map((e) => ({ ...e, app: e.from.name }))],
  ];
  let observed = 0;
  let stale = 0;
  for (const [list, calls] of lists) {
    await list.waitFor();
    assert.deepEqual(await list.locator('a.app-link').allTextContents(), calls.map((c) => c.app));
    for (const [i, call] of calls.entries()) {
      const item = list.getByRole('listitem').nth(i);
      assert.deepEqual(await item.locator('.source-badge').allTextContents(), labels(call.sources), call.app);
      const seen = item.locator('.observed-at');
      if (call.lastObserved) {
        observed++;
        assert.match(await seen.textContent(), /seen (just now|.+ ago)( · [\d.,]+ req\/s)?/);
        const isStale = Date.now() - Date.parse(call.lastObserved) >= WEEK;
        if (isStale) stale++;
        assert.equal((await seen.textContent()).includes('stale'), isStale, call.app + ' stale or not');
      } else {
        assert.equal(await seen.count(), 0, call.app + ' was never observed');
      }
    }
  }
  assert.ok(observed > 0, 'the demo\'s mesh observes some calls of payments-api');
  assert.ok(stale > 0, 'the demo has a call of payments-api the mesh has not seen for a week');
  await view.screenshot('discovery-app-sources');
  view.expectNoProblems();
  await view.close();
});

test('the drift page shows the four categories with the counts the API answers, for a squad and stale days in the URL', async () => {
  const squad = 'payments-insights';
  const { dependencyDrift: drift } = await graphql(driftQuery, { squad, days: 7 });
  const view = await open('/drift?squad=' + encodeURIComponent(squad));
  const { page } = view;
  await page.getByRole('heading', { name: 'Dependency drift', level: 1 }).waitFor();
  assert.equal(await page.getByLabel('Squad').inputValue(), squad);
  for (const [key, title] of CATEGORIES) {
    const region = page.getByRole('region', { name: new RegExp('^' + title) });
    await region.locator('.drift-total').getByText(drift[key].totalCount.toLocaleString('en'), { exact: true }).waitFor();
    assert.equal(await region.locator('tbody tr').count(), drift[key].dependencies.length, title);
    const first = drift[key].dependencies[0];
    if (first) {
      const row = region.locator('tbody tr').first();
      assert.deepEqual(await row.locator('a.app-link').allTextContents(), [first.from.name, first.to.name]);
      assert.deepEqual(await row.locator('.source-badge').allTextContents(), labels(first.sources));
    }
  }
  await view.screenshot('discovery-drift');

  // More days before a call counts as stale: the URL keeps them, the counts follow the API's.
  const { dependencyDrift: month } = await graphql(driftQuery, { squad, days: 30 });
  await page.getByLabel('Stale after').fill('30');
  await page.waitForFunction(() => new URLSearchParams(window.location.search).get('staleDays') === '30');
  const staleRegion = page.getByRole('region', { name: /^Stale/ });
  await staleRegion.getByText('not for 30 days').waitFor();
  await staleRegion.locator('.drift-total').getByText(String(month.stale.totalCount), { exact: true }).waitFor();

  // The whole estate.
  const { dependencyDrift: estate } = await graphql(driftQuery, { squad: null, days: 30 });
  await page.getByLabel('Squad').selectOption('');
  await page.waitForFunction(() => !new URLSearchParams(window.location.search).has('squad'));
  for (const [key, title] of CATEGORIES) {
    await page.getByRole('region', { name: new RegExp('^' + title) }).locator('.drift-total')
      .getByText(estate[key].totalCount.toLocaleString('en'), { exact: true }).waitFor();
  }
  view.expectNoProblems();
  await view.close();
});

test('a call the mesh reports that nobody declared shows up as drift once imported', async () => {
  // Two apps of one squad that do not call each other yet.
  const squad = 'payments-insights';
  const { squads } = await graphql('{ squads { name apps { name dependencies { name } } } }');
  const apps = squads.find((s) => s.name === squad).apps;
  const caller = apps[0];
  const callee = apps.find((a) => a.name !== caller.name && !caller.dependencies.some((d) => d.name === a.name));
  assert.ok(callee, 'the squad has two apps that do not call each other');
  const sample = {
    status: 'success',
    data: { resultType: 'vector', result: [{
      metric: { source_canonical_service: caller.name, destination_canonical_service: callee.name },
      value: [Date.now() / 1000, '2.5'],
    }] },
  };
  const response = await fetch(baseUrl + '/api/import/mesh', {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(sample),
  });
  assert.equal(response.status, 200, await response.text());
  const { dependencyDrift: drift } = await graphql(driftQuery, { squad, days: 7 });
  const listed = drift.observedNotDeclared.dependencies.some((d) => d.from.name === caller.name && d.to.name === callee.name);
  assert.ok(listed, 'the API lists the new call as observed, not declared');

  const view = await open('/drift?squad=' + encodeURIComponent(squad));
  const { page } = view;
  const region = page.getByRole('region', { name: /^Observed, not declared/ });
  await region.locator('.drift-total').getByText(String(drift.observedNotDeclared.totalCount), { exact: true }).waitFor();
  // The row reads "caller calls callee …": a call back the other way is another row.
  const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const row = region.getByRole('row', { name: new RegExp(`^${escape(caller.name)} calls ${escape(callee.name)} `) });
  await row.waitFor();
  assert.deepEqual(await row.locator('.source-badge').allTextContents(), ['Mesh']);
  assert.match(await row.textContent(), /2\.5 req\/s/);
  await view.screenshot('discovery-drift-imported');

  // The caller's page shows the call as the mesh's, seen just now.
  await row.getByRole('link', { name: caller.name, exact: true }).click();
  const calls = page.getByRole('list', { name: `Apps ${caller.name} calls` });
  const item = calls.getByRole('listitem').filter({ has: page.getByRole('link', { name: callee.name, exact: true }) });
  await item.getByText(/seen (just now|1 min ago) · 2\.5 req\/s/).waitFor();
  assert.deepEqual(await item.locator('.source-badge').allTextContents(), ['Mesh']);
  view.expectNoProblems();
  await view.close();
});

test('a Backstage catalog and an app the mesh discovers show on their app pages', async () => {
  const post = async (path, type, body) => {
    const response = await fetch(baseUrl + path, { method: 'POST', headers: { 'content-type': type }, body });
    const text = await response.text();
    assert.equal(response.status, 200, text);
    return JSON.parse(text);
  };
  // A database described in Backstage, which payments-api's catalog file says it depends on.
  await post('/api/import/backstage', 'application/yaml', `
apiVersion: backstage.io/v1alpha1
kind: Resource
metadata: {name: payments-ledger-db, description: The payments ledger in PostgreSQL.}
spec: {type: database, system: payments}
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: {name: payments-ledger-reader}
spec: {type: service, lifecycle: experimental, system: payments, dependsOn: ['resource:payments-ledger-db']}
`);
  // A caller nobody has described: the mesh sees it first.
  const report = await post('/api/import/mesh', 'application/json', JSON.stringify({
    status: 'success',
    data: { resultType: 'vector', result: [{
      metric: { source_workload: 'ledger-shadow-v2', destination_canonical_service: 'payments-ledger-db' },
      value: [Date.now() / 1000, '0.5'],
    }] },
  }));
  assert.equal(report.changes.apps.created, 1);

  const view = await open('/apps/payments-ledger-db');
  const { page } = view;
  await page.getByRole('heading', { name: 'payments-ledger-db', level: 1 }).waitFor();
  assert.equal(await page.locator('.app-facts').textContent(), 'Resource · database · system payments');
  const callers = page.getByRole('list', { name: 'Apps that call payments-ledger-db' });
  const reader = callers.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'payments-ledger-reader', exact: true }) });
  assert.deepEqual(await reader.locator('.source-badge').allTextContents(), ['Backstage']);
  const shadow = callers.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'ledger-shadow', exact: true }) });
  assert.deepEqual(await shadow.locator('.source-badge').allTextContents(), ['Mesh']);
  await view.screenshot('discovery-backstage-resource');

  await shadow.getByRole('link', { name: 'ledger-shadow', exact: true }).click();
  await page.getByRole('heading', { name: 'ledger-shadow', level: 1 }).waitFor();
  await page.locator('.app-header').getByText('Discovered', { exact: true }).waitFor();
  assert.equal(await page.locator('.app-facts').count(), 0);
  view.expectNoProblems();
  await view.close();
});

test('the graph\'s legend explains the calls, and its source filter is kept in the URL', async () => {
  const { dependencyGraph } = await graphql('{ dependencyGraph { edges { from to sources } } }');
  const mesh = dependencyGraph.edges.filter((e) => e.sources.includes('MESH')).length;
  const meshOrDeclared = dependencyGraph.edges.filter((e) => e.sources.includes('MESH') || e.sources.includes('DECLARED')).length;
  const view = await open('/graph');
  const { page } = view;
  await page.locator('.estate-canvas[data-drawn="true"]').waitFor({ timeout: 30000 });
  const legend = page.getByRole('region', { name: 'Legend' });
  const kinds = legend.getByRole('list', { name: 'Calls by what reports them' });
  await kinds.getByText('Observed by the mesh').waitFor();
  await kinds.getByText('Declared only, never observed').waitFor();
  await kinds.getByText('Only allowed by a network policy').waitFor();

  const filter = page.getByRole('group', { name: 'Show calls reported by' });
  for (const label of ['Declared', 'Backstage', 'Network policy']) await filter.getByLabel(label).uncheck();
  await page.waitForFunction(() => new URLSearchParams(window.location.search).get('sources') === 'MESH');
  await page.getByText(new RegExp(`calls · ${mesh.toLocaleString('en')} shown`)).waitFor();
  await page.locator('.estate-canvas[data-highlight="none sources=MESH"]').waitFor();
  assert.equal(await filter.getByLabel('Mesh').isChecked(), true);
  await view.screenshot('discovery-graph-mesh');

  await filter.getByRole('button', { name: 'Show all calls' }).click();
  await page.waitForFunction(() => !new URLSearchParams(window.location.search).has('sources'));
  await page.locator('.estate-canvas[data-highlight="none"]').waitFor();
  view.expectNoProblems();
  await view.close();

  // A shared link opens the same filter.
  const shared = await open('/graph?sources=MESH,DECLARED');
  await shared.page.locator('.estate-canvas[data-drawn="true"]').waitFor({ timeout: 30000 });
  const group = shared.page.getByRole('group', { name: 'Show calls reported by' });
  assert.equal(await group.getByLabel('Declared').isChecked(), true);
  assert.equal(await group.getByLabel('Network policy').isChecked(), false);
  await shared.page.getByText(new RegExp(`calls · ${meshOrDeclared.toLocaleString('en')} shown`)).waitFor();
  shared.expectNoProblems();
  await shared.close();
});
