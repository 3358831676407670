import assert from 'node:assert/strict';
import { test } from 'node:test';
import { graphql } from '../graphqlClient.mjs';
import { baseUrl, open, useBrowser } from '../support.mjs';

useBrowser();

const FIRING = `{ alerts(status: FIRING) {
  fingerprint name matched appLabel runbookUrl pod acknowledgedBy { handle name }
  app { name owner { handle active } squad { buddy { handle name active } } }
  suspects { distance release { externalId } } } }`;

const rowName = (alert) => `${alert.name} on ${alert.app?.name ?? alert.appLabel}`;

test('the alerts page lists the firing alerts, and "I\'m on it" with a handle takes one on', async () => {
  const { alerts } = await graphql(FIRING);
  assert.ok(alerts.length >= 5, 'the demo has a handful of firing alerts');
  const free = alerts.find((a) => a.matched && !a.acknowledgedBy && a.app.squad?.buddy?.active);
  assert.ok(free, 'a firing alert nobody is on yet');
  const taker = free.app.squad.buddy;

  const view = await open('/alerts');
  const { page } = view;
  const table = page.getByRole('table', { name: 'Alerts' });
  await table.waitFor({ timeout: 20000 });
  assert.equal(await table.locator('tbody tr.alert-row').count(), alerts.length);
  for (const alert of alerts) await table.getByRole('row', { name: rowName(alert) }).waitFor();
  const taken = alerts.find((a) => a.acknowledgedBy);
  assert.ok(taken, 'the demo has an alert someone already took on');
  await table.getByRole('row', { name: rowName(taken) }).locator('.acknowledged').getByText(taken.acknowledgedBy.name ?? taken.acknowledgedBy.handle).waitFor();
  // An owner who left is flagged in words, not by colour alone.
  for (const alert of alerts.filter((a) => a.app?.owner && !a.app.owner.active)) {
    await table.getByRole('row', { name: rowName(alert) }).getByText('left: call the buddy').waitFor();
  }
  await view.screenshot('alerts');

  const row = table.getByRole('row', { name: rowName(free) });
  await row.getByRole('button', { name: "I'm on it" }).click();
  // No login yet: the page asks for the handle once, inline.
  await page.getByLabel(`Who is taking ${free.name} on?`).fill(taker.handle);
  await page.getByLabel(`Who is taking ${free.name} on?`).press('Enter');
  await page.getByRole('status').getByText(`${taker.handle} is on it.`).waitFor();
  await row.locator('.acknowledged').getByRole('link', { name: taker.name ?? taker.handle }).waitFor();
  assert.equal(await row.getByRole('button', { name: "I'm on it" }).count(), 0);
  await view.screenshot('alerts-acknowledged');

  const after = await graphql(FIRING);
  assert.equal(after.alerts.find((a) => a.fingerprint === free.fingerprint).acknowledgedBy?.handle, taker.handle);

  // The handle is remembered in this browser.
  await page.reload();
  await page.getByText(`Acting as ${taker.handle}`).waitFor({ timeout: 20000 });
  view.expectNoProblems();
  await view.close();
});

test('a silence Alertmanager cannot make says why', async () => {
  const { alerts } = await graphql(FIRING);
  const alert = alerts.find((a) => a.matched && a.app.squad?.buddy?.active);
  const view = await open('/alerts');
  const { page } = view;
  const row = page.getByRole('row', { name: rowName(alert) });
  await row.waitFor({ timeout: 20000 });
  await row.getByRole('button', { name: 'Silence' }).click();
  const form = page.getByRole('form', { name: 'Silence ' + alert.name });
  await form.getByLabel('Minutes').fill('30');
  await form.getByLabel('Comment').fill('deploying the fix');
  await form.getByLabel('Your handle').fill(alert.app.squad.buddy.handle);
  await form.getByRole('button', { name: 'Silence for 30 min' }).click();
  // The demo runs without Alertmanager (appgraph.alertmanager.url unset): the API's reason shows.
  await page.getByRole('alert').getByText(/Not silenced: .*appgraph\.alertmanager\.url/).waitFor();
  await view.screenshot('alerts-silence-refused');
  view.expectNoProblems();
  await view.close();
});

test('an alert\'s details show where it fires, its labels and the releases just before it', async () => {
  const { alerts } = await graphql(FIRING);
  const suspected = alerts.find((a) => a.app?.name === 'payments-api') ?? alerts.find((a) => a.suspects.length > 0);
  assert.ok(suspected.suspects.length > 0, 'payments-api fires minutes after a release on an app it calls');

  const view = await open('/alerts');
  const { page } = view;
  const row = page.getByRole('row', { name: rowName(suspected) });
  await row.waitFor({ timeout: 20000 });
  await row.getByRole('button', { name: suspected.name }).click();
  const details = page.getByRole('region', { name: 'Details of ' + suspected.name });
  await details.getByRole('link', { name: suspected.runbookUrl }).waitFor();
  await details.getByText('pod ' + suspected.pod, { exact: false }).waitFor();
  await details.getByRole('list', { name: 'Labels' }).getByText('alertname').waitFor();
  const suspects = details.getByRole('table', { name: 'Suspects of ' + suspected.name });
  // Suspects are read when the details open: wait for them before counting.
  await suspects.waitFor();
  assert.equal(await suspects.locator('tbody tr').count(), suspected.suspects.length);
  await suspects.getByText(/\d+ min before/).first().waitFor();
  await view.screenshot('alerts-details');
  view.expectNoProblems();
  await view.close();
});

test('the unmatched filter shows the alert whose app the catalog does not know, and stays in the link', async () => {
  const { alerts } = await graphql('{ alerts(unmatched: true) { name appLabel } }');
  assert.equal(alerts.length, 1);

  const view = await open('/alerts');
  const { page } = view;
  await page.getByRole('table', { name: 'Alerts' }).waitFor({ timeout: 20000 });
  await page.getByLabel('Unmatched only').click();
  await page.waitForURL(/unmatched=true/);
  assert.equal(await page.getByLabel('Unmatched only').isChecked(), true);
  const table = page.getByRole('table', { name: 'Alerts' });
  await table.getByRole('row', { name: `${alerts[0].name} on ${alerts[0].appLabel}` }).waitFor();
  await page.waitForFunction(() => document.querySelectorAll('tbody tr.alert-row').length === 1);
  await table.getByText('(not in the catalog)').waitFor();
  await view.screenshot('alerts-unmatched');
  view.expectNoProblems();
  await view.close();
});

test('resolved alerts and the time to restore per month', async () => {
  const view = await open('/alerts?status=resolved');
  const { page } = view;
  const table = page.getByRole('table', { name: 'Alerts' });
  await table.waitFor({ timeout: 20000 });
  assert.ok((await table.locator('tbody tr.alert-row.resolved').count()) >= 30);
  assert.equal(await table.locator('tbody tr.alert-row.firing').count(), 0);
  await page.getByRole('img', { name: /Per month, last 12 months .* alerts restored/ }).waitFor();
  await page.getByRole('img', { name: /Per month/ }).scrollIntoViewIfNeeded();
  await view.screenshot('alerts-resolved');
  view.expectNoProblems();
  await view.close();
});

test('the app page shows the app\'s firing alerts and links to all of them', async () => {
  const { app } = await graphql('{ app(name: "payments-api") { alerts(status: FIRING) { name } } }');
  assert.ok(app.alerts.length > 0);

  const view = await open('/apps/payments-api');
  const { page } = view;
  const section = page.getByRole('region', { name: /^Alerts/ });
  await section.waitFor({ timeout: 20000 });
  const firing = section.getByRole('list', { name: 'Firing alerts of payments-api' });
  for (const alert of app.alerts) await firing.getByText(alert.name, { exact: true }).waitFor();
  await view.screenshot('app-alerts');
  await section.getByRole('link', { name: 'All alerts of payments-api' }).click();
  await page.waitForURL(baseUrl + '/alerts?status=all&app=payments-api');
  await page.getByRole('row', { name: `${app.alerts[0].name} on payments-api` }).waitFor({ timeout: 20000 });
  view.expectNoProblems();
  await view.close();
});

test('a deep link to the alerts page is answered by the portal, filters and all', async () => {
  const response = await fetch(baseUrl + '/alerts?status=all&unmatched=true');
  assert.equal(response.status, 200);
  assert.match(await response.text(), /<div id="root">/);
});
