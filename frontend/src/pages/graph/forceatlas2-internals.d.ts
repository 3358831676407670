// The parts of graphology-layout-forceatlas2 its own worker uses, which the package ships without types.
declare module 'graphology-layout-forceatlas2/iterate.js' {
  export default function iterate(settings: Record<string, unknown>, nodes: Float32Array, edges: Float32Array): void;
}
declare module 'graphology-layout-forceatlas2/helpers.js' {
  import type Graph from 'graphology';
  export function graphToByteArrays(graph: Graph, getEdgeWeight: (...args: unknown[]) => number): { nodes: Float32Array; edges: Float32Array };
  export function assignLayoutChanges(graph: Graph, nodes: Float32Array, outputReducer: null): void;
}
declare module 'graphology-layout-forceatlas2/defaults.js' {
  const defaults: Record<string, unknown>;
  export default defaults;
}
