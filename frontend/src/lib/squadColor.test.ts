import { describe, expect, it } from 'vitest';
import { UNASSIGNED_COLOR, squadColor } from './squadColor';

describe('squadColor', () => {
  it('gives a squad the same colour every time', () => {
    expect(squadColor('payments')).toBe(squadColor('payments'));
  });
  it('spreads squads over the palette', () => {
    const colours = new Set(['payments', 'identity', 'search', 'checkout', 'platform', 'data'].map(squadColor));
    expect(colours.size).toBeGreaterThan(3);
  });
  it('greys apps without a squad', () => {
    expect(squadColor(null)).toBe(UNASSIGNED_COLOR);
    expect(squadColor('')).toBe(UNASSIGNED_COLOR);
  });
});
