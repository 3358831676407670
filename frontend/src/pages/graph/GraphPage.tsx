import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useQuery } from 'urql';
import { ErrorMessage, Loading } from '../../components/Status';
import { EstateGraphDocument, GraphBlastRadiusDocument } from '../../gql/graphql';
import {
  blastHighlight, CALL_STYLES, graphViewParams, matchApps, MAX_DEPTH, MIN_DEPTH, readGraphView, squadLegend, squadScope,
  toEstateGraph, type GraphViewState, type NodeView,
} from '../../lib/estateGraph';
import { SquadBadge } from '../../components/SquadBadge';
import { countShown, SOURCE_LABELS, SOURCES, sourcesParam, toggleSource, type Source } from '../../lib/dependencySources';
import { squadColor } from '../../lib/squadColor';
import './GraphPage.css';

const EstateCanvas = lazy(() => import('./EstateCanvas'));

/** How many impacted apps the side panel lists by name; the count says how many there are in all. */
const LISTED = 200;

/** How many squads the legend names; a big estate's other squads are in the squad filter. */
const LEGEND_SQUADS = 40;

export default function GraphPage() {
  const [params, setParams] = useSearchParams();
  const view = readGraphView(params);
  const update = useCallback(
    (change: Partial<GraphViewState>) => setParams((current) => graphViewParams({ ...readGraphView(current), ...change }), { replace: true }),
    [setParams],
  );

  // cache-first: the graph is built once per answer, and a second identical answer would lay it out again.
  const [estate] = useQuery({ query: EstateGraphDocument, requestPolicy: 'cache-first' });
  const nodes = estate.data?.dependencyGraph.nodes;
  const edges = estate.data?.dependencyGraph.edges;
  const graph = useMemo(() => (nodes && edges ? toEstateGraph(nodes, edges) : null), [nodes, edges]);
  const legend = useMemo(() => (nodes ? squadLegend(nodes) : []), [nodes]);
  const names = useMemo(() => (nodes ? nodes.map((n) => n.name) : []), [nodes]);
  const scope = useMemo(() => (nodes && edges && view.squad ? squadScope(nodes, edges, view.squad) : null), [nodes, edges, view.squad]);

  const [blast] = useQuery({
    query: GraphBlastRadiusDocument,
    variables: { app: view.app ?? '', maxDepth: view.depth },
    pause: !view.app,
    requestPolicy: 'cache-first',
  });
  const radius = blast.data?.blastRadius.app.name === view.app && blast.data.blastRadius.maxDepth === view.depth ? blast.data.blastRadius : null;
  const lit = useMemo(
    () => (radius ? blastHighlight(radius.app.name, radius.impacted.map((i) => ({ name: i.app.name, distance: i.distance }))) : null),
    [radius],
  );
  const sourcesKey = sourcesParam(view.sources);
  // A new set on every render would redraw every call; the URL's value says when it changed.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const sources = useMemo(() => view.sources, [sourcesKey]);
  const nodeView: NodeView = useMemo(() => ({ lit, scope, selected: view.app, sources }), [lit, scope, view.app, sources]);
  const highlightKey = (radius ? `${radius.app.name}:${radius.maxDepth}:${radius.count}` : 'none')
    + (sourcesKey !== null ? ` sources=${sourcesKey}` : '');
  const shownCalls = useMemo(() => (edges && sources ? countShown(edges, sources) : null), [edges, sources]);
  const [layoutRunning, setLayoutRunning] = useState(false);

  const select = useCallback((app: string) => update({ app, search: '' }), [update]);
  const matches = useMemo(() => matchApps(names, view.search), [names, view.search]);

  if (estate.error) return <ErrorMessage error={estate.error} what="the estate graph" />;
  if (!graph || !nodes) return <Loading what="the estate graph" />;

  return (
    <section className="graph-page">
      <aside className="graph-side" aria-label="Graph controls">
        <h1>Estate graph</h1>
        <p className="muted graph-counts">
          {graph.order.toLocaleString('en')} apps, {graph.size.toLocaleString('en')} calls
          {shownCalls !== null && <> · {shownCalls.toLocaleString('en')} shown</>}
          {layoutRunning ? ' · arranging…' : ''}
        </p>

        <form
          className="graph-search"
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            const first = matches[0];
            if (first) select(first);
          }}
        >
          <label htmlFor="graph-search">Find an app</label>
          <input
            id="graph-search"
            type="search"
            placeholder="name, e.g. payments-api"
            autoComplete="off"
            value={view.search}
            onChange={(e) => update({ search: e.target.value })}
          />
          {matches.length > 0 && (
            <ul className="graph-matches" aria-label="Matching apps">
              {matches.map((name) => (
                <li key={name}>
                  <button type="button" onClick={() => select(name)}>{name}</button>
                </li>
              ))}
            </ul>
          )}
          {view.search.trim() && matches.length === 0 && <p className="muted">No app matches “{view.search}”.</p>}
        </form>

        <div className="graph-field">
          <label htmlFor="graph-depth">Blast radius depth: {view.depth} {view.depth === 1 ? 'hop' : 'hops'}</label>
          <input
            id="graph-depth"
            type="range"
            min={MIN_DEPTH}
            max={MAX_DEPTH}
            value={view.depth}
            onChange={(e) => update({ depth: Number(e.target.value) })}
          />
        </div>

        <div className="graph-field">
          <label htmlFor="graph-squad">Squad</label>
          <select id="graph-squad" value={view.squad ?? ''} onChange={(e) => update({ squad: e.target.value || null })}>
            <option value="">All squads</option>
            {legend.filter((l) => l.squad).map((l) => (
              <option key={l.squad} value={l.squad ?? ''}>{l.squad} ({l.apps})</option>
            ))}
          </select>
        </div>

        <SourceFilter sources={view.sources} onChange={(sources) => update({ sources })} />

        {view.app && (
          <BlastPanel
            app={view.app}
            depth={view.depth}
            fetching={blast.fetching}
            error={blast.error}
            radius={radius}
            onClear={() => update({ app: null })}
          />
        )}
        {!view.app && <p className="muted">Click an app, or find it above, to see what breaks if it breaks.</p>}

        <section className="graph-legend" aria-label="Legend">
          <h2>Legend</h2>
          <p className="muted">Size: apps that depend on it. Ringed red: an alert is firing.</p>
          <h3>Calls</h3>
          <ul className="call-legend" aria-label="Calls by what reports them">
            {(Object.keys(CALL_STYLES) as (keyof typeof CALL_STYLES)[]).map((kind) => (
              <li key={kind}>
                <span className={'line-swatch ' + kind} style={{ background: CALL_STYLES[kind].color }} />
                {CALL_STYLES[kind].label}
              </li>
            ))}
          </ul>
          <h3>Squads</h3>
          <ul>
            {legend.filter((l, i) => i < LEGEND_SQUADS || l.squad === view.squad).map((l) => (
              <li key={l.squad ?? ''}>
                <span className={'swatch' + (view.squad === l.squad ? ' current' : '')} style={{ background: l.color }} />
                {l.squad ? (
                  <button type="button" className="linklike" onClick={() => update({ squad: view.squad === l.squad ? null : l.squad })}
                    aria-pressed={view.squad === l.squad}>
                    {l.squad}
                  </button>
                ) : (
                  <span className="muted">no squad</span>
                )}
                <span className="muted"> {l.apps}</span>
              </li>
            ))}
          </ul>
          {legend.length > LEGEND_SQUADS && (
            <p className="muted">…and {(legend.length - LEGEND_SQUADS).toLocaleString('en')} smaller squads: pick one with the squad filter.</p>
          )}
        </section>
      </aside>

      <div className="graph-stage">
        <Suspense fallback={<Loading what="the graph renderer" />}>
          <EstateCanvas graph={graph} view={nodeView} focus={view.app} highlightKey={highlightKey} onSelect={select} onLayout={setLayoutRunning} />
        </Suspense>
      </div>
    </section>
  );
}

/** Which sources' calls are drawn; shown checked at once, while the URL (and with it the view) changes a moment later. */
function SourceFilter({ sources, onChange }: { sources: Set<Source> | null; onChange: (sources: Set<Source> | null) => void }) {
  const [checked, setChecked] = useState(sources);
  const key = sourcesParam(sources);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => setChecked(sources), [key]);
  const change = (next: Set<Source> | null) => {
    setChecked(next);
    onChange(next);
  };
  return (
    <fieldset className="source-filter">
      <legend>Show calls reported by</legend>
      {SOURCES.map((source) => (
        <label key={source}>
          <input type="checkbox" checked={checked?.has(source) ?? true} onChange={() => change(toggleSource(checked, source))} />
          {SOURCE_LABELS[source]}
        </label>
      ))}
      {checked && (
        <button type="button" className="linklike" onClick={() => change(null)}>
          Show all calls
        </button>
      )}
    </fieldset>
  );
}

interface Radius {
  app: { name: string; squad?: { name: string } | null; owner?: { handle: string; active: boolean } | null };
  maxDepth: number;
  count: number;
  truncated: boolean;
  impacted: { distance: number; app: { name: string; squad?: { name: string } | null } }[];
}

function BlastPanel({ app, depth, fetching, error, radius, onClear }: {
  app: string; depth: number; fetching: boolean; error: Parameters<typeof ErrorMessage>[0]['error'] | undefined;
  radius: Radius | null; onClear: () => void;
}) {
  return (
    <section className="panel blast-panel" aria-label="Blast radius">
      <div className="blast-head">
        <h2>
          <Link to={`/apps/${encodeURIComponent(app)}`}>{app}</Link>
        </h2>
        <button type="button" onClick={onClear}>Clear selection</button>
      </div>
      {error && <ErrorMessage error={error} what={`the blast radius of ${app}`} />}
      {!error && !radius && fetching && <Loading what="the blast radius" />}
      {radius && (
        <>
          <p className="muted">
            {radius.app.squad ? <>Squad <SquadBadge name={radius.app.squad.name} /></> : 'No squad'}
            {' · '}
            {radius.app.owner ? <>owner <Link to={`/people/${encodeURIComponent(radius.app.owner.handle)}`}>{radius.app.owner.handle}</Link>{radius.app.owner.active ? '' : <span className="left"> (left)</span>}</> : 'no owner'}
          </p>
          <p className="blast-count" role="status">
            Blast radius: <strong>{radius.count.toLocaleString('en')}</strong> {radius.count === 1 ? 'app' : 'apps'} within {depth} {depth === 1 ? 'hop' : 'hops'}
            {radius.truncated && <span className="warn"> — more lie beyond {depth} hops</span>}
          </p>
          {radius.count > 0 && (
            <ol className="blast-list" aria-label="Impacted apps">
              {radius.impacted.slice(0, LISTED).map((i) => (
                <li key={i.app.name}>
                  <span className="distance" title="hops away">{i.distance}</span>{' '}
                  <span className="swatch" style={{ background: squadColor(i.app.squad?.name) }} title={i.app.squad?.name ?? 'no squad'} />
                  <Link to={`/apps/${encodeURIComponent(i.app.name)}`}>{i.app.name}</Link>
                </li>
              ))}
            </ol>
          )}
          {radius.count > LISTED && <p className="muted">…and {(radius.count - LISTED).toLocaleString('en')} more.</p>}
        </>
      )}
    </section>
  );
}
