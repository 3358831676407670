import { describe, expect, it } from 'vitest';
import { DEFAULT_DEPTH, groupBySquad, parseDepth } from './blastRadius';

const impacted = (name: string, distance: number, squad: string | null) => ({
  distance,
  app: {
    name,
    squad: squad ? { name: squad } : null,
  },
});

describe('blast radius grouped by squad', () => {
  it('puts the largest squad first, its apps nearest first, and apps without a squad last', () => {
    const groups = groupBySquad([
      impacted('web', 2, 'frontend'),
      impacted('orphan', 1, null),
      impacted('checkout', 1, 'payments'),
      impacted('refunds', 2, 'payments'),
      impacted('ledger', 1, 'payments'),
      impacted('mobile', 1, 'frontend'),
      impacted('search', 1, 'search'),
    ]);
    expect(groups.map((g) => g.squad)).toEqual(['payments', 'frontend', 'search', null]);
    expect(groups[0]?.impacted.map((i) => i.app.name)).toEqual(['checkout', 'ledger', 'refunds']);
    expect(groups[1]?.impacted.map((i) => i.app.name)).toEqual(['mobile', 'web']);
    expect(groups[1]?.nearest).toBe(1);
  });

  it('orders squads of equal size by their nearest app, then by name', () => {
    const groups = groupBySquad([impacted('a', 3, 'zeta'), impacted('b', 2, 'beta'), impacted('c', 2, 'alpha')]);
    expect(groups.map((g) => g.squad)).toEqual(['alpha', 'beta', 'zeta']);
  });

  it('is empty for an app nothing depends on', () => {
    expect(groupBySquad([])).toEqual([]);
  });
});

describe('blast radius depth from the URL', () => {
  it('clamps to 1..20 and defaults to the API default', () => {
    expect(parseDepth('4')).toBe(4);
    expect(parseDepth('0')).toBe(1);
    expect(parseDepth('99')).toBe(20);
    expect(parseDepth('deep')).toBe(DEFAULT_DEPTH);
    expect(parseDepth(null)).toBe(DEFAULT_DEPTH);
  });
});
