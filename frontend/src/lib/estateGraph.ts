import Graph from 'graphology';
import { callKind, readSources, showsCall, sourcesParam, type CallKind, type Source } from './dependencySources';
import { squadColor } from './squadColor';

/**
 * The estate graph's pure parts: the GraphQL answer of `dependencyGraph` turned into a graphology
 * graph (sizes, colours, a first placement with each squad as a cluster), the legend, the blast
 * radius highlight and the view state kept in the URL. The page only wires them to sigma.
 */

export interface EstateNode {
  name: string;
  squad?: string | null;
  dependentCount: number;
  alerting: boolean;
}

export interface EstateEdge {
  /** The caller. */
  from: string;
  /** The callee, which the caller depends on. */
  to: string;
  /** Every source that reports the call (DECLARED, NETWORK_POLICY, MESH, BACKSTAGE). */
  sources?: readonly string[] | null;
}

export interface EdgeAttributes {
  sources: readonly string[];
  kind: CallKind;
  color: string;
  size: number;
}

export interface NodeAttributes {
  label: string;
  squad: string | null;
  color: string;
  size: number;
  x: number;
  y: number;
  dependentCount: number;
  alerting: boolean;
  type: 'circle' | 'alerting';
}

export type EstateGraph = Graph<NodeAttributes, EdgeAttributes>;

/**
 * How a call is drawn by what reports it: what the mesh observed solid and dark, what is only
 * declared in blue, what a network policy merely allows faint. (Sigma's WebGL lines cannot be
 * dashed, so colour and width tell them apart.)
 */
export const CALL_STYLES: Record<CallKind, { color: string; size: number; label: string }> = {
  observed: { color: '#7d8799', size: 1, label: 'Observed by the mesh' },
  declared: { color: '#86a8ea', size: 1, label: 'Declared only, never observed' },
  allowed: { color: '#e4e7ed', size: 0.5, label: 'Only allowed by a network policy' },
};

/** A call's drawing attributes from its sources. */
export function edgeAttributes(sources: readonly string[]): EdgeAttributes {
  const kind = callKind(sources);
  return { sources, kind, ...CALL_STYLES[kind] };
}

/** Node radius in pixels: grows with the square root of the dependents, so hubs stand out without hiding the rest. */
export function nodeSize(dependentCount: number): number {
  return Math.min(28, 2.5 + 1.6 * Math.sqrt(Math.max(0, dependentCount)));
}

const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));

/** Points of a sunflower spiral: evenly spread over a disc, the i-th at radius spacing * sqrt(i). */
export function spiral(i: number, spacing: number): { x: number; y: number } {
  const r = spacing * Math.sqrt(i + 0.5);
  return { x: r * Math.cos(i * GOLDEN_ANGLE), y: r * Math.sin(i * GOLDEN_ANGLE) };
}

/**
 * A first placement that needs no layout run: the squads' clusters on a spiral (biggest squad at
 * the centre), each squad's apps on a small spiral around its cluster's centre, hubs first. Good
 * enough to draw at once; ForceAtlas2 refines it afterwards.
 */
export function clusterPlacement(nodes: readonly EstateNode[]): Map<string, { x: number; y: number }> {
  const bySquad = new Map<string, EstateNode[]>();
  for (const node of nodes) {
    const key = node.squad ?? '';
    const members = bySquad.get(key);
    if (members) members.push(node);
    else bySquad.set(key, [node]);
  }
  const squads = [...bySquad.entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
  const largest = squads[0]?.[1].length ?? 1;
  // A cluster's radius is about sqrt(members); keep clusters apart by the largest one's.
  const clusterSpacing = 2.4 * Math.sqrt(largest) + 4;
  const placement = new Map<string, { x: number; y: number }>();
  squads.forEach(([, members], s) => {
    const centre = spiral(s, clusterSpacing);
    [...members]
      .sort((a, b) => b.dependentCount - a.dependentCount || a.name.localeCompare(b.name))
      .forEach((node, i) => {
        const offset = spiral(i, 1);
        placement.set(node.name, { x: centre.x + offset.x, y: centre.y + offset.y });
      });
  });
  return placement;
}

/** The graphology graph sigma draws: one node per app, one directed edge per call (caller -> callee). */
export function toEstateGraph(nodes: readonly EstateNode[], edges: readonly EstateEdge[]): EstateGraph {
  const graph: EstateGraph = new Graph<NodeAttributes, EdgeAttributes>({ type: 'directed', multi: false, allowSelfLoops: false });
  const placement = clusterPlacement(nodes);
  for (const node of nodes) {
    const at = placement.get(node.name) ?? { x: 0, y: 0 };
    graph.addNode(node.name, {
      label: node.name,
      squad: node.squad ?? null,
      color: squadColor(node.squad),
      size: nodeSize(node.dependentCount),
      x: at.x,
      y: at.y,
      dependentCount: node.dependentCount,
      alerting: node.alerting,
      type: node.alerting ? 'alerting' : 'circle',
    });
  }
  for (const edge of edges) {
    if (edge.from === edge.to || !graph.hasNode(edge.from) || !graph.hasNode(edge.to)) continue;
    graph.mergeEdge(edge.from, edge.to, edgeAttributes(edge.sources ?? ['DECLARED']));
  }
  return graph;
}

export interface LegendEntry {
  squad: string | null;
  color: string;
  apps: number;
}

/** One legend entry per squad (apps without a squad last), most apps first. */
export function squadLegend(nodes: readonly EstateNode[]): LegendEntry[] {
  const counts = new Map<string | null, number>();
  for (const node of nodes) counts.set(node.squad ?? null, (counts.get(node.squad ?? null) ?? 0) + 1);
  return [...counts.entries()]
    .map(([squad, apps]) => ({ squad, color: squadColor(squad), apps }))
    .sort((a, b) => (a.squad === null ? 1 : 0) - (b.squad === null ? 1 : 0) || b.apps - a.apps
      || (a.squad ?? '').localeCompare(b.squad ?? ''));
}

/** The apps a blast radius lights up: the selected app at distance 0 and each impacted app at its distance. */
export function blastHighlight(selected: string, impacted: readonly { distance: number; name: string }[]): Map<string, number> {
  const lit = new Map<string, number>([[selected, 0]]);
  for (const app of impacted) if (!lit.has(app.name)) lit.set(app.name, app.distance);
  return lit;
}

/** A squad's apps and their direct neighbours (what the server's `dependencyGraph(squad:)` returns). */
export function squadScope(nodes: readonly EstateNode[], edges: readonly EstateEdge[], squad: string): Set<string> {
  const own = new Set(nodes.filter((n) => n.squad === squad).map((n) => n.name));
  const scope = new Set(own);
  for (const edge of edges) {
    if (own.has(edge.from)) scope.add(edge.to);
    if (own.has(edge.to)) scope.add(edge.from);
  }
  return scope;
}

export const DIMMED_NODE = '#dfe3ea';
export const DIMMED_EDGE = '#eef0f4';
export const LIT_EDGE = 'rgba(211, 47, 47, 0.5)';
export const SELECTED_NODE = '#111827';

export interface NodeView {
  /** The blast radius to light up, by app name: everything else is dimmed. */
  lit: Map<string, number> | null;
  /** The apps the squad filter keeps: everything else is hidden. */
  scope: Set<string> | null;
  selected: string | null;
  /** The sources whose calls are drawn; null draws every call. */
  sources?: ReadonlySet<Source> | null;
}

export interface NodeDisplay {
  color?: string;
  size?: number;
  hidden?: boolean;
  label?: string | null;
  zIndex?: number;
  highlighted?: boolean;
  forceLabel?: boolean;
}

/** How one node is drawn under the current view (sigma's node reducer, without sigma). */
export function nodeDisplay(name: string, attributes: NodeAttributes, view: NodeView): NodeDisplay {
  if (view.scope && !view.scope.has(name) && !(view.lit?.has(name) ?? false)) return { hidden: true };
  if (name === view.selected) {
    return { zIndex: 3, highlighted: true, forceLabel: true, size: Math.max(attributes.size, 8) };
  }
  if (view.lit) {
    if (view.lit.has(name)) return { zIndex: 2 };
    return { color: DIMMED_NODE, label: null, zIndex: 0, size: Math.min(attributes.size, 4) };
  }
  return { zIndex: 1 };
}

export interface EdgeDisplay {
  color?: string;
  hidden?: boolean;
  zIndex?: number;
  size?: number;
}

/**
 * How one call is drawn: hidden when the source filter leaves none of its sources; within the
 * blast radius (callers towards the selected app) it is lit, otherwise faint.
 */
export function edgeDisplay(from: string, to: string, view: NodeView, sources?: readonly string[]): EdgeDisplay {
  if (sources && !showsCall(sources, view.sources ?? null)) return { hidden: true };
  if (view.scope && !((view.scope.has(from) || (view.lit?.has(from) ?? false)) && (view.scope.has(to) || (view.lit?.has(to) ?? false)))) {
    return { hidden: true };
  }
  if (view.lit) {
    const caller = view.lit.get(from);
    const callee = view.lit.get(to);
    if (caller !== undefined && callee !== undefined && caller === callee + 1) return { color: LIT_EDGE, zIndex: 1, size: 1.5 };
    return { hidden: true };
  }
  return {};
}

export const MIN_DEPTH = 1;
export const MAX_DEPTH = 20;
export const DEFAULT_DEPTH = 3;

/** What the graph page shows, as kept in its URL. */
export interface GraphViewState {
  app: string | null;
  depth: number;
  squad: string | null;
  search: string;
  /** The sources whose calls are drawn (`?sources=MESH,DECLARED`); null draws every call. */
  sources: Set<Source> | null;
}

export function readGraphView(params: URLSearchParams): GraphViewState {
  const depth = Number.parseInt(params.get('depth') ?? '', 10);
  return {
    app: params.get('app') || null,
    depth: Number.isFinite(depth) ? Math.min(MAX_DEPTH, Math.max(MIN_DEPTH, depth)) : DEFAULT_DEPTH,
    squad: params.get('squad') || null,
    search: params.get('q') ?? '',
    sources: readSources(params),
  };
}

/** The URL parameters of a view; defaults are left out so links stay short. */
export function graphViewParams(view: GraphViewState): URLSearchParams {
  const params = new URLSearchParams();
  if (view.app) params.set('app', view.app);
  if (view.depth !== DEFAULT_DEPTH) params.set('depth', String(view.depth));
  if (view.squad) params.set('squad', view.squad);
  if (view.search) params.set('q', view.search);
  const sources = sourcesParam(view.sources);
  if (sources !== null) params.set('sources', sources);
  return params;
}

/** Apps whose name matches what was typed: names starting with it first, then containing it; at most `limit`. */
export function matchApps(names: readonly string[], text: string, limit = 8): string[] {
  const query = text.trim().toLowerCase();
  if (!query) return [];
  const starts: string[] = [];
  const contains: string[] = [];
  for (const name of names) {
    const lower = name.toLowerCase();
    if (lower.startsWith(query)) starts.push(name);
    else if (lower.includes(query)) contains.push(name);
  }
  starts.sort((a, b) => a.length - b.length || a.localeCompare(b));
  contains.sort((a, b) => a.localeCompare(b));
  return [...starts, ...contains].slice(0, limit);
}

/** The layout's time budget: a few seconds, longer for bigger graphs, never unbounded. */
export function layoutMillis(nodeCount: number): number {
  return Math.round(Math.min(10_000, 2_000 + nodeCount * 0.6));
}
