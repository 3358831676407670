// Asks appgraph's GraphQL API directly, so an end-to-end test can find its data in the demo estate
// (an app whose owner left, an app's owner) instead of hard-coding what the generator picked.
import { baseUrl } from './support.mjs';

export async function graphql(query, variables = {}) {
  const response = await fetch(baseUrl + '/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors?.length) throw new Error('GraphQL errors: ' + JSON.stringify(body.errors));
  return body.data;
}
