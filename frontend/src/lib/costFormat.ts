/**
 * How the platform and cost pages write their figures: money, cores, bytes and changes. The API
 * gives money as plain numbers at the configured prices, with no currency, so none is shown.
 */

const MIB = 1024 ** 2;
const GIB = 1024 ** 3;

const money0 = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });
const money2 = new Intl.NumberFormat('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Money with cents under 10 and whole above: "4.40", "12", "1,234"; a minus sign when negative. */
export function formatMoney(amount: number): string {
  return Math.abs(amount) < 10 ? money2.format(amount) : money0.format(amount);
}

/** Cores to two significant decimals under ten ("0.25", "3.5"), one above ("12.3"), whole from a thousand. */
export function formatCores(cores: number): string {
  const size = Math.abs(cores);
  const digits = size >= 1000 ? 0 : size >= 10 ? 1 : 2;
  return new Intl.NumberFormat('en', { maximumFractionDigits: digits }).format(cores);
}

/** Bytes in GiB, as the platform tiles show memory: "12.5". */
export function toGiB(bytes: number): number {
  return bytes / GIB;
}

/** GiB for the platform tiles: "12.5 GiB", one decimal under a hundred; without the unit when asked. */
export function formatGiB(bytes: number, unit = true): string {
  const gib = toGiB(bytes);
  const figure = new Intl.NumberFormat('en', { maximumFractionDigits: Math.abs(gib) >= 100 ? 0 : 1 }).format(gib);
  return unit ? figure + ' GiB' : figure;
}

/** A container's memory: MiB under a GiB ("384 MiB"), GiB above ("1.5 GiB"). */
export function formatMemory(bytes: number): string {
  if (Math.abs(bytes) < GIB) return Math.round(bytes / MIB).toLocaleString('en') + ' MiB';
  return new Intl.NumberFormat('en', { maximumFractionDigits: 2 }).format(bytes / GIB) + ' GiB';
}

/** A fraction as a signed percentage: 0.25 is "+25 %", -0.031 is "−3.1 %"; null is "–". */
export function formatChange(fraction: number | null | undefined): string {
  if (fraction == null || !Number.isFinite(fraction)) return '–';
  const percent = fraction * 100;
  const digits = Math.abs(percent) >= 10 ? 0 : 1;
  const text = new Intl.NumberFormat('en', { maximumFractionDigits: digits }).format(Math.abs(percent));
  if (Number(text) === 0) return '0 %';
  return (percent > 0 ? '+' : '−') + text + ' %';
}

/** A share of a whole, for bars: 0 to 100, 0 when the whole is nothing. */
export function percentOf(part: number, whole: number): number {
  if (!(whole > 0)) return 0;
  return Math.min(100, Math.max(0, (part / whole) * 100));
}
