/**
 * A squad's colour, the same on every page (directory badges, graph nodes, legends): a stable hash
 * of the name into a palette chosen to stay distinguishable on white and on the graph's background.
 */
const palette = [
  '#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f',
  '#bcbd22', '#17becf', '#3b4cc0', '#b40426', '#5aae61', '#9970ab', '#e08214', '#35978f',
  '#c51b7d', '#4d9221', '#2166ac', '#b2182b',
];

export const UNASSIGNED_COLOR = '#9aa0a6';

export function squadColor(squad: string | null | undefined): string {
  if (!squad) return UNASSIGNED_COLOR;
  let hash = 2166136261;
  for (let i = 0; i < squad.length; i++) {
    hash ^= squad.charCodeAt(i);
    hash = Math.imul(hash, 16777619);
  }
  return palette[(hash >>> 0) % palette.length] ?? UNASSIGNED_COLOR;
}
