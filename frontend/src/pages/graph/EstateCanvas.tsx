import { createNodeBorderProgram } from '@sigma/node-border';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import fa2Defaults from 'graphology-layout-forceatlas2/defaults.js';
import { assignLayoutChanges, graphToByteArrays } from 'graphology-layout-forceatlas2/helpers.js';
import { useEffect, useRef, useState } from 'react';
import Sigma from 'sigma';
import { EdgeLineProgram } from 'sigma/rendering';
import type { LayoutProgress, LayoutRequest } from './layout.worker';
import {
  edgeDisplay, layoutMillis, nodeDisplay, type EdgeAttributes, type EstateGraph, type NodeAttributes, type NodeView,
} from '../../lib/estateGraph';

// Only this file (loaded with the /graph route) imports sigma: the WebGL renderer stays out of every other page.

/** Alerting apps: the squad's colour inside a red ring. */
const AlertingNodeProgram = createNodeBorderProgram<NodeAttributes, EdgeAttributes>({
  borders: [
    { size: { value: 0.3 }, color: { value: '#d32f2f' } },
    { size: { fill: true }, color: { attribute: 'color' } },
  ],
});

interface Props {
  graph: EstateGraph;
  view: NodeView;
  /** The app to move the camera to, when it changes. */
  focus: string | null;
  /** Says which state the drawing shows, for people (and the end-to-end tests) waiting on it. */
  highlightKey: string;
  onSelect: (app: string) => void;
  onLayout: (running: boolean) => void;
}

/**
 * The estate drawn with sigma (WebGL). The first placement (squads as clusters) draws at once;
 * ForceAtlas2 then refines it in a web worker for a bounded time, so the main thread stays free
 * for panning, zooming and clicks even at 10,000 apps.
 */
export default function EstateCanvas({ graph, view, focus, highlightKey, onSelect, onLayout }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const [renderer, setRenderer] = useState<Sigma<NodeAttributes, EdgeAttributes> | null>(null);
  // Bumped when the layout has finished, to move the camera to the selected app's final place.
  const [settled, setSettled] = useState(0);
  const onSelectRef = useRef(onSelect);
  const onLayoutRef = useRef(onLayout);
  onSelectRef.current = onSelect;
  onLayoutRef.current = onLayout;

  useEffect(() => {
    const element = container.current;
    if (!element) return undefined;
    const big = graph.size > 20_000;
    const sigma = new Sigma<NodeAttributes, EdgeAttributes>(graph, element, {
      nodeProgramClasses: { alerting: AlertingNodeProgram },
      edgeProgramClasses: { line: EdgeLineProgram },
      defaultEdgeType: 'line',
      defaultEdgeColor: '#ccd2dc',
      labelRenderedSizeThreshold: 9,
      labelDensity: 0.5,
      zIndex: true,
      hideEdgesOnMove: big,
      minCameraRatio: 0.02,
      maxCameraRatio: 4,
    });
    sigma.on('clickNode', ({ node }) => onSelectRef.current(node));
    sigma.on('enterNode', () => element.classList.add('pointing'));
    sigma.on('leaveNode', () => element.classList.remove('pointing'));
    sigma.once('afterRender', () => {
      element.dataset.drawn = 'true';
    });
    setRenderer(sigma);

    // ForceAtlas2 refines the placement in a worker; big graphs get fewer, larger steps, since
    // each one makes sigma process the whole graph again.
    const layout = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
    const matrices = graphToByteArrays(graph, () => 1);
    const request: LayoutRequest = {
      ...matrices,
      settings: { ...fa2Defaults, ...forceAtlas2.inferSettings(graph), barnesHutOptimize: graph.order > 500, slowDown: 5 },
      millis: layoutMillis(graph.order),
      postEveryMillis: graph.order > 2_000 ? 2_500 : 50,
    };
    layout.onmessage = (event: MessageEvent<LayoutProgress>) => {
      assignLayoutChanges(graph, event.data.nodes, null);
      if (event.data.done) {
        onLayoutRef.current(false);
        setSettled((n) => n + 1);
        layout.terminate();
      }
    };
    layout.postMessage(request, [matrices.nodes.buffer, matrices.edges.buffer]);
    onLayoutRef.current(true);
    return () => {
      layout.terminate();
      sigma.kill();
      delete element.dataset.drawn;
      setRenderer(null);
    };
  }, [graph]);

  useEffect(() => {
    if (!renderer) return;
    renderer.setSetting('nodeReducer', (node, attributes) => ({ ...attributes, ...nodeDisplay(node, attributes, view) }));
    renderer.setSetting('edgeReducer', (edge, attributes) => ({
      ...attributes,
      ...edgeDisplay(graph.source(edge), graph.target(edge), view, attributes.sources),
    }));
    const element = container.current;
    renderer.once('afterRender', () => {
      if (element) element.dataset.highlight = highlightKey;
    });
    renderer.refresh();
  }, [renderer, graph, view, highlightKey]);

  useEffect(() => {
    if (!renderer || !focus || !graph.hasNode(focus)) return;
    const at = renderer.getNodeDisplayData(focus);
    if (!at) return;
    renderer.getCamera().animate({ x: at.x, y: at.y, ratio: 0.5 }, { duration: 600 });
  }, [renderer, graph, focus, settled]);

  return <div ref={container} className="estate-canvas" role="img" aria-label={`Dependency graph of ${graph.order} apps`} />;
}
