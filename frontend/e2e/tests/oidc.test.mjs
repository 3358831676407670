// The portal behind a login (oidc mode): a person opens it, logs in at the company's issuer, and
// acts as themselves. Runs when e2e/run.mjs started appgraph in oidc mode beside a real issuer
// (APPGRAPH_OIDC_URL); the first appgraph, open in local mode on the same database, sets up the
// person the issuer's user is matched to by email.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { join } from 'node:path';
import { baseUrl, launchChromium } from '../support.mjs';

const oidcUrl = process.env.APPGRAPH_OIDC_URL;
const target = process.env.E2E_TARGET ?? 'target/e2e';
let browser;

before(async () => {
  if (!oidcUrl) return;
  browser = await launchChromium();
  const response = await fetch(baseUrl + '/graphql', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation($input: PersonInput!) { upsertPerson(input: $input) { errors { message } } }',
      variables: { input: { handle: 'alice', name: 'Alice Example', email: 'alice@example.com' } },
    }),
  });
  const answer = await response.json();
  assert.deepEqual(answer.data.upsertPerson.errors, [], JSON.stringify(answer));
});

after(async () => {
  await browser?.close();
});

test('a person logs in at the issuer, acts as themselves, and logs out', { skip: !oidcUrl && 'no oidc instance (run through the Maven build)' }, async () => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push('console error: ' + message.text());
  });

  // Not logged in: the portal sends the browser to the issuer's login form.
  await page.goto(oidcUrl + '/alerts');
  await page.waitForURL(/\/login$/);
  assert.notEqual(new URL(page.url()).port, new URL(oidcUrl).port, 'the login form is the issuer\'s');
  await page.getByLabel(/username/i).fill('alice');
  await page.getByLabel(/password/i).fill('password-for-tests');
  await page.getByRole('button', { name: /sign in/i }).click();

  // Back where they started, logged in.
  await page.waitForURL(oidcUrl + '/alerts');
  const header = page.getByRole('banner');
  await header.getByText('Signed in as').waitFor();
  assert.match(await header.innerText(), /Signed in as\s+alice/);
  await page.getByText('Acting as').waitFor();
  assert.match(await page.locator('.acting-as').first().innerText(), /Acting as\s+alice/);
  await page.screenshot({ path: join(target, 'oidc-signed-in.png') });

  // Reads work through the session.
  await page.goto(oidcUrl + '/');
  await page.locator('table.directory-table tbody tr th a').first().waitFor();

  // Logging out ends the issuer's session too: the next visit asks for the password again.
  // (The issuer sends the browser back to the portal, which sends it to the login form.)
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.waitForURL(/\/login$/);
  await page.goto(oidcUrl + '/');
  await page.waitForURL(/\/login$/);
  assert.deepEqual(errors, []);
  await context.close();
});
