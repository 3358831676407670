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
  await page.getByRole('button', { name: /execute query/i }).click().catch(async (e) => {
    await view.screenshot('graphiql-failed');
    throw new Error(e.message + '\nproblems: ' + view.problems.join('\n'));
  });
  // The default query asks for auth-service's blast radius; its answer shows in the result pane.
  await page.locator('.graphiql-response').getByText('"count"').waitFor({ timeout: 20000 }).catch(async (e) => {
    await view.screenshot('graphiql-failed');
    throw new Error(e.message + '\nproblems: ' + view.problems.join('\n'));
  });
  await view.screenshot('graphiql');
  view.expectNoProblems();
  await view.close();
});
