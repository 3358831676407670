import assert from 'node:assert/strict';
import { test } from 'node:test';
import { graphql } from '../graphqlClient.mjs';
import { open, useBrowser } from '../support.mjs';

useBrowser();

const OPEN_ALERTS = `query($squad: String) { ownershipAlerts(status: OPEN, squad: $squad, first: 500) {
  id app { name squad { name } } formerOwner { handle } suggestions { person { handle } } } }`;

test('the inbox lists the open ownership alerts, and one click reassigns an owner and clears the alert', async () => {
  const { ownershipAlerts } = await graphql(OPEN_ALERTS);
  const alert = ownershipAlerts.find((a) => a.suggestions.length > 0 && a.formerOwner);
  assert.ok(alert, 'the demo has leavers whose apps have suggested owners');
  const newOwner = alert.suggestions[0].person.handle;

  const view = await open('/ownership');
  const { page } = view;
  const table = page.getByRole('table', { name: 'Open ownership alerts' });
  await table.waitFor({ timeout: 20000 });
  assert.equal(await table.locator('tbody tr').count(), ownershipAlerts.length);
  const row = table.getByRole('row', { name: `Ownership alert for ${alert.app.name}` });
  await row.getByRole('link', { name: alert.app.name, exact: true }).waitFor();
  await row.getByText('Owner left').waitFor();
  await view.screenshot('ownership');

  await row.getByRole('button', { name: `Make ${newOwner} the owner of ${alert.app.name}` }).click();
  await page.getByRole('status').getByText(`${alert.app.name} is now owned by`).waitFor();
  await row.waitFor({ state: 'detached' });
  assert.equal(await table.locator('tbody tr').count(), ownershipAlerts.length - 1);

  const { app } = await graphql('query($name: String!) { app(name: $name) { owner { handle } ownershipAlerts { id } } }', { name: alert.app.name });
  assert.equal(app.owner.handle, newOwner);
  assert.deepEqual(app.ownershipAlerts, []);
  await view.screenshot('ownership-reassigned');
  view.expectNoProblems();
  await view.close();
});

test('a refused reassignment says why and leaves the alert in the inbox', async () => {
  const { ownershipAlerts } = await graphql(OPEN_ALERTS);
  const alert = ownershipAlerts[0];
  const view = await open('/ownership');
  const { page } = view;
  const row = page.getByRole('row', { name: `Ownership alert for ${alert.app.name}` });
  await row.waitFor({ timeout: 20000 });
  // The former owner has left: they cannot take the app back.
  await row.getByLabel('Someone else').fill(alert.formerOwner?.handle ?? 'nobody-by-this-handle');
  await row.getByRole('button', { name: 'Assign' }).click();
  await row.getByRole('alert').getByText(/Not reassigned: .+/).waitFor();
  assert.equal(await row.count(), 1);
  await view.screenshot('ownership-refused');
  view.expectNoProblems();
  await view.close();
});

test('the squad filter shows that squad\'s alerts only, and stays in the link', async () => {
  const { ownershipAlerts } = await graphql(OPEN_ALERTS);
  const squad = ownershipAlerts.find((a) => a.app.squad)?.app.squad.name;
  const mine = ownershipAlerts.filter((a) => a.app.squad?.name === squad);
  const view = await open('/ownership?squad=' + encodeURIComponent(squad));
  const { page } = view;
  const table = page.getByRole('table', { name: 'Open ownership alerts' });
  await table.waitFor({ timeout: 20000 });
  assert.equal(await page.getByLabel('Squad').inputValue(), squad);
  assert.equal(await table.locator('tbody tr').count(), mine.length);
  view.expectNoProblems();
  await view.close();
});
