import { byStepKind, type KindColours } from '../flow/step-kinds';
import type { FlowGraphNodeKind } from './flow-graph';

/**
 * Fill and stroke per node kind, shared by the Mermaid and SVG renderers so both look alike. A step
 * kind's colours are its descriptor's (step-kinds/); the other nodes are the diagram's own.
 */
export const KIND_COLOURS: Record<FlowGraphNodeKind, KindColours> = {
  start: { fill: '#37474f', stroke: '#263238' },
  ...byStepKind((kind) => kind.diagram.colours),
  missing: { fill: '#fde8e8', stroke: '#c0392b' },
  unknown: { fill: '#ffffff', stroke: '#999999' },
};
