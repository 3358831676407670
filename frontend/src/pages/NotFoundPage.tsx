import { Link, useLocation } from 'react-router-dom';

export default function NotFoundPage() {
  const { pathname } = useLocation();
  return (
    <section>
      <h1>Not found</h1>
      <p>
        appgraph has no page at <code>{pathname}</code>. <Link to="/">Back to the app directory</Link>.
      </p>
    </section>
  );
}
