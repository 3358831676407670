import assert from 'node:assert/strict';
import { test } from 'node:test';
import { graphql } from '../graphqlClient.mjs';
import { open, useBrowser } from '../support.mjs';

useBrowser();

test('a deep link opens the app with its owner, squad, chain, dependencies and releases', async () => {
  const { app } = await graphql(`{ app(name: "payments-api") {
    owner { name handle } squad { name buddy { name handle } }
    dependencies { name } dependents { name } releases(first: 1) { totalCount edges { node { version } } } } }`);
  const view = await open('/apps/payments-api', { width: 1280, height: 800 });
  const { page } = view;
  await page.getByRole('heading', { name: 'payments-api', level: 1 }).waitFor();
  const ownership = page.getByRole('region', { name: 'Ownership', exact: true });
  await ownership.getByRole('link', { name: app.owner.name }).first().waitFor();
  await ownership.getByRole('link', { name: app.squad.name }).first().waitFor();
  const calls = page.getByRole('list', { name: 'Apps payments-api calls' });
  assert.deepEqual(await calls.locator('a.app-link').allTextContents(), app.dependencies.map((d) => d.name));
  if (app.dependents.length > 0) {
    const callers = page.getByRole('list', { name: 'Apps that call payments-api' });
    assert.deepEqual(await callers.locator('a.app-link').allTextContents(), app.dependents.map((d) => d.name));
  }
  const chain = page.getByRole('list', { name: 'Ownership chain' });
  assert.ok((await chain.getByRole('listitem').count()) >= 2);
  const releases = page.getByRole('region', { name: 'Releases' });
  await releases.getByText(`of ${app.releases.totalCount} releases, newest first`).waitFor();
  assert.ok((await releases.locator('tbody tr').count()) > 0);
  await view.screenshot('app-payments-api-1280');
  // A dependency is a link to its own page.
  const dependency = app.dependencies[0].name;
  await calls.getByRole('link', { name: dependency }).click();
  await page.getByRole('heading', { name: dependency, level: 1 }).waitFor();
  view.expectNoProblems();
  await view.close();
});

test('the blast radius follows the depth in the URL, grouped by squad with owners', async () => {
  const depth = (d) => graphql(`query($d: Int) { blastRadius(app: "payments-api", maxDepth: $d) {
    count truncated impacted { distance app { name squad { name } owner { handle name } } } } }`, { d });
  const one = (await depth(1)).blastRadius;
  const deep = (await depth(6)).blastRadius;
  assert.ok(deep.count > one.count, 'the demo estate has callers of callers of payments-api');

  const view = await open('/apps/payments-api?depth=1');
  const { page } = view;
  const panel = page.getByRole('region', { name: 'Blast radius' });
  await panel.getByText(new RegExp(`^${one.count} apps? depends? on it within 1 hop`)).waitFor();
  const squadsAt1 = new Set(one.impacted.map((i) => i.app.squad?.name ?? 'no squad'));
  assert.equal(await panel.locator('section.impact-group').count(), squadsAt1.size);
  if (one.truncated) await panel.getByText(/raise the depth to see them/).waitFor();

  await panel.getByLabel('Depth (hops of callers)').fill('6');
  await page.waitForFunction(() => new URLSearchParams(window.location.search).get('depth') === '6');
  await panel.getByText(new RegExp(`^${deep.count} apps depend on it within 6 hops`)).waitFor();
  const squadsAt6 = new Set(deep.impacted.map((i) => i.app.squad?.name ?? 'no squad'));
  assert.equal(await panel.locator('section.impact-group').count(), squadsAt6.size);
  // Each impacted app shows with its owner, to know whom to call.
  const nearest = deep.impacted.find((i) => i.distance === 1 && i.app.owner);
  if (nearest) {
    const row = panel.getByRole('row', { name: new RegExp('^' + nearest.app.name + ' ') });
    await row.getByRole('link', { name: nearest.app.owner.name ?? nearest.app.owner.handle }).waitFor();
  }
  await view.screenshot('app-blast-radius-depth-6');
  view.expectNoProblems();
  await view.close();
});

test('an unknown app says so', async () => {
  const view = await open('/apps/no-such-app');
  await view.page.getByText('No app named no-such-app').waitFor();
  await view.screenshot('app-unknown');
  // The API answers NOT_FOUND for the blast radius of an unknown app: the page explains it instead.
  view.expectNoProblems();
  await view.close();
});

test('an owner is reassigned from the app\'s ownership alert in one click', async () => {
  const { ownershipAlerts } = await graphql(`{ ownershipAlerts(status: OPEN, first: 50) {
    reason app { name } formerOwner { handle } suggestions { person { handle name } } } }`);
  const alert = ownershipAlerts.find((a) => a.reason === 'OWNER_LEFT' && a.suggestions.length > 0);
  assert.ok(alert, 'the demo has an app whose owner left, with someone to suggest');
  const app = alert.app.name;
  const suggested = alert.suggestions[0].person;

  const view = await open('/apps/' + app);
  const { page } = view;
  const alerts = page.getByRole('region', { name: 'Ownership alerts' });
  await alerts.getByText('The owner has left').waitFor();
  await page.getByRole('region', { name: 'Ownership', exact: true }).getByText('(left)').first().waitFor();
  await view.screenshot('app-ownership-alert');
  await alerts.getByRole('button', { name: `Make ${suggested.name || suggested.handle} owner` }).click();
  await alerts.getByRole('status').getByText(`${suggested.name || suggested.handle} is now the owner of ${app}.`).waitFor();
  await alerts.getByText('No open ownership alert.').waitFor();
  const owner = page.getByRole('region', { name: 'Ownership', exact: true }).locator('dd').first();
  await owner.getByRole('link', { name: suggested.name || suggested.handle }).waitFor();
  assert.doesNotMatch(await owner.textContent(), /\(left\)/);
  await view.screenshot('app-ownership-reassigned');

  const after = await graphql('query($n: String!) { app(name: $n) { owner { handle } ownershipAlerts { id } } }', { n: app });
  assert.equal(after.app.owner.handle, suggested.handle);
  assert.deepEqual(after.app.ownershipAlerts, []);
  view.expectNoProblems();
  await view.close();
});

test('a release that starts while the page is open shows as releasing now, live, and its finish lands in the history', async () => {
  const app = 'payments-api';
  const view = await open('/apps/' + app);
  const { page } = view;
  const releases = page.getByRole('region', { name: 'Releases' });
  const now = page.getByRole('region', { name: 'Releasing now' });
  await releases.locator('tbody tr').first().waitFor();
  // The subscription is sent over graphql-ws once the page has loaded; a release started before the
  // server has registered it would not be pushed, so each attempt starts a new pipeline run.
  let version;
  for (let attempt = 1; attempt <= 3 && !version; attempt++) {
    const candidate = `9.9.${Date.now() % 100000}-${attempt}`;
    const { startRelease } = await graphql(`mutation($i: StartReleaseInput!) { startRelease(input: $i) { release { externalId } errors { message } } }`,
      { i: { app, externalId: 'e2e-' + candidate, version: candidate, commit: 'abc1234def5678', pipelineUrl: 'https://ci.example.com/run/' + candidate } });
    assert.deepEqual(startRelease.errors, []);
    const seen = await now.getByText('Releasing now: ' + candidate).waitFor({ timeout: 5000 }).then(() => true, () => false);
    if (seen) version = candidate;
  }
  assert.ok(version, 'the page showed a release started while it was open');
  await view.screenshot('app-releasing-now');
  await graphql(`mutation($i: FinishReleaseInput!) { finishRelease(input: $i) { errors { message } } }`,
    { i: { externalId: 'e2e-' + version, outcome: 'FAILED' } });
  const row = releases.getByRole('row', { name: new RegExp(version.replace(/\./g, '\\.')) });
  await row.getByText('failed').waitFor();
  assert.equal(await now.getByText('Releasing now: ' + version).count(), 0);
  await now.getByText(/Nothing releasing now|Releasing now/).first().waitFor();
  view.expectNoProblems();
  await view.close();
});
