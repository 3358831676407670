import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useMutation, useQuery } from 'urql';
import { describe, ErrorMessage, Loading } from '../../components/Status';
import { InboxReassignOwnerDocument, OwnershipInboxDocument, type OwnershipInboxQuery } from '../../gql/graphql';
import { ownershipViewParams, readOwnershipView, REASON_LABELS, SUGGESTION_LABELS, suggestionWhy, waitingAlerts } from '../../lib/ownershipInbox';
import { SquadBadge } from '../../components/SquadBadge';
import './OwnershipPage.css';

type Alert = OwnershipInboxQuery['ownershipAlerts'][number];

export default function OwnershipPage() {
  const [params, setParams] = useSearchParams();
  const view = readOwnershipView(params);
  const [inbox, reload] = useQuery({ query: OwnershipInboxDocument, variables: { squad: view.squad } });
  const [, reassign] = useMutation(InboxReassignOwnerDocument);
  const [resolved, setResolved] = useState<ReadonlySet<string>>(new Set());
  const [done, setDone] = useState<string | null>(null);

  const assign = async (alert: Alert, owner: string): Promise<string | null> => {
    const result = await reassign({ input: { app: alert.app.name, owner } });
    if (result.error) return describe(result.error);
    const payload = result.data?.reassignOwner;
    if (!payload) return 'The server gave no answer.';
    if (payload.errors.length > 0) return payload.errors.map((e) => e.message).join('; ');
    setResolved((current) => new Set([...current, alert.id, ...payload.resolvedAlerts.map((a) => a.id)]));
    setDone(`${alert.app.name} is now owned by ${payload.app?.owner?.name ?? owner} (${owner}).`);
    reload({ requestPolicy: 'network-only' });
    return null;
  };

  const alerts = inbox.data ? waitingAlerts(inbox.data.ownershipAlerts, resolved) : [];

  return (
    <section className="ownership-page">
      <h1>Ownership inbox</h1>
      <p className="muted">Apps whose developer owner has left, or that never had one. Pick a new owner: one click.</p>
      <div className="ownership-filters">
        <label>
          Squad
          <select value={view.squad ?? ''} onChange={(e) => setParams(ownershipViewParams({ squad: e.target.value || null }), { replace: true })}>
            <option value="">All squads</option>
            {inbox.data?.squads.map((s) => <option key={s.name} value={s.name}>{s.name}</option>)}
          </select>
        </label>
      </div>
      <p className="ownership-done" role="status">{done}</p>
      {inbox.error && <ErrorMessage error={inbox.error} what="the ownership alerts" />}
      {!inbox.data && inbox.fetching && <Loading what="the ownership alerts" />}
      {inbox.data && (
        alerts.length === 0 ? (
          <p className="panel">No open ownership alerts{view.squad ? ` for ${view.squad}` : ''}: every app has an active owner.</p>
        ) : (
          <>
            <p className="muted">{alerts.length} open {alerts.length === 1 ? 'alert' : 'alerts'}</p>
            <table aria-label="Open ownership alerts">
              <thead>
                <tr><th>App</th><th>Squad</th><th>Why</th><th>Former owner</th><th>Raised</th><th>New owner</th></tr>
              </thead>
              <tbody>
                {alerts.map((alert) => <AlertRow key={alert.id} alert={alert} onAssign={assign} />)}
              </tbody>
            </table>
          </>
        )
      )}
    </section>
  );
}

function AlertRow({ alert, onAssign }: { alert: Alert; onAssign: (alert: Alert, owner: string) => Promise<string | null> }) {
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [other, setOther] = useState('');

  const assign = async (owner: string) => {
    setBusy(true);
    setRefusal(null);
    const error = await onAssign(alert, owner);
    setBusy(false);
    setRefusal(error);
  };
  const squad = alert.app.squad?.name;
  const otherId = `other-owner-${alert.id}`;

  return (
    <tr aria-label={`Ownership alert for ${alert.app.name}`}>
      <td className="nowrap"><Link to={`/apps/${encodeURIComponent(alert.app.name)}`}>{alert.app.name}</Link></td>
      <td><SquadBadge name={squad} /></td>
      <td>{REASON_LABELS[alert.reason]}</td>
      <td>
        {alert.formerOwner ? (
          <>
            <Link to={`/people/${encodeURIComponent(alert.formerOwner.handle)}`}>{alert.formerOwner.name ?? alert.formerOwner.handle}</Link>
            {alert.formerOwner.leftAt && <span className="left"> left {alert.formerOwner.leftAt.slice(0, 10)}</span>}
          </>
        ) : <span className="muted">—</span>}
      </td>
      <td className="nowrap">{alert.raisedAt.slice(0, 10)}</td>
      <td className="new-owner">
        <div className="suggestions">
          {alert.suggestions.length === 0 && <span className="muted">No one to suggest.</span>}
          {alert.suggestions.map((s) => (
            <button key={s.person.handle} type="button" disabled={busy} onClick={() => assign(s.person.handle)}
              title={suggestionWhy(s.reason, s.lastReleasedAt)} aria-label={`Make ${s.person.handle} the owner of ${alert.app.name}`}>
              {s.person.name ?? s.person.handle} <span className="muted">· {SUGGESTION_LABELS[s.reason]}</span>
            </button>
          ))}
        </div>
        <form className="other-owner" onSubmit={(e) => { e.preventDefault(); if (other.trim()) void assign(other.trim()); }}>
          <label htmlFor={otherId}>Someone else</label>
          <input id={otherId} value={other} placeholder="handle" onChange={(e) => setOther(e.target.value)} disabled={busy} />
          <button type="submit" disabled={busy || !other.trim()}>Assign</button>
        </form>
        {refusal && <p className="refusal" role="alert">Not reassigned: {refusal}</p>}
      </td>
    </tr>
  );
}
