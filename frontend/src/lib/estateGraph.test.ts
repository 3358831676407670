import { describe, expect, it } from 'vitest';
import {
  blastHighlight, clusterPlacement, DEFAULT_DEPTH, DIMMED_NODE, edgeDisplay, graphViewParams, layoutMillis, LIT_EDGE,
  CALL_STYLES, matchApps, nodeDisplay, nodeSize, readGraphView, squadLegend, squadScope, toEstateGraph,
  type EstateEdge, type EstateNode, type NodeView,
} from './estateGraph';
import { squadColor, UNASSIGNED_COLOR } from './squadColor';

const nodes: EstateNode[] = [
  { name: 'auth-service', squad: 'identity', dependentCount: 3, alerting: false },
  { name: 'checkout-api', squad: 'payments', dependentCount: 1, alerting: true },
  { name: 'payments-api', squad: 'payments', dependentCount: 1, alerting: false },
  { name: 'web-shop', squad: 'storefront', dependentCount: 0, alerting: false },
  { name: 'orphan', squad: null, dependentCount: 0, alerting: false },
];
// caller -> callee
const edges: EstateEdge[] = [
  { from: 'checkout-api', to: 'auth-service' },
  { from: 'payments-api', to: 'auth-service' },
  { from: 'web-shop', to: 'auth-service' },
  { from: 'web-shop', to: 'checkout-api' },
  { from: 'checkout-api', to: 'payments-api' },
];

const plain: NodeView = { lit: null, scope: null, selected: null };

describe('toEstateGraph', () => {
  const graph = toEstateGraph(nodes, edges);

  it('has a node per app and a directed edge per call, caller to callee', () => {
    expect(graph.order).toBe(5);
    expect(graph.size).toBe(5);
    expect(graph.hasDirectedEdge('web-shop', 'checkout-api')).toBe(true);
    expect(graph.hasDirectedEdge('checkout-api', 'web-shop')).toBe(false);
  });

  it('sizes a node by its dependents, which are its callers (in-degree)', () => {
    expect(graph.inDegree('auth-service')).toBe(3);
    expect(graph.getNodeAttribute('auth-service', 'size')).toBe(nodeSize(3));
    expect(graph.getNodeAttribute('auth-service', 'size')).toBeGreaterThan(graph.getNodeAttribute('web-shop', 'size'));
  });

  it('colours a node by its squad, grey without one', () => {
    expect(graph.getNodeAttribute('checkout-api', 'color')).toBe(squadColor('payments'));
    expect(graph.getNodeAttribute('orphan', 'color')).toBe(UNASSIGNED_COLOR);
  });

  it('rings alerting apps (a node program of their own)', () => {
    expect(graph.getNodeAttribute('checkout-api', 'type')).toBe('alerting');
    expect(graph.getNodeAttribute('payments-api', 'type')).toBe('circle');
  });

  it('ignores calls to apps it does not have, self-calls and repeats', () => {
    const g = toEstateGraph(nodes, [...edges, { from: 'web-shop', to: 'gone' }, { from: 'orphan', to: 'orphan' }, edges[0]!]);
    expect(g.size).toBe(5);
  });
});

describe('clusterPlacement', () => {
  it('places every app, distinct positions, a squad closer together than to other squads', () => {
    const many: EstateNode[] = [];
    for (let s = 0; s < 5; s++) for (let i = 0; i < 40; i++) many.push({ name: `s${s}-a${i}`, squad: `s${s}`, dependentCount: i % 7, alerting: false });
    const at = clusterPlacement(many);
    expect(at.size).toBe(200);
    expect(new Set([...at.values()].map((p) => `${p.x},${p.y}`)).size).toBe(200);
    const centre = (squad: string) => {
      const ps = many.filter((n) => n.squad === squad).map((n) => at.get(n.name)!);
      return { x: ps.reduce((a, p) => a + p.x, 0) / ps.length, y: ps.reduce((a, p) => a + p.y, 0) / ps.length };
    };
    const c0 = centre('s0');
    const c1 = centre('s1');
    const p = at.get('s0-a5')!;
    expect(Math.hypot(p.x - c0.x, p.y - c0.y)).toBeLessThan(Math.hypot(p.x - c1.x, p.y - c1.y));
  });

  it('is the same for the same input', () => {
    expect([...clusterPlacement(nodes)]).toEqual([...clusterPlacement([...nodes].reverse())]);
  });
});

describe('squadLegend', () => {
  it('lists squads by number of apps, apps without a squad last', () => {
    expect(squadLegend(nodes)).toEqual([
      { squad: 'payments', color: squadColor('payments'), apps: 2 },
      { squad: 'identity', color: squadColor('identity'), apps: 1 },
      { squad: 'storefront', color: squadColor('storefront'), apps: 1 },
      { squad: null, color: UNASSIGNED_COLOR, apps: 1 },
    ]);
  });
});

describe('blast radius highlight', () => {
  const lit = blastHighlight('auth-service', [
    { name: 'checkout-api', distance: 1 }, { name: 'payments-api', distance: 1 }, { name: 'web-shop', distance: 1 },
  ]);
  const view: NodeView = { lit, scope: null, selected: 'auth-service' };

  it('holds the selected app at distance 0 and each impacted app once', () => {
    expect([...lit]).toEqual([['auth-service', 0], ['checkout-api', 1], ['payments-api', 1], ['web-shop', 1]]);
  });

  it('dims what is outside it and keeps what is inside in its colour', () => {
    const attrs = toEstateGraph(nodes, edges).getNodeAttributes('orphan');
    expect(nodeDisplay('orphan', attrs, view)).toMatchObject({ color: DIMMED_NODE, label: null });
    expect(nodeDisplay('web-shop', attrs, view).color).toBeUndefined();
    expect(nodeDisplay('auth-service', attrs, view)).toMatchObject({ highlighted: true, forceLabel: true });
    expect(nodeDisplay('orphan', attrs, plain)).toEqual({ zIndex: 1 });
  });

  it('lights the calls that lead one hop closer to the selected app and hides the others', () => {
    expect(edgeDisplay('web-shop', 'auth-service', view).color).toBe(LIT_EDGE);
    expect(edgeDisplay('web-shop', 'checkout-api', view).hidden).toBe(true);
    expect(edgeDisplay('orphan', 'auth-service', view).hidden).toBe(true);
    expect(edgeDisplay('web-shop', 'auth-service', plain)).toEqual({});
  });
});

describe('squad filter', () => {
  it('keeps a squad\'s apps and their direct neighbours, hides the rest', () => {
    const scope = squadScope(nodes, edges, 'storefront');
    expect([...scope].sort()).toEqual(['auth-service', 'checkout-api', 'web-shop']);
    const attrs = toEstateGraph(nodes, edges).getNodeAttributes('orphan');
    expect(nodeDisplay('orphan', attrs, { lit: null, scope, selected: null })).toEqual({ hidden: true });
    expect(edgeDisplay('checkout-api', 'payments-api', { lit: null, scope, selected: null })).toEqual({ hidden: true });
    expect(edgeDisplay('web-shop', 'checkout-api', { lit: null, scope, selected: null })).toEqual({});
  });
});

describe('calls by source', () => {
  const sourced: EstateEdge[] = [
    { from: 'checkout-api', to: 'auth-service', sources: ['DECLARED', 'MESH'] },
    { from: 'payments-api', to: 'auth-service', sources: ['DECLARED', 'NETWORK_POLICY'] },
    { from: 'web-shop', to: 'auth-service', sources: ['NETWORK_POLICY'] },
  ];
  const graph = toEstateGraph(nodes, sourced);

  it('draws observed calls solid, declared-only ones blue and allowed-only ones faint', () => {
    expect(graph.getEdgeAttributes('checkout-api', 'auth-service')).toMatchObject({ kind: 'observed', color: CALL_STYLES.observed.color });
    expect(graph.getEdgeAttributes('payments-api', 'auth-service')).toMatchObject({ kind: 'declared', color: CALL_STYLES.declared.color });
    expect(graph.getEdgeAttributes('web-shop', 'auth-service')).toMatchObject({ kind: 'allowed', color: CALL_STYLES.allowed.color });
  });

  it('takes a call without sources for a declared one', () => {
    expect(toEstateGraph(nodes, edges).getEdgeAttributes('web-shop', 'checkout-api').kind).toBe('declared');
  });

  it('hides the calls none of whose sources the filter keeps, then applies the blast radius', () => {
    const mesh: NodeView = { ...plain, sources: new Set(['MESH']) };
    expect(edgeDisplay('checkout-api', 'auth-service', mesh, ['DECLARED', 'MESH'])).toEqual({});
    expect(edgeDisplay('payments-api', 'auth-service', mesh, ['DECLARED', 'NETWORK_POLICY'])).toEqual({ hidden: true });
    expect(edgeDisplay('web-shop', 'auth-service', plain, ['NETWORK_POLICY'])).toEqual({});
    const lit = blastHighlight('auth-service', [{ name: 'checkout-api', distance: 1 }]);
    expect(edgeDisplay('checkout-api', 'auth-service', { ...mesh, lit }, ['MESH']).color).toBe(LIT_EDGE);
  });
});

describe('URL state', () => {
  it('reads defaults from an empty URL', () => {
    expect(readGraphView(new URLSearchParams())).toEqual({ app: null, depth: DEFAULT_DEPTH, squad: null, search: '', sources: null });
  });

  it('round-trips a view and clamps the depth to 1..20', () => {
    const view = { app: 'auth-service', depth: 7, squad: 'payments', search: 'auth', sources: new Set(['MESH', 'DECLARED'] as const) };
    expect(readGraphView(graphViewParams(view))).toEqual(view);
    expect(readGraphView(new URLSearchParams('depth=99')).depth).toBe(20);
    expect(readGraphView(new URLSearchParams('depth=0')).depth).toBe(1);
    expect(readGraphView(new URLSearchParams('depth=abc')).depth).toBe(DEFAULT_DEPTH);
    expect(graphViewParams({ app: null, depth: DEFAULT_DEPTH, squad: null, search: '', sources: null }).toString()).toBe('');
    expect(graphViewParams({ ...view, sources: new Set(['MESH', 'DECLARED'] as const) }).get('sources')).toBe('DECLARED,MESH');
  });
});

describe('matchApps', () => {
  const names = ['auth-service', 'payments-api', 'checkout-api', 'api-gateway', 'web-shop'];
  it('puts names starting with the text first, then names containing it', () => {
    expect(matchApps(names, 'api')).toEqual(['api-gateway', 'checkout-api', 'payments-api']);
    expect(matchApps(names, '  AUTH ')).toEqual(['auth-service']);
    expect(matchApps(names, '')).toEqual([]);
    expect(matchApps(names, 'a', 2)).toHaveLength(2);
  });
});

describe('layoutMillis', () => {
  it('is bounded however big the estate', () => {
    expect(layoutMillis(400)).toBeLessThan(layoutMillis(10_000));
    expect(layoutMillis(1_000_000)).toBe(10_000);
  });
});
