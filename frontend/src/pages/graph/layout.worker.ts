// ForceAtlas2 off the main thread, for a bounded time. graphology's own supervisor sends every
// iteration back and the page re-processes the whole graph each time, which at 10,000 apps and
// 50,000 calls kept the main thread busy for most of every frame; this worker posts positions only
// every `postEveryMillis` and when its time is up.
import iterate from 'graphology-layout-forceatlas2/iterate.js';

export interface LayoutRequest {
  nodes: Float32Array;
  edges: Float32Array;
  settings: Record<string, unknown>;
  millis: number;
  postEveryMillis: number;
}

export interface LayoutProgress {
  nodes: Float32Array;
  done: boolean;
  iterations: number;
}

self.onmessage = (event: MessageEvent<LayoutRequest>) => {
  const { nodes, edges, settings, millis, postEveryMillis } = event.data;
  const start = performance.now();
  let posted = start;
  let iterations = 0;
  while (performance.now() - start < millis) {
    iterate(settings, nodes, edges);
    iterations++;
    const now = performance.now();
    if (now - posted >= postEveryMillis) {
      posted = now;
      self.postMessage({ nodes: nodes.slice(), done: false, iterations } satisfies LayoutProgress);
    }
  }
  self.postMessage({ nodes, done: true, iterations } satisfies LayoutProgress);
};
