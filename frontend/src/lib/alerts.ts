/**
 * The alerts page's pure parts: the view kept in the URL, the order alerts are listed in, how long
 * ago something happened in words, and the time-to-restore chart's series.
 */

export type AlertStatusFilter = 'firing' | 'resolved' | 'all';

/** What the alerts page shows, as kept in its URL. */
export interface AlertsView {
  status: AlertStatusFilter;
  squad: string | null;
  app: string | null;
  unmatched: boolean;
}

const STATUSES: readonly AlertStatusFilter[] = ['firing', 'resolved', 'all'];

export function readAlertsView(params: URLSearchParams): AlertsView {
  const status = params.get('status') as AlertStatusFilter | null;
  return {
    status: status && STATUSES.includes(status) ? status : 'firing',
    squad: params.get('squad') || null,
    app: params.get('app') || null,
    unmatched: params.get('unmatched') === 'true',
  };
}

export function alertsViewParams(view: AlertsView): URLSearchParams {
  const params = new URLSearchParams();
  if (view.status !== 'firing') params.set('status', view.status);
  if (view.squad) params.set('squad', view.squad);
  if (view.app) params.set('app', view.app);
  if (view.unmatched) params.set('unmatched', 'true');
  return params;
}

/** The link to the alerts page showing one app's alerts. */
export function alertsOfApp(app: string, status: AlertStatusFilter = 'all'): string {
  return '/alerts?' + alertsViewParams({ status, squad: null, app, unmatched: false }).toString();
}

/** The API's status argument for a filter: null for all. */
export function statusArgument(status: AlertStatusFilter): 'FIRING' | 'RESOLVED' | null {
  return status === 'all' ? null : status === 'firing' ? 'FIRING' : 'RESOLVED';
}

export interface SortableAlert {
  fingerprint: string;
  status: 'FIRING' | 'RESOLVED';
  severity?: string | null;
  startsAt: string;
}

const SEVERITY_RANK: Record<string, number> = { critical: 0, error: 1, warning: 2, info: 3 };

export function severityRank(severity: string | null | undefined): number {
  return severity ? (SEVERITY_RANK[severity.toLowerCase()] ?? 4) : 5;
}

/**
 * Firing before resolved; firing ones by severity (critical first), then newest first; resolved
 * ones newest first. Ties go by fingerprint, so the order never jumps between polls.
 */
export function sortAlerts<T extends SortableAlert>(alerts: readonly T[]): T[] {
  return [...alerts].sort((a, b) => {
    if (a.status !== b.status) return a.status === 'FIRING' ? -1 : 1;
    if (a.status === 'FIRING') {
      const bySeverity = severityRank(a.severity) - severityRank(b.severity);
      if (bySeverity !== 0) return bySeverity;
    }
    return Date.parse(b.startsAt) - Date.parse(a.startsAt) || a.fingerprint.localeCompare(b.fingerprint);
  });
}

/** Minutes as people say them: "45 min", "2 h 5 min", "3 d 4 h". */
export function formatMinutes(minutes: number): string {
  const m = Math.max(0, Math.round(minutes));
  if (m < 60) return `${m} min`;
  if (m < 24 * 60) {
    const h = Math.floor(m / 60);
    const rest = m % 60;
    return rest === 0 ? `${h} h` : `${h} h ${rest} min`;
  }
  const d = Math.floor(m / (24 * 60));
  const h = Math.floor((m % (24 * 60)) / 60);
  return h === 0 ? `${d} d` : `${d} d ${h} h`;
}

/** How long ago an instant was, in words: "just now", "12 min ago", "3 h 5 min ago"; "in 20 min" for the future. */
export function relativeTime(iso: string, now: Date): string {
  const minutes = (now.getTime() - Date.parse(iso)) / 60_000;
  if (Math.abs(minutes) < 1) return 'just now';
  if (minutes < 0) return 'in ' + formatMinutes(-minutes);
  return formatMinutes(minutes) + ' ago';
}

/** How long before the alert a release started, in words: "14 min before". */
export function timeBefore(releaseStartedAt: string, alertStartsAt: string): string {
  const minutes = (Date.parse(alertStartsAt) - Date.parse(releaseStartedAt)) / 60_000;
  if (minutes < 0) return formatMinutes(-minutes) + ' after';
  return minutes < 1 ? 'under a minute before' : formatMinutes(minutes) + ' before';
}

/** Whether a silence still holds at `now`. */
export function silenced(silencedUntil: string | null | undefined, now: Date): boolean {
  return !!silencedUntil && Date.parse(silencedUntil) > now.getTime();
}

export interface RestoreBucket {
  start: string;
  restored: number;
  medianMinutes?: number | null;
  p90Minutes?: number | null;
}

/**
 * The time-to-restore chart's series: bucket starts (seconds), median and p90 minutes (null where
 * nothing resolved, so the lines break instead of dropping to zero), and alerts restored.
 */
export function restoreSeries(buckets: readonly RestoreBucket[]): [number[], (number | null)[], (number | null)[], number[]] {
  return [
    buckets.map((b) => Date.parse(b.start) / 1000),
    buckets.map((b) => b.medianMinutes ?? null),
    buckets.map((b) => b.p90Minutes ?? null),
    buckets.map((b) => b.restored),
  ];
}

/** [from, to) of the last `months` UTC calendar months, the current one included. */
export function monthRange(now: Date, months: number): { from: string; to: string } {
  const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (months - 1), 1));
  const to = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  return { from: from.toISOString(), to: to.toISOString() };
}

/** A handle as people type it ("@jane.doe ") made into the handle the API knows; null when empty. */
export function normalizeHandle(text: string): string | null {
  const handle = text.trim().replace(/^@/, '');
  return handle === '' ? null : handle;
}
