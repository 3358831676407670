import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { stackedCostSeries, type CostPoint } from '../../lib/cost';
import { formatMoney } from '../../lib/costFormat';

interface Props {
  title: string;
  buckets: readonly CostPoint[];
  /** How a bucket's start is written on the axis and in the legend. */
  format: (start: Date) => string;
  height?: number;
}

const COMPUTE = '#2f5fd0';
const LOGGING = '#e0a030';

/** Cost per bucket as stacked bars, compute below and logging on top (uPlot, canvas). */
export default function CostChart({ title, buckets, format, height = 240 }: Props) {
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = box.current;
    // uPlot cannot lay out an axis of no points.
    if (!element || buckets.length === 0) return undefined;
    // Bars sit at positions 0..n-1; the top of the stack (compute + logging) is drawn first and
    // compute over its lower part, so what shows above compute is logging.
    const [starts, compute, stacked] = stackedCostSeries(buckets);
    const label = (i: number | null | undefined) => (i == null || starts[i] === undefined ? '' : format(new Date(starts[i]! * 1000)));
    const bars = uPlot.paths.bars!({ size: [0.7, 40] });
    const options: uPlot.Options = {
      width: Math.max(300, element.clientWidth),
      height,
      cursor: { drag: { x: false, y: false } },
      scales: {
        x: { time: false, range: () => [-0.5, starts.length - 0.5] },
        y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.08 : 1] },
      },
      axes: [
        { values: (_u, splits) => splits.map((s) => (Number.isInteger(s) ? label(s) : '')), space: 60 },
        { size: 60, values: (_u, splits) => splits.map((s) => formatMoney(s)) },
      ],
      series: [
        { label: 'bucket', value: (_u, v) => label(v) },
        {
          label: 'logging',
          fill: LOGGING,
          stroke: LOGGING,
          paths: bars,
          points: { show: false },
          value: (_u, _v, _s, i) => (i == null ? '' : formatMoney(buckets[i]!.logging)),
        },
        {
          label: 'compute',
          fill: COMPUTE,
          stroke: COMPUTE,
          paths: bars,
          points: { show: false },
          value: (_u, v) => (v == null ? '' : formatMoney(v)),
        },
      ],
    };
    const chart = new uPlot(options, [starts.map((_s, i) => i), stacked, compute], element);
    const resize = new ResizeObserver(() => chart.setSize({ width: Math.max(300, element.clientWidth), height }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.destroy();
    };
  }, [buckets, format, height]);

  const total = buckets.reduce((sum, b) => sum + b.total, 0);
  return (
    <figure className="cost-chart">
      <figcaption>{title}</figcaption>
      <div ref={box} role="img" aria-label={`${title}: ${formatMoney(total)} in ${buckets.length} buckets`} />
    </figure>
  );
}
