import { describe, expect, it } from 'vitest';
import { ownershipViewParams, readOwnershipView, suggestionWhy, waitingAlerts } from './ownershipInbox';

describe('ownership inbox', () => {
  it('drops the alerts a reassignment resolved, keeping the order of the rest', () => {
    const alerts = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
    expect(waitingAlerts(alerts, new Set(['b']))).toEqual([{ id: 'a' }, { id: 'c' }]);
    expect(waitingAlerts(alerts, new Set())).toEqual(alerts);
  });

  it('says why someone is suggested', () => {
    expect(suggestionWhy('RECENT_RELEASER', '2026-11-20T10:00:00Z')).toBe('recent releaser, last released on 2026-11-20');
    expect(suggestionWhy('SQUAD_BUDDY')).toBe('ops buddy');
  });

  it('keeps the squad filter in the URL', () => {
    expect(readOwnershipView(ownershipViewParams({ squad: 'payments' }))).toEqual({ squad: 'payments' });
    expect(ownershipViewParams({ squad: null }).toString()).toBe('');
    expect(readOwnershipView(new URLSearchParams('squad='))).toEqual({ squad: null });
  });
});
