import { Link, useParams } from 'react-router-dom';
import { useQuery } from 'urql';
import { AppLink } from '../../components/AppLink';
import { PersonName } from '../../components/PersonName';
import { ErrorMessage, Loading } from '../../components/Status';
import { TierLabel } from '../../components/TierLabel';
import '../../components/shared.css';
import { SquadPageDocument } from '../../gql/graphql';
import { squadColor } from '../../lib/squadColor';
import '../org.css';

/** A squad: its ops buddy, its members (those who left marked) and the apps it is responsible for. */
export default function SquadPage() {
  const name = useParams().name ?? '';
  const [result] = useQuery({ query: SquadPageDocument, variables: { name } });
  if (result.error) return <ErrorMessage error={result.error} what={'the squad ' + name} />;
  if (!result.data) return <Loading what={'the squad ' + name} />;
  const squad = result.data.squad;
  if (!squad) {
    return (
      <section>
        <h1>{name}</h1>
        <p className="status error" role="alert">
          No squad named <strong>{name}</strong>. <Link to="/">Back to the app directory</Link>.
        </p>
      </section>
    );
  }
  const active = squad.members.filter((m) => m.active).length;
  return (
    <section className="org-page">
      <header className="org-header">
        <span className="swatch" style={{ background: squadColor(squad.name) }} aria-hidden="true" />
        <h1>Squad {squad.name}</h1>
        <Link to={'/squads/' + encodeURIComponent(squad.name) + '/cost'}>Cost</Link>
      </header>
      <p className="muted">{squad.description ?? 'No description.'}</p>
      <dl className="facts">
        <dt>Ops buddy</dt>
        <dd>
          <PersonName person={squad.buddy} none="no ops buddy" />
          {squad.buddy?.email && squad.buddy.active && <span className="muted"> · {squad.buddy.email}</span>}
        </dd>
        <dt>Slack</dt>
        <dd>{squad.slackChannel ?? <span className="muted">none</span>}</dd>
        <dt>Group</dt>
        <dd>
          {squad.group ? (
            <>
              {squad.group.name} {squad.group.type && <span className="muted">({squad.group.type})</span>}
            </>
          ) : (
            <span className="muted">none</span>
          )}
        </dd>
      </dl>
      <div className="org-columns">
        <section className="panel" aria-labelledby="members-heading">
          <h2 id="members-heading">
            Members <span className="muted">({active} active of {squad.members.length})</span>
          </h2>
          {squad.members.length === 0 ? (
            <p className="muted">No members.</p>
          ) : (
            <ul className="plain" aria-label={'Members of ' + squad.name}>
              {squad.members.map((m) => (
                <li key={m.handle}>
                  <PersonName person={m} /> <span className="muted">{m.handle}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="panel" aria-labelledby="apps-heading">
          <h2 id="apps-heading">
            Apps <span className="muted">({squad.apps.length})</span>
          </h2>
          {squad.apps.length === 0 ? (
            <p className="muted">The squad is responsible for no app.</p>
          ) : (
            <table>
              <caption className="visually-hidden">Apps of {squad.name}</caption>
              <thead>
                <tr>
                  <th scope="col">App</th>
                  <th scope="col">Owner</th>
                  <th scope="col">Tier</th>
                  <th scope="col">Description</th>
                </tr>
              </thead>
              <tbody>
                {squad.apps.map((app) => (
                  <tr key={app.name}>
                    <th scope="row">
                      <AppLink name={app.name} />
                    </th>
                    <td>
                      <PersonName person={app.owner} none="no owner" />
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
          <p>
            <Link to={'/?squad=' + encodeURIComponent(squad.name)}>Open in the app directory</Link>
          </p>
        </section>
      </div>
    </section>
  );
}
