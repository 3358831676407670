import { describe, expect, it } from 'vitest';
import { formatDuration, inProgress, mergeLiveReleases } from './liveReleases';

const release = (externalId: string, status: string, startedAt: string) => ({ externalId, status, startedAt });

describe('release history merged with the live feed', () => {
  const history = [release('r2', 'IN_PROGRESS', '2026-11-27T10:00:00Z'), release('r1', 'SUCCEEDED', '2026-11-27T09:00:00Z')];

  it('updates a release the feed reports finished', () => {
    const merged = mergeLiveReleases(history, [release('r2', 'FAILED', '2026-11-27T10:00:00Z')]);
    expect(merged.map((r) => [r.externalId, r.status])).toEqual([
      ['r2', 'FAILED'],
      ['r1', 'SUCCEEDED'],
    ]);
    expect(inProgress(merged)).toEqual([]);
  });

  it('puts a release that started since the page loaded first, and only once', () => {
    const merged = mergeLiveReleases(history, [
      release('r3', 'IN_PROGRESS', '2026-11-27T11:00:00Z'),
      release('r3', 'SUCCEEDED', '2026-11-27T11:00:00Z'),
    ]);
    expect(merged.map((r) => r.externalId)).toEqual(['r3', 'r2', 'r1']);
    expect(merged[0]?.status).toBe('SUCCEEDED');
    expect(inProgress(merged).map((r) => r.externalId)).toEqual(['r2']);
  });

  it('leaves the history alone when the feed said nothing', () => {
    expect(mergeLiveReleases(history, [])).toEqual(history);
  });
});

describe('durations', () => {
  it('reads as people say them', () => {
    expect(formatDuration(52)).toBe('52 s');
    expect(formatDuration(245)).toBe('4 min 5 s');
    expect(formatDuration(3780)).toBe('1 h 3 min');
    expect(formatDuration(null)).toBe('');
  });
});
