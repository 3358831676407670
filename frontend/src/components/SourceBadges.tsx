import { orderedSources, SOURCE_LABELS } from '../lib/dependencySources';

/** Where a call was learned from, as small badges: Declared, Backstage, Network policy, Mesh. */
export function SourceBadges({ sources }: { sources: readonly string[] }) {
  return (
    <span className="source-badges">
      {orderedSources(sources).map((s) => (
        <span key={s} className={'source-badge source-' + s.toLowerCase().replace('_', '-')} title={SOURCE_TITLES[s]}>
          {SOURCE_LABELS[s]}
        </span>
      ))}
    </span>
  );
}

const SOURCE_TITLES: Record<string, string> = {
  DECLARED: 'Declared through the API',
  BACKSTAGE: 'Declared in the Backstage catalog',
  NETWORK_POLICY: 'Allowed by a Kubernetes network policy',
  MESH: 'Observed by the service mesh',
};
