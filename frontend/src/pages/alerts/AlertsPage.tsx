import { Fragment, useEffect, useId, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useMutation, useQuery } from 'urql';
import { ActingAs, HandleForm } from '../../components/ActingAs';
import { AppLink } from '../../components/AppLink';
import { PersonName } from '../../components/PersonName';
import { SquadBadge } from '../../components/SquadBadge';
import { ErrorMessage, Loading } from '../../components/Status';
import { TierLabel } from '../../components/TierLabel';
import '../../components/shared.css';
import {
  AlertSquadsDocument, AlertSuspectsDocument, AlertsPageDocument, AlertsTimeToRestoreDocument, SilenceAlertForDocument, TakeAlertDocument,
  type AlertRowFragment,
} from '../../gql/graphql';
import { useLastData } from '../../hooks/useLastData';
import { useNow } from '../../hooks/useNow';
import { useRememberedHandle } from '../../hooks/useRememberedHandle';
import { useSession } from '../../hooks/useSession';
import {
  alertsViewParams, formatMinutes, monthRange, normalizeHandle, readAlertsView, relativeTime, silenced, sortAlerts,
  statusArgument, timeBefore, type AlertStatusFilter, type AlertsView,
} from '../../lib/alerts';
import TimeToRestoreChart from './TimeToRestoreChart';
import './AlertsPage.css';

/** How often the list is asked again, so it stays live without a reload. */
const POLL_MILLIS = 15_000;

const STATUS_LABELS: Record<AlertStatusFilter, string> = { firing: 'Firing', resolved: 'Resolved', all: 'All' };

const timeFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' });
const dayFormat = new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const monthLabel = (d: Date) => d.toLocaleDateString('en', { timeZone: 'UTC', month: 'short', year: '2-digit' });

type Outcome = { ok: boolean; message: string };

/** Alerts from Alertmanager: who owns what fires, who is on it, and what changed just before. */
export default function AlertsPage() {
  const [params, setParams] = useSearchParams();
  const view = readAlertsView(params);
  const update = (change: Partial<AlertsView>) =>
    setParams((current) => alertsViewParams({ ...readAlertsView(current), ...change }), { replace: true });

  // Shown checked at once: the URL, and with it the view, changes a moment later.
  const [unmatched, setUnmatched] = useState(view.unmatched);
  useEffect(() => setUnmatched(view.unmatched), [view.unmatched]);
  const now = useNow(POLL_MILLIS);
  const [remembered, setHandle] = useRememberedHandle();
  // Logged in through the issuer, you act as yourself; otherwise as the handle you gave.
  const session = useSession();
  const handle = session?.person ?? remembered;
  const [result, reexecute] = useQuery({
    query: AlertsPageDocument,
    variables: { status: statusArgument(view.status), squad: view.squad, app: view.app, unmatched: view.unmatched ? true : null },
    requestPolicy: 'cache-and-network',
  });
  useEffect(() => {
    const timer = window.setInterval(() => reexecute({ requestPolicy: 'cache-and-network' }), POLL_MILLIS);
    return () => window.clearInterval(timer);
  }, [reexecute]);
  const data = useLastData(result.data);
  const alerts = useMemo(() => sortAlerts(data?.alerts ?? []), [data]);

  const [squads] = useQuery({ query: AlertSquadsDocument });
  const range = monthRange(now, 12);
  const [ttr] = useQuery({
    query: AlertsTimeToRestoreDocument,
    variables: { from: range.from, to: range.to, squad: view.squad, app: view.app },
  });
  const ttrData = useLastData(ttr.data);

  const firing = alerts.filter((a) => a.status === 'FIRING').length;
  const unowned = alerts.filter((a) => a.status === 'FIRING' && !a.acknowledgedBy).length;

  return (
    <section className="alerts-page">
      <h1>Alerts</h1>
      <div className="alerts-filters" role="group" aria-label="Filters">
        <fieldset className="status-filter">
          <legend className="visually-hidden">Status</legend>
          {(Object.keys(STATUS_LABELS) as AlertStatusFilter[]).map((s) => (
            <button key={s} type="button" aria-pressed={view.status === s} className={view.status === s ? 'primary' : ''} onClick={() => update({ status: s })}>
              {STATUS_LABELS[s]}
            </button>
          ))}
        </fieldset>
        <label>
          Squad
          <select value={view.squad ?? ''} onChange={(e) => update({ squad: e.target.value || null })}>
            <option value="">All squads</option>
            {squads.data?.squads.map((s) => <option key={s.name} value={s.name}>{s.name}</option>)}
          </select>
        </label>
        <label className="toggle">
          <input
            type="checkbox"
            checked={unmatched}
            onChange={(e) => {
              setUnmatched(e.target.checked);
              update({ unmatched: e.target.checked });
            }}
          />
          Unmatched only
        </label>
        {view.app && (
          <span className="app-filter">
            App <AppLink name={view.app} />{' '}
            <button type="button" onClick={() => update({ app: null })}>Clear app</button>
          </span>
        )}
        <ActingAs person={session?.person} handle={handle} onChange={setHandle} />
        {squads.error && <ErrorMessage error={squads.error} what="the squads" />}
      </div>

      <section className="panel" aria-label="Alert list">
        {result.error && <ErrorMessage error={result.error} what="the alerts" />}
        {!data && result.fetching && <Loading what="the alerts" />}
        {data && (
          <>
            <p className="alerts-summary" role="status">
              <strong>{alerts.length}</strong> {alerts.length === 1 ? 'alert' : 'alerts'}
              {view.status !== 'resolved' && <> · {firing} firing · {unowned} nobody is on</>}
              <span className="live" title={`asked again every ${POLL_MILLIS / 1000} s`}>live</span>
            </p>
            {alerts.length === 0 ? (
              <p className="muted">{view.status === 'firing' ? 'Nothing is firing. Enjoy the quiet.' : 'No alerts match these filters.'}</p>
            ) : (
              <AlertTable alerts={alerts} now={now} handle={handle} onHandle={setHandle} />
            )}
          </>
        )}
      </section>

      <section className="panel alerts-ttr" aria-label="Time to restore">
        <h2>Time to restore</h2>
        {ttr.error && <ErrorMessage error={ttr.error} what="the time to restore" />}
        {!ttrData && ttr.fetching && <Loading what="the time to restore" />}
        {ttrData && (
          <TimeToRestoreChart title="Per month, last 12 months (median and p90)" buckets={ttrData.timeToRestore} format={monthLabel} />
        )}
      </section>
    </section>
  );
}

function AlertTable(props: { alerts: AlertRowFragment[]; now: Date; handle: string | null; onHandle: (handle: string) => void }) {
  const { alerts, now } = props;
  const [open, setOpen] = useState<Record<string, 'details' | 'take' | 'silence'>>({});
  const [outcomes, setOutcomes] = useState<Record<string, Outcome>>({});
  const toggle = (key: string, what: 'details' | 'take' | 'silence') =>
    setOpen((current) => {
      const next = { ...current };
      if (next[key] === what) delete next[key];
      else next[key] = what;
      return next;
    });
  const [take, takeState] = useAcknowledge();
  const onTake = async (alert: AlertRowFragment, handle: string) => {
    const key = alertKey(alert);
    const outcome = await take(alert.fingerprint, handle);
    setOutcomes((o) => ({ ...o, [key]: outcome }));
    if (outcome.ok) setOpen((o) => ({ ...o, [key]: 'details' }));
  };

  return (
    <div className="alert-table">
      <table aria-label="Alerts">
        <thead>
          <tr>
            <th>Severity</th><th>Alert</th><th>App</th><th>Squad</th><th>Owner</th><th>Buddy</th><th>Since</th>
            <th>Acknowledged by</th><th>Silenced until</th><th title="Apps that depend on it, directly or not">Blast radius</th><th>Actions</th>
          </tr>
        </thead>
        <tbody>
          {alerts.map((alert) => {
            const key = alertKey(alert);
            const panel = open[key];
            const outcome = outcomes[key];
            const firing = alert.status === 'FIRING';
            return (
              <Fragment key={key}>
                <tr
                  className={'alert-row ' + (firing ? 'firing' : 'resolved')}
                  data-fingerprint={alert.fingerprint}
                  aria-label={`${alert.name} on ${alert.app?.name ?? alert.appLabel ?? 'no app'}`}
                >
                  <td><Severity severity={alert.severity} status={alert.status} /></td>
                  <td>
                    <button type="button" className="link-button" aria-expanded={!!panel} onClick={() => toggle(key, 'details')}>
                      <span aria-hidden="true">{panel ? '▾' : '▸'}</span> {alert.name}
                    </button>
                    {alert.summary && <div className="alert-summary muted">{alert.summary}</div>}
                  </td>
                  <td className="app">
                    {alert.app ? <AppLink name={alert.app.name} /> : (
                      <span className="unmatched">{alert.appLabel ?? 'no app label'} <em>(not in the catalog)</em></span>
                    )}
                  </td>
                  <td>{alert.app ? <SquadBadge name={alert.app.squad?.name} /> : <span className="muted">–</span>}</td>
                  <td><Owner alert={alert} /></td>
                  <td>{alert.app?.squad ? <PersonName person={alert.app.squad.buddy} none="no buddy" /> : <span className="muted">–</span>}</td>
                  <td className="since">
                    <time dateTime={alert.startsAt} title={timeFormat.format(new Date(alert.startsAt))}>
                      {firing ? relativeTime(alert.startsAt, now) : dayFormat.format(new Date(alert.startsAt))}
                    </time>
                    {alert.durationMinutes != null && <div className="muted">lasted {formatMinutes(alert.durationMinutes)}</div>}
                  </td>
                  <td>
                    {alert.acknowledgedBy ? (
                      <span className="acknowledged">
                        <PersonName person={alert.acknowledgedBy} />
                        {alert.acknowledgedAt && (
                          <div className="muted">{firing ? relativeTime(alert.acknowledgedAt, now) : dayFormat.format(new Date(alert.acknowledgedAt))}</div>
                        )}
                      </span>
                    ) : <span className="muted">{firing ? 'nobody yet' : 'nobody'}</span>}
                  </td>
                  <td>
                    {silenced(alert.silencedUntil, now) ? (
                      <span title={alert.silencedBy ? 'by ' + (alert.silencedBy.name || alert.silencedBy.handle) : undefined}>
                        {timeFormat.format(new Date(alert.silencedUntil!))}
                      </span>
                    ) : <span className="muted">–</span>}
                  </td>
                  <td className="number">{alert.matched ? alert.blastRadiusSize : <span className="muted">–</span>}</td>
                  <td className="actions">
                    {firing && !alert.acknowledgedBy && (
                      <button
                        type="button"
                        className="primary"
                        disabled={takeState.fetching}
                        onClick={() => (props.handle ? onTake(alert, props.handle) : toggle(key, 'take'))}
                      >
                        I'm on it
                      </button>
                    )}
                    {firing && <button type="button" aria-expanded={panel === 'silence'} onClick={() => toggle(key, 'silence')}>Silence</button>}
                  </td>
                </tr>
                {(panel || outcome) && (
                  <tr className="alert-details-row" aria-label={`Details of ${alert.name} on ${alert.app?.name ?? alert.appLabel ?? 'no app'}`}>
                    <td colSpan={11}>
                      {outcome && (
                        <p className={outcome.ok ? 'status ok' : 'status error'} role={outcome.ok ? 'status' : 'alert'}>{outcome.message}</p>
                      )}
                      {panel === 'take' && (
                        <HandleForm
                          label={`Who is taking ${alert.name} on?`}
                          submit="I'm on it"
                          onSubmit={(h) => {
                            props.onHandle(h);
                            onTake(alert, h);
                          }}
                          onCancel={() => toggle(key, 'take')}
                        />
                      )}
                      {panel === 'silence' && (
                        <SilenceForm
                          alert={alert}
                          handle={props.handle}
                          onHandle={props.onHandle}
                          onDone={(o) => {
                            setOutcomes((all) => ({ ...all, [key]: o }));
                            if (o.ok) toggle(key, 'silence');
                          }}
                        />
                      )}
                      {panel && <AlertDetails alert={alert} />}
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function alertKey(alert: AlertRowFragment): string {
  return alert.fingerprint + '@' + alert.startsAt;
}

function useAcknowledge() {
  const [state, acknowledge] = useMutation(TakeAlertDocument);
  const take = async (fingerprint: string, by: string): Promise<Outcome> => {
    const result = await acknowledge({ input: { fingerprint, by } });
    const payload = result.data?.acknowledgeAlert;
    if (result.error) return { ok: false, message: 'Not taken on: ' + result.error.message };
    if (!payload || payload.errors.length > 0) return { ok: false, message: 'Not taken on: ' + (payload?.errors.map((e) => e.message).join(' ') ?? 'no answer') };
    return { ok: true, message: `${by} is on it.` };
  };
  return [take, state] as const;
}

function SilenceForm(props: { alert: AlertRowFragment; handle: string | null; onHandle: (handle: string) => void; onDone: (outcome: Outcome) => void }) {
  const [state, silence] = useMutation(SilenceAlertForDocument);
  const [minutes, setMinutes] = useState(60);
  const [comment, setComment] = useState('');
  const [who, setWho] = useState(props.handle ?? '');
  const id = useId();
  return (
    <form
      className="silence-form"
      aria-label={'Silence ' + props.alert.name}
      onSubmit={async (e) => {
        e.preventDefault();
        const by = normalizeHandle(who);
        if (!by) return;
        props.onHandle(by);
        const result = await silence({ input: { fingerprint: props.alert.fingerprint, minutes, by, comment: comment.trim() || null } });
        const payload = result.data?.silenceAlert;
        if (result.error) props.onDone({ ok: false, message: 'Not silenced: ' + result.error.message });
        else if (!payload || payload.errors.length > 0) props.onDone({ ok: false, message: 'Not silenced: ' + (payload?.errors.map((x) => x.message).join(' ') ?? 'no answer') });
        else props.onDone({ ok: true, message: `Silenced for ${formatMinutes(minutes)} (silence ${payload.silenceId}).` });
      }}
    >
      <label htmlFor={id + 'm'}>Minutes</label>
      <input id={id + 'm'} type="number" min={1} max={10080} value={minutes} onChange={(e) => setMinutes(Number(e.target.value))} required />
      <label htmlFor={id + 'c'}>Comment</label>
      <input id={id + 'c'} value={comment} placeholder={`Silenced from appgraph by ${who || 'you'}`} onChange={(e) => setComment(e.target.value)} />
      <label htmlFor={id + 'h'}>Your handle</label>
      <input id={id + 'h'} value={who} placeholder="jane.doe" onChange={(e) => setWho(e.target.value)} required />
      <button type="submit" className="primary" disabled={state.fetching}>Silence for {formatMinutes(minutes || 0)}</button>
    </form>
  );
}

function Severity({ severity, status }: { severity: string | null | undefined; status: string }) {
  const level = (severity ?? 'none').toLowerCase();
  return (
    <span className={'severity severity-' + (['critical', 'warning', 'info'].includes(level) ? level : 'other') + (status === 'RESOLVED' ? ' resolved' : '')}>
      {severity ?? 'no severity'}
      {status === 'RESOLVED' && <span className="muted resolved-note">resolved</span>}
    </span>
  );
}

function Owner({ alert }: { alert: AlertRowFragment }) {
  if (!alert.app) return <span className="muted">–</span>;
  const owner = alert.app.owner;
  return (
    <>
      <PersonName person={owner} none="no owner" />
      {owner && !owner.active && <div className="owner-left" role="note">left: call the buddy</div>}
    </>
  );
}

function AlertDetails({ alert }: { alert: AlertRowFragment }) {
  const where = [alert.namespace && 'namespace ' + alert.namespace, alert.pod && 'pod ' + alert.pod, alert.container && 'container ' + alert.container]
    .filter(Boolean)
    .join(' · ');
  return (
    <section className="alert-details" aria-label={'Details of ' + alert.name}>
      <div>
        {alert.summary && <p><strong>{alert.summary}</strong></p>}
        {alert.description && <p>{alert.description}</p>}
        <dl className="facts">
          <dt>Runbook</dt>
          <dd>{alert.runbookUrl ? <a href={alert.runbookUrl} target="_blank" rel="noreferrer noopener">{alert.runbookUrl}</a> : <span className="muted">none</span>}</dd>
          <dt>Where</dt>
          <dd>{where || <span className="muted">not said</span>}</dd>
          {alert.app && (
            <>
              <dt>Tier</dt>
              <dd><TierLabel tier={alert.app.tier} /></dd>
            </>
          )}
          {alert.app?.squad?.slackChannel && (
            <>
              <dt>Channel</dt>
              <dd>{alert.app.squad.slackChannel}</dd>
            </>
          )}
          <dt>Started</dt>
          <dd>{timeFormat.format(new Date(alert.startsAt))}{alert.endsAt && <> · resolved {timeFormat.format(new Date(alert.endsAt))}</>}</dd>
          {alert.generatorUrl && (
            <>
              <dt>Prometheus</dt>
              <dd><a href={alert.generatorUrl} target="_blank" rel="noreferrer noopener">the alert's expression</a></dd>
            </>
          )}
        </dl>
        <ul className="labels" aria-label="Labels">
          {alert.labels.map((l) => <li key={l.name}><span className="label-name">{l.name}</span>=<span className="label-value">{l.value}</span></li>)}
        </ul>
      </div>
      <div>
        <h3>Suspects <span className="muted">(releases just before it started)</span></h3>
        {alert.app ? <Suspects app={alert.app.name} alert={alert} /> : <p className="muted">No app in the catalog, so no releases to suspect.</p>}
      </div>
    </section>
  );
}

function Suspects({ app, alert }: { app: string; alert: AlertRowFragment }) {
  const [result] = useQuery({ query: AlertSuspectsDocument, variables: { app, at: alert.startsAt } });
  if (result.error) return <ErrorMessage error={result.error} what="the suspects" />;
  if (!result.data) return <Loading what="the suspects" />;
  const suspects = result.data.changesBefore;
  if (suspects.length === 0) return <p className="muted">No release on the app or on what it calls in the half hour before.</p>;
  return (
    <table className="suspects" aria-label={'Suspects of ' + alert.name}>
      <thead><tr><th>Where</th><th>App</th><th>Version</th><th>Commit</th><th>Pipeline</th><th>When</th></tr></thead>
      <tbody>
        {suspects.map((s) => (
          <tr key={s.release.externalId}>
            <td>{s.distance === 0 ? 'this app' : s.distance === 1 ? 'an app it calls' : `${s.distance} hops away`}</td>
            <td><AppLink name={s.release.app.name} /></td>
            <td>{s.release.version ?? <span className="muted">–</span>}</td>
            <td><code title={s.release.commit ?? undefined}>{s.release.commit?.slice(0, 8) ?? '–'}</code></td>
            <td>{s.release.pipelineUrl ? <a href={s.release.pipelineUrl} target="_blank" rel="noreferrer noopener">{s.release.externalId}</a> : s.release.externalId}</td>
            <td>{timeBefore(s.release.startedAt, alert.startsAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
