import assert from 'node:assert/strict';
import { test } from 'node:test';
import { graphql } from '../graphqlClient.mjs';
import { open, useBrowser } from '../support.mjs';

useBrowser();

const PLATFORMS = `{ platforms {
  environment apps pods containers stale error observedAt unattributedPods
  history(hours: 24) { at } } }`;

const count = (n) => n.toLocaleString('en');

test('the platform page has a tile per environment with its counts, capacity bars and 24 h sparklines', async () => {
  const { platforms } = await graphql(PLATFORMS);
  const environments = platforms.map((p) => p.environment);
  for (const env of ['prod', 'non-prod', 'dev']) assert.ok(environments.includes(env), 'the demo has figures of ' + env + ': ' + environments.join(', '));

  const view = await open('/');
  const { page } = view;
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Platform' }).click();
  await page.waitForURL(/\/platform$/);
  await page.getByRole('heading', { name: 'Platform', level: 1 }).waitFor();

  for (const p of platforms) {
    const tile = page.getByRole('article', { name: p.environment, exact: true });
    await tile.waitFor({ timeout: 20000 });
    const counts = tile.locator('dl.counts');
    await counts.getByText('Apps').waitFor();
    assert.equal(await counts.locator('div', { hasText: /^Apps/ }).locator('dd').textContent(), count(p.apps));
    assert.equal(await counts.locator('div', { hasText: /^Pods/ }).locator('dd').textContent(), count(p.pods));
    assert.equal(await counts.locator('div', { hasText: /^Containers/ }).locator('dd').textContent(), count(p.containers));
    assert.equal(await counts.locator('div', { hasText: /^Unattributed pods/ }).locator('dd').textContent(), count(p.unattributedPods));
    await tile.getByRole('img', { name: /^CPU: .* used, .* requested, .* allocatable cores$/ }).waitFor();
    await tile.getByRole('img', { name: /^Memory: .* used, .* requested, .* allocatable GiB$/ }).waitFor();
    await tile.getByText(p.observedAt ? /^as of / : 'never pulled yet').waitFor();
    if (p.stale) await tile.getByText('last pull failed: ' + (p.error ?? 'no reason given')).waitFor();
    else assert.equal(await tile.getByText(/last pull failed/).count(), 0, p.environment + ' is not stale');
    if (p.history.length >= 2) {
      for (const line of ['CPU used', 'Memory used', 'Containers']) {
        await tile.getByRole('img', { name: new RegExp('^' + line + ' over the last 24 hours') }).waitFor();
      }
      assert.equal(await tile.locator('.sparkline canvas').count(), 3, 'uPlot draws three sparklines for ' + p.environment);
    }
  }
  assert.ok(platforms.some((p) => p.history.length >= 2), 'the demo has 24 h of history');
  await view.screenshot('platform');
  view.expectNoProblems();
  await view.close();
});

test('the platform page shows the estate\'s cost of the last 30 days and the unattributed part with why', async () => {
  const now = new Date();
  const to = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const from = new Date(to.getTime() - 30 * 86_400_000);
  const { costs } = await graphql(`query($from: DateTime!, $to: DateTime!) {
    costs(squad: null, from: $from, to: $to, interval: DAY) { unattributed { environment reason } } }`,
  { from: from.toISOString(), to: to.toISOString() });
  const reasons = [...new Set(costs.flatMap((b) => b.unattributed.map((u) => u.reason)))];
  assert.ok(reasons.length > 0, 'the demo has unattributed cost');

  const view = await open('/platform');
  const { page } = view;
  const estate = page.getByRole('region', { name: 'Estate cost, last 30 days' });
  const total = estate.locator('.cost-total strong');
  await total.waitFor({ timeout: 20000 });
  assert.ok(Number((await total.textContent()).replace(/,/g, '')) > 0, 'the estate cost something');
  const table = estate.getByRole('table', { name: 'Unattributed cost' });
  for (const reason of reasons) await table.getByRole('cell', { name: reason, exact: true }).first().waitFor();
  await estate.screenshot({ path: (process.env.E2E_TARGET ?? 'target/e2e') + '/platform-estate-cost.png' });
  view.expectNoProblems();
  await view.close();
});
