import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatMinutes, restoreSeries, type RestoreBucket } from '../../lib/alerts';

interface Props {
  title: string;
  buckets: readonly RestoreBucket[];
  format: (start: Date) => string;
  height?: number;
}

/** Alerts restored per month as bars, the median and 90th percentile of their durations as lines (uPlot, canvas). */
export default function TimeToRestoreChart({ title, buckets, format, height = 220 }: Props) {
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = box.current;
    if (!element) return undefined;
    const [starts, medians, p90s, restored] = restoreSeries(buckets);
    const label = (i: number | null | undefined) => (i == null || starts[i] === undefined ? '' : format(new Date(starts[i]! * 1000)));
    const minutes = (_u: uPlot, v: number | null) => (v == null ? '–' : formatMinutes(v));
    const options: uPlot.Options = {
      width: Math.max(300, element.clientWidth),
      height,
      cursor: { drag: { x: false, y: false } },
      scales: {
        x: { time: false, range: () => [-0.5, starts.length - 0.5] },
        y: { range: (_u, _min, max) => [0, Math.max(10, Math.ceil(max * 1.1))] },
        count: { range: (_u, _min, max) => [0, Math.max(4, Math.ceil(max * 1.5))] },
      },
      axes: [
        { values: (_u, splits) => splits.map((s) => (Number.isInteger(s) ? label(s) : '')), space: 70 },
        { label: 'minutes to restore', size: 55 },
        { scale: 'count', side: 1, label: 'alerts restored', grid: { show: false }, size: 45 },
      ],
      series: [
        { label: 'month', value: (_u, v) => label(v) },
        { label: 'median', stroke: '#2f5fd0', width: 2, value: minutes, spanGaps: false },
        { label: 'p90', stroke: '#c62828', width: 2, dash: [6, 4], value: minutes, spanGaps: false },
        {
          label: 'restored',
          scale: 'count',
          fill: 'rgba(120, 130, 150, 0.25)',
          stroke: 'rgba(120, 130, 150, 0.6)',
          paths: uPlot.paths.bars!({ size: [0.6, 40] }),
          points: { show: false },
        },
      ],
    };
    const chart = new uPlot(options, [starts.map((_s, i) => i), medians, p90s, restored], element);
    const resize = new ResizeObserver(() => chart.setSize({ width: Math.max(300, element.clientWidth), height }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.destroy();
    };
  }, [buckets, format, height]);

  const total = buckets.reduce((a, b) => a + b.restored, 0);
  return (
    <figure className="ttr-chart">
      <figcaption>{title}</figcaption>
      <div ref={box} role="img" aria-label={`${title}: ${total} alerts restored`} />
    </figure>
  );
}
