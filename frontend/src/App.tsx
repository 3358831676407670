import { Suspense, lazy } from 'react';
import { NavLink, Route, Routes } from 'react-router-dom';
import { Loading } from './components/Status';
import { logOut } from './api/session';
import { useSession } from './hooks/useSession';

// Each page is its own chunk, so the first load fetches only the page it shows; the graph renderer
// (sigma, WebGL) and GraphiQL are loaded only on their routes.
const DirectoryPage = lazy(() => import('./pages/directory/DirectoryPage'));
const AppPage = lazy(() => import('./pages/app/AppPage'));
const GraphPage = lazy(() => import('./pages/graph/GraphPage'));
const DriftPage = lazy(() => import('./pages/drift/DriftPage'));
const ReleasesPage = lazy(() => import('./pages/releases/ReleasesPage'));
const AlertsPage = lazy(() => import('./pages/alerts/AlertsPage'));
const OwnershipPage = lazy(() => import('./pages/ownership/OwnershipPage'));
const SquadPage = lazy(() => import('./pages/squad/SquadPage'));
const PlatformPage = lazy(() => import('./pages/platform/PlatformPage'));
const SquadCostPage = lazy(() => import('./pages/cost/SquadCostPage'));
const PersonPage = lazy(() => import('./pages/person/PersonPage'));
const GraphiqlPage = lazy(() => import('./pages/graphiql/GraphiqlPage'));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage'));

const sections = [
  { to: '/', label: 'Apps', end: true },
  { to: '/graph', label: 'Graph' },
  { to: '/drift', label: 'Drift' },
  { to: '/releases', label: 'Releases' },
  { to: '/alerts', label: 'Alerts' },
  { to: '/ownership', label: 'Ownership' },
  { to: '/platform', label: 'Platform' },
  { to: '/graphiql', label: 'GraphiQL' },
];

export function App() {
  const session = useSession();
  return (
    <div className="shell">
      <header className="topbar">
        <NavLink to="/" className="brand" aria-label="appgraph home">
          <img src="/favicon.svg" alt="" width={20} height={20} /> appgraph
        </NavLink>
        <nav aria-label="Sections">
          {sections.map((s) => (
            <NavLink key={s.to} to={s.to} end={s.end ?? false}>
              {s.label}
            </NavLink>
          ))}
        </nav>
        {session?.authenticated && (
          <div className="signed-in">
            <span title={session.email ?? undefined}>
              Signed in as <strong>{session.name}</strong>
              {!session.writer && <span className="muted"> (read only)</span>}
            </span>{' '}
            <button type="button" onClick={() => void logOut()}>
              Log out
            </button>
          </div>
        )}
      </header>
      <main className="content">
        <Suspense fallback={<Loading what="page" />}>
          <Routes>
            <Route path="/" element={<DirectoryPage />} />
            <Route path="/apps/:name" element={<AppPage />} />
            <Route path="/graph" element={<GraphPage />} />
            <Route path="/drift" element={<DriftPage />} />
            <Route path="/releases" element={<ReleasesPage />} />
            <Route path="/alerts" element={<AlertsPage />} />
            <Route path="/ownership" element={<OwnershipPage />} />
            <Route path="/squads/:name" element={<SquadPage />} />
            <Route path="/squads/:name/cost" element={<SquadCostPage />} />
            <Route path="/platform" element={<PlatformPage />} />
            <Route path="/people/:handle" element={<PersonPage />} />
            <Route path="/graphiql" element={<GraphiqlPage />} />
            <Route path="*" element={<NotFoundPage />} />
          </Routes>
        </Suspense>
      </main>
    </div>
  );
}
