import { useEffect, useMemo } from 'react';
import { useQuery } from 'urql';
import { CostChange, CostTrend } from '../../components/CostTrend';
import { ErrorMessage, Loading } from '../../components/Status';
import '../../components/shared.css';
import { EstateCostDocument, PlatformPageDocument, type PlatformPageQuery } from '../../gql/graphql';
import { useLastData } from '../../hooks/useLastData';
import { useNow } from '../../hooks/useNow';
import { costRange, unattributedTotals } from '../../lib/cost';
import { formatCores, formatGiB, formatMoney, percentOf } from '../../lib/costFormat';
import { observedLabel, sparkSeries, type SparkMetric } from '../../lib/platform';
import Sparkline from './Sparkline';
import './PlatformPage.css';

/** The figures are pulled from Prometheus every few minutes; asking again this often keeps the tiles fresh. */
const POLL_MILLIS = 60_000;
const ESTATE_DAYS = 30;

type Platform = PlatformPageQuery['platforms'][number];

/** What runs in each environment now (one tile each), and what the estate cost over the last 30 days. */
export default function PlatformPage() {
  const now = useNow(POLL_MILLIS);
  const [result, reexecute] = useQuery({ query: PlatformPageDocument });
  useEffect(() => {
    const timer = window.setInterval(() => reexecute({ requestPolicy: 'network-only' }), POLL_MILLIS);
    return () => window.clearInterval(timer);
  }, [reexecute]);
  const data = useLastData(result.data);

  return (
    <section className="platform-page">
      <h1>Platform</h1>
      {result.error && <ErrorMessage error={result.error} what="the platform figures" />}
      {!data && result.fetching && <Loading what="the platform figures" />}
      {data && data.platforms.length === 0 && <p className="muted">appgraph has no figures of any environment yet.</p>}
      {data && (
        <div className="platform-tiles">
          {data.platforms.map((p) => <PlatformTile key={p.environment} platform={p} now={now} />)}
        </div>
      )}
      <EstateCost now={now} />
    </section>
  );
}

function PlatformTile({ platform: p, now }: { platform: Platform; now: Date }) {
  const headingId = 'platform-' + p.environment;
  const series = useMemo(() => {
    const of = (metric: SparkMetric) => sparkSeries(p.history, metric);
    return { cpu: of('cpuUsedCores'), memory: of('memoryUsedBytes'), containers: of('containers') };
  }, [p.history]);
  return (
    <article className={'panel platform-tile' + (p.stale ? ' stale' : '')} aria-labelledby={headingId}>
      <header className="tile-head">
        <h2 id={headingId}>{p.environment}</h2>
        <time className={'observed-at' + (p.stale ? ' stale' : '')} dateTime={p.observedAt ?? undefined}
          title={p.observedAt ? new Date(p.observedAt).toLocaleString('en') : undefined}>
          {observedLabel(p.observedAt, now)}
        </time>
      </header>
      {p.stale && (
        <p className="stale-marker" role="alert">
          <strong>Stale</strong> — last pull failed: {p.error ?? 'no reason given'}
        </p>
      )}
      <dl className="counts">
        <div><dt>Apps</dt><dd>{p.apps.toLocaleString('en')}</dd></div>
        <div><dt>Pods</dt><dd>{p.pods.toLocaleString('en')}</dd></div>
        <div><dt>Containers</dt><dd>{p.containers.toLocaleString('en')}</dd></div>
        <div className={p.unattributedPods > 0 ? 'unattributed' : ''}>
          <dt>Unattributed pods</dt><dd>{p.unattributedPods.toLocaleString('en')}</dd>
        </div>
      </dl>
      <Capacity label="CPU" unit="cores" used={p.cpu.usedCores} requested={p.cpu.requestedCores} allocatable={p.cpu.allocatableCores}
        format={(c) => formatCores(c)} />
      <Capacity label="Memory" unit="GiB" used={p.memory.usedBytes} requested={p.memory.requestedBytes} allocatable={p.memory.allocatableBytes}
        format={(b) => formatGiB(b, false)} />
      <div className="sparklines">
        <Sparkline label="CPU used" times={series.cpu[0]} values={series.cpu[1]} format={(c) => formatCores(c) + ' cores'} />
        <Sparkline label="Memory used" times={series.memory[0]} values={series.memory[1]} format={(b) => formatGiB(b)} color="#7b3fb8" />
        <Sparkline label="Containers" times={series.containers[0]} values={series.containers[1]} format={(n) => n.toLocaleString('en')} color="#2e7d32" />
      </div>
    </article>
  );
}

/**
 * Used, requested and allocatable as figures and one bar: the bar is what the nodes offer, the
 * light fill what is requested, the dark fill what is used.
 */
function Capacity(props: { label: string; unit: string; used: number; requested: number; allocatable: number; format: (v: number) => string }) {
  const { label, unit, used, requested, allocatable, format } = props;
  const whole = Math.max(allocatable, requested, used);
  const words = `${label}: ${format(used)} used, ${format(requested)} requested, ${format(allocatable)} allocatable ${unit}`;
  return (
    <div className="capacity">
      <div className="capacity-figures">
        <strong>{label}</strong>{' '}
        <span><span className="key used" aria-hidden="true" />{format(used)} used</span>{' · '}
        <span><span className="key requested" aria-hidden="true" />{format(requested)} requested</span>{' · '}
        <span>{format(allocatable)} allocatable</span> <span className="muted">{unit}</span>
      </div>
      <div className="capacity-bar" role="img" aria-label={words} title={words}>
        <div className="requested" style={{ width: percentOf(requested, whole) + '%' }} />
        <div className="used" style={{ width: percentOf(used, whole) + '%' }} />
        {allocatable < whole && <div className="over" style={{ left: percentOf(allocatable, whole) + '%' }} title="more than allocatable" />}
      </div>
    </div>
  );
}

/** The estate's cost over the last 30 whole days and the part no app could be tied to, with why. */
function EstateCost({ now }: { now: Date }) {
  const day = now.toISOString().slice(0, 10);
  // Recomputed once a day, not on every tick, so the query's variables stay put.
  const range = useMemo(() => costRange(new Date(day), ESTATE_DAYS), [day]);
  const [result] = useQuery({ query: EstateCostDocument, variables: range });
  const data = useLastData(result.data);
  const unattributed = useMemo(() => unattributedTotals(data?.costs ?? []), [data]);
  const unattributedTotal = unattributed.reduce((sum, u) => sum + u.total, 0);
  return (
    <section className="panel estate-cost" aria-labelledby="estate-cost-heading">
      <h2 id="estate-cost-heading">Estate cost, last {ESTATE_DAYS} days</h2>
      {result.error && <ErrorMessage error={result.error} what="the estate's cost" />}
      {!data && result.fetching && <Loading what="the estate's cost" />}
      {data && (
        <>
          <p className="cost-total">
            <strong>{formatMoney(data.costSummary.total)}</strong>{' '}
            <span className="muted">
              tied to apps: compute {formatMoney(data.costSummary.compute)} · logging {formatMoney(data.costSummary.logging)}
              {unattributedTotal > 0 && <> · plus {formatMoney(unattributedTotal)} no app could be tied to</>}
            </span>
          </p>
          <p>
            <CostChange change={data.costSummary.change} previousTotal={data.costSummary.previousTotal} days={ESTATE_DAYS} />
            {' · '}daily cost <CostTrend trend={data.costSummary.trend} />
          </p>
          <h3>Unattributed <span className="muted">({formatMoney(unattributedTotal)})</span></h3>
          {unattributed.length === 0 ? (
            <p className="muted">Every cost of the period was tied to an app.</p>
          ) : (
            <table aria-label="Unattributed cost">
              <thead>
                <tr><th>Environment</th><th>Why no app</th><th className="number">Compute</th><th className="number">Logging</th><th className="number">Total</th></tr>
              </thead>
              <tbody>
                {unattributed.map((u) => (
                  <tr key={u.environment + '/' + u.reason}>
                    <td>{u.environment}</td>
                    <td>{u.reason}</td>
                    <td className="number">{formatMoney(u.compute)}</td>
                    <td className="number">{formatMoney(u.logging)}</td>
                    <td className="number">{formatMoney(u.total)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
