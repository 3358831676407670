/**
 * The cost page's pure parts: the period kept in the URL and the range it asks for, the stacked
 * chart's series, the apps summed over the buckets, the estate's unattributed cost grouped by
 * reason, and the alerts split by where they stand.
 */
import { formatChange, formatMoney } from './costFormat';

export type CostDays = 30 | 90;
export type CostInterval = 'DAY' | 'WEEK';

/** What the cost page shows, as kept in its URL (`?days=90&interval=WEEK`). */
export interface CostView {
  days: CostDays;
  interval: CostInterval;
}

export const COST_DAYS: readonly CostDays[] = [30, 90];
export const COST_INTERVALS: readonly CostInterval[] = ['DAY', 'WEEK'];

export function readCostView(params: URLSearchParams): CostView {
  const days = Number(params.get('days'));
  const interval = params.get('interval');
  return {
    days: (COST_DAYS as readonly number[]).includes(days) ? (days as CostDays) : 30,
    interval: interval === 'WEEK' ? 'WEEK' : 'DAY',
  };
}

/** The URL's parameters for a view; the defaults (30 days, per day) are left out. */
export function costViewParams(view: CostView): URLSearchParams {
  const params = new URLSearchParams();
  if (view.days !== 30) params.set('days', String(view.days));
  if (view.interval !== 'DAY') params.set('interval', view.interval);
  return params;
}

const DAY_MS = 86_400_000;

/**
 * The last `days` whole UTC days, [midnight `days` days ago, today's midnight): today is left
 * out, so a day still being counted never looks like a drop.
 */
export function costRange(now: Date, days: number): { from: string; to: string } {
  const to = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return { from: new Date(to - days * DAY_MS).toISOString(), to: new Date(to).toISOString() };
}

export interface CostFigures {
  compute: number;
  logging: number;
  total: number;
}

/** A bucket as the chart draws it. */
export interface CostPoint extends CostFigures {
  start: string;
}

export interface CostBucketLike extends CostPoint {
  apps: readonly AppCostLike[];
}

export interface AppCostLike extends CostFigures {
  app: { name: string };
}

/**
 * uPlot's columns for compute and logging stacked: bucket starts (seconds), compute, and compute
 * plus logging (the top of the stack, drawn first so compute covers its lower part).
 */
export function stackedCostSeries(buckets: readonly CostPoint[]): [number[], number[], number[]] {
  return [
    buckets.map((b) => Date.parse(b.start) / 1000),
    buckets.map((b) => b.compute),
    buckets.map((b) => b.compute + b.logging),
  ];
}

export interface AppTotal extends CostFigures {
  app: string;
}

/** Each app's cost summed over the buckets, most expensive first (ties by name). */
export function appTotals(buckets: readonly { apps: readonly AppCostLike[] }[]): AppTotal[] {
  const byApp = new Map<string, AppTotal>();
  for (const bucket of buckets) {
    for (const cost of bucket.apps) {
      const sum = byApp.get(cost.app.name) ?? { app: cost.app.name, compute: 0, logging: 0, total: 0 };
      sum.compute += cost.compute;
      sum.logging += cost.logging;
      sum.total += cost.total;
      byApp.set(cost.app.name, sum);
    }
  }
  return [...byApp.values()].sort((a, b) => b.total - a.total || a.app.localeCompare(b.app));
}

/** The buckets' compute, logging and total added up. */
export function sumBuckets(buckets: readonly CostFigures[]): CostFigures {
  return buckets.reduce((s, b) => ({ compute: s.compute + b.compute, logging: s.logging + b.logging, total: s.total + b.total }), {
    compute: 0,
    logging: 0,
    total: 0,
  });
}

export interface UnattributedLike {
  environment: string;
  compute: number;
  logging: number;
  reason: string;
}

export interface UnattributedTotal extends CostFigures {
  environment: string;
  reason: string;
}

/** The estate's unattributed cost over the buckets, one row per environment and reason, largest first. */
export function unattributedTotals(buckets: readonly { unattributed: readonly UnattributedLike[] }[]): UnattributedTotal[] {
  const byKey = new Map<string, UnattributedTotal>();
  for (const bucket of buckets) {
    for (const u of bucket.unattributed) {
      const key = u.environment + '\u0000' + u.reason;
      const sum = byKey.get(key) ?? { environment: u.environment, reason: u.reason, compute: 0, logging: 0, total: 0 };
      sum.compute += u.compute;
      sum.logging += u.logging;
      sum.total += u.compute + u.logging;
      byKey.set(key, sum);
    }
  }
  return [...byKey.values()].sort((a, b) => b.total - a.total || a.environment.localeCompare(b.environment) || a.reason.localeCompare(b.reason));
}

export type CostAlertStatus = 'OPEN' | 'SNOOZED' | 'DISMISSED' | 'RESOLVED';

/** Alerts split by where they stand, each list in the order given (the API's, newest first). */
export function splitAlerts<T extends { status: CostAlertStatus }>(alerts: readonly T[]): Record<CostAlertStatus, T[]> {
  return {
    OPEN: alerts.filter((a) => a.status === 'OPEN'),
    SNOOZED: alerts.filter((a) => a.status === 'SNOOZED'),
    DISMISSED: alerts.filter((a) => a.status === 'DISMISSED'),
    RESOLVED: alerts.filter((a) => a.status === 'RESOLVED'),
  };
}

/** Until when a snooze of `days` days from now lasts, as the API takes it. */
export function snoozeUntil(now: Date, days: number): string {
  return new Date(now.getTime() + days * DAY_MS).toISOString();
}

export type CostAlertKind = 'COST_UP' | 'OVER_PROVISIONED' | 'LOGGING_SPIKE' | 'UNATTRIBUTED_GROWTH';

export const ALERT_KIND_LABELS: Record<CostAlertKind, string> = {
  COST_UP: 'Cost up',
  OVER_PROVISIONED: 'Over-provisioned',
  LOGGING_SPIKE: 'Logging spike',
  UNATTRIBUTED_GROWTH: 'Unattributed growth',
};

/** The figure that crossed an alert's threshold: a saving in money, a growth as a fraction. */
export function alertFigure(kind: CostAlertKind, value: number): string {
  return kind === 'OVER_PROVISIONED' ? formatMoney(value) + ' a month' : formatChange(value);
}
