import { useEffect, useId, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useQuery } from 'urql';
import { AppLink } from '../../components/AppLink';
import { LinksMenu } from '../../components/LinksMenu';
import { PersonName } from '../../components/PersonName';
import { SquadBadge } from '../../components/SquadBadge';
import { ErrorMessage, Loading } from '../../components/Status';
import { TierLabel, tierLabel } from '../../components/TierLabel';
import '../../components/shared.css';
import { DirectoryDocument } from '../../gql/graphql';
import { useDebounced } from '../../hooks/useDebounced';
import { useLastData } from '../../hooks/useLastData';
import {
  type DirectoryState,
  type SortField,
  PAGE_SIZES,
  TIERS,
  directorySearchParams,
  directoryVariables,
  isRanked,
  nextPage,
  pageRange,
  parseDirectoryState,
  previousPage,
  toggleSort,
  withChange,
} from '../../lib/directoryState';
import './DirectoryPage.css';

const TYPING_DELAY_MS = 250;

/** The app directory: every app with its squad, owner, tier, ops buddy and bookmarks; state in the URL. */
export default function DirectoryPage() {
  const [params, setParams] = useSearchParams();
  const state = parseDirectoryState(params);
  const update = (next: DirectoryState, replace = false) => setParams(directorySearchParams(next), { replace });

  const [search, setSearch] = useTypedParam(state.search, (value) => update(withChange(state, { search: value }), true));
  const [owner, setOwner] = useTypedParam(state.owner, (value) => update(withChange(state, { owner: value }), true));

  const [result] = useQuery({ query: DirectoryDocument, variables: directoryVariables(state) });
  const data = useLastData(result.data);
  // Rows of the previous view stay on screen while this one loads, marked busy.
  const stale = result.data === undefined || result.fetching;
  const ranked = isRanked(state);
  const ids = { search: useId(), squad: useId(), owner: useId(), tier: useId(), size: useId() };

  const filtered = state.search || state.squad || state.owner || state.tier;
  return (
    <section className="directory">
      <h1>Apps</h1>
      <form className="directory-filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <div className="field grow">
          <label htmlFor={ids.search}>Search apps</label>
          <input
            id={ids.search}
            type="search"
            value={search}
            placeholder="name, description or squad"
            autoComplete="off"
            onChange={(e) => setSearch(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={ids.squad}>Squad</label>
          <select id={ids.squad} value={state.squad} onChange={(e) => update(withChange(state, { squad: e.target.value }))}>
            <option value="">All squads</option>
            {data?.squads.map((s) => (
              <option key={s.name} value={s.name}>
                {s.name}
              </option>
            ))}
            {state.squad && data && !data.squads.some((s) => s.name === state.squad) && (
              <option value={state.squad}>{state.squad} (unknown)</option>
            )}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.owner}>Owner handle</label>
          <input
            id={ids.owner}
            type="text"
            value={owner}
            placeholder="jane.doe"
            autoComplete="off"
            onChange={(e) => setOwner(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={ids.tier}>Tier</label>
          <select
            id={ids.tier}
            value={state.tier}
            onChange={(e) => update(withChange(state, { tier: e.target.value as DirectoryState['tier'] }))}
          >
            <option value="">All tiers</option>
            {TIERS.map((t) => (
              <option key={t} value={t}>
                {tierLabel(t)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.size}>Per page</label>
          <select id={ids.size} value={state.size} onChange={(e) => update(withChange(state, { size: Number(e.target.value) }))}>
            {PAGE_SIZES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
        {filtered && (
          <button type="button" className="clear" onClick={() => update(withChange(state, { search: '', squad: '', owner: '', tier: '' }))}>
            Clear filters
          </button>
        )}
      </form>

      {result.error && <ErrorMessage error={result.error} what="the app directory" />}
      {!data && !result.error && <Loading what="apps" />}
      {data && (
        <>
          <p className="directory-summary" aria-live="polite">
            <strong>{data.apps.totalCount}</strong> {data.apps.totalCount === 1 ? 'app' : 'apps'}
            {filtered ? ' match' : ''}
            {ranked && <span className="muted"> · ranked by relevance while searching (the sort applies without search text)</span>}
            {stale && <span className="muted"> · updating…</span>}
          </p>
          <table className="directory-table" aria-busy={stale}>
            <caption className="visually-hidden">Apps, {pageRange(state, data.apps.edges.length, data.apps.totalCount)}</caption>
            <thead>
              <tr>
                <SortHeader field="NAME" label="App" state={state} ranked={ranked} onSort={(f) => update(toggleSort(state, f))} />
                <SortHeader field="SQUAD" label="Squad" state={state} ranked={ranked} onSort={(f) => update(toggleSort(state, f))} />
                <SortHeader field="OWNER" label="Owner" state={state} ranked={ranked} onSort={(f) => update(toggleSort(state, f))} />
                <SortHeader field="TIER" label="Tier" state={state} ranked={ranked} onSort={(f) => update(toggleSort(state, f))} />
                <th scope="col">Ops buddy</th>
                <th scope="col">Description</th>
                <th scope="col">Links</th>
              </tr>
            </thead>
            <tbody>
              {data.apps.edges.map(({ node: app }) => (
                <tr key={app.name}>
                  <th scope="row">
                    <AppLink name={app.name} />
                  </th>
                  <td>
                    <SquadBadge name={app.squad?.name} />
                  </td>
                  <td>
                    <PersonName person={app.owner} none="no owner" />
                  </td>
                  <td>
                    <TierLabel tier={app.tier} />
                  </td>
                  <td>{app.squad ? <PersonName person={app.squad.buddy} none="no buddy" /> : <span className="muted">–</span>}</td>
                  <td className="description">{app.description ?? <span className="muted">no description</span>}</td>
                  <td>
                    <LinksMenu app={app.name} links={app.links} />
                  </td>
                </tr>
              ))}
              {data.apps.edges.length === 0 && (
                <tr>
                  <td colSpan={7} className="empty">
                    No app matches{state.search ? ' “' + state.search + '”' : ''}
                    {filtered ? ' with these filters' : ''}.
                  </td>
                </tr>
              )}
            </tbody>
          </table>
          <nav className="pager" aria-label="Pages of apps">
            <button type="button" disabled={state.trail.length === 0} onClick={() => update(previousPage(state))}>
              ← Previous
            </button>
            <span>
              Page {state.trail.length + 1} · {pageRange(state, data.apps.edges.length, data.apps.totalCount)}
            </span>
            <button
              type="button"
              disabled={!data.apps.pageInfo.hasNextPage || !data.apps.pageInfo.endCursor}
              onClick={() => data.apps.pageInfo.endCursor && update(nextPage(state, data.apps.pageInfo.endCursor))}
            >
              Next →
            </button>
          </nav>
        </>
      )}
    </section>
  );
}

function SortHeader(props: {
  field: SortField;
  label: string;
  state: DirectoryState;
  ranked: boolean;
  onSort: (field: SortField) => void;
}) {
  const { field, label, state, ranked, onSort } = props;
  const active = !ranked && state.sort === field;
  const sort = active ? (state.direction === 'ASC' ? 'ascending' : 'descending') : 'none';
  return (
    <th scope="col" aria-sort={sort}>
      <button
        type="button"
        className="sort"
        disabled={ranked}
        title={ranked ? 'Search results are ranked by relevance' : 'Sort by ' + label.toLowerCase()}
        onClick={() => onSort(field)}
      >
        {label}
        <span aria-hidden="true" className="sort-arrow">
          {active ? (state.direction === 'ASC' ? ' ▲' : ' ▼') : ' ↕'}
        </span>
      </button>
    </th>
  );
}

/**
 * A text box bound to a URL parameter: it shows every key stroke at once and writes the URL once
 * typing pauses; a change of the URL from elsewhere (back button, a link) shows in the box.
 */
function useTypedParam(fromUrl: string, write: (value: string) => void): [string, (value: string) => void] {
  const [text, setText] = useState(fromUrl);
  const [synced, setSynced] = useState(fromUrl);
  if (fromUrl !== synced) {
    setSynced(fromUrl);
    setText(fromUrl);
  }
  const settled = useDebounced(text, TYPING_DELAY_MS);
  useEffect(() => {
    if (settled !== fromUrl && settled === text) {
      setSynced(settled);
      write(settled);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [settled]);
  return [text, setText];
}
