import { describe, expect, it } from 'vitest';
import { formatChange, formatCores, formatGiB, formatMemory, formatMoney, percentOf, toGiB } from './costFormat';

describe('money', () => {
  it('keeps cents under ten and drops them above', () => {
    expect(formatMoney(4.4)).toBe('4.40');
    expect(formatMoney(0)).toBe('0.00');
    expect(formatMoney(12.4)).toBe('12');
    expect(formatMoney(1234.56)).toBe('1,235');
    expect(formatMoney(-4.5)).toBe('-4.50');
  });
});

describe('cores', () => {
  it('have fewer decimals the larger they are', () => {
    expect(formatCores(0.25)).toBe('0.25');
    expect(formatCores(3.5)).toBe('3.5');
    expect(formatCores(12.345)).toBe('12.3');
    expect(formatCores(1536.4)).toBe('1,536');
  });
});

describe('memory', () => {
  it('is GiB on the platform tiles', () => {
    expect(toGiB(2 * 1024 ** 3)).toBe(2);
    expect(formatGiB(12.5 * 1024 ** 3)).toBe('12.5 GiB');
    expect(formatGiB(512 * 1024 ** 3)).toBe('512 GiB');
    expect(formatGiB(1.25 * 1024 ** 3, false)).toBe('1.3');
  });

  it('is MiB under a GiB and GiB above for a container', () => {
    expect(formatMemory(384 * 1024 ** 2)).toBe('384 MiB');
    expect(formatMemory(1.5 * 1024 ** 3)).toBe('1.5 GiB');
    expect(formatMemory(1024 ** 3)).toBe('1 GiB');
  });
});

describe('changes', () => {
  it('are signed percentages', () => {
    expect(formatChange(0.25)).toBe('+25 %');
    expect(formatChange(-0.031)).toBe('−3.1 %');
    expect(formatChange(0)).toBe('0 %');
    expect(formatChange(0.00001)).toBe('0 %');
  });

  it('are a dash when there is nothing to compare with', () => {
    expect(formatChange(null)).toBe('–');
    expect(formatChange(undefined)).toBe('–');
    expect(formatChange(Infinity)).toBe('–');
  });
});

describe('bar shares', () => {
  it('are percentages clamped to the bar', () => {
    expect(percentOf(1, 4)).toBe(25);
    expect(percentOf(5, 4)).toBe(100);
    expect(percentOf(1, 0)).toBe(0);
  });
});
