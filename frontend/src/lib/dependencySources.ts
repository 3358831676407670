import { relativeTime } from './alerts';

/**
 * Where a call was learned from, in the portal's words: the sources' labels, whether a call is
 * observed, declared or only allowed (how the graph draws it), when it was last seen, and the
 * graph's filter by source as kept in the URL (`?sources=MESH,DECLARED`).
 */

export type Source = 'DECLARED' | 'NETWORK_POLICY' | 'MESH' | 'BACKSTAGE';

/** Every source, in the order badges and the filter list them. */
export const SOURCES: readonly Source[] = ['DECLARED', 'BACKSTAGE', 'NETWORK_POLICY', 'MESH'];

export const SOURCE_LABELS: Record<Source, string> = {
  DECLARED: 'Declared',
  BACKSTAGE: 'Backstage',
  NETWORK_POLICY: 'Network policy',
  MESH: 'Mesh',
};

/** A call's sources in the badges' order, each once. */
export function orderedSources(sources: readonly string[]): Source[] {
  return SOURCES.filter((s) => sources.includes(s));
}

/** Days without traffic after which the portal calls an observed call stale (the drift query's default). */
export const STALE_DAYS = 7;

/**
 * How a call is drawn: `observed` when the mesh saw it, `declared` when only the API or Backstage
 * say so, `allowed` when only a network policy does.
 */
export type CallKind = 'observed' | 'declared' | 'allowed';

export function callKind(sources: readonly string[]): CallKind {
  if (sources.includes('MESH')) return 'observed';
  if (sources.includes('DECLARED') || sources.includes('BACKSTAGE')) return 'declared';
  return 'allowed';
}

/** True when the mesh last saw the call `staleDays` or more days before `now`; never for a call it never saw. */
export function isStale(lastObserved: string | null | undefined, now: Date, staleDays = STALE_DAYS): boolean {
  if (!lastObserved) return false;
  return now.getTime() - Date.parse(lastObserved) >= staleDays * 24 * 60 * 60_000;
}

/** A request rate as people read it: "5.7 req/s", "0.18 req/s", "120 req/s". */
export function formatRate(rate: number): string {
  const digits = rate >= 100 ? 0 : rate >= 1 ? 1 : 2;
  return Number(rate.toFixed(digits)).toLocaleString('en') + ' req/s';
}

/** "seen 3 h ago · 5.7 req/s" for an observed call; null for one the mesh never saw. */
export function observedLabel(lastObserved: string | null | undefined, requestRate: number | null | undefined, now: Date): string | null {
  if (!lastObserved) return null;
  // A sample stamped a little ahead of this clock was still seen just now.
  const when = Date.parse(lastObserved) > now.getTime() ? 'just now' : relativeTime(lastObserved, now);
  return 'seen ' + when + (requestRate != null ? ' · ' + formatRate(requestRate) : '');
}

/** The graph's source filter from its URL: null (no parameter) shows every call. */
export function readSources(params: URLSearchParams): Set<Source> | null {
  const value = params.get('sources');
  if (value === null) return null;
  const named = value.split(',').map((s) => s.trim().toUpperCase());
  return new Set(SOURCES.filter((s) => named.includes(s)));
}

/** The `sources` parameter's value for a filter; null (left out of the URL) when every source is shown. */
export function sourcesParam(sources: ReadonlySet<Source> | null): string | null {
  if (sources === null || SOURCES.every((s) => sources.has(s))) return null;
  return SOURCES.filter((s) => sources.has(s)).join(',');
}

/** The filter with one source switched on or off. */
export function toggleSource(sources: ReadonlySet<Source> | null, source: Source): Set<Source> {
  const next = new Set(sources ?? SOURCES);
  if (next.has(source)) next.delete(source);
  else next.add(source);
  return next;
}

/** Whether the filter shows a call: any of its sources is selected (no filter shows all). */
export function showsCall(callSources: readonly string[], filter: ReadonlySet<Source> | null): boolean {
  if (filter === null) return true;
  return callSources.some((s) => filter.has(s as Source));
}

/** How many of the calls the filter shows. */
export function countShown(calls: readonly { sources?: readonly string[] | null }[], filter: ReadonlySet<Source> | null): number {
  if (filter === null) return calls.length;
  let shown = 0;
  for (const call of calls) if (showsCall(call.sources ?? [], filter)) shown++;
  return shown;
}
