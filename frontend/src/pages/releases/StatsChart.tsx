import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { statsSeries, type StatsBucket } from '../../lib/releaseTimeline';

interface Props {
  title: string;
  buckets: readonly StatsBucket[];
  /** How a bucket's start is written on the axis and in the legend. */
  format: (start: Date) => string;
  height?: number;
}

/** Releases per bucket as bars, the change failure rate as a line on its own axis (uPlot, canvas). */
export default function StatsChart({ title, buckets, format, height = 220 }: Props) {
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = box.current;
    if (!element) return undefined;
    // Bars sit at bucket positions 0..n-1 (months and years are not equally long in seconds);
    // the axis and the legend write each position as its bucket's start.
    const [starts, counts, rates] = statsSeries(buckets);
    const label = (i: number | null | undefined) => (i == null || starts[i] === undefined ? '' : format(new Date(starts[i]! * 1000)));
    const options: uPlot.Options = {
      width: Math.max(300, element.clientWidth),
      height,
      cursor: { drag: { x: false, y: false } },
      scales: {
        x: { time: false, range: () => [-0.5, starts.length - 0.5] },
        // Counts from zero, so bars compare honestly.
        y: { range: (_u, _min, max) => [0, Math.max(1, Math.ceil(max * 1.08))] },
        rate: { range: (_u, _min, max) => [0, Math.max(5, Math.ceil(max))] },
      },
      axes: [
        { values: (_u, splits) => splits.map((s) => (Number.isInteger(s) ? label(s) : '')), space: 70 },
        { label: 'releases', size: 50 },
        { scale: 'rate', side: 1, label: 'failure rate %', grid: { show: false }, size: 50 },
      ],
      series: [
        { label: 'bucket', value: (_u, v) => label(v) },
        {
          label: 'releases',
          fill: 'rgba(47, 95, 208, 0.55)',
          stroke: '#2f5fd0',
          paths: uPlot.paths.bars!({ size: [0.7, 48] }),
          points: { show: false },
        },
        {
          label: 'failure rate %',
          scale: 'rate',
          stroke: '#c62828',
          width: 2,
          value: (_u, v) => (v == null ? '' : `${v} %`),
          points: { show: buckets.length <= 31 },
        },
      ],
    };
    const chart = new uPlot(options, [starts.map((_s, i) => i), counts, rates], element);
    const resize = new ResizeObserver(() => chart.setSize({ width: Math.max(300, element.clientWidth), height }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.destroy();
    };
  }, [buckets, format, height]);

  return (
    <figure className="stats-chart">
      <figcaption>{title}</figcaption>
      <div ref={box} role="img" aria-label={`${title}: ${buckets.reduce((a, b) => a + b.count, 0).toLocaleString('en')} releases`} />
    </figure>
  );
}
