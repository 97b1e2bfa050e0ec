import type { CallFlow } from '../flow/flow-model';
import { byStepKind, type DiagramShape as Shape } from '../flow/step-kinds';
import { charCount, truncate, type FlowDiagramNames } from './describe';
import { buildFlowGraph, type FlowGraphNode, type FlowGraphNodeKind } from './flow-graph';
import { KIND_COLOURS } from './palette';

// Text metrics are estimates (no fonts without a browser): about 7 px per character at 14 px.
const FONT_SIZE = 14;
const CHAR_W = 7;
const LINE_H = 18;
const PAD_X = 14;
const PAD_Y = 9;
const WRAP_CHARS = 28;
const MAX_LINES = 3;
const LABEL_FONT_SIZE = 12;
const LABEL_CHAR_W = 6.5;
const LABEL_LINE_H = 15;
const LABEL_CHARS = 32;
const LABEL_MAX_LINES = 3;
// Layout spacing.
const H_GAP = 48;
const MIN_CHANNEL = 76;
const CHANNEL_PAD = 20;
const SLOT = 10;
const LANE_GAP = 36;
const LANE_STEP = 14;
const MARGIN = 20;
/** A decision's text box is inscribed in a diamond this many times its width. */
const DIAMOND_SCALE = 1.7;

/** Box shape per kind (steps: their descriptor's). */
const SHAPES: Record<FlowGraphNodeKind, Shape> = {
  start: 'ellipse',
  ...byStepKind((kind) => kind.diagram.shape),
  missing: 'rect',
  unknown: 'rect',
};

interface Line {
  readonly text: string;
  readonly bold: boolean;
}

interface Box {
  readonly node: FlowGraphNode;
  readonly shape: Shape;
  readonly lines: readonly Line[];
  readonly w: number;
  readonly h: number;
  /** Half the width along which edge ends may be spread on the top and bottom. */
  readonly halfSpread: number;
  row: number;
  cx: number;
  cy: number;
}

/**
 * direct: to the next row; long: down several rows; back: up to an earlier row (both along the
 * nearer side of the drawing); same: within one row, a U below the row (also self-loops).
 */
type Route = 'direct' | 'long' | 'back' | 'same';

interface Edge {
  readonly from: Box;
  readonly to: Box;
  readonly labels: readonly string[];
  readonly route: Route;
  /** For long and back edges: the side lane they take (-1 left, 1 right). */
  side: -1 | 1;
  outDx: number;
  inDx: number;
  lane: number;
  downY: number;
  upY: number;
  points: Array<readonly [number, number]>;
}

interface Rect {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/**
 * The flow as a standalone SVG document: no browser, no Mermaid, no fonts needed to produce it.
 * Layout: rows by breadth-first depth from the start, left to right in discovery order; edges are
 * elbow lines through the gaps between rows. Edges that skip rows, and edges back up to an earlier
 * row (menu loops, dashed), run along the nearer side of the drawing; edges within a row make a U
 * below it. Same input, same string.
 */
export function flowToSvg(flow: CallFlow, names?: FlowDiagramNames): string {
  const graph = buildFlowGraph(flow, names);
  const boxes = graph.nodes.map(makeBox);
  const byKey = new Map(boxes.map((b) => [b.node.key, b]));

  // Rows: distinct depths in order.
  const depths = [...new Set(boxes.map((b) => b.node.depth))].sort((a, b) => a - b);
  const rows: Box[][] = depths.map(() => []);
  for (const box of boxes) {
    box.row = depths.indexOf(box.node.depth);
    rows[box.row].push(box);
  }
  const rowWidths = rows.map((row) => row.reduce((sum, b) => sum + b.w, 0) + H_GAP * (row.length - 1));
  const widest = Math.max(...rowWidths);
  rows.forEach((row, r) => {
    let x = (widest - rowWidths[r]) / 2;
    for (const box of row) {
      box.cx = x + box.w / 2;
      x += box.w + H_GAP;
    }
  });

  // Edges: parallel links between the same two nodes become one edge with several labels.
  const edges: Edge[] = [];
  const edgeByPair = new Map<string, { from: Box; to: Box; labels: string[] }>();
  for (const e of graph.edges) {
    const from = byKey.get(e.from);
    const to = byKey.get(e.to);
    if (from === undefined || to === undefined) continue;
    const pairKey = `${e.from}>${e.to}`;
    const existing = edgeByPair.get(pairKey);
    if (existing !== undefined) {
      if (e.label !== '' && !existing.labels.includes(e.label)) existing.labels.push(e.label);
      continue;
    }
    const entry = { from, to, labels: e.label === '' ? [] : [e.label] };
    edgeByPair.set(pairKey, entry);
  }
  for (const { from, to, labels } of edgeByPair.values()) {
    const route: Route =
      to.row === from.row ? 'same' : to.row === from.row + 1 ? 'direct' : to.row > from.row ? 'long' : 'back';
    // Side lanes: the side nearer to both ends, for a short detour.
    const side = (from.cx + to.cx) / 2 < widest / 2 ? -1 : 1;
    edges.push({ from, to, labels, route, side, outDx: 0, inDx: 0, lane: 0, downY: 0, upY: 0, points: [] });
  }

  // Where each edge leaves its source (bottom) and enters its target (top; the bottom for edges
  // within a row), ordered by where the other end lies so that a fan of edges does not cross at
  // the box. Edges to the side lanes sort to that side.
  const towards = (e: Edge, other: Box): number =>
    e.route === 'long' || e.route === 'back' ? e.side * 1e9 : other.cx;
  for (const box of boxes) {
    const bottom = edges.flatMap((e) => [
      ...(e.from === box ? [{ e, end: 'out' as const, hint: towards(e, e.to) }] : []),
      ...(e.to === box && e.route === 'same' ? [{ e, end: 'in' as const, hint: towards(e, e.from) }] : []),
    ]);
    bottom.sort((a, b) => a.hint - b.hint);
    spread(bottom.length, box.halfSpread).forEach((dx, i) => {
      if (bottom[i].end === 'out') bottom[i].e.outDx = dx;
      else bottom[i].e.inDx = dx;
    });
    const top = edges.filter((e) => e.to === box && e.route !== 'same');
    top.sort((a, b) => towards(a, a.from) - towards(b, b.from));
    spread(top.length, box.halfSpread).forEach((dx, i) => (top[i].inDx = dx));
  }

  // Side lanes, outside all boxes; the shortest detours innermost.
  const left = Math.min(...boxes.map((b) => b.cx - b.w / 2));
  const right = Math.max(...boxes.map((b) => b.cx + b.w / 2));
  const rowSpan = (e: Edge): number => Math.abs(e.to.row - e.from.row);
  for (const side of [-1, 1] as const) {
    edges
      .filter((e) => (e.route === 'long' || e.route === 'back') && e.side === side)
      .sort((a, b) => rowSpan(a) - rowSpan(b))
      .forEach(
        (e, i) => (e.lane = side < 0 ? left - LANE_GAP - i * LANE_STEP : right + LANE_GAP + i * LANE_STEP),
      );
  }

  // Horizontal runs through the channel below each row, one slot (height) each. Within a row the
  // U-turns take the top slots (they come back up), then the widest runs, which keeps a fan of
  // edges from one node free of crossings.
  interface Run {
    readonly edge: Edge;
    readonly part: 'down' | 'up';
    readonly span: number;
  }
  const channels: Run[][] = rows.map(() => []);
  for (const e of edges) {
    const sx = e.from.cx + e.outDx;
    const tx = e.to.cx + e.inDx;
    if (e.route === 'direct' || e.route === 'same') {
      const span = Math.abs(tx - sx) + (e.route === 'same' ? 1e6 : 0);
      channels[e.from.row].push({ edge: e, part: 'down', span });
    } else {
      channels[e.from.row].push({ edge: e, part: 'down', span: Math.abs(e.lane - sx) });
      channels[Math.max(0, e.to.row - 1)].push({ edge: e, part: 'up', span: Math.abs(e.lane - tx) });
    }
  }
  const rowHeights = rows.map((row) => Math.max(...row.map((b) => b.h)));
  const channelHeights = channels.map((runs) =>
    Math.max(MIN_CHANNEL, 2 * CHANNEL_PAD + (runs.length - 1) * SLOT),
  );
  let y = 0;
  rows.forEach((row, r) => {
    for (const box of row) box.cy = y + rowHeights[r] / 2;
    const channelTop = y + rowHeights[r];
    channels[r]
      .map((run, order) => ({ run, order }))
      .sort((a, b) => b.run.span - a.run.span || a.order - b.order)
      .forEach(({ run }, slot) => {
        const slotY = channelTop + CHANNEL_PAD + slot * SLOT;
        if (run.part === 'down') run.edge.downY = slotY;
        else run.edge.upY = slotY;
      });
    y = channelTop + channelHeights[r];
  });

  for (const e of edges) {
    const sx = e.from.cx + e.outDx;
    const sy = boundaryY(e.from, e.outDx, 1);
    const tx = e.to.cx + e.inDx;
    const ty = boundaryY(e.to, e.inDx, e.route === 'same' ? 1 : -1);
    switch (e.route) {
      case 'direct':
        e.points =
          Math.abs(sx - tx) < 0.5
            ? [
                [sx, sy],
                [tx, ty],
              ]
            : [
                [sx, sy],
                [sx, e.downY],
                [tx, e.downY],
                [tx, ty],
              ];
        break;
      case 'same':
        e.points = [
          [sx, sy],
          [sx, e.downY],
          [tx, e.downY],
          [tx, ty],
        ];
        break;
      case 'long':
      case 'back':
        e.points = [
          [sx, sy],
          [sx, e.downY],
          [e.lane, e.downY],
          [e.lane, e.upY],
          [tx, e.upY],
          [tx, ty],
        ];
        break;
    }
  }

  // Labels: boxes and other labels must not be covered; among the spots that qualify, the one
  // crossing the fewest other edges wins, earlier candidates first on a tie.
  const obstacles: Rect[] = boxes.map((b) =>
    inflate({ x: b.cx - b.w / 2, y: b.cy - b.h / 2, w: b.w, h: b.h }, 3),
  );
  const segments = edges.map((e) =>
    e.points.slice(1).map(([x, y2], i) => {
      const [x1, y1] = e.points[i];
      return inflate(
        { x: Math.min(x1, x), y: Math.min(y1, y2), w: Math.abs(x - x1), h: Math.abs(y2 - y1) },
        1,
      );
    }),
  );
  const labels: Array<{ rect: Rect; lines: readonly string[] }> = [];
  edges.forEach((e, index) => {
    const lines = labelLines(e.labels);
    if (lines.length === 0) return;
    const w = Math.max(...lines.map(charCount)) * LABEL_CHAR_W + 10;
    const h = lines.length * LABEL_LINE_H + 6;
    const rects = labelSpots(e, w).map(([px, py]) => ({ x: px - w / 2, y: py - h / 2, w, h }));
    let best: { rect: Rect; crossings: number } | undefined;
    for (const rect of rects) {
      if (obstacles.some((o) => overlaps(o, rect))) continue;
      const crossings = segments.reduce(
        (sum, segs, other) =>
          other === index ? sum : sum + segs.filter((seg) => overlaps(seg, rect)).length,
        0,
      );
      if (best === undefined || crossings < best.crossings) best = { rect, crossings };
    }
    const rect = best?.rect ?? rects[0];
    obstacles.push(inflate(rect, 2));
    labels.push({ rect, lines });
  });

  // Canvas: everything drawn, plus a margin.
  const extents: Rect[] = [
    ...boxes.map((b) => ({ x: b.cx - b.w / 2, y: b.cy - b.h / 2, w: b.w, h: b.h })),
    ...labels.map((l) => l.rect),
    ...edges.flatMap((e) => e.points.map(([px, py]) => ({ x: px, y: py, w: 0, h: 0 }))),
  ];
  const minX = Math.min(...extents.map((r) => r.x)) - MARGIN;
  const minY = Math.min(...extents.map((r) => r.y)) - MARGIN;
  const width = Math.max(...extents.map((r) => r.x + r.w)) + MARGIN - minX;
  const height = Math.max(...extents.map((r) => r.y + r.h)) + MARGIN - minY;

  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${num(width)}" height="${num(height)}" ` +
      `viewBox="${num(minX)} ${num(minY)} ${num(width)} ${num(height)}" ` +
      `font-family="Helvetica, Arial, sans-serif" font-size="${FONT_SIZE}" role="img">`,
  );
  out.push('<title>Call flow</title>');
  out.push('<defs>');
  out.push(marker('sb-arrow', '#555555'));
  out.push(marker('sb-arrow-missing', KIND_COLOURS.missing.stroke));
  out.push('</defs>');
  out.push(
    `<rect x="${num(minX)}" y="${num(minY)}" width="${num(width)}" height="${num(height)}" fill="#ffffff"/>`,
  );

  out.push('<g class="edges">');
  for (const e of edges) {
    const toMissing = e.to.node.kind === 'missing';
    const loop = e.route === 'back' || e.from === e.to;
    const title = `${e.from.node.title} → ${e.to.node.title}${e.labels.length > 0 ? `: ${e.labels.join('; ')}` : ''}`;
    const points = e.points.map(([px, py]) => `${num(px)},${num(py)}`).join(' ');
    out.push(
      `<g class="edge ${e.route}" data-from="${e.from.node.key}" data-to="${e.to.node.key}">` +
        `<title>${xml(title)}</title>` +
        `<polyline points="${points}" fill="none" stroke="${toMissing ? KIND_COLOURS.missing.stroke : '#555555'}" ` +
        `stroke-width="1.5"${loop ? ' stroke-dasharray="6 4"' : ''} ` +
        `marker-end="url(#${toMissing ? 'sb-arrow-missing' : 'sb-arrow'})"/></g>`,
    );
  }
  out.push('</g>');

  out.push('<g class="nodes">');
  for (const box of boxes) out.push(renderBox(box));
  out.push('</g>');

  out.push('<g class="edge-labels">');
  for (const { rect, lines } of labels) {
    const cx = rect.x + rect.w / 2;
    const firstBaseline = rect.y + 3 + LABEL_LINE_H / 2 + 4;
    const tspans = lines
      .map(
        (line, i) =>
          `<tspan x="${num(cx)}" y="${num(firstBaseline + i * LABEL_LINE_H)}">${xml(line)}</tspan>`,
      )
      .join('');
    out.push(
      `<g class="edge-label"><rect x="${num(rect.x)}" y="${num(rect.y)}" width="${num(rect.w)}" ` +
        `height="${num(rect.h)}" rx="3" fill="#ffffff"/>` +
        `<text text-anchor="middle" font-size="${LABEL_FONT_SIZE}" fill="#333333">${tspans}</text></g>`,
    );
  }
  out.push('</g>');
  out.push('</svg>');
  return out.join('\n') + '\n';
}

function makeBox(node: FlowGraphNode): Box {
  const shape = SHAPES[node.kind];
  const title = wrapText(node.title, WRAP_CHARS, node.detail === '' ? MAX_LINES : 2);
  const detail = node.detail === '' ? [] : wrapText(node.detail, WRAP_CHARS, MAX_LINES - title.length);
  const lines: Line[] = [
    ...title.map((text) => ({ text, bold: true })),
    ...detail.map((text) => ({ text, bold: false })),
  ];
  const textW = Math.max(8, ...lines.map((l) => charCount(l.text))) * CHAR_W;
  const innerW = textW + 2 * PAD_X;
  const innerH = lines.length * LINE_H + 2 * PAD_Y;
  const base = { node, shape, lines, row: 0, cx: 0, cy: 0 };
  switch (shape) {
    case 'ellipse':
      return { ...base, w: Math.max(76, innerW), h: 36, halfSpread: 0 };
    case 'diamond': {
      // A box of innerW × innerH fits a diamond with half-diagonals a, b when w/2a + h/2b ≤ 1.
      const w = innerW * DIAMOND_SCALE;
      const h = (innerH * DIAMOND_SCALE) / (DIAMOND_SCALE - 1);
      return { ...base, w, h, halfSpread: w / 4 };
    }
    case 'hexagon':
      return { ...base, w: innerW + innerH, h: innerH, halfSpread: innerW / 2 - 8 };
    case 'stadium':
      return {
        ...base,
        w: innerW + innerH / 2,
        h: innerH,
        halfSpread: Math.max(0, (innerW - innerH / 2) / 2),
      };
    case 'rect':
    case 'rounded':
      return { ...base, w: innerW, h: innerH, halfSpread: innerW / 2 - 14 };
  }
}

/** Offsets for `count` edge ends spread evenly over ±half (at most 22 px apart). */
function spread(count: number, half: number): number[] {
  if (count <= 1) return count === 1 ? [0] : [];
  const step = Math.min(22, (2 * Math.max(0, half)) / (count - 1));
  return Array.from({ length: count }, (_, i) => (i - (count - 1) / 2) * step);
}

/** The y of the box outline at horizontal offset dx, on the bottom (dir 1) or top (dir -1). */
function boundaryY(box: Box, dx: number, dir: 1 | -1): number {
  const halfW = box.w / 2;
  const halfH = box.h / 2;
  switch (box.shape) {
    case 'diamond':
      return box.cy + dir * halfH * (1 - Math.min(1, Math.abs(dx) / halfW));
    case 'ellipse':
      return box.cy + dir * halfH * Math.sqrt(Math.max(0, 1 - (dx / halfW) ** 2));
    case 'rect':
    case 'rounded':
    case 'stadium':
    case 'hexagon':
      return box.cy + dir * halfH;
  }
}

/**
 * Candidate label centres for an edge, best first: on the run that belongs to this edge alone
 * (the horizontal run of an elbow, the start of the run towards a side lane), then elsewhere.
 */
function labelSpots(e: Edge, labelWidth: number): Array<[number, number]> {
  const p = e.points;
  const on = (seg: number, t: number): [number, number] => {
    const [x1, y1] = p[seg];
    const [x2, y2] = p[seg + 1];
    const k = Math.min(1, Math.max(0, t));
    return [x1 + (x2 - x1) * k, y1 + (y2 - y1) * k];
  };
  /** A point `d` px from the start (or from the end, when d < 0) of a segment. */
  const from = (seg: number, d: number): [number, number] => {
    const len = Math.hypot(p[seg + 1][0] - p[seg][0], p[seg + 1][1] - p[seg][1]);
    return on(seg, len === 0 ? 0 : d >= 0 ? d / len : 1 + d / len);
  };
  const middle = [0.5, 0.35, 0.65, 0.2, 0.8];
  const clear = labelWidth / 2 + 10;
  if (p.length === 2) return [...middle, 0.1, 0.9].map((t) => on(0, t));
  if (p.length === 4) {
    return [...middle.map((t) => on(1, t)), on(2, 0.5), on(0, 0.5), on(2, 0.25), on(0, 0.75)];
  }
  return [
    from(1, clear),
    from(1, clear + 30),
    from(4, -clear),
    from(4, -clear - 30),
    on(3, 0.5),
    on(3, 0.25),
    on(3, 0.75),
    on(1, 0.5),
    on(4, 0.5),
  ];
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

function inflate(r: Rect, by: number): Rect {
  return { x: r.x - by, y: r.y - by, w: r.w + 2 * by, h: r.h + 2 * by };
}

/** The lines of an edge label: "press 1" and "press 2" become "press 1, 2"; at most three lines. */
function labelLines(labels: readonly string[]): string[] {
  const presses = labels.filter((l) => l.startsWith('press '));
  const merged =
    presses.length > 1
      ? [
          `press ${presses.map((l) => l.slice('press '.length)).join(', ')}`,
          ...labels.filter((l) => !l.startsWith('press ')),
        ]
      : [...labels];
  const lines = merged.map((l) => truncate(l, LABEL_CHARS));
  return lines.length <= LABEL_MAX_LINES
    ? lines
    : [...lines.slice(0, LABEL_MAX_LINES - 1), `+${lines.length - (LABEL_MAX_LINES - 1)} more`];
}

/** Word-wraps to `width` characters per line and at most `maxLines` lines (the last one cut with …). */
export function wrapText(text: string, width: number, maxLines: number): string[] {
  if (maxLines <= 0) return [];
  const words = text.split(' ').filter((w) => w !== '');
  const lines: string[] = [];
  let current = '';
  for (const word of words) {
    const chunks: string[] = [];
    const chars = Array.from(word);
    for (let i = 0; i < chars.length; i += width) chunks.push(chars.slice(i, i + width).join(''));
    for (const chunk of chunks) {
      if (current === '') current = chunk;
      else if (charCount(current) + 1 + charCount(chunk) <= width) current += ` ${chunk}`;
      else {
        lines.push(current);
        current = chunk;
      }
    }
  }
  if (current !== '' || lines.length === 0) lines.push(current);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = truncate(`${kept[maxLines - 1]} ${lines[maxLines]}`, width);
  return kept;
}

function renderBox(box: Box): string {
  const { node } = box;
  const colours = KIND_COLOURS[node.kind];
  const missing = node.kind === 'missing';
  const dashed = missing ? '6 3' : node.reachable ? '' : '5 3';
  const paint =
    `fill="${colours.fill}" stroke="${colours.stroke}" stroke-width="${missing ? 2 : 1.5}"` +
    (dashed === '' ? '' : ` stroke-dasharray="${dashed}"`);
  const x0 = box.cx - box.w / 2;
  const y0 = box.cy - box.h / 2;
  const x1 = box.cx + box.w / 2;
  const y1 = box.cy + box.h / 2;
  const polygon = (pts: Array<[number, number]>): string =>
    `<polygon points="${pts.map(([px, py]) => `${num(px)},${num(py)}`).join(' ')}" ${paint}/>`;
  const rect = (rx: number): string =>
    `<rect x="${num(x0)}" y="${num(y0)}" width="${num(box.w)}" height="${num(box.h)}" rx="${num(rx)}" ${paint}/>`;
  let shape: string;
  switch (box.shape) {
    case 'ellipse':
      shape = `<ellipse cx="${num(box.cx)}" cy="${num(box.cy)}" rx="${num(box.w / 2)}" ry="${num(box.h / 2)}" ${paint}/>`;
      break;
    case 'diamond':
      shape = polygon([
        [box.cx, y0],
        [x1, box.cy],
        [box.cx, y1],
        [x0, box.cy],
      ]);
      break;
    case 'hexagon': {
      const inset = box.h / 2;
      shape = polygon([
        [x0 + inset, y0],
        [x1 - inset, y0],
        [x1, box.cy],
        [x1 - inset, y1],
        [x0 + inset, y1],
        [x0, box.cy],
      ]);
      break;
    }
    case 'stadium':
      shape = rect(box.h / 2);
      break;
    case 'rounded':
      shape = rect(10);
      break;
    case 'rect':
      shape = rect(2);
      break;
  }
  const textFill = node.kind === 'start' ? '#ffffff' : missing ? '#922b21' : '#222222';
  const firstCentre = box.cy - ((box.lines.length - 1) * LINE_H) / 2;
  const tspans = box.lines
    .map(
      (line, i) =>
        `<tspan x="${num(box.cx)}" y="${num(firstCentre + i * LINE_H + 5)}"` +
        `${line.bold ? ' font-weight="bold"' : ''}>${xml(line.text)}</tspan>`,
    )
    .join('');
  const classes = `node ${node.kind}${node.reachable ? '' : ' unreachable'}`;
  const stepAttr = node.stepId === undefined ? '' : ` data-step-id="${xml(String(node.stepId))}"`;
  return (
    `<g class="${classes}" data-key="${node.key}"${stepAttr}><title>${xml(node.tooltip)}</title>` +
    `${shape}<text text-anchor="middle" fill="${textFill}">${tspans}</text></g>`
  );
}

function marker(id: string, colour: string): string {
  return (
    `<marker id="${id}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" ` +
    `markerUnits="userSpaceOnUse" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="${colour}"/></marker>`
  );
}

// eslint-disable-next-line no-control-regex
const XML_UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udfff]/gu;

/** Escapes text for XML content and attribute values, dropping characters XML cannot hold. */
export function xml(text: string): string {
  return text
    .replace(XML_UNSAFE, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Numbers rounded to 0.1 px, so the output is short and stable. */
function num(n: number): string {
  return String(Math.round(n * 10) / 10);
}
