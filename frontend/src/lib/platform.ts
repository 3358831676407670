/**
 * The platform page's pure parts: how fresh an environment's figures are, in words, and the
 * sparklines' series from its history.
 */
import { relativeTime } from './alerts';

/** "as of 12 min ago"; "never pulled yet" before the first successful pull. */
export function observedLabel(observedAt: string | null | undefined, now: Date): string {
  if (!observedAt) return 'never pulled yet';
  return 'as of ' + relativeTime(observedAt, now);
}

export interface PlatformSampleLike {
  at: string;
  containers: number;
  cpuUsedCores: number;
  memoryUsedBytes: number;
}

export type SparkMetric = 'cpuUsedCores' | 'memoryUsedBytes' | 'containers';

/**
 * uPlot's columns for one sparkline: sample times (seconds, oldest first whatever order they came
 * in) and the metric's values.
 */
export function sparkSeries(samples: readonly PlatformSampleLike[], metric: SparkMetric): [number[], number[]] {
  const sorted = [...samples].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return [sorted.map((s) => Date.parse(s.at) / 1000), sorted.map((s) => s[metric])];
}

/** The smallest and largest value of a series, for the sparkline's caption; null when empty. */
export function seriesRange(values: readonly number[]): { min: number; max: number } | null {
  if (values.length === 0) return null;
  return { min: Math.min(...values), max: Math.max(...values) };
}
