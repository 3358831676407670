import { describe, expect, it } from 'vitest';
import { observedLabel, seriesRange, sparkSeries } from './platform';

const now = new Date('2026-11-28T16:40:00Z');

describe('how fresh the figures are', () => {
  it('is said in words', () => {
    expect(observedLabel('2026-11-28T16:28:00Z', now)).toBe('as of 12 min ago');
    expect(observedLabel('2026-11-28T16:39:45Z', now)).toBe('as of just now');
    expect(observedLabel('2026-11-28T13:40:00Z', now)).toBe('as of 3 h ago');
  });

  it('says so before the first pull', () => {
    expect(observedLabel(null, now)).toBe('never pulled yet');
  });
});

describe('sparklines', () => {
  const samples = [
    { at: '2026-11-28T16:00:00Z', containers: 12, cpuUsedCores: 3.5, memoryUsedBytes: 2e9 },
    { at: '2026-11-28T15:00:00Z', containers: 10, cpuUsedCores: 3.0, memoryUsedBytes: 1e9 },
  ];

  it('run oldest first, whatever order the samples came in', () => {
    expect(sparkSeries(samples, 'containers')).toEqual([[Date.parse('2026-11-28T15:00:00Z') / 1000, Date.parse('2026-11-28T16:00:00Z') / 1000], [10, 12]]);
    expect(sparkSeries(samples, 'cpuUsedCores')[1]).toEqual([3.0, 3.5]);
    expect(sparkSeries(samples, 'memoryUsedBytes')[1]).toEqual([1e9, 2e9]);
  });

  it('have a range for their caption, none when empty', () => {
    expect(seriesRange([3, 1, 2])).toEqual({ min: 1, max: 3 });
    expect(seriesRange([])).toBeNull();
  });
});
