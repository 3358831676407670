import { useEffect, useId, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useQuery } from 'urql';
import { AppLink } from '../../components/AppLink';
import { SourceBadges } from '../../components/SourceBadges';
import { ErrorMessage, Loading } from '../../components/Status';
import '../../components/shared.css';
import { DriftPageDocument, DriftSquadsDocument, type DriftCategoryFragment } from '../../gql/graphql';
import { useDebounced } from '../../hooks/useDebounced';
import { useLastData } from '../../hooks/useLastData';
import { useNow } from '../../hooks/useNow';
import { relativeTime } from '../../lib/alerts';
import { formatRate } from '../../lib/dependencySources';
import {
  DRIFT_CATEGORIES, driftViewParams, LISTED_PER_CATEGORY, MAX_STALE_DAYS, MIN_STALE_DAYS, readDriftView, type DriftCategory, type DriftView,
} from '../../lib/drift';
import './DriftPage.css';

/** Where the declared, allowed and observed dependency graphs disagree, for a squad or the whole estate. */
export default function DriftPage() {
  const [params, setParams] = useSearchParams();
  const view = readDriftView(params);
  const update = (change: Partial<DriftView>) =>
    setParams((current) => driftViewParams({ ...readDriftView(current), ...change }), { replace: true });
  const now = useNow(60_000);

  const [result] = useQuery({
    query: DriftPageDocument,
    variables: { squad: view.squad, staleDays: view.staleDays, first: LISTED_PER_CATEGORY },
  });
  const data = useLastData(result.data);
  const [squads] = useQuery({ query: DriftSquadsDocument });
  const drift = data?.dependencyDrift;
  const updating = !!drift && (data !== result.data || result.fetching);

  return (
    <section className="drift-page">
      <h1>Dependency drift</h1>
      <p className="muted drift-intro">
        Where the calls declared (through the API or Backstage) and allowed (network policies) disagree with what the service mesh
        observes. Judged only for apps the mesh sees: an app without a sidecar has no observed calls.
      </p>
      <div className="drift-filters" role="group" aria-label="Filters">
        <label>
          Squad
          <select value={view.squad ?? ''} onChange={(e) => update({ squad: e.target.value || null })}>
            <option value="">Whole estate</option>
            {squads.data?.squads.map((s) => <option key={s.name} value={s.name}>{s.name}</option>)}
            {view.squad && !squads.data?.squads.some((s) => s.name === view.squad) && (
              <option value={view.squad}>{view.squad}</option>
            )}
          </select>
        </label>
        <StaleDaysField days={view.staleDays} onDays={(staleDays) => update({ staleDays })} />
        {drift && (
          <span className="muted" role="status">
            {drift.lastObserved ? <>The mesh last saw traffic {relativeTime(drift.lastObserved, now)}.</> : <>No mesh traffic imported yet.</>}
            {updating && ' Updating…'}
          </span>
        )}
        {squads.error && <ErrorMessage error={squads.error} what="the squads" />}
      </div>

      {result.error && <ErrorMessage error={result.error} what={'the drift of ' + (view.squad ?? 'the estate')} />}
      {!drift && !result.error && <Loading what="the dependency drift" />}
      {drift && (
        <>
          <nav className="drift-summary" aria-label="Categories">
            {DRIFT_CATEGORIES.map((c) => (
              <a key={c.key} href={'#drift-' + c.key} className="drift-count">
                <strong>{drift[c.key].totalCount.toLocaleString('en')}</strong> {c.title.toLowerCase()}
              </a>
            ))}
          </nav>
          {DRIFT_CATEGORIES.map((c) => (
            <Category key={c.key} category={c} drifted={drift[c.key]} staleDays={drift.staleDays} now={now} />
          ))}
        </>
      )}
    </section>
  );
}

function StaleDaysField({ days, onDays }: { days: number; onDays: (days: number) => void }) {
  const id = useId();
  const [value, setValue] = useState(String(days));
  const settled = useDebounced(value, 400);
  useEffect(() => setValue(String(days)), [days]);
  useEffect(() => {
    const typed = Number.parseInt(settled, 10);
    if (Number.isFinite(typed) && typed >= MIN_STALE_DAYS && typed <= MAX_STALE_DAYS && typed !== days) onDays(typed);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [settled]);
  return (
    <span className="stale-days">
      <label htmlFor={id}>Stale after</label>
      <input id={id} type="number" min={MIN_STALE_DAYS} max={MAX_STALE_DAYS} value={value} onChange={(e) => setValue(e.target.value)} />
      <span>days without traffic</span>
    </span>
  );
}

function Category({ category, drifted, staleDays, now }: { category: DriftCategory; drifted: DriftCategoryFragment; staleDays: number; now: Date }) {
  const headingId = 'drift-' + category.key;
  const listed = drifted.dependencies.length;
  return (
    <section className={'panel drift-category drift-' + category.key} aria-labelledby={headingId}>
      <h2 id={headingId}>
        {category.title} <span className="drift-total">{drifted.totalCount.toLocaleString('en')}</span>
      </h2>
      <p className="muted">{category.explanation(staleDays)}</p>
      {listed === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <table className="drift-table">
          <caption className="visually-hidden">{category.title}: calls by caller, then callee</caption>
          <thead>
            <tr>
              <th scope="col">Caller</th>
              <th scope="col" aria-hidden="true"></th>
              <th scope="col">Callee</th>
              <th scope="col">Sources</th>
              <th scope="col">Last observed</th>
            </tr>
          </thead>
          <tbody>
            {drifted.dependencies.map((d) => (
              <tr key={d.from.name + ' ' + d.to.name}>
                <td>
                  <AppLink name={d.from.name} />
                </td>
                <td className="arrow" aria-label="calls">→</td>
                <td>
                  <AppLink name={d.to.name} />
                </td>
                <td>
                  <SourceBadges sources={d.sources} />
                </td>
                <td>
                  {d.lastObserved ? (
                    <>
                      {relativeTime(d.lastObserved, now)}
                      {d.requestRate != null && <span className="muted"> · {formatRate(d.requestRate)}</span>}
                    </>
                  ) : (
                    <span className="muted">never</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {drifted.totalCount > listed && (
        <p className="muted">
          Showing the first {listed.toLocaleString('en')} of {drifted.totalCount.toLocaleString('en')}, by caller then callee.
        </p>
      )}
    </section>
  );
}
