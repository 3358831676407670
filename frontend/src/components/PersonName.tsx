import { Link } from 'react-router-dom';

export interface PersonLike {
  handle: string;
  name?: string | null;
  active: boolean;
}

/**
 * A person's name linking to their page, marked in words (not by colour alone) when they have
 * left, so a departed owner is never mistaken for someone to call.
 */
export function PersonName({ person, none = 'nobody' }: { person: PersonLike | null | undefined; none?: string }) {
  if (!person) return <span className="muted">{none}</span>;
  return (
    <span className="person-name">
      <Link to={'/people/' + encodeURIComponent(person.handle)} title={person.handle}>
        {person.name || person.handle}
      </Link>
      {!person.active && <span className="left-marker"> (left)</span>}
    </span>
  );
}
