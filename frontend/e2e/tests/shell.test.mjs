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
