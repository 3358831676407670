/**
 * The release dashboard's pure parts: the UTC day shown, the timeline's bars (packed into lanes),
 * live events merged into what was read, the statistics' ranges and chart series, and the view
 * state kept in the URL.
 */

export type ReleaseStatus = 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED' | 'ROLLED_BACK';

export interface TimelineRelease {
  externalId: string;
  app: { name: string; squad?: { name: string } | null };
  version?: string | null;
  environment?: string | null;
  status: ReleaseStatus;
  startedAt: string;
  finishedAt?: string | null;
}

export interface ReleaseEventLike {
  release: TimelineRelease;
}

const DAY_MS = 86_400_000;
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The UTC calendar day of an instant, as YYYY-MM-DD. */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** [midnight, next midnight) of a UTC day given as YYYY-MM-DD; null when it is not a real date. */
export function dayWindow(day: string): { from: Date; to: Date } | null {
  const match = DAY_PATTERN.exec(day);
  if (!match) return null;
  const from = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  if (Number.isNaN(from.getTime()) || utcDay(from) !== day) return null;
  return { from, to: new Date(from.getTime() + DAY_MS) };
}

/**
 * Whether a release belongs on a day's timeline: it started that day, or (on today's) it is still
 * running, whenever it started — a pipeline that began before midnight is still news.
 */
export function onTimeline(release: TimelineRelease, window: { from: Date; to: Date }, today: boolean): boolean {
  const start = Date.parse(release.startedAt);
  if (start >= window.from.getTime() && start < window.to.getTime()) return true;
  return today && release.status === 'IN_PROGRESS' && start < window.to.getTime();
}

/**
 * What was read, updated by the live events since: an event replaces the release it names (the
 * newest state wins, and a finish never goes back to running), and adds it when it is new.
 */
export function mergeReleases(
  read: readonly TimelineRelease[],
  events: readonly ReleaseEventLike[],
  window: { from: Date; to: Date },
  today: boolean,
): TimelineRelease[] {
  const byId = new Map<string, TimelineRelease>();
  for (const release of read) byId.set(release.externalId, release);
  for (const { release } of events) {
    const known = byId.get(release.externalId);
    if (known && known.status !== 'IN_PROGRESS' && release.status === 'IN_PROGRESS') continue;
    byId.set(release.externalId, release);
  }
  return [...byId.values()]
    .filter((r) => onTimeline(r, window, today))
    .sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt) || a.externalId.localeCompare(b.externalId));
}

export interface TimelineBar {
  release: TimelineRelease;
  /** Milliseconds since the epoch, clipped to the window. */
  start: number;
  end: number;
  running: boolean;
  lane: number;
}

/**
 * One bar per release from start to finish (a running one to now), packed into as few lanes as
 * possible without overlap: each bar goes to the first lane free at its start.
 */
export function timelineBars(releases: readonly TimelineRelease[], window: { from: Date; to: Date }, now: Date, minMillis = 60_000): TimelineBar[] {
  const laneEnds: number[] = [];
  const sorted = [...releases].sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt) || a.externalId.localeCompare(b.externalId));
  return sorted.map((release) => {
    const running = release.status === 'IN_PROGRESS';
    const rawStart = Date.parse(release.startedAt);
    const rawEnd = running || !release.finishedAt ? now.getTime() : Date.parse(release.finishedAt);
    const start = Math.max(window.from.getTime(), rawStart);
    // Short releases still get a visible bar; lanes keep them apart.
    const end = Math.max(start + minMillis, Math.min(window.to.getTime(), rawEnd));
    let lane = laneEnds.findIndex((laneEnd) => laneEnd <= start);
    if (lane < 0) {
      lane = laneEnds.length;
      laneEnds.push(end);
    } else {
      laneEnds[lane] = end;
    }
    return { release, start, end, running, lane };
  });
}

/** The bar colours, by status (the table uses the same words). */
export const STATUS_COLORS: Record<ReleaseStatus, string> = {
  IN_PROGRESS: '#2f5fd0',
  SUCCEEDED: '#2e7d32',
  FAILED: '#c62828',
  ROLLED_BACK: '#b26a00',
};

export const STATUS_LABELS: Record<ReleaseStatus, string> = {
  IN_PROGRESS: 'running',
  SUCCEEDED: 'succeeded',
  FAILED: 'failed',
  ROLLED_BACK: 'rolled back',
};

/** The time axis: from midnight to the end of the day, or on today to a little after now. */
export function timelineSpan(window: { from: Date; to: Date }, now: Date): { from: number; to: number } {
  const today = now.getTime() >= window.from.getTime() && now.getTime() < window.to.getTime();
  const end = today ? Math.min(window.to.getTime(), Math.ceil((now.getTime() + 15 * 60_000) / 3_600_000) * 3_600_000) : window.to.getTime();
  return { from: window.from.getTime(), to: Math.max(end, window.from.getTime() + 3_600_000) };
}

/** The ranges the statistics are asked for: the last `days` days, the last 12 months and the last 5 years, each up to the end of the current bucket. */
export function statsRanges(now: Date, days: number) {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  const d = now.getUTCDate();
  const iso = (t: number) => new Date(t).toISOString();
  return {
    daily: { from: iso(Date.UTC(y, m, d - days + 1)), to: iso(Date.UTC(y, m, d + 1)) },
    monthly: { from: iso(Date.UTC(y, m - 11, 1)), to: iso(Date.UTC(y, m + 1, 1)) },
    yearly: { from: iso(Date.UTC(y - 4, 0, 1)), to: iso(Date.UTC(y + 1, 0, 1)) },
  };
}

export interface StatsBucket {
  start: string;
  count: number;
  failed: number;
  rolledBack: number;
  failureRate: number;
}

/** uPlot's columns: bucket starts (seconds), releases, and the failure rate in percent. */
export function statsSeries(buckets: readonly StatsBucket[]): [number[], number[], number[]] {
  return [
    buckets.map((b) => Date.parse(b.start) / 1000),
    buckets.map((b) => b.count),
    buckets.map((b) => Math.round(b.failureRate * 1000) / 10),
  ];
}

export const RANGES = [30, 90] as const;

/** What the release dashboard shows, as kept in its URL. */
export interface ReleasesView {
  /** The UTC day of the timeline; null for today. */
  day: string | null;
  squad: string | null;
  app: string | null;
  /** Days of the daily chart. */
  range: (typeof RANGES)[number];
}

export function readReleasesView(params: URLSearchParams): ReleasesView {
  const day = params.get('day');
  const range = Number(params.get('range'));
  return {
    day: day && dayWindow(day) ? day : null,
    squad: params.get('squad') || null,
    app: params.get('app') || null,
    range: range === 90 ? 90 : 30,
  };
}

export function releasesViewParams(view: ReleasesView): URLSearchParams {
  const params = new URLSearchParams();
  if (view.day) params.set('day', view.day);
  if (view.squad) params.set('squad', view.squad);
  if (view.app) params.set('app', view.app);
  if (view.range !== 30) params.set('range', String(view.range));
  return params;
}
