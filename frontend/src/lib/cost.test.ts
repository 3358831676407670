import { describe, expect, it } from 'vitest';
import {
  alertFigure, appTotals, costRange, costViewParams, readCostView, snoozeUntil, splitAlerts, stackedCostSeries, sumBuckets,
  unattributedTotals, type CostBucketLike,
} from './cost';

const app = (name: string, compute: number, logging: number) => ({ app: { name }, compute, logging, total: compute + logging });

const buckets: CostBucketLike[] = [
  { start: '2026-11-01T00:00:00Z', compute: 10, logging: 2, total: 12, apps: [app('api', 7, 1), app('web', 3, 1)] },
  { start: '2026-11-02T00:00:00Z', compute: 8, logging: 5, total: 13, apps: [app('web', 6, 4), app('api', 2, 1)] },
  { start: '2026-11-03T00:00:00Z', compute: 0, logging: 0, total: 0, apps: [] },
];

describe('the period in the URL', () => {
  it('defaults to 30 days per day', () => {
    expect(readCostView(new URLSearchParams())).toEqual({ days: 30, interval: 'DAY' });
    expect(readCostView(new URLSearchParams('days=7&interval=YEAR'))).toEqual({ days: 30, interval: 'DAY' });
  });

  it('reads 90 days per week and writes it back, leaving the defaults out', () => {
    const view = readCostView(new URLSearchParams('days=90&interval=WEEK'));
    expect(view).toEqual({ days: 90, interval: 'WEEK' });
    expect(costViewParams(view).toString()).toBe('days=90&interval=WEEK');
    expect(costViewParams({ days: 30, interval: 'DAY' }).toString()).toBe('');
  });

  it('asks for whole UTC days up to today\'s midnight', () => {
    expect(costRange(new Date('2026-11-28T16:40:00Z'), 30)).toEqual({ from: '2026-10-29T00:00:00.000Z', to: '2026-11-28T00:00:00.000Z' });
  });
});

describe('the stacked chart', () => {
  it('has compute at the bottom and compute plus logging on top', () => {
    expect(stackedCostSeries(buckets)).toEqual([
      [Date.parse('2026-11-01T00:00:00Z') / 1000, Date.parse('2026-11-02T00:00:00Z') / 1000, Date.parse('2026-11-03T00:00:00Z') / 1000],
      [10, 8, 0],
      [12, 13, 0],
    ]);
  });
});

describe('apps over the period', () => {
  it('sum each app over the buckets, most expensive first', () => {
    expect(appTotals(buckets)).toEqual([
      { app: 'web', compute: 9, logging: 5, total: 14 },
      { app: 'api', compute: 9, logging: 2, total: 11 },
    ]);
  });

  it('are none without buckets', () => {
    expect(appTotals([])).toEqual([]);
  });

  it('break ties by name', () => {
    expect(appTotals([{ ...buckets[2]!, apps: [app('b', 1, 0), app('a', 1, 0)] }]).map((a) => a.app)).toEqual(['a', 'b']);
  });

  it('add up with the buckets', () => {
    expect(sumBuckets(buckets)).toEqual({ compute: 18, logging: 7, total: 25 });
  });
});

describe('unattributed cost', () => {
  it('is grouped by environment and reason over the buckets, largest first', () => {
    const rows = unattributedTotals([
      { unattributed: [{ environment: 'prod', reason: 'no app label', compute: 3, logging: 1 }, { environment: 'dev', reason: 'no app label', compute: 1, logging: 0 }] },
      { unattributed: [{ environment: 'prod', reason: 'no app label', compute: 2, logging: 0 }] },
      { unattributed: [] },
    ]);
    expect(rows).toEqual([
      { environment: 'prod', reason: 'no app label', compute: 5, logging: 1, total: 6 },
      { environment: 'dev', reason: 'no app label', compute: 1, logging: 0, total: 1 },
    ]);
  });
});

describe('cost alerts', () => {
  it('split into open, snoozed, dismissed and resolved, keeping their order', () => {
    const split = splitAlerts([
      { id: '1', status: 'OPEN' as const },
      { id: '2', status: 'SNOOZED' as const },
      { id: '3', status: 'OPEN' as const },
      { id: '4', status: 'DISMISSED' as const },
      { id: '5', status: 'RESOLVED' as const },
    ]);
    expect(split.OPEN.map((a) => a.id)).toEqual(['1', '3']);
    expect(split.SNOOZED.map((a) => a.id)).toEqual(['2']);
    expect(split.DISMISSED.map((a) => a.id)).toEqual(['4']);
    expect(split.RESOLVED.map((a) => a.id)).toEqual(['5']);
  });

  it('snooze for a week from now', () => {
    expect(snoozeUntil(new Date('2026-11-28T16:40:00Z'), 7)).toBe('2026-12-05T16:40:00.000Z');
  });
});

describe('an alert\'s figure', () => {
  it('is money for a saving and a change for a growth', () => {
    expect(alertFigure('OVER_PROVISIONED', 120)).toBe('120 a month');
    expect(alertFigure('COST_UP', 0.3)).toBe('+30 %');
    expect(alertFigure('LOGGING_SPIKE', 2)).toBe('+200 %');
  });
});
