import { useEffect, useId, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { type CombinedError, useMutation, useQuery, useSubscription } from 'urql';
import { AppLink } from '../../components/AppLink';
import { LinksMenu } from '../../components/LinksMenu';
import { PersonName } from '../../components/PersonName';
import { SourceBadges } from '../../components/SourceBadges';
import { SquadBadge } from '../../components/SquadBadge';
import { ErrorMessage, Loading } from '../../components/Status';
import { TierLabel } from '../../components/TierLabel';
import { appFacts } from '../../lib/appFacts';
import '../../components/shared.css';
import {
  AppPageDocument,
  type AppCallFragment,
  type AppPageQuery,
  AppReleaseEventsDocument,
  type AppReleaseEventsSubscription,
  ReassignAppOwnerDocument,
} from '../../gql/graphql';
import { useDebounced } from '../../hooks/useDebounced';
import { useNow } from '../../hooks/useNow';
import { useLastData } from '../../hooks/useLastData';
import { MAX_DEPTH, MIN_DEPTH, groupBySquad, parseDepth } from '../../lib/blastRadius';
import { alertsOfApp, formatMinutes, relativeTime } from '../../lib/alerts';
import { isStale, observedLabel, STALE_DAYS } from '../../lib/dependencySources';
import { driftOfSquad } from '../../lib/drift';
import { formatDuration, inProgress, mergeLiveReleases } from '../../lib/liveReleases';
import './AppPage.css';

type App = NonNullable<AppPageQuery['app']>;
type BlastRadius = NonNullable<AppPageQuery['blastRadius']>;
type LiveRelease = AppReleaseEventsSubscription['releaseEvents']['release'];

const FIRST_RELEASES = 20;
const MORE_RELEASES = 100;

/** One app: who owns it, what it calls and what calls it, what breaks with it, its releases. */
export default function AppPage() {
  const name = useParams().name ?? '';
  const [params, setParams] = useSearchParams();
  const depth = parseDepth(params.get('depth'));
  const [releases, setReleases] = useState(FIRST_RELEASES);
  const [result, reexecute] = useQuery({
    query: AppPageDocument,
    variables: { name, depth, releases },
  });
  const data = useLastData(result.data);
  const stale = data !== result.data;

  if (isUnknownApp(result.error) || (result.data && result.data.app === null)) {
    return (
      <section>
        <h1>{name}</h1>
        <p className="status error" role="alert">
          No app named <strong>{name}</strong>. <Link to={'/?q=' + encodeURIComponent(name)}>Search the directory</Link>.
        </p>
      </section>
    );
  }
  if (result.error && !data) return <ErrorMessage error={result.error} what={'the app ' + name} />;
  if (!data?.app || data.app.name !== name) return <Loading what={'the app ' + name} />;
  return (
    <AppView
      app={data.app}
      radius={data.blastRadius}
      depth={depth}
      stale={stale || result.fetching}
      error={result.error}
      releases={releases}
      onMoreReleases={() => setReleases(MORE_RELEASES)}
      onReassigned={() => reexecute({ requestPolicy: 'network-only' })}
      onDepth={(d) => {
        const next = new URLSearchParams(params);
        next.set('depth', String(d));
        setParams(next, { replace: true });
      }}
    />
  );
}

function AppView(props: {
  app: App;
  radius: BlastRadius;
  depth: number;
  stale: boolean;
  error: CombinedError | undefined;
  releases: number;
  onMoreReleases: () => void;
  onReassigned: () => void;
  onDepth: (depth: number) => void;
}) {
  const { app, radius, depth, stale, error, releases } = props;
  const { history, live } = useReleaseHistory(app);
  return (
    <section className="app-page">
      <header className="app-header">
        <h1>{app.name}</h1>
        <SquadBadge name={app.squad?.name} />
        <TierLabel tier={app.tier} />
        <AppFactsLabel app={app} />
        <LinksMenu app={app.name} links={app.links} />
      </header>
      <p className="app-description">{app.description ?? <span className="muted">No description.</span>}</p>
      <ReleasingNow history={history} live={live} />
      {error && <ErrorMessage error={error} what="the latest data" />}

      <div className="app-columns">
        <div>
          <AppAlerts app={app} />
          <Details app={app} />
          <OwnershipAlerts app={app} onReassigned={props.onReassigned} />
          <Neighbours app={app} />
        </div>
        <div>
          <BlastRadiusPanel radius={radius} depth={depth} updating={stale} onDepth={props.onDepth} />
        </div>
      </div>
      <Releases app={app} history={history} onMore={releases < MORE_RELEASES ? props.onMoreReleases : undefined} />
    </section>
  );
}

function isUnknownApp(error: CombinedError | undefined): boolean {
  return !!error?.graphQLErrors.some((e) => e.extensions?.classification === 'NOT_FOUND' && e.path?.[0] === 'blastRadius');
}

function Details({ app }: { app: App }) {
  return (
    <section className="panel" aria-labelledby="details-heading">
      <h2 id="details-heading">Ownership</h2>
      <dl className="facts">
        <dt>Developer owner</dt>
        <dd>
          <PersonName person={app.owner} none="no owner" />
          {app.owner?.email && app.owner.active && (
            <>
              {' '}
              · <a href={'mailto:' + app.owner.email}>{app.owner.email}</a>
            </>
          )}
        </dd>
        <dt>Squad</dt>
        <dd>
          <SquadBadge name={app.squad?.name} />
          {app.squad?.slackChannel && <span className="muted"> {app.squad.slackChannel}</span>}
        </dd>
        <dt>Ops buddy</dt>
        <dd>{app.squad ? <PersonName person={app.squad.buddy} none="no buddy" /> : <span className="muted">–</span>}</dd>
        <dt>Runbook</dt>
        <dd>
          {app.runbookUrl ? (
            <a href={app.runbookUrl} target="_blank" rel="noreferrer noopener">
              {app.runbookUrl}
            </a>
          ) : (
            <span className="muted">none</span>
          )}
        </dd>
      </dl>
      <h3>Ownership chain</h3>
      <ol className="chain" aria-label="Ownership chain">
        {app.ownershipChain.map((link) => (
          <li key={link.role + link.name}>
            <span className="role">{link.role.toLowerCase()}</span>{' '}
            {link.role === 'SQUAD' ? (
              <SquadBadge name={link.name} />
            ) : link.role === 'GROUP' ? (
              <strong>{link.name}</strong>
            ) : (
              <PersonName person={{ handle: link.name, name: link.title, active: link.active ?? true }} />
            )}
            {link.role === 'GROUP' && link.title && <span className="muted"> ({link.title})</span>}
            {link.contact && link.role !== 'GROUP' && <span className="muted"> · {link.contact}</span>}
          </li>
        ))}
        {app.ownershipChain.length === 0 && <li className="muted">Nobody is accountable for this app.</li>}
      </ol>
    </section>
  );
}

/** What fires on the app now, and what fired last; the alerts page has the details and actions. */
function AppAlerts({ app }: { app: App }) {
  const now = new Date();
  const firing = app.firingAlerts;
  return (
    <section className="panel app-alerts" aria-labelledby="app-alerts-heading">
      <h2 id="app-alerts-heading">
        Alerts {firing.length > 0 && <span className="badge firing-count">{firing.length} firing</span>}
      </h2>
      {firing.length === 0 ? (
        <p className="muted">Nothing fires on {app.name}.</p>
      ) : (
        <ul className="app-alert-list" aria-label={'Firing alerts of ' + app.name}>
          {firing.map((alert) => (
            <li key={alert.fingerprint + alert.startsAt} className="firing">
              <span className={'severity severity-' + (alert.severity ?? 'none')}>{alert.severity ?? 'no severity'}</span>{' '}
              <strong>{alert.name}</strong> <span className="muted">since {relativeTime(alert.startsAt, now)}</span>
              {alert.summary && <div className="muted">{alert.summary}</div>}
              <div>
                {alert.acknowledgedBy ? (
                  <>
                    Acknowledged by <PersonName person={alert.acknowledgedBy} />
                  </>
                ) : (
                  <span className="warn-text">Nobody is on it yet.</span>
                )}
                {alert.silencedUntil && Date.parse(alert.silencedUntil) > now.getTime() && (
                  <span className="muted"> · silenced until {formatTime(alert.silencedUntil)}</span>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      {app.resolvedAlerts.length > 0 && (
        <>
          <h3>Resolved lately</h3>
          <ul className="app-alert-list" aria-label={'Resolved alerts of ' + app.name}>
            {app.resolvedAlerts.map((alert) => (
              <li key={alert.fingerprint + alert.startsAt}>
                <strong>{alert.name}</strong> <span className="muted">{formatTime(alert.startsAt)}</span>
                {alert.durationMinutes != null && <span className="muted"> · lasted {formatMinutes(alert.durationMinutes)}</span>}
              </li>
            ))}
          </ul>
        </>
      )}
      <p>
        <Link to={alertsOfApp(app.name)}>All alerts of {app.name}</Link>
      </p>
    </section>
  );
}

function OwnershipAlerts({ app, onReassigned }: { app: App; onReassigned: () => void }) {
  const [state, reassign] = useMutation(ReassignAppOwnerDocument);
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string } | null>(null);
  if (app.ownershipAlerts.length === 0 && !outcome) return null;

  const choose = async (handle: string, label: string) => {
    setOutcome(null);
    const result = await reassign({ input: { app: app.name, owner: handle } });
    const payload = result.data?.reassignOwner;
    if (result.error) setOutcome({ ok: false, message: result.error.message });
    else if (payload && payload.errors.length > 0) setOutcome({ ok: false, message: payload.errors.map((e) => e.message).join(' ') });
    else {
      setOutcome({ ok: true, message: label + ' is now the owner of ' + app.name + '.' });
      onReassigned();
    }
  };

  return (
    <section className="panel alerts" aria-labelledby="alerts-heading">
      <h2 id="alerts-heading">Ownership alerts</h2>
      {outcome && (
        <p className={outcome.ok ? 'status ok' : 'status error'} role={outcome.ok ? 'status' : 'alert'}>
          {outcome.ok ? outcome.message : 'Not reassigned: ' + outcome.message}
        </p>
      )}
      {app.ownershipAlerts.length === 0 && <p className="muted">No open ownership alert.</p>}
      {app.ownershipAlerts.map((alert) => (
        <article key={alert.id} className="alert">
          <p>
            <strong>{alert.reason === 'OWNER_LEFT' ? 'The owner has left' : 'No owner'}</strong>
            {alert.formerOwner && (
              <>
                {': '}
                <PersonName person={alert.formerOwner} />
              </>
            )}{' '}
            <span className="muted">since {formatTime(alert.raisedAt)}</span>
          </p>
          {alert.suggestions.length > 0 ? (
            <ul className="suggestions" aria-label="Suggested owners">
              {alert.suggestions.map((s) => {
                const label = s.person.name || s.person.handle;
                return (
                  <li key={s.person.handle}>
                    <button type="button" className="primary" disabled={state.fetching} onClick={() => choose(s.person.handle, label)}>
                      Make {label} owner
                    </button>{' '}
                    <span className="muted">{suggestionReason(s.reason, s.lastReleasedAt)}</span>
                  </li>
                );
              })}
            </ul>
          ) : (
            <p className="muted">No one to suggest: the squad has no other active member.</p>
          )}
        </article>
      ))}
    </section>
  );
}

function suggestionReason(reason: string, lastReleasedAt: string | null | undefined): string {
  switch (reason) {
    case 'RECENT_RELEASER':
      return 'released it ' + (lastReleasedAt ? 'on ' + formatTime(lastReleasedAt) : 'recently');
    case 'SQUAD_BUDDY':
      return "the squad's ops buddy";
    default:
      return 'member of the squad';
  }
}

function Neighbours({ app }: { app: App }) {
  const now = useNow(60_000);
  const calls = app.dependencyEdges.map((e) => ({ ...e, app: e.to }));
  const callers = app.dependentEdges.map((e) => ({ ...e, app: e.from }));
  return (
    <section className="panel" aria-labelledby="neighbours-heading">
      <h2 id="neighbours-heading">Dependencies</h2>
      <div className="neighbours">
        <div>
          <h3>Calls ({calls.length})</h3>
          <CallList calls={calls} now={now} none="It calls no other app." label={'Apps ' + app.name + ' calls'} />
        </div>
        <div>
          <h3>Called by ({callers.length})</h3>
          <CallList calls={callers} now={now} none="No app calls it." label={'Apps that call ' + app.name} />
        </div>
      </div>
      <p className="muted call-note">
        Each call shows where it was learned from; the mesh's calls when it last saw them. Calls not seen for {STALE_DAYS} days are
        marked stale: see <Link to={driftOfSquad(app.squad?.name ?? null)}>dependency drift</Link>.
      </p>
    </section>
  );
}

type Call = AppCallFragment & { app: { name: string; squad?: { name: string } | null } };

function CallList({ calls, now, none, label }: { calls: Call[]; now: Date; none: string; label: string }) {
  if (calls.length === 0) return <p className="muted">{none}</p>;
  return (
    <ul className="app-list call-list" aria-label={label}>
      {calls.map((c) => {
        const seen = observedLabel(c.lastObserved, c.requestRate, now);
        const stale = isStale(c.lastObserved, now);
        return (
          <li key={c.app.name} className={stale ? 'stale' : undefined}>
            <AppLink name={c.app.name} /> <SquadBadge name={c.app.squad?.name} /> <SourceBadges sources={c.sources} />
            {seen && (
              <span className={'observed-at' + (stale ? ' stale' : '')} title={c.lastObserved ? 'Last observed ' + formatTime(c.lastObserved) : undefined}>
                {' '}
                {seen}
                {stale && ' · stale'}
              </span>
            )}
          </li>
        );
      })}
    </ul>
  );
}

function BlastRadiusPanel(props: { radius: BlastRadius; depth: number; updating: boolean; onDepth: (depth: number) => void }) {
  const { radius, depth, updating, onDepth } = props;
  const [value, setValue] = useState(depth);
  const settled = useDebounced(value, 200);
  const id = useId();
  useEffect(() => setValue(depth), [depth]);
  useEffect(() => {
    if (settled !== depth) onDepth(settled);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [settled]);
  const groups = groupBySquad(radius.impacted);
  return (
    <section className="panel blast" aria-labelledby="blast-heading" aria-busy={updating}>
      <h2 id="blast-heading">Blast radius</h2>
      <div className="depth">
        <label htmlFor={id}>Depth (hops of callers)</label>
        <input
          id={id}
          type="range"
          min={MIN_DEPTH}
          max={MAX_DEPTH}
          value={value}
          onChange={(e) => setValue(Number(e.target.value))}
        />
        <output htmlFor={id}>{value}</output>
      </div>
      <p aria-live="polite" className="blast-summary">
        <strong>{radius.count}</strong> {radius.count === 1 ? 'app depends' : 'apps depend'} on it within {radius.maxDepth}{' '}
        {radius.maxDepth === 1 ? 'hop' : 'hops'}
        {groups.length > 0 && <>, in {groups.length} {groups.length === 1 ? 'squad' : 'squads'}</>}.
        {radius.truncated && <strong className="truncated"> More apps depend on it further away: raise the depth to see them.</strong>}
        {updating && <span className="muted"> Updating…</span>}
      </p>
      {groups.map((group) => (
        <section key={group.squad ?? '(none)'} className="impact-group" aria-label={'Impacted apps of ' + (group.squad ?? 'no squad')}>
          <h3>
            <SquadBadge name={group.squad} /> <span className="muted">{group.impacted.length} {group.impacted.length === 1 ? 'app' : 'apps'}</span>
          </h3>
          <table className="impacted">
            <caption className="visually-hidden">Impacted apps of {group.squad ?? 'no squad'}, nearest first, with their owners</caption>
            <thead>
              <tr>
                <th scope="col">App</th>
                <th scope="col">Distance</th>
                <th scope="col">Owner</th>
              </tr>
            </thead>
            <tbody>
              {group.impacted.map((item) => (
                <tr key={item.app.name}>
                  <th scope="row">
                    <AppLink name={item.app.name} />
                  </th>
                  <td>{item.distance === 1 ? 'calls it directly' : item.distance + ' hops'}</td>
                  <td>
                    <PersonName person={item.app.owner} none="no owner" />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </section>
  );
}

/** The app's releases with what the live feed has said since the page loaded, newest first. */
function useReleaseHistory(app: App) {
  const [live] = useSubscription(
    { query: AppReleaseEventsDocument, variables: { app: app.name } },
    (events: LiveRelease[] = [], event: AppReleaseEventsSubscription) => [...events, event.releaseEvents.release],
  );
  return {
    history: mergeLiveReleases(
      app.releases.edges.map((e) => e.node),
      live.data ?? [],
    ),
    live: !live.error,
  };
}

function ReleasingNow({ history, live }: { history: LiveRelease[]; live: boolean }) {
  const running = inProgress(history);
  return (
    <section className="releasing-now" aria-label="Releasing now" aria-live="polite">
      {running.length > 0 ? (
        running.map((r) => (
          <p key={r.externalId} className="now">
            <span className="pulse" aria-hidden="true" /> Releasing now: <strong>{r.version ?? r.externalId}</strong> started{' '}
            {formatTime(r.startedAt)}
            {r.triggeredBy && (
              <>
                {' '}
                by <PersonName person={r.triggeredBy} />
              </>
            )}
            {r.pipelineUrl && (
              <>
                {' '}
                ·{' '}
                <a href={r.pipelineUrl} target="_blank" rel="noreferrer noopener">
                  pipeline
                </a>
              </>
            )}
          </p>
        ))
      ) : (
        <p className="muted">Nothing releasing now{live ? ' (updated live)' : ''}.</p>
      )}
    </section>
  );
}

function Releases(props: { app: App; history: LiveRelease[]; onMore: (() => void) | undefined }) {
  const { app, history, onMore } = props;
  return (
    <section className="panel releases" aria-labelledby="releases-heading">
      <h2 id="releases-heading">Releases</h2>
      {history.length === 0 ? (
        <p className="muted">No release recorded yet.</p>
      ) : (
        <table className="release-table">
          <caption className="visually-hidden">Releases of {app.name}, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Started</th>
              <th scope="col">Outcome</th>
              <th scope="col">Version</th>
              <th scope="col">Commit</th>
              <th scope="col">Environment</th>
              <th scope="col">Duration</th>
              <th scope="col">Triggered by</th>
              <th scope="col">Pipeline</th>
            </tr>
          </thead>
          <tbody>
            {history.map((r) => (
              <tr key={r.externalId}>
                <td>{formatTime(r.startedAt)}</td>
                <td>
                  <span className={'outcome ' + r.status.toLowerCase()}>{outcomeLabel(r.status)}</span>
                </td>
                <td>{r.version ?? <span className="muted">–</span>}</td>
                <td>{r.commit ? <code title={r.commit}>{r.commit.slice(0, 10)}</code> : <span className="muted">–</span>}</td>
                <td>{r.environment ?? ''}</td>
                <td>{formatDuration(r.durationSeconds)}</td>
                <td>
                  <PersonName person={r.triggeredBy} none="unknown" />
                </td>
                <td>
                  {r.pipelineUrl ? (
                    <a href={r.pipelineUrl} target="_blank" rel="noreferrer noopener" aria-label={'Pipeline run ' + r.externalId}>
                      run
                    </a>
                  ) : (
                    <span className="muted">–</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="muted">
        Showing {Math.min(history.length, app.releases.totalCount)} of {app.releases.totalCount} releases, newest first.{' '}
        {onMore && app.releases.totalCount > history.length && (
          <button type="button" onClick={onMore}>
            Show the last {MORE_RELEASES}
          </button>
        )}
      </p>
    </section>
  );
}

function outcomeLabel(status: string): string {
  switch (status) {
    case 'IN_PROGRESS':
      return 'in progress';
    case 'ROLLED_BACK':
      return 'rolled back';
    default:
      return status.toLowerCase();
  }
}

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function formatTime(iso: string): string {
  return timeFormat.format(new Date(iso));
}

// Kind, type, lifecycle and system in a few words; a tag for apps nobody has described yet.
function AppFactsLabel({ app }: { app: Parameters<typeof appFacts>[0] }) {
  const facts = appFacts(app);
  return (
    <>
      {facts.summary && <span className="app-facts">{facts.summary}</span>}
      {facts.discovered && (
        <span className="app-discovered" title="Learned from network policies or the mesh; nobody has described it yet">
          Discovered
        </span>
      )}
    </>
  );
}
