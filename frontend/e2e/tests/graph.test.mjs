import assert from 'node:assert/strict';
import { test } from 'node:test';
import { graphql } from '../graphqlClient.mjs';
import { open, useBrowser } from '../support.mjs';

useBrowser();

test('the estate graph draws every app, coloured by squad with a legend', async () => {
  const { squads } = await graphql('{ squads { name } }');
  const view = await open('/graph');
  const { page } = view;
  await page.locator('.estate-canvas[data-drawn="true"]').waitFor({ timeout: 30000 });
  assert.ok(await page.locator('.estate-canvas canvas').count() > 0, 'sigma draws into canvases');
  const legend = page.getByRole('region', { name: 'Legend' });
  for (const squad of squads.slice(0, 3)) {
    await legend.getByRole('button', { name: squad.name, exact: true }).waitFor();
  }
  await page.getByText(/\d+ apps, [\d,]+ calls/).waitFor();
  await view.screenshot('graph');
  view.expectNoProblems();
  await view.close();
});

test('finding an app by search lights up its blast radius and lists it', async () => {
  const { blastRadius } = await graphql(
    'query($app: String!) { blastRadius(app: $app, maxDepth: 3) { count impacted { app { name } } } }', { app: 'payments-api' });
  assert.ok(blastRadius.count > 0, 'the demo\'s payments-api has callers');
  const view = await open('/graph');
  const { page } = view;
  await page.locator('.estate-canvas[data-drawn="true"]').waitFor({ timeout: 30000 });
  await page.getByLabel('Find an app').fill('payments-a');
  await page.getByRole('list', { name: 'Matching apps' }).getByRole('button', { name: 'payments-api' }).waitFor();
  await page.getByLabel('Find an app').press('Enter');

  const panel = page.getByRole('region', { name: 'Blast radius' });
  await panel.getByText(new RegExp(`Blast radius: ${blastRadius.count.toLocaleString('en')} apps? within 3 hops`)).waitFor();
  const listed = panel.getByRole('list', { name: 'Impacted apps' });
  await listed.getByRole('link', { name: blastRadius.impacted[0].app.name, exact: true }).waitFor();
  assert.equal(await listed.getByRole('listitem').count(), Math.min(200, blastRadius.count));
  // The drawing has been redrawn with that highlight (the rest dimmed), and the view is in the URL.
  await page.locator(`.estate-canvas[data-highlight="payments-api:3:${blastRadius.count}"]`).waitFor();
  assert.match(page.url(), /[?&]app=payments-api/);
  await page.waitForTimeout(700); // the camera's move to the app
  await view.screenshot('graph-blast-radius');

  // A deeper radius from the slider: more (or as many) apps, and the link keeps it.
  const deeper = await graphql(
    'query($app: String!) { blastRadius(app: $app, maxDepth: 6) { count } }', { app: 'payments-api' });
  const slider = page.getByLabel(/Blast radius depth/);
  await slider.focus();
  for (let i = 0; i < 3; i++) await slider.press('ArrowRight');
  await panel.getByText(new RegExp(`Blast radius: ${deeper.blastRadius.count.toLocaleString('en')} apps? within 6 hops`)).waitFor();
  assert.match(page.url(), /[?&]depth=6/);
  view.expectNoProblems();
  await view.close();
});

test('a shared link opens the same selection, and a squad filter keeps that squad\'s apps', async () => {
  const { squads } = await graphql('{ squads { name apps { name } } }');
  const squad = squads.find((s) => s.apps.length > 0);
  const view = await open(`/graph?app=auth-service&depth=2&squad=${encodeURIComponent(squad.name)}`);
  const { page } = view;
  await page.locator('.estate-canvas[data-drawn="true"]').waitFor({ timeout: 30000 });
  assert.equal(await page.getByLabel('Squad').inputValue(), squad.name);
  assert.equal(await page.getByLabel(/Blast radius depth/).inputValue(), '2');
  await page.getByRole('region', { name: 'Blast radius' }).getByText(/Blast radius: [\d,]+ apps? within 2 hops/).waitFor();
  await view.screenshot('graph-squad');
  view.expectNoProblems();
  await view.close();
});
