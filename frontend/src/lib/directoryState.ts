/**
 * The app directory's view state and the URL, both ways: search text, filters, sort and the trail
 * of page cursors live in the query string, so every view of the directory can be linked. Pure, so
 * it is tested without a browser.
 */
export const TIERS = ['TIER_1', 'TIER_2', 'TIER_3', 'TIER_4'] as const;
export type TierValue = (typeof TIERS)[number];

export const SORT_FIELDS = ['NAME', 'SQUAD', 'TIER', 'OWNER'] as const;
export type SortField = (typeof SORT_FIELDS)[number];
export type SortDirection = 'ASC' | 'DESC';

export const PAGE_SIZES = [20, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 20;

export interface DirectoryState {
  search: string;
  squad: string;
  owner: string;
  tier: TierValue | '';
  sort: SortField;
  direction: SortDirection;
  size: number;
  /** Cursors of the pages before this one, oldest first: the last one is this page's `after`. */
  trail: string[];
}

export const DEFAULT_STATE: DirectoryState = {
  search: '',
  squad: '',
  owner: '',
  tier: '',
  sort: 'NAME',
  direction: 'ASC',
  size: DEFAULT_PAGE_SIZE,
  trail: [],
};

function oneOf<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return values.find((v) => v === value);
}

/** Reads the state from a query string; anything unknown or malformed falls back to the default. */
export function parseDirectoryState(params: URLSearchParams): DirectoryState {
  const sortParam = params.get('sort') ?? '';
  const [field, direction] = sortParam.split('-');
  const sizeParam = Number(params.get('size'));
  return {
    search: params.get('q') ?? '',
    squad: params.get('squad') ?? '',
    owner: params.get('owner') ?? '',
    tier: oneOf(TIERS, params.get('tier')) ?? '',
    sort: oneOf(SORT_FIELDS, (field ?? '').toUpperCase()) ?? 'NAME',
    direction: (direction ?? '').toUpperCase() === 'DESC' ? 'DESC' : 'ASC',
    size: (PAGE_SIZES as readonly number[]).includes(sizeParam) ? sizeParam : DEFAULT_PAGE_SIZE,
    trail: params.getAll('after').filter((c) => c.length > 0),
  };
}

/** Writes the state as a query string, leaving defaults out so plain views keep plain URLs. */
export function directorySearchParams(state: DirectoryState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.search) params.set('q', state.search);
  if (state.squad) params.set('squad', state.squad);
  if (state.owner) params.set('owner', state.owner);
  if (state.tier) params.set('tier', state.tier);
  if (state.sort !== 'NAME' || state.direction !== 'ASC') {
    params.set('sort', state.sort.toLowerCase() + '-' + state.direction.toLowerCase());
  }
  if (state.size !== DEFAULT_PAGE_SIZE) params.set('size', String(state.size));
  for (const cursor of state.trail) params.append('after', cursor);
  return params;
}

/** A change of what is shown (search, filters, sort, page size) starts again at the first page. */
export function withChange(state: DirectoryState, change: Partial<Omit<DirectoryState, 'trail'>>): DirectoryState {
  return { ...state, ...change, trail: [] };
}

export function nextPage(state: DirectoryState, endCursor: string): DirectoryState {
  return { ...state, trail: [...state.trail, endCursor] };
}

export function previousPage(state: DirectoryState): DirectoryState {
  return { ...state, trail: state.trail.slice(0, -1) };
}

/** Clicking a column header: sorts by it ascending, or flips the direction when it already sorts. */
export function toggleSort(state: DirectoryState, field: SortField): DirectoryState {
  const direction: SortDirection = state.sort === field && state.direction === 'ASC' ? 'DESC' : 'ASC';
  return withChange(state, { sort: field, direction });
}

/** Search text ranks results on the server, so the chosen order only applies without it. */
export function isRanked(state: DirectoryState): boolean {
  return /[\p{L}\p{N}]/u.test(state.search);
}

/** The `apps` query's variables for this state; blank criteria are left out. */
export function directoryVariables(state: DirectoryState) {
  const filter: { search?: string; squad?: string; owner?: string; tier?: TierValue } = {};
  if (state.search.trim()) filter.search = state.search.trim();
  if (state.squad) filter.squad = state.squad;
  if (state.owner.trim()) filter.owner = state.owner.trim();
  if (state.tier) filter.tier = state.tier;
  return {
    first: state.size,
    after: state.trail.length > 0 ? state.trail[state.trail.length - 1] : null,
    filter: Object.keys(filter).length > 0 ? filter : null,
    orderBy: { field: state.sort, direction: state.direction },
  };
}

/** "21–40 of 400" for the page shown; "0 of 0" when nothing matches. */
export function pageRange(state: DirectoryState, shown: number, totalCount: number): string {
  if (shown === 0) return '0 of ' + totalCount;
  const start = state.trail.length * state.size + 1;
  return start + '–' + (start + shown - 1) + ' of ' + totalCount;
}
