/**
 * An app's release history with what the live feed has said since it loaded: a release the feed
 * reports replaces the loaded one with the same externalId (a finish updates its status), and a
 * release the history does not hold yet goes in by its start time. Newest first, as the API lists.
 */
export interface ReleaseLike {
  externalId: string;
  status: string;
  startedAt: string;
}

export function mergeLiveReleases<T extends ReleaseLike>(history: readonly T[], live: readonly T[]): T[] {
  const latest = new Map<string, T>();
  for (const release of live) latest.set(release.externalId, release);
  const merged = history.map((release) => latest.get(release.externalId) ?? release);
  const known = new Set(history.map((release) => release.externalId));
  const added = [...latest.values()].filter((release) => !known.has(release.externalId));
  return [...added, ...merged].sort(
    (a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt) || b.externalId.localeCompare(a.externalId),
  );
}

/** The releases still running: what "releasing now" shows. */
export function inProgress<T extends ReleaseLike>(releases: readonly T[]): T[] {
  return releases.filter((release) => release.status === 'IN_PROGRESS');
}

/** "4 min 5 s", "52 s", "1 h 3 min": a duration as people read it. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '';
  if (seconds < 60) return seconds + ' s';
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return minutes + ' min ' + (seconds % 60) + ' s';
  return Math.floor(minutes / 60) + ' h ' + (minutes % 60) + ' min';
}
