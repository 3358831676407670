import { formatChange, formatMoney } from '../lib/costFormat';

const TRENDS = {
  UP: { arrow: '↑', words: 'rising', className: 'trend-up' },
  FLAT: { arrow: '→', words: 'flat', className: 'trend-flat' },
  DOWN: { arrow: '↓', words: 'falling', className: 'trend-down' },
} as const;

/** Which way a cost goes over its period, in an arrow and in words (rising cost is the bad news). */
export function CostTrend({ trend }: { trend: keyof typeof TRENDS }) {
  const t = TRENDS[trend];
  return (
    <span className={'cost-trend ' + t.className}>
      <span aria-hidden="true">{t.arrow}</span> {t.words}
    </span>
  );
}

/** A period's change against the one before: "+12 % vs 1,234 the 30 days before", or why there is none. */
export function CostChange({ change, previousTotal, days }: { change: number | null | undefined; previousTotal: number; days: number }) {
  if (change == null) return <span className="muted">nothing to compare with in the {days} days before</span>;
  return (
    <span className={'cost-change ' + (change > 0 ? 'trend-up' : change < 0 ? 'trend-down' : 'trend-flat')}>
      {formatChange(change)} <span className="muted">vs {formatMoney(previousTotal)} the {days} days before</span>
    </span>
  );
}
