import assert from 'node:assert/strict';
import { test } from 'node:test';
import { graphql } from '../graphqlClient.mjs';
import { open, useBrowser } from '../support.mjs';

useBrowser();

const rows = (page) => page.locator('table.directory-table tbody tr');
const appNames = (page) => page.locator('table.directory-table tbody th[scope=row] a').allTextContents();
const column = (page, index) => page.locator(`table.directory-table tbody tr td:nth-child(${index})`).allTextContents();

async function waitForUrl(page, pattern) {
  await page.waitForFunction((source) => new RegExp(source).test(window.location.search), pattern.source);
}

/** Waits until the table shows the view in the URL, not the rows of the previous one. */
async function settled(page) {
  await page.locator('table.directory-table[aria-busy="false"]').waitFor();
}

test('the directory lists apps with squad, owner, tier, buddy, description and bookmarks', async () => {
  const { apps } = await graphql('{ apps(first: 1) { totalCount } }');
  const view = await open('/');
  const { page } = view;
  await page.getByRole('heading', { name: 'Apps', level: 1 }).waitFor();
  await page.getByText(`${apps.totalCount} apps`).waitFor();
  assert.equal(await rows(page).count(), 20);
  for (const header of ['App', 'Squad', 'Owner', 'Tier', 'Ops buddy', 'Description', 'Links']) {
    await page.getByRole('columnheader', { name: header }).first().waitFor();
  }
  // The bookmarks menu opens with the keyboard and lists the app's links.
  const first = (await appNames(page))[0];
  const menu = page.getByRole('button', { name: 'Bookmarks of ' + first });
  await menu.focus();
  await page.keyboard.press('Enter');
  assert.equal(await menu.getAttribute('aria-expanded'), 'true');
  const list = page.getByRole('list', { name: 'Bookmarks of ' + first });
  assert.ok((await list.getByRole('link').count()) > 0);
  await view.screenshot('directory-1440');
  await page.keyboard.press('Escape');
  assert.equal(await menu.getAttribute('aria-expanded'), 'false');
  // Paging from the server: the next page holds other apps, and the URL says where we are.
  await page.getByRole('button', { name: 'Next →' }).click();
  await page.getByText(/Page 2 · 21–40 of/).waitFor();
  await settled(page);
  assert.ok(!(await appNames(page)).includes(first));
  await page.getByRole('button', { name: '← Previous' }).click();
  await page.getByText(/Page 1 · 1–20 of/).waitFor();
  await settled(page);
  assert.equal((await appNames(page))[0], first);
  view.expectNoProblems();
  await view.close();
});

test('search as you type finds matching apps, ranked by the server', async () => {
  const view = await open('/');
  const { page } = view;
  await rows(page).first().waitFor();
  await page.getByLabel('Search apps').pressSequentially('paym', { delay: 40 });
  await waitForUrl(page, /q=paym/);
  await page.locator('table.directory-table tbody tr th a', { hasText: 'payments-api' }).waitFor();
  await settled(page);
  const { apps } = await graphql('query($s: String!) { apps(first: 100, filter: { search: $s }) { totalCount edges { node { name } } } }', { s: 'paym' });
  await page.getByText(`${apps.totalCount} ${apps.totalCount === 1 ? 'app' : 'apps'} match`).waitFor();
  assert.deepEqual(await appNames(page), apps.edges.slice(0, 20).map((e) => e.node.name));
  await page.getByText(/ranked by relevance/).waitFor();
  await view.screenshot('directory-search');
  // The view is in the URL: reloading it shows the same search.
  await page.reload();
  assert.equal(await page.getByLabel('Search apps').inputValue(), 'paym');
  await page.locator('table.directory-table tbody tr th a', { hasText: 'payments-api' }).waitFor();
  view.expectNoProblems();
  await view.close();
});

test('filters by squad and tier, and by owner', async () => {
  const view = await open('/');
  const { page } = view;
  await rows(page).first().waitFor();
  // The squad and tier of payments-api, so the combination has at least that app.
  const { app } = await graphql('{ app(name: "payments-api") { squad { name } tier owner { handle name } } }');
  const squad = app.squad.name;
  const tier = app.tier.replace('TIER_', 'Tier ');
  await page.getByLabel('Squad').selectOption(squad);
  await waitForUrl(page, new RegExp('squad=' + squad));
  await page.getByLabel('Tier').selectOption(app.tier);
  await waitForUrl(page, new RegExp('tier=' + app.tier));
  const { apps } = await graphql('query($s: String, $t: Tier) { apps(first: 100, filter: { squad: $s, tier: $t }) { totalCount } }', { s: squad, t: app.tier });
  await page.getByText(`${apps.totalCount} ${apps.totalCount === 1 ? 'app' : 'apps'} match`).waitFor();
  await settled(page);
  assert.ok((await appNames(page)).includes('payments-api'));
  assert.deepEqual(new Set(await column(page, 2)), new Set([squad]));
  assert.deepEqual(new Set(await column(page, 4)), new Set([tier]));
  await view.screenshot('directory-filtered');

  await page.getByRole('button', { name: 'Clear filters' }).click();
  const owner = app.owner;
  await page.getByLabel('Owner handle').fill(owner.handle);
  await waitForUrl(page, new RegExp('owner=' + owner.handle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  await page.locator('table.directory-table tbody tr th a', { hasText: 'payments-api' }).waitFor();
  await settled(page);
  for (const name of await column(page, 3)) assert.ok(name.startsWith(owner.name), name);
  view.expectNoProblems();
  await view.close();
});

test('sorts by a column on the server, both ways, and at a wide screen', async () => {
  const view = await open('/', { width: 1920, height: 1080 });
  const { page } = view;
  await rows(page).first().waitFor();
  const tier = page.getByRole('columnheader', { name: /Tier/ });
  await tier.getByRole('button').click();
  await waitForUrl(page, /sort=tier-asc/);
  assert.equal(await tier.getAttribute('aria-sort'), 'ascending');
  await settled(page);
  assert.deepEqual(new Set(await column(page, 4)), new Set(['Tier 1']));

  await tier.getByRole('button').click();
  await waitForUrl(page, /sort=tier-desc/);
  assert.equal(await tier.getAttribute('aria-sort'), 'descending');
  await settled(page);
  assert.deepEqual(new Set(await column(page, 4)), new Set(['Tier 4']));

  const squad = page.getByRole('columnheader', { name: /Squad/ });
  await squad.getByRole('button').click();
  await waitForUrl(page, /sort=squad-asc/);
  const { apps } = await graphql('{ apps(first: 20, orderBy: { field: SQUAD }) { edges { node { name } } } }');
  await settled(page);
  assert.deepEqual(await appNames(page), apps.edges.map((e) => e.node.name));
  const squads = await column(page, 2);
  assert.deepEqual(squads, [...squads].sort());
  await view.screenshot('directory-1920-sorted');
  view.expectNoProblems();
  await view.close();
});
