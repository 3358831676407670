import assert from 'node:assert/strict';
import { test } from 'node:test';
import { graphql } from '../graphqlClient.mjs';
import { open, useBrowser } from '../support.mjs';

useBrowser();

test('today\'s releases show as a timeline and a table, with the running ones, and charts per day, month and year', async () => {
  const { releases: running } = await graphql(
    '{ releases(filter: { status: IN_PROGRESS }, first: 100) { totalCount edges { node { externalId app { name } } } } }');
  assert.ok(running.totalCount >= 2, 'the demo has two releases still running');
  const view = await open('/releases');
  const { page } = view;
  const timeline = page.getByRole('region', { name: 'Timeline' });
  await timeline.getByRole('status').getByText(/\d+ releases? · \d+ running/).waitFor({ timeout: 20000 });
  const table = timeline.getByRole('table', { name: 'Releases of the day' });
  for (const { node } of running.edges) {
    const row = table.getByRole('row').filter({ has: page.getByRole('link', { name: node.app.name, exact: true }) }).filter({ hasText: 'running' });
    await row.first().waitFor();
    await page.locator(`.timeline [data-release="${node.externalId}"]`).waitFor();
  }
  const summary = await timeline.getByRole('status').textContent();
  assert.match(summary, new RegExp(`· ${running.totalCount} running`));

  const stats = page.getByRole('region', { name: 'Release statistics' });
  await stats.getByText('Per day, last 30 days').waitFor();
  await stats.getByText('Per month, last 12 months').waitFor();
  assert.ok(await stats.locator('canvas').count() >= 2, 'uPlot draws the charts');
  const year = String(new Date().getUTCFullYear());
  await stats.getByRole('table', { name: 'Per year' }).getByRole('cell', { name: year, exact: true }).waitFor();
  await view.screenshot('releases');
  view.expectNoProblems();
  await view.close();
});

test('a release started while the dashboard is open appears live, and its finish too, without a reload', async () => {
  const view = await open('/releases');
  const { page } = view;
  const timeline = page.getByRole('region', { name: 'Timeline' });
  await timeline.getByRole('status').getByText(/\d+ releases?/).waitFor({ timeout: 20000 });
  await timeline.getByText('live', { exact: true }).waitFor();
  // The subscription is opened with the page; give the WebSocket a moment to be subscribed.
  await page.waitForTimeout(1500);

  const externalId = 'e2e-live-' + Date.now();
  const version = 'v-' + externalId; // unique, so the test can run again against the same server
  const started = await graphql(`mutation($input: StartReleaseInput!) { startRelease(input: $input) { release { status } errors { message } } }`,
    { input: { app: 'payments-api', externalId, version } });
  assert.deepEqual(started.startRelease.errors, []);
  const row = timeline.getByRole('table', { name: 'Releases of the day' }).getByRole('row').filter({ hasText: version });
  await row.getByText('running').waitFor({ timeout: 15000 });
  await page.locator(`.timeline [data-release="${externalId}"]`).waitFor();

  const finished = await graphql(`mutation($input: FinishReleaseInput!) { finishRelease(input: $input) { errors { message } } }`,
    { input: { externalId, outcome: 'FAILED' } });
  assert.deepEqual(finished.finishRelease.errors, []);
  await row.getByText('failed', { exact: true }).waitFor({ timeout: 15000 });
  await view.screenshot('releases-live');
  view.expectNoProblems();
  await view.close();
});

test('the squad filter narrows the timeline to that squad\'s apps and stays in the link', async () => {
  const { app } = await graphql('{ app(name: "payments-api") { squad { name } } }');
  const squad = app.squad.name;
  const view = await open('/releases');
  const { page } = view;
  await page.getByLabel('Squad').selectOption(squad);
  await page.waitForURL(new RegExp(`[?&]squad=${squad}`));
  const timeline = page.getByRole('region', { name: 'Timeline' });
  await timeline.getByRole('status').getByText(/\d+ releases?/).waitFor({ timeout: 20000 });
  await page.waitForLoadState('networkidle');
  const squads = await timeline.getByRole('table', { name: 'Releases of the day' }).locator('tbody tr td:nth-child(3)').allTextContents();
  assert.ok(squads.every((s) => s === squad), 'only ' + squad + ': ' + [...new Set(squads)].join(', '));
  await view.screenshot('releases-squad');
  view.expectNoProblems();
  await view.close();
});
