import { describe, expect, it } from 'vitest';
import {
  alertsOfApp, alertsViewParams, formatMinutes, monthRange, normalizeHandle, readAlertsView, relativeTime, restoreSeries,
  silenced, sortAlerts, statusArgument, timeBefore, type SortableAlert,
} from './alerts';

describe('the alerts view in the URL', () => {
  it('shows firing alerts unless the URL says otherwise', () => {
    expect(readAlertsView(new URLSearchParams(''))).toEqual({ status: 'firing', squad: null, app: null, unmatched: false });
    expect(readAlertsView(new URLSearchParams('status=bogus')).status).toBe('firing');
  });

  it('round-trips every filter and leaves defaults out', () => {
    const view = { status: 'resolved' as const, squad: 'payments', app: 'payments-api', unmatched: true };
    const params = alertsViewParams(view);
    expect(params.toString()).toBe('status=resolved&squad=payments&app=payments-api&unmatched=true');
    expect(readAlertsView(params)).toEqual(view);
    expect(alertsViewParams({ status: 'firing', squad: null, app: null, unmatched: false }).toString()).toBe('');
  });

  it('links an app to its alerts', () => {
    expect(alertsOfApp('a b')).toBe('/alerts?status=all&app=a+b');
    expect(alertsOfApp('x', 'firing')).toBe('/alerts?app=x');
  });

  it('asks the API for a status, or none for all', () => {
    expect(statusArgument('firing')).toBe('FIRING');
    expect(statusArgument('resolved')).toBe('RESOLVED');
    expect(statusArgument('all')).toBeNull();
  });
});

describe('the order of alerts', () => {
  const alert = (fingerprint: string, status: 'FIRING' | 'RESOLVED', severity: string | null, startsAt: string): SortableAlert => ({
    fingerprint, status, severity, startsAt,
  });

  it('lists firing first, critical before warning, newest first, and ties by fingerprint', () => {
    const sorted = sortAlerts([
      alert('r1', 'RESOLVED', 'critical', '2026-01-01T12:00:00Z'),
      alert('w1', 'FIRING', 'warning', '2026-01-01T11:00:00Z'),
      alert('c-old', 'FIRING', 'critical', '2026-01-01T08:00:00Z'),
      alert('none', 'FIRING', null, '2026-01-01T11:30:00Z'),
      alert('c-new', 'FIRING', 'critical', '2026-01-01T10:00:00Z'),
      alert('r2', 'RESOLVED', 'warning', '2026-01-02T12:00:00Z'),
      alert('b', 'FIRING', 'warning', '2026-01-01T11:00:00Z'),
    ]);
    expect(sorted.map((a) => a.fingerprint)).toEqual(['c-new', 'c-old', 'b', 'w1', 'none', 'r2', 'r1']);
  });

  it('does not change what it is given', () => {
    const given = [alert('b', 'RESOLVED', null, '2026-01-01T00:00:00Z'), alert('a', 'FIRING', null, '2026-01-01T00:00:00Z')];
    sortAlerts(given);
    expect(given.map((a) => a.fingerprint)).toEqual(['b', 'a']);
  });
});

describe('times in words', () => {
  const now = new Date('2026-03-15T12:00:00Z');

  it('writes durations as people say them', () => {
    expect(formatMinutes(0)).toBe('0 min');
    expect(formatMinutes(45.4)).toBe('45 min');
    expect(formatMinutes(60)).toBe('1 h');
    expect(formatMinutes(125)).toBe('2 h 5 min');
    expect(formatMinutes(24 * 60)).toBe('1 d');
    expect(formatMinutes(3 * 24 * 60 + 4 * 60 + 59)).toBe('3 d 4 h');
  });

  it('says how long ago, or how long until', () => {
    expect(relativeTime('2026-03-15T11:59:40Z', now)).toBe('just now');
    expect(relativeTime('2026-03-15T11:48:00Z', now)).toBe('12 min ago');
    expect(relativeTime('2026-03-14T08:00:00Z', now)).toBe('1 d 4 h ago');
    expect(relativeTime('2026-03-15T12:20:00Z', now)).toBe('in 20 min');
  });

  it('says how long before the alert a release started', () => {
    expect(timeBefore('2026-03-15T11:46:00Z', '2026-03-15T12:00:00Z')).toBe('14 min before');
    expect(timeBefore('2026-03-15T11:59:30Z', '2026-03-15T12:00:00Z')).toBe('under a minute before');
    expect(timeBefore('2026-03-15T12:05:00Z', '2026-03-15T12:00:00Z')).toBe('5 min after');
  });

  it('knows whether a silence still holds', () => {
    expect(silenced('2026-03-15T13:00:00Z', now)).toBe(true);
    expect(silenced('2026-03-15T11:00:00Z', now)).toBe(false);
    expect(silenced(null, now)).toBe(false);
  });
});

describe('the time-to-restore chart', () => {
  it('turns buckets into series, breaking the lines where nothing resolved', () => {
    const [starts, medians, p90s, restored] = restoreSeries([
      { start: '2026-01-01T00:00:00Z', restored: 0, medianMinutes: null, p90Minutes: null },
      { start: '2026-02-01T00:00:00Z', restored: 3, medianMinutes: 40, p90Minutes: 95 },
    ]);
    expect(starts).toEqual([Date.parse('2026-01-01T00:00:00Z') / 1000, Date.parse('2026-02-01T00:00:00Z') / 1000]);
    expect(medians).toEqual([null, 40]);
    expect(p90s).toEqual([null, 95]);
    expect(restored).toEqual([0, 3]);
  });

  it('covers the last twelve calendar months, this one included', () => {
    expect(monthRange(new Date('2026-03-15T12:00:00Z'), 12)).toEqual({
      from: '2025-04-01T00:00:00.000Z',
      to: '2026-04-01T00:00:00.000Z',
    });
    expect(monthRange(new Date('2026-12-31T23:00:00Z'), 1)).toEqual({
      from: '2026-12-01T00:00:00.000Z',
      to: '2027-01-01T00:00:00.000Z',
    });
  });
});

describe('handles', () => {
  it('takes a handle as people type it', () => {
    expect(normalizeHandle('  @jane.doe ')).toBe('jane.doe');
    expect(normalizeHandle('   ')).toBeNull();
  });
});
