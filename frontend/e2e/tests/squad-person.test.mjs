import assert from 'node:assert/strict';
import { test } from 'node:test';
import { graphql } from '../graphqlClient.mjs';
import { open, useBrowser } from '../support.mjs';

useBrowser();

test('a squad page shows its buddy, members and apps', async () => {
  // The squad of payments-api, the one app the demo always has.
  const name = (await graphql('{ app(name: "payments-api") { squad { name } } }')).app.squad.name;
  const { squad } = await graphql('query($n: String!) { squad(name: $n) { buddy { name handle } members { handle active } apps { name } } }', { n: name });
  const view = await open('/squads/' + name);
  const { page } = view;
  await page.getByRole('heading', { name: 'Squad ' + name, level: 1 }).waitFor();
  if (squad.buddy) await page.getByRole('link', { name: squad.buddy.name || squad.buddy.handle }).first().waitFor();
  const members = page.getByRole('list', { name: 'Members of ' + name });
  assert.equal(await members.getByRole('listitem').count(), squad.members.length);
  const left = squad.members.filter((m) => !m.active).length;
  assert.equal(await members.getByText('(left)').count(), left);
  const apps = await page.locator('table tbody th a.app-link').allTextContents();
  assert.deepEqual(apps, squad.apps.map((a) => a.name));
  await view.screenshot('squad');
  await page.getByRole('link', { name: 'payments-api' }).click();
  await page.getByRole('heading', { name: 'payments-api', level: 1 }).waitFor();
  view.expectNoProblems();
  await view.close();
});

test('a person page says whether they left, with their squads and apps', async () => {
  const { ownershipAlerts } = await graphql('{ ownershipAlerts(status: OPEN, first: 50) { reason formerOwner { handle } } }');
  const leaver = ownershipAlerts.find((a) => a.reason === 'OWNER_LEFT' && a.formerOwner)?.formerOwner.handle;
  assert.ok(leaver, 'the demo has a leaver who still owns an app');
  const { person } = await graphql('query($h: String!) { person(handle: $h) { name squads { name } ownedApps { name } } }', { h: leaver });

  const view = await open('/people/' + leaver);
  const { page } = view;
  await page.getByRole('heading', { name: person.name ?? leaver, level: 1 }).waitFor();
  await page.getByText('Has left').waitFor();
  const squads = page.getByRole('list', { name: 'Squads of ' + leaver });
  for (const squad of person.squads) await squads.getByRole('link', { name: squad.name }).waitFor();
  const owned = await page.locator('table tbody th a.app-link').allTextContents();
  assert.deepEqual(owned, person.ownedApps.map((a) => a.name));
  await page.getByText('needs a new owner').first().waitFor();
  await view.screenshot('person-leaver');
  view.expectNoProblems();
  await view.close();
});

test('unknown squads and people say so', async () => {
  const squad = await open('/squads/no-such-squad');
  await squad.page.getByText('No squad named no-such-squad').waitFor();
  squad.expectNoProblems();
  await squad.close();
  const person = await open('/people/no.such.person');
  await person.page.getByText('No person with the handle no.such.person').waitFor();
  person.expectNoProblems();
  await person.close();
});
