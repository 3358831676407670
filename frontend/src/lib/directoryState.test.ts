import { describe, expect, it } from 'vitest';
import {
  DEFAULT_STATE,
  directorySearchParams,
  directoryVariables,
  isRanked,
  nextPage,
  pageRange,
  parseDirectoryState,
  previousPage,
  toggleSort,
  withChange,
} from './directoryState';

describe('directory state in the URL', () => {
  it('reads every part of a shared link', () => {
    const state = parseDirectoryState(
      new URLSearchParams('q=pay&squad=payments&owner=jane.doe&tier=TIER_1&sort=squad-desc&size=50&after=c1&after=c2'),
    );
    expect(state).toEqual({
      search: 'pay',
      squad: 'payments',
      owner: 'jane.doe',
      tier: 'TIER_1',
      sort: 'SQUAD',
      direction: 'DESC',
      size: 50,
      trail: ['c1', 'c2'],
    });
  });

  it('falls back to the defaults for anything it does not know', () => {
    const state = parseDirectoryState(new URLSearchParams('tier=TIER_9&sort=colour-up&size=7&after='));
    expect(state).toEqual(DEFAULT_STATE);
  });

  it('writes a plain URL for the default view and round-trips any other', () => {
    expect(directorySearchParams(DEFAULT_STATE).toString()).toBe('');
    const state = { ...DEFAULT_STATE, search: 'a b', tier: 'TIER_2' as const, sort: 'OWNER' as const, trail: ['x', 'y'] };
    expect(parseDirectoryState(directorySearchParams(state))).toEqual(state);
    expect(directorySearchParams(state).toString()).toBe('q=a+b&tier=TIER_2&sort=owner-asc&after=x&after=y');
  });
});

describe('directory paging and sorting', () => {
  it('walks forward and back through the cursor trail', () => {
    const second = nextPage(DEFAULT_STATE, 'c1');
    const third = nextPage(second, 'c2');
    expect(third.trail).toEqual(['c1', 'c2']);
    expect(directoryVariables(third).after).toBe('c2');
    expect(previousPage(third)).toEqual(second);
    expect(directoryVariables(previousPage(second)).after).toBeNull();
  });

  it('starts again at the first page when search, filters or sort change', () => {
    const paged = nextPage(nextPage(DEFAULT_STATE, 'c1'), 'c2');
    expect(withChange(paged, { squad: 'payments' }).trail).toEqual([]);
    expect(toggleSort(paged, 'TIER').trail).toEqual([]);
  });

  it('sorts by a new column ascending and flips the direction on the same column', () => {
    const byTier = toggleSort(DEFAULT_STATE, 'TIER');
    expect([byTier.sort, byTier.direction]).toEqual(['TIER', 'ASC']);
    expect(toggleSort(byTier, 'TIER').direction).toBe('DESC');
    expect(toggleSort(toggleSort(byTier, 'TIER'), 'TIER').direction).toBe('ASC');
    expect(toggleSort({ ...byTier, direction: 'DESC' }, 'OWNER').direction).toBe('ASC');
  });

  it('sends only the criteria given, trimmed, with the order', () => {
    expect(directoryVariables(DEFAULT_STATE)).toEqual({
      first: 20,
      after: null,
      filter: null,
      orderBy: { field: 'NAME', direction: 'ASC' },
    });
    const state = { ...DEFAULT_STATE, search: '  pay ', owner: ' ', squad: 'core', sort: 'SQUAD' as const, direction: 'DESC' as const };
    expect(directoryVariables(state)).toEqual({
      first: 20,
      after: null,
      filter: { search: 'pay', squad: 'core' },
      orderBy: { field: 'SQUAD', direction: 'DESC' },
    });
  });

  it('knows that search text with a word is ranked and punctuation alone is not', () => {
    expect(isRanked({ ...DEFAULT_STATE, search: 'pay' })).toBe(true);
    expect(isRanked({ ...DEFAULT_STATE, search: ' -- ' })).toBe(false);
    expect(isRanked(DEFAULT_STATE)).toBe(false);
  });

  it('says which apps of how many the page shows', () => {
    expect(pageRange(DEFAULT_STATE, 20, 400)).toBe('1–20 of 400');
    expect(pageRange(nextPage(nextPage(DEFAULT_STATE, 'a'), 'b'), 20, 400)).toBe('41–60 of 400');
    expect(pageRange(DEFAULT_STATE, 0, 0)).toBe('0 of 0');
  });
});
