import assert from 'node:assert/strict';
import { test } from 'node:test';
import { baseUrl, open, useBrowser } from '../support.mjs';

useBrowser();

test('every response allows nothing but appgraph\'s own origin', async () => {
  const response = await fetch(baseUrl + '/');
  assert.equal(response.status, 200);
  const csp = response.headers.get('content-security-policy') ?? '';
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /script-src 'self'(;|$)/);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|https?:/);
});

test('a deep link is answered by the portal, not a 404', async () => {
  const response = await fetch(baseUrl + '/apps/payments-api');
  assert.equal(response.status, 200);
  assert.match(await response.text(), /<div id="root">/);
});

test('GraphiQL is bundled: it loads and answers a query with no other host reachable', async () => {
  const view = await open('/graphiql');
  const { page } = view;
  // A click on "execute" while GraphiQL is still starting (its schema not yet read) does nothing, as
  // it would for a person, who clicks again: so does the test, a few times, before it gives up.
  const answer = page.locator('.graphiql-response').getByText('"count"');
  for (let attempt = 1; ; attempt++) {
    await page.getByRole('button', { name: /execute query/i }).click();
    try {
      await answer.waitFor({ timeout: 5000 });
      break;
    } catch (e) {
      if (attempt === 4) {
        await view.screenshot('graphiql-failed');
        throw new Error(e.message + '\nproblems: ' + view.problems.join('\n'));
      }
    }
  }
  await view.screenshot('graphiql');
  view.expectNoProblems();
  await view.close();
});

test('with the API down, every page says so instead of going blank', async () => {
  for (const path of ['/', '/apps/payments-api', '/graph', '/drift', '/releases', '/ownership', '/squads/edge', '/people/jason.reyes']) {
    const view = await open(path);
    const { page } = view;
    // From now on the API cannot be reached, as when the server is down behind a proxy.
    await page.route('**/graphql', (route) => route.abort('connectionrefused'));
    await page.reload();
    const alert = page.getByRole('alert').first();
    await alert.waitFor({ timeout: 15000 });
    assert.match(await alert.innerText(), /could not|did not answer|failed/i, path + ' shows an error a user can act on');
    if (path === '/') await view.screenshot('api-down');
    await view.close();
  }
});
