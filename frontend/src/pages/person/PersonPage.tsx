import { Link, useParams } from 'react-router-dom';
import { useQuery } from 'urql';
import { AppLink } from '../../components/AppLink';
import { PersonName } from '../../components/PersonName';
import { SquadBadge } from '../../components/SquadBadge';
import { ErrorMessage, Loading } from '../../components/Status';
import { TierLabel } from '../../components/TierLabel';
import '../../components/shared.css';
import { PersonPageDocument } from '../../gql/graphql';
import '../org.css';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** A person: whether they are still here, their squads and the apps they own. */
export default function PersonPage() {
  const handle = useParams().handle ?? '';
  const [result] = useQuery({ query: PersonPageDocument, variables: { handle } });
  if (result.error) return <ErrorMessage error={result.error} what={'the person ' + handle} />;
  if (!result.data) return <Loading what={'the person ' + handle} />;
  const person = result.data.person;
  if (!person) {
    return (
      <section>
        <h1>{handle}</h1>
        <p className="status error" role="alert">
          No person with the handle <strong>{handle}</strong>. <Link to="/">Back to the app directory</Link>.
        </p>
      </section>
    );
  }
  const orphaned = person.ownedApps.filter((a) => a.ownershipAlerts.length > 0).length;
  return (
    <section className="org-page">
      <h1>{person.name ?? person.handle}</h1>
      {!person.active && (
        <p className="status error" role="note">
          <strong>Has left</strong>
          {person.leftAt ? ' on ' + dateFormat.format(new Date(person.leftAt)) : ''}. Their apps need new owners
          {orphaned > 0 ? ': ' + orphaned + ' with an open ownership alert' : ''}.
        </p>
      )}
      <dl className="facts">
        <dt>Handle</dt>
        <dd>{person.handle}</dd>
        <dt>Email</dt>
        <dd>{person.email ? <a href={'mailto:' + person.email}>{person.email}</a> : <span className="muted">none</span>}</dd>
        <dt>Status</dt>
        <dd>{person.active ? 'active' : <span className="left-marker">left</span>}</dd>
      </dl>
      <div className="org-columns">
        <section className="panel" aria-labelledby="squads-heading">
          <h2 id="squads-heading">
            Squads <span className="muted">({person.squads.length})</span>
          </h2>
          {person.squads.length === 0 ? (
            <p className="muted">In no squad.</p>
          ) : (
            <ul className="plain" aria-label={'Squads of ' + person.handle}>
              {person.squads.map((s) => (
                <li key={s.name}>
                  <SquadBadge name={s.name} /> <span className="muted">buddy: </span>
                  <PersonName person={s.buddy} none="none" />
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="panel" aria-labelledby="owned-heading">
          <h2 id="owned-heading">
            Apps owned <span className="muted">({person.ownedApps.length})</span>
          </h2>
          {person.ownedApps.length === 0 ? (
            <p className="muted">Owns no app.</p>
          ) : (
            <table>
              <caption className="visually-hidden">Apps {person.handle} owns</caption>
              <thead>
                <tr>
                  <th scope="col">App</th>
                  <th scope="col">Squad</th>
                  <th scope="col">Tier</th>
                  <th scope="col">Description</th>
                </tr>
              </thead>
              <tbody>
                {person.ownedApps.map((app) => (
                  <tr key={app.name}>
                    <th scope="row">
                      <AppLink name={app.name} />
                      {app.ownershipAlerts.length > 0 && <span className="left-marker"> needs a new owner</span>}
                    </th>
                    <td>
                      <SquadBadge name={app.squad?.name} />
                    </td>
                    <td>
                      <TierLabel tier={app.tier} />
                    </td>
                    <td>{app.description ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>
      <p className="muted">
        <Link to={'/?owner=' + encodeURIComponent(person.handle)}>Their apps in the app directory</Link>
      </p>
    </section>
  );
}
