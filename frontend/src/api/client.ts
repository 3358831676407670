import { createClient as createWsClient } from 'graphql-ws';
import { Client, cacheExchange, fetchExchange, subscriptionExchange } from 'urql';
import { apiFetch } from './session';

/** The one GraphQL client of the portal: queries and mutations over HTTP, subscriptions over graphql-ws. */
export function createClient(origin: string = window.location.origin): Client {
  const wsUrl = origin.replace(/^http/, 'ws') + '/graphql';
  const ws = createWsClient({ url: wsUrl, lazy: true, retryAttempts: Infinity });
  return new Client({
    url: origin + '/graphql',
    fetch: apiFetch,
    exchanges: [
      cacheExchange,
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query ?? '' };
          return {
            subscribe(sink) {
              const unsubscribe = ws.subscribe(input, sink);
              return { unsubscribe };
            },
          };
        },
      }),
    ],
    requestPolicy: 'cache-and-network',
    preferGetMethod: false,
  });
}
