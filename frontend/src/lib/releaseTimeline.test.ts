import { describe, expect, it } from 'vitest';
import {
  dayWindow, mergeReleases, onTimeline, readReleasesView, releasesViewParams, statsRanges, statsSeries,
  timelineBars, timelineSpan, utcDay, type TimelineRelease,
} from './releaseTimeline';

const day = dayWindow('2026-11-27')!;
const now = new Date('2026-11-27T15:30:00Z');

function release(id: string, startedAt: string, status: TimelineRelease['status'] = 'SUCCEEDED', finishedAt: string | null = null): TimelineRelease {
  return { externalId: id, app: { name: id.split('#')[0]! }, status, startedAt, finishedAt };
}

describe('the day shown', () => {
  it('is a UTC day, from midnight to midnight', () => {
    expect(day.from.toISOString()).toBe('2026-11-27T00:00:00.000Z');
    expect(day.to.toISOString()).toBe('2026-11-28T00:00:00.000Z');
    expect(utcDay(new Date('2026-11-27T23:59:59+00:00'))).toBe('2026-11-27');
    expect(utcDay(new Date('2026-11-28T00:30:00+02:00'))).toBe('2026-11-27');
  });

  it('refuses what is not a date', () => {
    expect(dayWindow('2026-02-30')).toBeNull();
    expect(dayWindow('yesterday')).toBeNull();
  });

  it('holds releases started that day, and on today those still running from before midnight', () => {
    const early = release('a#1', '2026-11-26T23:50:00Z', 'IN_PROGRESS');
    expect(onTimeline(early, day, true)).toBe(true);
    expect(onTimeline(early, day, false)).toBe(false);
    expect(onTimeline(release('a#2', '2026-11-26T23:50:00Z', 'SUCCEEDED', '2026-11-27T00:10:00Z'), day, true)).toBe(false);
    expect(onTimeline(release('a#3', '2026-11-28T00:00:00Z', 'IN_PROGRESS'), day, true)).toBe(false);
  });
});

describe('live events', () => {
  const read = [release('a#1', '2026-11-27T10:00:00Z', 'IN_PROGRESS'), release('b#1', '2026-11-27T09:00:00Z', 'FAILED', '2026-11-27T09:05:00Z')];

  it('add a new release and update a known one, oldest first', () => {
    const merged = mergeReleases(read, [
      { release: release('c#1', '2026-11-27T15:00:00Z', 'IN_PROGRESS') },
      { release: release('a#1', '2026-11-27T10:00:00Z', 'SUCCEEDED', '2026-11-27T10:12:00Z') },
    ], day, true);
    expect(merged.map((r) => [r.externalId, r.status])).toEqual([['b#1', 'FAILED'], ['a#1', 'SUCCEEDED'], ['c#1', 'IN_PROGRESS']]);
  });

  it('never take a finished release back to running (a late or repeated start)', () => {
    const finished = mergeReleases(read, [{ release: release('a#1', '2026-11-27T10:00:00Z', 'SUCCEEDED', '2026-11-27T10:12:00Z') }], day, true);
    const replayed = mergeReleases(finished, [{ release: release('a#1', '2026-11-27T10:00:00Z', 'IN_PROGRESS') }], day, true);
    expect(replayed.find((r) => r.externalId === 'a#1')?.status).toBe('SUCCEEDED');
  });

  it('leave out releases of another day', () => {
    expect(mergeReleases([], [{ release: release('x#1', '2026-11-20T10:00:00Z', 'SUCCEEDED', '2026-11-20T10:01:00Z') }], day, true)).toEqual([]);
  });
});

describe('timeline bars', () => {
  it('run from start to finish, a running one to now', () => {
    const [done, running] = timelineBars([
      release('a#1', '2026-11-27T10:00:00Z', 'SUCCEEDED', '2026-11-27T10:20:00Z'),
      release('b#1', '2026-11-27T15:00:00Z', 'IN_PROGRESS'),
    ], day, now);
    expect(done!.end - done!.start).toBe(20 * 60_000);
    expect(running!.running).toBe(true);
    expect(running!.end).toBe(now.getTime());
  });

  it('share a lane only when they do not overlap, and start at midnight when they began before', () => {
    const bars = timelineBars([
      release('a#1', '2026-11-27T10:00:00Z', 'SUCCEEDED', '2026-11-27T10:30:00Z'),
      release('b#1', '2026-11-27T10:10:00Z', 'FAILED', '2026-11-27T10:20:00Z'),
      release('c#1', '2026-11-27T10:30:00Z', 'SUCCEEDED', '2026-11-27T10:40:00Z'),
      release('d#1', '2026-11-26T23:00:00Z', 'IN_PROGRESS'),
    ], day, now);
    const lane = Object.fromEntries(bars.map((b) => [b.release.externalId, b.lane]));
    expect(lane).toEqual({ 'd#1': 0, 'a#1': 1, 'b#1': 2, 'c#1': 1 });
    expect(bars.find((b) => b.release.externalId === 'd#1')!.start).toBe(day.from.getTime());
  });

  it('gives an instant release a visible width', () => {
    const [bar] = timelineBars([release('a#1', '2026-11-27T10:00:00Z', 'SUCCEEDED', '2026-11-27T10:00:00Z')], day, now);
    expect(bar!.end - bar!.start).toBe(60_000);
  });

  it('spans the whole of a past day, and today up to the hour after now', () => {
    expect(timelineSpan(day, new Date('2026-11-29T00:00:00Z'))).toEqual({ from: day.from.getTime(), to: day.to.getTime() });
    expect(new Date(timelineSpan(day, now).to).toISOString()).toBe('2026-11-27T16:00:00.000Z');
  });
});

describe('statistics', () => {
  it('ask for whole UTC buckets ending with the current one', () => {
    const ranges = statsRanges(now, 30);
    expect(ranges.daily).toEqual({ from: '2026-10-29T00:00:00.000Z', to: '2026-11-28T00:00:00.000Z' });
    expect(ranges.monthly).toEqual({ from: '2025-12-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' });
    expect(ranges.yearly).toEqual({ from: '2022-01-01T00:00:00.000Z', to: '2027-01-01T00:00:00.000Z' });
  });

  it('become chart columns: seconds, counts and failure rate in percent', () => {
    expect(statsSeries([
      { start: '2026-11-26T00:00:00Z', count: 10, failed: 1, rolledBack: 1, failureRate: 0.2 },
      { start: '2026-11-27T00:00:00Z', count: 0, failed: 0, rolledBack: 0, failureRate: 0 },
    ])).toEqual([[Date.UTC(2026, 10, 26) / 1000, Date.UTC(2026, 10, 27) / 1000], [10, 0], [20, 0]]);
  });
});

describe('URL state', () => {
  it('round-trips, with defaults left out', () => {
    const view = { day: '2026-11-20', squad: 'payments', app: 'payments-api', range: 90 as const };
    expect(readReleasesView(releasesViewParams(view))).toEqual(view);
    expect(releasesViewParams({ day: null, squad: null, app: null, range: 30 }).toString()).toBe('');
    expect(readReleasesView(new URLSearchParams('day=nonsense&range=7'))).toEqual({ day: null, squad: null, app: null, range: 30 });
  });
});
