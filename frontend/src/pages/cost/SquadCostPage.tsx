import { useId, useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useMutation, useQuery } from 'urql';
import { ActingAs, HandleForm } from '../../components/ActingAs';
import { AppLink } from '../../components/AppLink';
import { CostChange, CostTrend } from '../../components/CostTrend';
import { ErrorMessage, Loading } from '../../components/Status';
import '../../components/shared.css';
import {
  DismissCostAlertDocument, SnoozeCostAlertDocument, SquadCostAlertsDocument, SquadCostDocument, SquadRightSizingDocument,
  type CostAlertRowFragment, type SquadRightSizingQuery,
} from '../../gql/graphql';
import { useLastData } from '../../hooks/useLastData';
import { useNow } from '../../hooks/useNow';
import { useRememberedHandle } from '../../hooks/useRememberedHandle';
import { useSession } from '../../hooks/useSession';
import {
  ALERT_KIND_LABELS, alertFigure, appTotals, COST_DAYS, costRange, costViewParams, readCostView, snoozeUntil, splitAlerts,
  type CostView,
} from '../../lib/cost';
import { formatCores, formatMemory, formatMoney } from '../../lib/costFormat';
import { normalizeHandle, relativeTime } from '../../lib/alerts';
import CostChart from './CostChart';
import './SquadCostPage.css';

const SNOOZE_DAYS = 7;

const dayLabel = (d: Date) => d.toLocaleDateString('en', { timeZone: 'UTC', month: 'short', day: 'numeric' });
const weekLabel = (d: Date) => 'week of ' + dayLabel(d);
const timeFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' });

/** A squad's cost: the period against the one before, per bucket, per app, what to right-size, and its cost alerts. */
export default function SquadCostPage() {
  const name = useParams().name ?? '';
  const [params, setParams] = useSearchParams();
  const view = readCostView(params);
  const update = (change: Partial<CostView>) =>
    // From the address bar, not the last render: the router renders a navigation in a transition,
    // so a second change right after the first would otherwise undo it.
    setParams(() => costViewParams({ ...readCostView(new URLSearchParams(window.location.search)), ...change }), { replace: true });

  const id = useId();
  const now = useNow(60_000);
  const day = now.toISOString().slice(0, 10);
  // Whole UTC days, recomputed when the day turns, so the variables stay put between ticks.
  const range = useMemo(() => costRange(new Date(day), view.days), [day, view.days]);
  const [result] = useQuery({ query: SquadCostDocument, variables: { squad: name, ...range, weekly: view.interval === 'WEEK' } });
  const data = useLastData(result.data);
  const apps = useMemo(() => appTotals(data?.days ?? []), [data]);

  // The cost fields answer NOT_FOUND for a squad nobody knows, and the page with them.
  const unknown = (data && !data.squad) || result.error?.graphQLErrors.some((e) => e.extensions?.code === 'NOT_FOUND');
  if (unknown) {
    return (
      <section>
        <h1>Cost of {name}</h1>
        <p className="status error" role="alert">
          No squad named <strong>{name}</strong>. <Link to="/">Back to the app directory</Link>.
        </p>
      </section>
    );
  }
  const periodTotal = data?.costSummary.total ?? 0;
  // Undefined while the weeks of a period just switched to are on their way.
  const chartBuckets = view.interval === 'WEEK' ? data?.weeks ?? undefined : data?.days;

  return (
    <section className="cost-page">
      <header className="cost-head">
        <h1>Cost of squad {name}</h1>
        <Link to={'/squads/' + encodeURIComponent(name)}>Back to the squad</Link>
      </header>
      <div className="cost-filters" role="group" aria-label="Period">
        <label htmlFor={id + 'days'}>Days</label>
        <select id={id + 'days'} value={view.days} onChange={(e) => update({ days: Number(e.target.value) as CostView['days'] })}>
          {COST_DAYS.map((d) => <option key={d} value={d}>last {d} days</option>)}
        </select>
        <label htmlFor={id + 'per'}>Per</label>
        <select id={id + 'per'} value={view.interval} onChange={(e) => update({ interval: e.target.value === 'WEEK' ? 'WEEK' : 'DAY' })}>
          <option value="DAY">day</option>
          <option value="WEEK">week</option>
        </select>
        <span className="muted">
          {dayLabel(new Date(range.from))} to {dayLabel(new Date(Date.parse(range.to) - 1))} (UTC, today left out)
        </span>
      </div>

      {result.error && <ErrorMessage error={result.error} what={'the cost of ' + name} />}
      {!data && result.fetching && <Loading what={'the cost of ' + name} />}
      {data && (
        <>
          <section className="panel cost-summary" aria-label="Summary">
            <div className="cost-figure">
              <span className="muted">Total</span>
              <strong className="cost-total">{formatMoney(data.costSummary.total)}</strong>
            </div>
            <div className="cost-figure">
              <span className="muted">Compute</span>
              <strong>{formatMoney(data.costSummary.compute)}</strong>
            </div>
            <div className="cost-figure">
              <span className="muted">Logging</span>
              <strong>{formatMoney(data.costSummary.logging)}</strong>
            </div>
            <div className="cost-figure">
              <span className="muted">Against the period before</span>
              <CostChange change={data.costSummary.change} previousTotal={data.costSummary.previousTotal} days={view.days} />
            </div>
            <div className="cost-figure">
              <span className="muted">Daily cost over the period</span>
              <CostTrend trend={data.costSummary.trend} />
            </div>
          </section>

          <section className="panel" aria-label="Cost over time">
            {chartBuckets === undefined ? <Loading what="the weeks" /> : chartBuckets.length === 0 ? (
              <p className="muted">No cost in the period.</p>
            ) : (
              <CostChart
                title={view.interval === 'WEEK'
                  ? `Per week (from Monday; the first may start before the period), last ${view.days} days: compute and logging`
                  : `Per day, last ${view.days} days: compute and logging`}
                buckets={chartBuckets}
                format={view.interval === 'WEEK' ? weekLabel : dayLabel}
              />
            )}
          </section>

          <section className="panel" aria-labelledby="cost-apps-heading">
            <h2 id="cost-apps-heading">Apps <span className="muted">({apps.length}, over the period)</span></h2>
            {apps.length === 0 ? <p className="muted">No app of the squad cost anything in the period.</p> : (
              <table aria-label="Apps by cost">
                <thead>
                  <tr>
                    <th>App</th><th className="number">Compute</th><th className="number">Logging</th><th className="number">Total</th>
                    <th className="number">Share</th>
                  </tr>
                </thead>
                <tbody>
                  {apps.map((a) => (
                    <tr key={a.app}>
                      <td><AppLink name={a.app} /></td>
                      <td className="number">{formatMoney(a.compute)}</td>
                      <td className="number">{formatMoney(a.logging)}</td>
                      <td className="number">{formatMoney(a.total)}</td>
                      <td className="number">{periodTotal > 0 ? Math.round((a.total / periodTotal) * 100) + ' %' : '–'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        </>
      )}

      <RightSizingPanel squad={name} />
      <CostAlertsPanel squad={name} now={now} />
    </section>
  );
}

type RightSizing = SquadRightSizingQuery['rightSizing'][number];

const CONFIDENCE: Record<RightSizing['confidence'], string> = { LOW: 'not enough data', MEDIUM: 'medium', HIGH: 'high' };

function RightSizingPanel({ squad }: { squad: string }) {
  const [result] = useQuery({ query: SquadRightSizingDocument, variables: { squad } });
  const rows = result.data?.rightSizing;
  return (
    <section className="panel" aria-labelledby="right-sizing-heading">
      <h2 id="right-sizing-heading">Right-sizing <span className="muted">(requests far from use, largest saving first)</span></h2>
      {result.error && <ErrorMessage error={result.error} what="the right-sizing" />}
      {!rows && result.fetching && <Loading what="the right-sizing" />}
      {rows && rows.length === 0 && <p className="muted">Every container of the squad requests about what it uses.</p>}
      {rows && rows.length > 0 && (
        <div className="table-scroll">
          <table aria-label="Right-sizing" className="right-sizing">
            <thead>
              <tr>
                <th>App</th><th>Environment</th><th>Container</th><th>CPU (cores)</th><th>Memory</th><th>Confidence</th>
                <th className="number">Saving a month</th><th>Change</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => <RightSizingRow key={r.app.name + '/' + r.environment + '/' + r.container} row={r} />)}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function RightSizingRow({ row: r }: { row: RightSizing }) {
  const low = r.confidence === 'LOW';
  return (
    <tr className={low ? 'low-confidence' : ''} aria-label={`${r.app.name} ${r.environment} ${r.container}`}>
      <td><AppLink name={r.app.name} /></td>
      <td>{r.environment}</td>
      <td><code>{r.container}</code> <span className="muted">× {formatCores(r.replicas)}</span></td>
      <td className="recommendation">
        {formatCores(r.cpu.requestedCores)} → <strong>{formatCores(r.cpu.recommendedCores)}</strong>
        <div className="muted bounds">{formatCores(r.cpu.lowerBoundCores)} to {formatCores(r.cpu.upperBoundCores)}</div>
      </td>
      <td className="recommendation">
        {formatMemory(r.memory.requestedBytes)} → <strong>{formatMemory(r.memory.recommendedBytes)}</strong>
        <div className="muted bounds">{formatMemory(r.memory.lowerBoundBytes)} to {formatMemory(r.memory.upperBoundBytes)}</div>
      </td>
      <td>
        <span className={'confidence confidence-' + r.confidence.toLowerCase()}>{CONFIDENCE[r.confidence]}</span>
        <div className="muted">{r.days} {r.days === 1 ? 'day' : 'days'} of usage</div>
      </td>
      <td className="number">
        {r.monthlySaving == null ? <span className="muted">–</span> : r.monthlySaving < 0 ? (
          <span className="needs-more">needs {formatMoney(-r.monthlySaving)} more</span>
        ) : formatMoney(r.monthlySaving)}
      </td>
      <td className="change">
        {r.manifestUrl && <a href={r.manifestUrl} target="_blank" rel="noreferrer noopener">manifest</a>}
        <details>
          <summary>YAML</summary>
          <pre>{r.change}</pre>
        </details>
      </td>
    </tr>
  );
}

type Notice = { ok: boolean; message: string };

function CostAlertsPanel({ squad, now }: { squad: string; now: Date }) {
  const [result, reexecute] = useQuery({ query: SquadCostAlertsDocument, variables: { squad } });
  const data = useLastData(result.data);
  const split = useMemo(() => splitAlerts(data?.costAlerts ?? []), [data]);
  const session = useSession();
  const [remembered, setHandle] = useRememberedHandle();
  const handle = session?.person ?? remembered;
  const [notice, setNotice] = useState<Notice | null>(null);
  const done = (outcome: Notice) => {
    setNotice(outcome);
    if (outcome.ok) reexecute({ requestPolicy: 'network-only' });
  };

  return (
    <section className="panel cost-alerts" aria-labelledby="cost-alerts-heading">
      <div className="cost-alerts-head">
        <h2 id="cost-alerts-heading">Cost alerts</h2>
        <ActingAs person={session?.person} handle={handle} onChange={setHandle} />
      </div>
      {notice && <p className={notice.ok ? 'status ok' : 'status error'} role={notice.ok ? 'status' : 'alert'}>{notice.message}</p>}
      {result.error && <ErrorMessage error={result.error} what="the cost alerts" />}
      {!data && result.fetching && <Loading what="the cost alerts" />}
      {data && (
        <>
          <h3>Open <span className="muted">({split.OPEN.length})</span></h3>
          {split.OPEN.length === 0 ? <p className="muted">No open cost alert.</p> : (
            <ul className="alert-list" aria-label="Open cost alerts">
              {split.OPEN.map((a) => (
                <li key={a.id} data-alert-id={a.id}>
                  <AlertText alert={a} now={now} />
                  <AlertActions alert={a} handle={handle} onHandle={setHandle} onDone={done} />
                </li>
              ))}
            </ul>
          )}
          <h3>Snoozed <span className="muted">({split.SNOOZED.length})</span></h3>
          {split.SNOOZED.length === 0 ? <p className="muted">None snoozed.</p> : (
            <ul className="alert-list" aria-label="Snoozed cost alerts">
              {split.SNOOZED.map((a) => (
                <li key={a.id} data-alert-id={a.id}>
                  <AlertText alert={a} now={now} />
                  <span className="muted">
                    until {a.snoozedUntil ? timeFormat.format(new Date(a.snoozedUntil)) : '?'}{a.by && <> by {a.by}</>}{a.reason && <>: {a.reason}</>}
                  </span>
                </li>
              ))}
            </ul>
          )}
          {split.DISMISSED.length + split.RESOLVED.length > 0 && (
            <details>
              <summary>Dismissed ({split.DISMISSED.length}) and resolved ({split.RESOLVED.length})</summary>
              <ul className="alert-list" aria-label="Closed cost alerts">
                {[...split.DISMISSED, ...split.RESOLVED].map((a) => (
                  <li key={a.id} data-alert-id={a.id}>
                    <AlertText alert={a} now={now} />
                    <span className="muted">
                      {a.status === 'RESOLVED' ? 'resolved: what raised it no longer holds' : <>dismissed{a.by && <> by {a.by}</>}{a.reason && <>: {a.reason}</>}</>}
                    </span>
                  </li>
                ))}
              </ul>
            </details>
          )}
        </>
      )}
    </section>
  );
}

function AlertText({ alert: a, now }: { alert: CostAlertRowFragment; now: Date }) {
  return (
    <div className="alert-text">
      <span className="alert-kind">{ALERT_KIND_LABELS[a.kind]}</span>{' '}
      {a.app && <><AppLink name={a.app.name} />{' '}</>}
      {a.message}{' '}
      <span className="muted">
        ({alertFigure(a.kind, a.value)}, raised <time dateTime={a.raisedAt} title={timeFormat.format(new Date(a.raisedAt))}>{relativeTime(a.raisedAt, now)}</time>)
      </span>
    </div>
  );
}

function AlertActions(props: { alert: CostAlertRowFragment; handle: string | null; onHandle: (h: string) => void; onDone: (n: Notice) => void }) {
  const { alert, handle } = props;
  const [panel, setPanel] = useState<'handle' | 'dismiss' | null>(null);
  const [snoozeState, snooze] = useMutation(SnoozeCostAlertDocument);
  const [dismissState, dismiss] = useMutation(DismissCostAlertDocument);
  const [reason, setReason] = useState('');

  const onSnooze = async (by: string) => {
    const result = await snooze({ input: { id: alert.id, until: snoozeUntil(new Date(), SNOOZE_DAYS), by } });
    const payload = result.data?.snoozeCostAlert;
    if (result.error) props.onDone({ ok: false, message: 'Not snoozed: ' + result.error.message });
    else if (!payload || payload.errors.length > 0) props.onDone({ ok: false, message: 'Not snoozed: ' + (payload?.errors.map((e) => e.message).join(' ') ?? 'no answer') });
    else props.onDone({ ok: true, message: `Snoozed for ${SNOOZE_DAYS} days: ${alert.message}` });
  };
  const onDismiss = async (by: string) => {
    const result = await dismiss({ input: { id: alert.id, reason: reason.trim(), by } });
    const payload = result.data?.dismissCostAlert;
    if (result.error) props.onDone({ ok: false, message: 'Not dismissed: ' + result.error.message });
    else if (!payload || payload.errors.length > 0) props.onDone({ ok: false, message: 'Not dismissed: ' + (payload?.errors.map((e) => e.message).join(' ') ?? 'no answer') });
    else {
      setPanel(null);
      props.onDone({ ok: true, message: `Dismissed: ${alert.message}` });
    }
  };
  const busy = snoozeState.fetching || dismissState.fetching;

  return (
    <div className="alert-actions">
      <button type="button" disabled={busy} onClick={() => (handle ? void onSnooze(handle) : setPanel('handle'))}>
        Snooze {SNOOZE_DAYS} days
      </button>
      <button type="button" disabled={busy} aria-expanded={panel === 'dismiss'} onClick={() => setPanel(panel === 'dismiss' ? null : 'dismiss')}>
        Dismiss
      </button>
      {panel === 'handle' && (
        <HandleForm
          label="Who snoozes it?"
          submit={`Snooze ${SNOOZE_DAYS} days`}
          onSubmit={(h) => {
            props.onHandle(h);
            setPanel(null);
            void onSnooze(h);
          }}
          onCancel={() => setPanel(null)}
        />
      )}
      {panel === 'dismiss' && (
        <DismissForm
          alert={alert}
          handle={handle}
          reason={reason}
          onReason={setReason}
          busy={busy}
          onSubmit={(by) => {
            props.onHandle(by);
            void onDismiss(by);
          }}
          onCancel={() => setPanel(null)}
        />
      )}
    </div>
  );
}

function DismissForm(props: {
  alert: CostAlertRowFragment; handle: string | null; reason: string; busy: boolean;
  onReason: (r: string) => void; onSubmit: (by: string) => void; onCancel: () => void;
}) {
  const [who, setWho] = useState(props.handle ?? '');
  return (
    <form
      className="dismiss-form"
      aria-label={'Dismiss ' + props.alert.message}
      onSubmit={(e) => {
        e.preventDefault();
        const by = props.handle ?? normalizeHandle(who);
        if (by && props.reason.trim()) props.onSubmit(by);
      }}
    >
      <label>
        Why does it need no action?
        <input value={props.reason} onChange={(e) => props.onReason(e.target.value)} required placeholder="e.g. planned load test" />
      </label>
      {!props.handle && (
        <label>
          Your handle
          <input value={who} onChange={(e) => setWho(e.target.value)} required placeholder="jane.doe" autoComplete="username" />
        </label>
      )}
      <button type="submit" className="primary" disabled={props.busy}>Dismiss</button>
      <button type="button" onClick={props.onCancel}>Cancel</button>
    </form>
  );
}
