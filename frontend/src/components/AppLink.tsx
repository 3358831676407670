import { Link } from 'react-router-dom';

/** An app's name linking to its page. */
export function AppLink({ name }: { name: string }) {
  return (
    <Link to={'/apps/' + encodeURIComponent(name)} className="app-link">
      {name}
    </Link>
  );
}
