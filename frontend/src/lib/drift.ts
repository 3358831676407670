import { STALE_DAYS } from './dependencySources';

/**
 * The drift page's pure parts: its view as kept in the URL (`/drift?squad=payments&staleDays=14`)
 * and the four categories of drift, in the order and words the page shows them.
 */

export const MIN_STALE_DAYS = 1;
export const MAX_STALE_DAYS = 365;

/** How many dependencies the page lists per category; the count says how many there are in all. */
export const LISTED_PER_CATEGORY = 100;

/** What the drift page shows, as kept in its URL. */
export interface DriftView {
  squad: string | null;
  staleDays: number;
}

/** Days as typed or linked, kept within what the API accepts; anything else is the default. */
export function parseStaleDays(value: string | null): number {
  const days = Number.parseInt(value ?? '', 10);
  return Number.isFinite(days) ? Math.min(MAX_STALE_DAYS, Math.max(MIN_STALE_DAYS, days)) : STALE_DAYS;
}

export function readDriftView(params: URLSearchParams): DriftView {
  return { squad: params.get('squad') || null, staleDays: parseStaleDays(params.get('staleDays')) };
}

/** The URL parameters of a view; defaults are left out so links stay short. */
export function driftViewParams(view: DriftView): URLSearchParams {
  const params = new URLSearchParams();
  if (view.squad) params.set('squad', view.squad);
  if (view.staleDays !== STALE_DAYS) params.set('staleDays', String(view.staleDays));
  return params;
}

/** The link to the drift page for one squad (null: the whole estate). */
export function driftOfSquad(squad: string | null): string {
  const query = driftViewParams({ squad, staleDays: STALE_DAYS }).toString();
  return '/drift' + (query ? '?' + query : '');
}

export type DriftCategoryKey = 'declaredNotObserved' | 'observedNotDeclared' | 'observedNotAllowed' | 'stale';

export interface DriftCategory {
  key: DriftCategoryKey;
  title: string;
  /** What the category means and what to do about it, in a sentence or two. */
  explanation: (staleDays: number) => string;
}

export const DRIFT_CATEGORIES: readonly DriftCategory[] = [
  {
    key: 'declaredNotObserved',
    title: 'Declared, never observed',
    explanation: () =>
      'Declared (through the API or Backstage) but the mesh has never seen the call, although it sees the caller: stale documentation, or a fallback nobody has exercised.',
  },
  {
    key: 'observedNotDeclared',
    title: 'Observed, not declared',
    explanation: () => 'The mesh sees the call but nobody declared it: the catalog is missing a dependency, so blast radii miss it too.',
  },
  {
    key: 'observedNotAllowed',
    title: 'Observed, not allowed',
    explanation: () =>
      'The mesh sees the call, network policies govern the callee or the caller, yet none allows it: traffic the policies were meant to stop, or a policy missing.',
  },
  {
    key: 'stale',
    title: 'Stale',
    explanation: (days) =>
      `The mesh saw the call, but not for ${days} ${days === 1 ? 'day' : 'days'}: perhaps it is gone, though it is still declared or allowed.`,
  },
];
