/**
 * Small SVG charts drawn with DOM calls (no library): a bar chart over months and a layered citation graph.
 * Labels are article content (outlet and source names) and go in as text nodes.
 */
import { svg } from "../dom.js";

/** Every month from the first to the last, so gaps show as empty bars. */
export function fillMonths(points: Array<{ month: string; count: number }>): Array<{ month: string; count: number }> {
  if (!points.length) return [];
  const have = new Map(points.map((p) => [p.month, p.count]));
  const sorted = [...have.keys()].sort();
  let [y, m] = sorted[0].split("-").map(Number);
  const [ey, em] = sorted[sorted.length - 1].split("-").map(Number);
  const out: Array<{ month: string; count: number }> = [];
  for (let guard = 0; (y < ey || (y === ey && m <= em)) && guard < 600; guard++) {
    const key = `${y}-${String(m).padStart(2, "0")}`;
    out.push({ month: key, count: have.get(key) ?? 0 });
    if (++m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

export function monthBars(points: Array<{ month: string; count: number }>, label: string): SVGElement {
  const data = fillMonths(points);
  const H = 180;
  const pad = { l: 32, r: 8, t: 10, b: 34 };
  const max = Math.max(1, ...data.map((d) => d.count));
  // Bars no wider than 40 px and a chart no wider than its months need: one month is a bar, not a slab.
  const bw = Math.min(40, 600 / Math.max(1, data.length));
  const W = pad.l + pad.r + Math.max(4, data.length) * bw;
  const y = (v: number) => pad.t + (H - pad.t - pad.b) * (1 - v / max);
  const every = Math.ceil(data.length / 8);
  return svg(
    "svg",
    { viewBox: `0 0 ${W} ${H}`, width: W, height: H, class: "chart", role: "img", "aria-label": label, "data-testid": "timeline-chart" },
    svg("line", { x1: pad.l, x2: W - pad.r, y1: H - pad.b, y2: H - pad.b, class: "axis" }),
    svg("text", { x: pad.l - 6, y: pad.t + 8, class: "tick", "text-anchor": "end" }, String(max)),
    svg("text", { x: pad.l - 6, y: H - pad.b, class: "tick", "text-anchor": "end" }, "0"),
    data.map((d, i) =>
      svg(
        "g",
        null,
        svg(
          "rect",
          { x: pad.l + i * bw + bw * 0.1, y: y(d.count), width: Math.max(1, bw * 0.8), height: H - pad.b - y(d.count), class: "bar" },
          svg("title", null, `${d.month}: ${d.count}`),
        ),
        i % every === 0 ? svg("text", { x: pad.l + i * bw + bw / 2, y: H - pad.b + 16, class: "tick", "text-anchor": "middle" }, d.month) : null,
      ),
    ),
  );
}

export interface GraphEdge {
  from: string;
  to: string;
  weight: number;
}

/**
 * A left-to-right layered graph: outlets in the first column, what they cite in the next, and so on
 * (a node's column is its longest citation path from an outlet). Edge width follows the article count.
 */
export function layeredGraph(outlets: string[], edges: GraphEdge[], label: string): SVGElement {
  const nodes = new Set<string>(outlets);
  for (const e of edges) nodes.add(e.from).add(e.to);
  const layer = new Map<string, number>();
  for (const n of nodes) layer.set(n, outlets.includes(n) ? 0 : 1);
  // Longest path relaxation, bounded by the node count (cycles cannot loop forever).
  for (let round = 0; round < nodes.size; round++) {
    let changed = false;
    for (const e of edges) {
      const want = (layer.get(e.from) ?? 0) + 1;
      if (want > (layer.get(e.to) ?? 0) && want < nodes.size + 1 && !outlets.includes(e.to)) {
        layer.set(e.to, want);
        changed = true;
      }
    }
    if (!changed) break;
  }
  const cols: string[][] = [];
  for (const [n, l] of layer) (cols[l] ??= []).push(n);
  const colCount = cols.length;
  const rows = Math.max(1, ...cols.map((c) => c?.length ?? 0));
  const W = Math.max(440, colCount * 250);
  const rowH = 38;
  const top = edges.some((e) => (layer.get(e.to) ?? 0) - (layer.get(e.from) ?? 0) > 1) ? rowH : 0;
  const H = rows * rowH + 20 + top;
  const pos = new Map<string, { x: number; y: number }>();
  cols.forEach((c, ci) => {
    if (!c) return;
    const x = 16 + ci * ((W - 200) / Math.max(1, colCount - 1 || 1));
    const offset = top + (H - top - c.length * rowH) / 2;
    c.forEach((n, ri) => pos.set(n, { x, y: offset + ri * rowH + rowH / 2 }));
  });
  const maxW = Math.max(1, ...edges.map((e) => e.weight));
  const nodeW = 176;
  return svg(
    "svg",
    { viewBox: `0 0 ${W} ${H}`, width: W, height: H, class: "graph", role: "img", "aria-label": label, "data-testid": "citation-graph" },
    svg(
      "defs",
      null,
      svg("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 9, markerHeight: 9, markerUnits: "userSpaceOnUse", orient: "auto-start-reverse" }, svg("path", { d: "M 0 0 L 10 5 L 0 10 z", class: "arrowhead" })),
    ),
    edges.map((e) => {
      const a = pos.get(e.from)!;
      const b = pos.get(e.to)!;
      const x1 = a.x + nodeW;
      const x2 = b.x;
      const mx = (x1 + x2) / 2;
      // An edge that skips a column would run behind the nodes in between: it bows out above them instead.
      const skips = (layer.get(e.to) ?? 0) - (layer.get(e.from) ?? 0) > 1;
      const d = skips
        ? `M ${x1} ${a.y} C ${x1 + 60} ${Math.min(a.y, b.y) - rowH * 1.2}, ${x2 - 60} ${Math.min(a.y, b.y) - rowH * 1.2}, ${x2} ${b.y}`
        : `M ${x1} ${a.y} C ${mx} ${a.y}, ${mx} ${b.y}, ${x2} ${b.y}`;
      return svg(
        "path",
        { d, class: "edge", "stroke-width": 1 + (3 * e.weight) / maxW, "marker-end": "url(#arrow)" },
        svg("title", null, `${e.from} → ${e.to} (${e.weight})`),
      );
    }),
    [...pos].map(([n, p]) =>
      svg(
        "g",
        { class: outlets.includes(n) ? "node outlet" : "node source" },
        svg("rect", { x: p.x, y: p.y - 13, width: nodeW, height: 26, rx: 6 }),
        svg("text", { x: p.x + nodeW / 2, y: p.y + 4, "text-anchor": "middle" }, n.length > 24 ? n.slice(0, 23) + "…" : n),
        svg("title", null, n),
      ),
    ),
  );
}

/** Articles of a story on a time axis: one dot per article, labelled with its outlet. */
export function dotTimeline(items: Array<{ date: string; label: string; first: boolean }>, label: string): SVGElement {
  const dated = items.filter((i) => !Number.isNaN(Date.parse(i.date)));
  const W = 640;
  const H = 40 + dated.length * 22;
  const times = dated.map((i) => Date.parse(i.date));
  const t0 = Math.min(...times);
  const t1 = Math.max(...times);
  const span = Math.max(1, t1 - t0);
  const x = (v: number) => 20 + ((W - 260) * (v - t0)) / span;
  return svg(
    "svg",
    { viewBox: `0 0 ${W} ${H}`, width: W, height: H, class: "chart", role: "img", "aria-label": label, "data-testid": "story-timeline" },
    svg("line", { x1: 20, x2: W - 240, y1: H - 16, y2: H - 16, class: "axis" }),
    dated.length ? svg("text", { x: 20, y: H - 2, class: "tick" }, dated.map((d) => d.date).sort()[0].slice(0, 10)) : null,
    dated.length ? svg("text", { x: W - 240, y: H - 2, class: "tick", "text-anchor": "end" }, dated.map((d) => d.date).sort().slice(-1)[0].slice(0, 10)) : null,
    dated
      .slice()
      .sort((a, b) => Date.parse(a.date) - Date.parse(b.date))
      .map((d, i) => {
        const cx = x(Date.parse(d.date));
        const cy = 16 + i * 22;
        return svg(
          "g",
          null,
          svg("line", { x1: cx, x2: cx, y1: cy, y2: H - 16, class: "stem" }),
          svg("circle", { cx, cy, r: d.first ? 7 : 5, class: d.first ? "dot first" : "dot" }),
          svg("text", { x: cx + 10, y: cy + 4, class: "tick" }, `${d.date.slice(0, 10)} · ${d.label}`),
        );
      }),
  );
}
