/**
 * The blast radius as the app page shows it: impacted apps grouped by squad, the largest group
 * first, each group's apps nearest first, and apps without a squad in a group of their own, last.
 */
export interface ImpactedLike {
  distance: number;
  app: {
    name: string;
    squad?: { name: string } | null;
    owner?: { handle: string; name?: string | null; active: boolean } | null;
  };
}

export interface SquadGroup<T extends ImpactedLike> {
  /** The squad's name, or null for apps without a squad. */
  squad: string | null;
  impacted: T[];
  /** The nearest distance of the group's apps. */
  nearest: number;
}

export function groupBySquad<T extends ImpactedLike>(impacted: readonly T[]): SquadGroup<T>[] {
  const groups = new Map<string | null, T[]>();
  for (const item of impacted) {
    const squad = item.app.squad?.name ?? null;
    const list = groups.get(squad);
    if (list) list.push(item);
    else groups.set(squad, [item]);
  }
  return [...groups.entries()]
    .map(([squad, items]) => {
      const sorted = [...items].sort((a, b) => a.distance - b.distance || a.app.name.localeCompare(b.app.name));
      return { squad, impacted: sorted, nearest: sorted[0]?.distance ?? 0 };
    })
    .sort((a, b) => {
      if ((a.squad === null) !== (b.squad === null)) return a.squad === null ? 1 : -1;
      return b.impacted.length - a.impacted.length || a.nearest - b.nearest || (a.squad ?? '').localeCompare(b.squad ?? '');
    });
}

export const MIN_DEPTH = 1;
export const MAX_DEPTH = 20;
// The API's own default, so the page and an ad hoc query agree.
export const DEFAULT_DEPTH = 10;

/** The depth from the URL, clamped to what the server accepts (1..20). */
export function parseDepth(value: string | null): number {
  const depth = Number.parseInt(value ?? '', 10);
  if (!Number.isFinite(depth)) return DEFAULT_DEPTH;
  return Math.min(MAX_DEPTH, Math.max(MIN_DEPTH, depth));
}
