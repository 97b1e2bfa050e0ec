import { useId, useState, type ReactNode } from 'react';
import { niceMax, WEEKDAYS, type Point } from './report-series';

/**
 * Charts drawn by hand as inline SVG (no chart library: the console stays small). Each is a
 * figure with its title, an image description, and the table of its numbers, visually hidden
 * until "Show table" (screen readers always have it).
 */
function ChartFigure({
  title,
  columns,
  rows,
  children,
}: {
  title: string;
  columns: readonly string[];
  rows: readonly (readonly ReactNode[])[];
  children: (labelId: string) => ReactNode;
}) {
  const id = useId();
  const [table, setTable] = useState(false);
  return (
    <figure className="chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`} className="chart-title">
        {title}
        <button type="button" className="link-button" aria-expanded={table} onClick={() => setTable(!table)}>
          {table ? 'Hide table' : 'Show table'}
        </button>
      </figcaption>
      {children(`${id}-title`)}
      <table className={table ? 'data-table chart-table' : 'visually-hidden'}>
        <caption>{title}</caption>
        <thead>
          <tr>
            {columns.map((c, i) => (
              <th key={c} scope="col" className={i > 0 ? 'num' : undefined}>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              {r.map((cell, j) =>
                j === 0 ? (
                  <th key={j} scope="row">
                    {cell}
                  </th>
                ) : (
                  <td key={j} className="num">
                    {cell}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

/** Horizontal bars, one per labelled value (calls by source, by campaign). */
export function BarChart({
  title,
  points,
  group,
  unit = 'Calls',
}: {
  title: string;
  points: readonly Point[];
  /** What a bar is (the table's first column): `Source`, `Campaign`. */
  group: string;
  unit?: string;
}) {
  const bar = 22;
  const labelW = 160;
  const width = 560;
  const max = niceMax(Math.max(0, ...points.map((p) => p.value)));
  const scale = (v: number) => ((width - labelW - 50) * v) / max;
  const height = Math.max(1, points.length) * (bar + 6) + 4;
  return (
    <ChartFigure title={title} columns={[group, unit]} rows={points.map((p) => [p.label, p.value])}>
      {(labelId) =>
        points.length === 0 ? (
          <p className="muted">No calls in this range.</p>
        ) : (
          <svg className="chart-svg" viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={labelId}>
            {points.map((p, i) => {
              const y = i * (bar + 6) + 2;
              return (
                <g key={p.key}>
                  <text
                    x={labelW - 8}
                    y={y + bar / 2}
                    className="chart-label"
                    textAnchor="end"
                    dominantBaseline="middle"
                  >
                    {p.label.length > 22 ? `${p.label.slice(0, 21)}…` : p.label}
                  </text>
                  <rect
                    x={labelW}
                    y={y}
                    width={Math.max(p.value > 0 ? 2 : 0, scale(p.value))}
                    height={bar}
                    className="chart-bar"
                  />
                  <text
                    x={labelW + scale(p.value) + 6}
                    y={y + bar / 2}
                    className="chart-value"
                    dominantBaseline="middle"
                  >
                    {p.value}
                  </text>
                </g>
              );
            })}
          </svg>
        )
      }
    </ChartFigure>
  );
}

/** Columns over time (calls by day), with a few day labels and gridlines. */
export function ColumnChart({ title, points }: { title: string; points: readonly Point[] }) {
  const width = 640;
  const height = 200;
  const left = 36;
  const bottom = 22;
  const max = niceMax(Math.max(0, ...points.map((p) => p.value)));
  const step = (width - left) / Math.max(1, points.length);
  const y = (v: number) => height - bottom - ((height - bottom - 8) * v) / max;
  const every = Math.max(1, Math.ceil(points.length / 10));
  return (
    <ChartFigure title={title} columns={['Day', 'Calls']} rows={points.map((p) => [p.key, p.value])}>
      {(labelId) => (
        <svg className="chart-svg" viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={labelId}>
          {[0, max / 2, max].map((g) => (
            <g key={g}>
              <line x1={left} x2={width} y1={y(g)} y2={y(g)} className="chart-grid" />
              <text x={left - 4} y={y(g)} className="chart-axis" textAnchor="end" dominantBaseline="middle">
                {g}
              </text>
            </g>
          ))}
          {points.map((p, i) => (
            <g key={p.key}>
              <rect
                x={left + i * step + step * 0.15}
                y={y(p.value)}
                width={step * 0.7}
                height={height - bottom - y(p.value)}
                className="chart-bar"
              >
                <title>{`${p.key}: ${p.value}`}</title>
              </rect>
              {i % every === 0 && (
                <text
                  x={left + i * step + step / 2}
                  y={height - 6}
                  className="chart-axis"
                  textAnchor="middle"
                >
                  {p.label}
                </text>
              )}
            </g>
          ))}
        </svg>
      )}
    </ChartFigure>
  );
}

/** Two parts of a whole as one split bar (first-time vs repeat callers). */
export function SplitBar({ title, parts }: { title: string; parts: readonly [Point, Point] }) {
  const total = parts[0].value + parts[1].value;
  const width = 560;
  const first = total > 0 ? (width * parts[0].value) / total : 0;
  const pct = (v: number) => (total > 0 ? `${Math.round((v / total) * 100)}%` : '—');
  return (
    <ChartFigure
      title={title}
      columns={['Callers', 'Calls', 'Share']}
      rows={parts.map((p) => [p.label, p.value, pct(p.value)])}
    >
      {(labelId) => (
        <svg className="chart-svg" viewBox={`0 0 ${width} 56`} role="img" aria-labelledby={labelId}>
          <rect x={0} y={0} width={first} height={28} className="chart-bar" />
          <rect x={first} y={0} width={width - first} height={28} className="chart-bar chart-bar-alt" />
          <text x={0} y={46} className="chart-label">
            {parts[0].label}: {parts[0].value} ({pct(parts[0].value)})
          </text>
          <text x={width} y={46} className="chart-label" textAnchor="end">
            {parts[1].label}: {parts[1].value} ({pct(parts[1].value)})
          </text>
        </svg>
      )}
    </ChartFigure>
  );
}

/** Calls by hour of the week: 7 rows × 24 hours, darker where busier. */
export function Heatmap({ title, grid }: { title: string; grid: readonly (readonly number[])[] }) {
  const cell = 22;
  const left = 40;
  const top = 16;
  const max = Math.max(1, ...grid.flat());
  return (
    <ChartFigure
      title={title}
      columns={['Day', ...Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0'))]}
      rows={grid.map((row, d) => [WEEKDAYS[d], ...row])}
    >
      {(labelId) => (
        <svg
          className="chart-svg"
          viewBox={`0 0 ${left + 24 * cell} ${top + 7 * cell}`}
          role="img"
          aria-labelledby={labelId}
        >
          {Array.from({ length: 24 }, (_, h) =>
            h % 3 === 0 ? (
              <text key={h} x={left + h * cell + cell / 2} y={11} className="chart-axis" textAnchor="middle">
                {String(h).padStart(2, '0')}
              </text>
            ) : null,
          )}
          {grid.map((row, d) => (
            <g key={d}>
              <text
                x={left - 6}
                y={top + d * cell + cell / 2}
                className="chart-axis"
                textAnchor="end"
                dominantBaseline="middle"
              >
                {WEEKDAYS[d]}
              </text>
              {row.map((v, h) => (
                <rect
                  key={h}
                  x={left + h * cell + 1}
                  y={top + d * cell + 1}
                  width={cell - 2}
                  height={cell - 2}
                  className="chart-heat"
                  fillOpacity={v === 0 ? 0.06 : 0.2 + (0.8 * v) / max}
                >
                  <title>{`${WEEKDAYS[d]} ${String(h).padStart(2, '0')}:00: ${v}`}</title>
                </rect>
              ))}
            </g>
          ))}
        </svg>
      )}
    </ChartFigure>
  );
}
