import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useClient, useQuery, useSubscription, type CombinedError, type OperationResult } from 'urql';
import { ErrorMessage, Loading } from '../../components/Status';
import {
  LiveReleasesDocument, ReleaseDashboardStatsDocument, ReleasesOfDayDocument, ReleaseSquadsDocument,
  type LiveReleasesSubscription, type ReleasesOfDayQuery, type TimelineReleaseFragment,
} from '../../gql/graphql';
import {
  dayWindow, mergeReleases, RANGES, readReleasesView, releasesViewParams, statsRanges, STATUS_COLORS, STATUS_LABELS,
  timelineBars, timelineSpan, utcDay, type ReleasesView, type TimelineRelease,
} from '../../lib/releaseTimeline';
import { useNow } from '../../hooks/useNow';
import StatsChart from './StatsChart';
import './ReleasesPage.css';

/** A day's releases are read 100 at a time; the busiest days hold a few hundred. */
const MAX_PAGES = 20;

const dayLabel = (d: Date) => d.toLocaleDateString('en', { timeZone: 'UTC', month: 'short', day: 'numeric' });
const monthLabel = (d: Date) => d.toLocaleDateString('en', { timeZone: 'UTC', month: 'short', year: 'numeric' });
const clock = (ms: number) => new Date(ms).toISOString().slice(11, 16);
const clockSeconds = (iso: string) => new Date(iso).toISOString().slice(11, 19);

export default function ReleasesPage() {
  const [params, setParams] = useSearchParams();
  const view = readReleasesView(params);
  const update = (change: Partial<ReleasesView>) =>
    setParams((current) => releasesViewParams({ ...readReleasesView(current), ...change }), { replace: true });

  const now = useNow(30_000);
  const today = utcDay(now);
  const day = view.day ?? today;
  const isToday = day === today;
  const window = useMemo(() => dayWindow(day)!, [day]);

  const [squads] = useQuery({ query: ReleaseSquadsDocument });
  const read = useDayReleases(day, view.squad, view.app);
  const [live] = useSubscription(
    { query: LiveReleasesDocument, variables: { squad: view.squad, app: view.app }, pause: !isToday },
    (events: LiveReleasesSubscription['releaseEvents'][] = [], event: LiveReleasesSubscription) => [...events, event.releaseEvents].slice(-2000),
  );
  const releases = useMemo(
    () => mergeReleases(read.releases, isToday ? (live.data ?? []) : [], window, isToday),
    [read.releases, live.data, window, isToday],
  );

  const ranges = statsRanges(now, view.range);
  const [stats] = useQuery({
    query: ReleaseDashboardStatsDocument,
    variables: {
      dailyFrom: ranges.daily.from, dailyTo: ranges.daily.to,
      monthlyFrom: ranges.monthly.from, monthlyTo: ranges.monthly.to,
      yearlyFrom: ranges.yearly.from, yearlyTo: ranges.yearly.to,
      squad: view.squad, app: view.app,
    },
  });

  const [appText, setAppText] = useState(view.app ?? '');
  useEffect(() => setAppText(view.app ?? ''), [view.app]);

  const running = releases.filter((r) => r.status === 'IN_PROGRESS').length;
  const failed = releases.filter((r) => r.status === 'FAILED' || r.status === 'ROLLED_BACK').length;

  return (
    <section className="releases-page">
      <h1>Releases</h1>
      <div className="releases-filters" role="group" aria-label="Filters">
        <label>
          Day (UTC)
          <input type="date" value={day} max={today} onChange={(e) => update({ day: e.target.value && e.target.value !== today ? e.target.value : null })} />
        </label>
        <button type="button" onClick={() => update({ day: null })} disabled={isToday}>Today</button>
        <label>
          Squad
          <select value={view.squad ?? ''} onChange={(e) => update({ squad: e.target.value || null })}>
            <option value="">All squads</option>
            {squads.data?.squads.map((s) => <option key={s.name} value={s.name}>{s.name}</option>)}
          </select>
        </label>
        <form className="releases-app" onSubmit={(e) => { e.preventDefault(); update({ app: appText.trim() || null }); }}>
          <label>
            App
            <input type="search" value={appText} placeholder="app name" onChange={(e) => setAppText(e.target.value)} />
          </label>
          <button type="submit">Apply</button>
          {view.app && <button type="button" onClick={() => update({ app: null })}>Clear app</button>}
        </form>
        {squads.error && <ErrorMessage error={squads.error} what="the squads" />}
      </div>

      <section className="panel" aria-label="Timeline">
        <h2>
          {isToday ? 'Today' : dayLabel(window.from)} <span className="muted">({day}, UTC)</span>
          {isToday && <span className={'live' + (live.error ? ' off' : '')} title={live.error ? 'live updates stopped' : 'updated live'}>{live.error ? 'not live' : 'live'}</span>}
        </h2>
        {read.error && <ErrorMessage error={read.error} what="the day's releases" />}
        {live.error && <ErrorMessage error={live.error} what="live release updates" />}
        {read.fetching && read.releases.length === 0 ? <Loading what="the day's releases" /> : (
          <>
            <p className="releases-summary" role="status">
              <strong>{releases.length.toLocaleString('en')}</strong> {releases.length === 1 ? 'release' : 'releases'}
              {' · '}{running} running · {failed} failed or rolled back
              {read.truncated && <span className="warn"> · only the first {(MAX_PAGES * 100).toLocaleString('en')} are shown</span>}
            </p>
            <Timeline releases={releases} window={window} now={now} />
            <StatusKey />
            <ReleaseTable releases={releases} />
          </>
        )}
      </section>

      <section className="releases-stats" aria-label="Release statistics">
        <div className="stats-head">
          <h2>Releases and change failure rate</h2>
          <label>
            Days
            <select value={view.range} onChange={(e) => update({ range: Number(e.target.value) as ReleasesView['range'] })}>
              {RANGES.map((r) => <option key={r} value={r}>last {r} days</option>)}
            </select>
          </label>
        </div>
        {stats.error && <ErrorMessage error={stats.error} what="the release statistics" />}
        {!stats.data && stats.fetching && <Loading what="the release statistics" />}
        {stats.data && (
          <div className="stats-grid">
            <div className="panel"><StatsChart title={`Per day, last ${view.range} days`} buckets={stats.data.daily} format={dayLabel} /></div>
            <div className="panel"><StatsChart title="Per month, last 12 months" buckets={stats.data.monthly} format={monthLabel} /></div>
            <div className="panel">
              <table aria-label="Per year">
                <caption>Per year</caption>
                <thead><tr><th>Year</th><th>Releases</th><th>Failed</th><th>Rolled back</th><th>Failure rate</th></tr></thead>
                <tbody>
                  {stats.data.yearly.filter((y) => y.count > 0).map((y) => (
                    <tr key={y.start}>
                      <td>{y.start.slice(0, 4)}</td>
                      <td>{y.count.toLocaleString('en')}</td>
                      <td>{y.failed.toLocaleString('en')}</td>
                      <td>{y.rolledBack.toLocaleString('en')}</td>
                      <td>{(y.failureRate * 100).toFixed(1)} %</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        )}
      </section>
    </section>
  );
}

/** A day's releases page by page, plus those still running from before it. */
function useDayReleases(day: string, squad: string | null, app: string | null) {
  const client = useClient();
  const [state, setState] = useState<{ releases: TimelineRelease[]; fetching: boolean; error: CombinedError | null; truncated: boolean }>(
    { releases: [], fetching: true, error: null, truncated: false },
  );
  useEffect(() => {
    const window = dayWindow(day)!;
    const filter = { from: window.from.toISOString(), to: window.to.toISOString(), squad, app };
    const runningFilter = { status: 'IN_PROGRESS' as const, squad, app, to: window.to.toISOString() };
    let cancelled = false;
    setState((s) => ({ ...s, fetching: true, error: null }));
    (async () => {
      const releases: TimelineReleaseFragment[] = [];
      let after: string | null = null;
      for (let page = 0; page < MAX_PAGES; page++) {
        const result: OperationResult<ReleasesOfDayQuery> = await client.query(ReleasesOfDayDocument, { filter, running: runningFilter, after }, { requestPolicy: 'network-only' }).toPromise();
        if (cancelled) return;
        if (result.error || !result.data) {
          setState({ releases, fetching: false, error: result.error ?? null, truncated: false });
          return;
        }
        if (page === 0) releases.push(...result.data.running.edges.map((e) => e.node));
        releases.push(...result.data.releases.edges.map((e) => e.node));
        const info: { hasNextPage: boolean; endCursor?: string | null } = result.data.releases.pageInfo;
        if (!info.hasNextPage) {
          setState({ releases, fetching: false, error: null, truncated: false });
          return;
        }
        after = info.endCursor ?? null;
        setState({ releases: [...releases], fetching: true, error: null, truncated: false });
      }
      setState({ releases, fetching: false, error: null, truncated: true });
    })();
    return () => {
      cancelled = true;
    };
  }, [client, day, squad, app]);
  return state;
}

const LANE = 18;
const AXIS = 22;

function Timeline({ releases, window, now }: { releases: TimelineRelease[]; window: { from: Date; to: Date }; now: Date }) {
  const box = useRef<HTMLDivElement>(null);
  const width = useWidth(box);
  const bars = useMemo(() => timelineBars(releases, window, now), [releases, window, now]);
  const span = timelineSpan(window, now);
  const lanes = bars.reduce((max, b) => Math.max(max, b.lane + 1), 0);
  const height = AXIS + Math.max(1, lanes) * LANE + 4;
  const x = (t: number) => ((t - span.from) / (span.to - span.from)) * width;
  const hours = (span.to - span.from) / 3_600_000;
  const step = width / hours > 60 ? 1 : width / hours > 30 ? 2 : 3;
  const ticks: number[] = [];
  for (let t = span.from; t <= span.to; t += step * 3_600_000) ticks.push(t);
  const nowInside = now.getTime() >= span.from && now.getTime() <= span.to;

  return (
    <div ref={box} className="timeline">
      {releases.length === 0 ? <p className="muted">No releases on this day.</p> : (
        <svg width={width} height={height} role="img" aria-label={`Timeline of ${releases.length} releases`}>
          {ticks.map((t) => (
            <g key={t}>
              <line x1={x(t)} x2={x(t)} y1={AXIS - 4} y2={height} className="tick" />
              <text x={x(t) + 3} y={12} className="tick-label">{clock(t)}</text>
            </g>
          ))}
          {nowInside && <line x1={x(now.getTime())} x2={x(now.getTime())} y1={AXIS - 8} y2={height} className="now" />}
          {bars.map((bar) => {
            const left = x(bar.start);
            const w = Math.max(2, x(bar.end) - left);
            const r = bar.release;
            return (
              <g key={r.externalId} className={bar.running ? 'bar running' : 'bar'} data-release={r.externalId}>
                <rect x={left} y={AXIS + bar.lane * LANE} width={w} height={LANE - 4} rx={2} fill={STATUS_COLORS[r.status]}>
                  <title>
                    {`${r.app.name} ${r.version ?? ''} — ${STATUS_LABELS[r.status]}, ${clockSeconds(r.startedAt)}–${r.finishedAt ? clockSeconds(r.finishedAt) : 'now'} UTC`}
                  </title>
                </rect>
                {w > r.app.name.length * 6.2 + 8 && (
                  <text x={left + 4} y={AXIS + bar.lane * LANE + 10} className="bar-label">{r.app.name}</text>
                )}
              </g>
            );
          })}
        </svg>
      )}
    </div>
  );
}

function useWidth(ref: React.RefObject<HTMLDivElement | null>): number {
  const [width, setWidth] = useState(1000);
  useEffect(() => {
    const element = ref.current;
    if (!element) return undefined;
    setWidth(element.clientWidth);
    const observer = new ResizeObserver(() => setWidth(element.clientWidth));
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

function StatusKey() {
  return (
    <ul className="status-key" aria-label="Colours">
      {(Object.keys(STATUS_COLORS) as (keyof typeof STATUS_COLORS)[]).map((s) => (
        <li key={s}><span className="swatch" style={{ background: STATUS_COLORS[s] }} /> {STATUS_LABELS[s]}</li>
      ))}
    </ul>
  );
}

function ReleaseTable({ releases }: { releases: TimelineRelease[] }) {
  const newest = [...releases].reverse();
  return (
    <div className="release-table">
      <table aria-label="Releases of the day">
        <thead>
          <tr><th>Started (UTC)</th><th>App</th><th>Squad</th><th>Version</th><th>Environment</th><th>Status</th><th>Finished</th></tr>
        </thead>
        <tbody>
          {newest.map((r) => (
            <tr key={r.externalId}>
              <td>{clockSeconds(r.startedAt)}</td>
              <td><Link to={`/apps/${encodeURIComponent(r.app.name)}`}>{r.app.name}</Link></td>
              <td>{r.app.squad ? <Link to={`/squads/${encodeURIComponent(r.app.squad.name)}`}>{r.app.squad.name}</Link> : <span className="muted">none</span>}</td>
              <td>{r.version ?? ''}</td>
              <td>{r.environment ?? ''}</td>
              <td><span className="badge" style={{ background: STATUS_COLORS[r.status] }}>{STATUS_LABELS[r.status]}</span></td>
              <td>{r.finishedAt ? clockSeconds(r.finishedAt) : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
