import { explorerPlugin } from '@graphiql/plugin-explorer';
import { apiFetch } from '../../api/session';
import '@graphiql/plugin-explorer/style.css';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import 'graphiql/style.css';
import { useMemo } from 'react';

const example = `# The blast radius of an app and who to call, in one request.
query BlastRadius {
  blastRadius(app: "payments-api", maxDepth: 3) {
    count
    truncated
    impacted {
      distance
      app { name squad { name } owner { handle active } }
    }
  }
}
`;

/**
 * GraphiQL bundled into the portal (with the explorer plugin), so it works on a machine with no
 * route to the internet and under a Content-Security-Policy that allows only appgraph's origin.
 */
export default function GraphiqlPage() {
  const fetcher = useMemo(() => {
    const origin = window.location.origin;
    return createGraphiQLFetcher({
      url: origin + '/graphql',
      fetch: apiFetch,
      subscriptionUrl: origin.replace(/^http/, 'ws') + '/graphql',
    });
  }, []);
  const plugins = useMemo(() => [explorerPlugin()], []);
  return (
    <div className="graphiql-page">
      <GraphiQL fetcher={fetcher} plugins={plugins} defaultQuery={example} />
    </div>
  );
}
