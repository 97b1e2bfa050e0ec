import type { FlowGraphNodeKind } from './flow-graph';

/** Fill and stroke per node kind, shared by the Mermaid and SVG renderers so both look alike. */
export const KIND_COLOURS: Record<FlowGraphNodeKind, { readonly fill: string; readonly stroke: string }> = {
  start: { fill: '#37474f', stroke: '#263238' },
  greeting: { fill: '#e8f1fd', stroke: '#4a78b5' },
  route: { fill: '#fff4d6', stroke: '#b8860b' },
  schedule: { fill: '#fff4d6', stroke: '#b8860b' },
  menu: { fill: '#e7f6e4', stroke: '#4a9a3c' },
  ring_group: { fill: '#efe9fb', stroke: '#7352b5' },
  forward: { fill: '#efe9fb', stroke: '#7352b5' },
  voicemail: { fill: '#eeeeee', stroke: '#666666' },
  hangup: { fill: '#eeeeee', stroke: '#666666' },
  missing: { fill: '#fde8e8', stroke: '#c0392b' },
  unknown: { fill: '#ffffff', stroke: '#999999' },
};
