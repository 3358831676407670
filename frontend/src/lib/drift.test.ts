import { describe, expect, it } from 'vitest';
import { DRIFT_CATEGORIES, driftOfSquad, driftViewParams, parseStaleDays, readDriftView } from './drift';

describe('the drift page\'s URL state', () => {
  it('defaults to the whole estate and seven days', () => {
    expect(readDriftView(new URLSearchParams())).toEqual({ squad: null, staleDays: 7 });
    expect(driftViewParams({ squad: null, staleDays: 7 }).toString()).toBe('');
  });

  it('keeps a squad and the stale days, within what the API accepts', () => {
    const view = { squad: 'payments', staleDays: 14 };
    expect(driftViewParams(view).toString()).toBe('squad=payments&staleDays=14');
    expect(readDriftView(driftViewParams(view))).toEqual(view);
    expect(parseStaleDays('0')).toBe(1);
    expect(parseStaleDays('9999')).toBe(365);
    expect(parseStaleDays('soon')).toBe(7);
  });

  it('links a squad\'s drift', () => {
    expect(driftOfSquad('ledger core')).toBe('/drift?squad=ledger+core');
    expect(driftOfSquad(null)).toBe('/drift');
  });
});

describe('drift categories', () => {
  it('are the API\'s four, each explained', () => {
    expect(DRIFT_CATEGORIES.map((c) => c.key)).toEqual(['declaredNotObserved', 'observedNotDeclared', 'observedNotAllowed', 'stale']);
    expect(DRIFT_CATEGORIES[3]!.explanation(1)).toContain('not for 1 day:');
    expect(DRIFT_CATEGORIES[3]!.explanation(30)).toContain('not for 30 days:');
  });
});
