import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { seriesRange } from '../../lib/platform';

interface Props {
  /** What the line shows, for its caption and screen readers ("CPU used"). */
  label: string;
  /** Sample times in seconds, oldest first. */
  times: readonly number[];
  values: readonly number[];
  /** How a value is written in the caption ("3.5 cores"). */
  format: (value: number) => string;
  color?: string;
  height?: number;
}

/** A small line of the last hours with no axes (uPlot, canvas); the caption gives its range. */
export default function Sparkline({ label, times, values, format, color = '#2f5fd0', height = 36 }: Props) {
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = box.current;
    if (!element || times.length < 2) return undefined;
    const options: uPlot.Options = {
      width: Math.max(120, element.clientWidth),
      height,
      legend: { show: false },
      cursor: { show: false },
      select: { show: false, left: 0, top: 0, width: 0, height: 0 },
      axes: [{ show: false }, { show: false }],
      scales: {
        x: { time: true },
        // From zero, so a small wobble does not look like a swing.
        y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] },
      },
      series: [{}, { stroke: color, width: 1.5, fill: color + '22', points: { show: false } }],
    };
    const chart = new uPlot(options, [[...times], [...values]], element);
    const resize = new ResizeObserver(() => chart.setSize({ width: Math.max(120, element.clientWidth), height }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.destroy();
    };
  }, [times, values, color, height]);

  const range = seriesRange(values);
  const summary = range ? `${format(range.min)} to ${format(range.max)}` : 'no samples';
  return (
    <figure className="sparkline">
      <figcaption>
        {label}, 24 h <span className="muted">({summary})</span>
      </figcaption>
      {times.length < 2 ? (
        <p className="muted sparkline-empty">Not enough samples yet.</p>
      ) : (
        <div ref={box} role="img" aria-label={`${label} over the last 24 hours: ${summary}`} />
      )}
    </figure>
  );
}
