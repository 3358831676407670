import assert from 'node:assert/strict';
import { test } from 'node:test';
import { graphql } from '../graphqlClient.mjs';
import { open, useBrowser } from '../support.mjs';

useBrowser();

const ALERTS = `query($squad: String) { costAlerts(squad: $squad, all: true) { id message status by reason squad { name } } }`;

/** A squad of the demo with open cost alerts and a right-sizing recommendation, the likeliest first. */
async function squadWithCost() {
  // The demo's cost alerts are raised by the first rollup's sweep, a scheduled job that may run a
  // little after the server reports ready.
  const deadline = Date.now() + 120_000;
  for (;;) {
    const squad = await findSquadWithCost();
    if (squad || Date.now() > deadline) {
      assert.ok(squad, 'the demo has a squad with two open cost alerts and a right-sizing recommendation');
      return squad;
    }
    await new Promise((r) => setTimeout(r, 2000));
  }
}

async function findSquadWithCost() {
  const { costAlerts } = await graphql(ALERTS, { squad: null });
  const { rightSizing } = await graphql('{ rightSizing(squad: null, first: 500) { app { name squad { name } } confidence } }');
  const open = new Map();
  for (const a of costAlerts) if (a.status === 'OPEN' && a.squad) open.set(a.squad.name, (open.get(a.squad.name) ?? 0) + 1);
  const sized = new Set(rightSizing.filter((r) => r.confidence !== 'LOW' && r.app.squad).map((r) => r.app.squad.name));
  return [...open.entries()].filter(([name, n]) => n >= 2 && sized.has(name)).sort((a, b) => b[1] - a[1])[0]?.[0];
}

const money = (text) => Number(text.replace(/,/g, ''));

test('a squad\'s cost page shows the period\'s total, the chart, its apps and what to right-size', async () => {
  const squad = await squadWithCost();
  const { rightSizing } = await graphql(`query($s: String!) { rightSizing(squad: $s) {
    app { name } environment container confidence } }`, { s: squad });

  const view = await open('/squads/' + squad);
  const { page } = view;
  await page.getByRole('heading', { name: 'Squad ' + squad, level: 1 }).waitFor();
  await page.getByRole('link', { name: 'Cost', exact: true }).click();
  await page.waitForURL(new RegExp(`/squads/${squad}/cost$`));
  await page.getByRole('heading', { name: 'Cost of squad ' + squad, level: 1 }).waitFor();

  const summary = page.getByRole('region', { name: 'Summary' });
  const total = summary.locator('.cost-total');
  await total.waitFor({ timeout: 20000 });
  assert.ok(money(await total.textContent()) > 0, 'the squad cost something in the last 30 days');
  await summary.getByText(/rising|flat|falling/).waitFor();
  await page.getByRole('region', { name: 'Cost over time' }).locator('canvas').first().waitFor();

  const apps = page.getByRole('table', { name: 'Apps by cost' });
  const first = apps.locator('tbody tr').first().getByRole('link');
  const app = await first.textContent();
  assert.equal(await first.getAttribute('href'), '/apps/' + encodeURIComponent(app));
  // The apps add up to the squad's total (each figure rounded to a whole unit, or to cents under 10).
  const appTotals = (await apps.locator('tbody tr td:nth-child(4)').allTextContents()).map(money);
  const shown = money(await total.textContent());
  const sum = appTotals.reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(sum - shown) <= appTotals.length, `the apps add up to ${sum}, the total says ${shown}`);

  const table = page.getByRole('table', { name: 'Right-sizing' });
  await table.waitFor();
  assert.equal(await table.locator('tbody tr').count(), rightSizing.length);
  const sure = rightSizing.find((r) => r.confidence !== 'LOW');
  const row = table.getByRole('row', { name: `${sure.app.name} ${sure.environment} ${sure.container}` });
  assert.match(await row.locator('td.recommendation').first().textContent(), /^[\d.,]+ → [\d.,]+/);
  assert.match(await row.locator('td.recommendation').nth(1).textContent(), /^[\d.,]+ [MG]iB → [\d.,]+ [MG]iB/);
  await row.getByText(sure.confidence === 'HIGH' ? 'high' : 'medium', { exact: true }).waitFor();
  await row.getByText('YAML').click();
  assert.match(await row.locator('pre').textContent(), /resources:/);
  for (const low of rightSizing.filter((r) => r.confidence === 'LOW')) {
    await table.getByRole('row', { name: `${low.app.name} ${low.environment} ${low.container}` }).getByText('not enough data').waitFor();
  }
  await view.screenshot('cost-squad');

  // The period stays in the link.
  await page.getByLabel('Days', { exact: true }).selectOption('90');
  await page.waitForURL(/[?&]days=90/);
  await page.getByLabel('Per', { exact: true }).selectOption('WEEK');
  await page.waitForURL(/[?&]days=90&interval=WEEK/);
  await page.getByText(/^Per week .*, last 90 days: compute and logging$/).waitFor();
  await page.waitForLoadState('networkidle');
  assert.ok(money(await total.textContent()) > 0);
  view.expectNoProblems();
  await view.close();
});

test('snoozing a cost alert takes it off the open list; dismissing one asks why', async () => {
  const squad = await squadWithCost();
  const before = (await graphql(ALERTS, { squad })).costAlerts.filter((a) => a.status === 'OPEN');
  const [snoozed, dismissed] = before;
  // Someone of the squad acts on its alerts.
  const { squad: people } = await graphql('query($s: String!) { squad(name: $s) { buddy { handle active } members { handle active } } }', { s: squad });
  const who = [people.buddy, ...people.members].find((p) => p?.active)?.handle;
  assert.ok(who, 'the squad has an active member');

  const view = await open('/squads/' + squad + '/cost');
  const { page } = view;
  const openList = page.getByRole('list', { name: 'Open cost alerts' });
  await openList.waitFor({ timeout: 20000 });
  assert.equal(await openList.getByRole('listitem').count(), before.length);

  // Nobody logs in in local mode: the page asks for a handle once.
  await openList.locator(`li[data-alert-id="${snoozed.id}"]`).getByRole('button', { name: 'Snooze 7 days' }).click();
  await page.getByLabel('Who snoozes it?').fill(who);
  await page.getByLabel('Who snoozes it?').press('Enter');
  await page.getByRole('status').getByText('Snoozed for 7 days').waitFor();
  await openList.locator(`li[data-alert-id="${snoozed.id}"]`).waitFor({ state: 'detached' });
  await page.getByRole('list', { name: 'Snoozed cost alerts' }).locator(`li[data-alert-id="${snoozed.id}"]`).getByText('by ' + who).waitFor();
  await page.getByText('Acting as ' + who).waitFor();

  if (dismissed) {
    const item = openList.locator(`li[data-alert-id="${dismissed.id}"]`);
    await item.getByRole('button', { name: 'Dismiss' }).click();
    await item.getByLabel('Why does it need no action?').fill('planned load test');
    await item.getByRole('button', { name: 'Dismiss' }).last().click();
    await page.getByRole('status').getByText('Dismissed:').waitFor();
    await item.waitFor({ state: 'detached' });
  }
  await view.screenshot('cost-alerts');

  const after = (await graphql(ALERTS, { squad })).costAlerts;
  const s = after.find((a) => a.id === snoozed.id);
  assert.equal(s.status, 'SNOOZED');
  assert.equal(s.by, who);
  if (dismissed) {
    const d = after.find((a) => a.id === dismissed.id);
    assert.equal(d.status, 'DISMISSED');
    assert.equal(d.reason, 'planned load test');
  }
  view.expectNoProblems();
  await view.close();
});

test('an unknown squad\'s cost page says so', async () => {
  const view = await open('/squads/no-such-squad/cost');
  await view.page.getByRole('alert').getByText('No squad named no-such-squad').waitFor({ timeout: 20000 });
  view.expectNoProblems();
  await view.close();
});
