/** The ownership inbox's pure parts: labels, which alerts still show, and the view state in the URL. */

export type OwnershipAlertReason = 'OWNER_LEFT' | 'NO_OWNER';
export type OwnerSuggestionReason = 'RECENT_RELEASER' | 'SQUAD_MEMBER' | 'SQUAD_BUDDY';

export const REASON_LABELS: Record<OwnershipAlertReason, string> = {
  OWNER_LEFT: 'Owner left',
  NO_OWNER: 'No owner',
};

export const SUGGESTION_LABELS: Record<OwnerSuggestionReason, string> = {
  RECENT_RELEASER: 'recent releaser',
  SQUAD_MEMBER: 'squad member',
  SQUAD_BUDDY: 'ops buddy',
};

/** The alerts still waiting: those a reassignment here resolved go at once, before the list is read again. */
export function waitingAlerts<T extends { id: string }>(alerts: readonly T[], resolved: ReadonlySet<string>): T[] {
  return alerts.filter((alert) => !resolved.has(alert.id));
}

/** Why a suggestion is made, in words: the reason, and when they last released the app. */
export function suggestionWhy(reason: OwnerSuggestionReason, lastReleasedAt?: string | null): string {
  const why = SUGGESTION_LABELS[reason];
  return lastReleasedAt ? `${why}, last released on ${lastReleasedAt.slice(0, 10)}` : why;
}

export interface OwnershipView {
  squad: string | null;
}

export function readOwnershipView(params: URLSearchParams): OwnershipView {
  return { squad: params.get('squad') || null };
}

export function ownershipViewParams(view: OwnershipView): URLSearchParams {
  const params = new URLSearchParams();
  if (view.squad) params.set('squad', view.squad);
  return params;
}
