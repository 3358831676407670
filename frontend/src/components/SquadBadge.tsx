import { Link } from 'react-router-dom';
import { squadColor } from '../lib/squadColor';

/** A squad's name on its colour (the same colour as on the graph), linking to the squad's page. */
export function SquadBadge({ name }: { name: string | null | undefined }) {
  if (!name) return <span className="muted">no squad</span>;
  return (
    <Link to={'/squads/' + encodeURIComponent(name)} className="badge squad-badge" style={{ background: squadColor(name) }}>
      {name}
    </Link>
  );
}
