/**
 * An analysed Article as a page: the clean text with quotes highlighted and coloured by speaker, speaker and
 * source chips, the source chain, entities, figures, dates, and the removed noise folded away.
 *
 * All article content is hostile: it reaches the DOM only as text nodes (see ../dom.ts).
 */
import type { Article, Quote, Source, Speaker } from "../api.js";
import { externalLink, h, type Child } from "../dom.js";
import { num, t } from "../i18n.js";
import { link } from "../routes.js";

/** Speaker colours: a strong tone (chip, underline) and a light one (quote background). */
const PALETTE: Array<[string, string]> = [
  ["#1d5fbf", "#dce8fb"],
  ["#b5452a", "#fbe2da"],
  ["#2c7a3f", "#dcf1e1"],
  ["#8a3fa8", "#f0e0f7"],
  ["#a36b00", "#fbedcc"],
  ["#00788a", "#d4f0f3"],
  ["#b0306a", "#f9dceb"],
  ["#5a5f14", "#ecefcf"],
];
const UNKNOWN: [string, string] = ["#666b73", "#e9eaec"];

export function speakerKey(s: Speaker | null): string {
  return s ? (s.entity ?? s.name.toLocaleLowerCase()) : "";
}

/** One colour per speaker, in order of first quote. */
export function speakerColours(quotes: Quote[]): Map<string, [string, string]> {
  const m = new Map<string, [string, string]>();
  for (const q of quotes) {
    const k = speakerKey(q.speaker);
    if (!k || m.has(k)) continue;
    m.set(k, PALETTE[m.size % PALETTE.length]);
  }
  return m;
}

function colourise(el: HTMLElement, c: [string, string]): HTMLElement {
  // CSSOM custom properties: allowed under the strict CSP (unlike style attributes).
  el.style.setProperty("--c", c[0]);
  el.style.setProperty("--cb", c[1]);
  return el;
}

function speakerTitle(s: Speaker): string {
  const how = t.resolved[s.resolvedBy] ?? s.resolvedBy;
  const mention = s.mention ? ` «${s.mention.text}»` : "";
  return `${t.resolvedBy}: ${how}${mention}`;
}

export function speakerChip(s: Speaker | null, colour: [string, string], asLink = true): HTMLElement {
  if (!s) return colourise(h("span", { class: "chip speaker unknown" }, t.unknownSpeaker), UNKNOWN);
  const chip = asLink
    ? h("a", { class: "chip speaker", href: link.speaker(s.name), title: speakerTitle(s), "data-resolved": s.resolvedBy }, s.name)
    : h("span", { class: "chip speaker", title: speakerTitle(s), "data-resolved": s.resolvedBy }, s.name);
  return colourise(chip, colour);
}

function sourceChip(s: Source): HTMLElement {
  return h(
    "a",
    { class: "chip source", href: link.search({ source: s.name }), title: s.cue ? `${t.cue}: «${s.cue.text}»` : null },
    s.name,
  );
}

/** Every chain of citation, from sources no one cites down their `cites` (Укрінформ → Yonhap). */
export function sourceChains(sources: Source[]): Source[][] {
  const byId = new Map(sources.map((s) => [s.id, s]));
  const cited = new Set(sources.flatMap((s) => s.cites));
  const chains: Source[][] = [];
  const walk = (s: Source, path: Source[]) => {
    const next = s.cites.map((id) => byId.get(id)).filter((x): x is Source => !!x && !path.includes(x));
    if (!next.length) chains.push([...path, s]);
    for (const n of next) walk(n, [...path, s]);
  };
  for (const s of sources) if (!cited.has(s.id)) walk(s, []);
  // A cycle has no root: show its members on their own.
  for (const s of sources) if (!chains.some((c) => c.includes(s))) chains.push([s]);
  return chains;
}

interface Mark {
  start: number;
  end: number;
  cls: string;
  quote?: Quote;
  colour?: [string, string];
  title?: string;
}

/** The marks drawn over the text: quotes (by speaker colour), speaker mentions, cues, entities, figures, dates. */
function marks(a: Article, colours: Map<string, [string, string]>): Mark[] {
  const out: Mark[] = [];
  for (const q of a.quotes) {
    const colour = colours.get(speakerKey(q.speaker)) ?? UNKNOWN;
    out.push({ start: q.start, end: q.end, cls: "q", quote: q, colour });
    if (q.cue) out.push({ start: q.cue.start, end: q.cue.end, cls: "cue", title: t.cue });
    if (q.speaker?.mention) {
      out.push({ start: q.speaker.mention.start, end: q.speaker.mention.end, cls: "spk", colour, title: speakerTitle(q.speaker) });
    }
  }
  for (const e of a.entities) {
    for (const m of e.mentions) out.push({ start: m.start, end: m.end, cls: `ent ent-${e.type}`, title: `${e.name} (${e.type})` });
  }
  for (const f of a.figures) out.push({ start: f.start, end: f.end, cls: "fig", title: f.unit ? `${num(f.value)} ${f.unit}` : num(f.value) });
  for (const d of a.dates) out.push({ start: d.start, end: d.end, cls: "date", title: d.value ?? "" });
  return out.filter((m) => m.end > m.start);
}

/** Text [start, end) with the marks that overlap it, as nested-free segments (one span per run of marks). */
function renderRange(text: string, start: number, end: number, all: Mark[]): Child[] {
  const ms = all.filter((m) => m.start < end && m.end > start);
  if (!ms.length) return [text.slice(start, end)];
  const cuts = new Set<number>([start, end]);
  for (const m of ms) {
    cuts.add(Math.max(start, m.start));
    cuts.add(Math.min(end, m.end));
  }
  const points = [...cuts].sort((x, y) => x - y);
  const out: Child[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const s = points[i];
    const e = points[i + 1];
    const on = ms.filter((m) => m.start <= s && m.end >= e);
    const piece = text.slice(s, e);
    if (!on.length) {
      out.push(piece);
      continue;
    }
    const q = on.find((m) => m.quote);
    const spk = on.find((m) => m.cls === "spk");
    const cls = [...new Set(on.flatMap((m) => m.cls.split(" ")))].join(" ");
    const title = on.map((m) => m.title).filter(Boolean).join(" · ") || null;
    const el = h("span", { class: cls, "data-q": q?.quote?.id ?? null, title }, piece);
    const colour = q?.colour ?? spk?.colour;
    if (colour) colourise(el, colour);
    out.push(el);
  }
  return out;
}

const BLOCK_TAG: Record<string, "h2" | "h3" | "p" | "blockquote" | "li" | "pre"> = {
  title: "h2",
  heading: "h3",
  lead: "p",
  paragraph: "p",
  "list-item": "li",
  blockquote: "blockquote",
  table: "pre",
  preformatted: "pre",
};

/** The article body: its blocks (or paragraphs split on blank lines when no structure was found). */
function body(a: Article, ms: Mark[]): HTMLElement {
  const wrap = h("div", { class: "article-text", "data-testid": "article-text", lang: a.lang });
  let blocks: Array<{ start: number; end: number; kind: string }> = a.blocks;
  if (!blocks.length) {
    blocks = [];
    const re = /\n\s*\n/g;
    let last = 0;
    for (let m = re.exec(a.text); m; m = re.exec(a.text)) {
      blocks.push({ start: last, end: m.index, kind: "paragraph" });
      last = m.index + m[0].length;
    }
    blocks.push({ start: last, end: a.text.length, kind: "paragraph" });
  }
  for (const b of blocks) {
    if (b.end <= b.start) continue;
    const tag = BLOCK_TAG[b.kind] ?? "p";
    const el = h(tag, { class: `blk blk-${b.kind}` }, renderRange(a.text, b.start, b.end, ms));
    wrap.append(el);
  }
  return wrap;
}

function panel(title: string, testid: string, ...children: Child[]): HTMLElement {
  return h("section", { class: "panel", "data-testid": testid }, h("h3", null, title), ...children);
}

function quoteCard(q: Quote, a: Article, colours: Map<string, [string, string]>): HTMLElement {
  const colour = colours.get(speakerKey(q.speaker)) ?? UNKNOWN;
  const via = q.via.map((id) => a.sources.find((s) => s.id === id)).filter((s): s is Source => !!s);
  const card = h(
    "li",
    { class: "quote-card", "data-q": q.id, "data-testid": "quote" },
    h("div", { class: "quote-head" }, speakerChip(q.speaker, colour), h("span", { class: `kind kind-${q.kind}` }, t[q.kind] ?? q.kind)),
    h("blockquote", { class: "quote-text" }, q.text),
    h(
      "div",
      { class: "quote-meta" },
      q.cue ? h("span", null, `${t.cue}: `, h("em", null, q.cue.text)) : null,
      via.length ? h("span", null, ` ${t.via} `, via.map(sourceChip)) : null,
    ),
  );
  return colourise(card, colour);
}

/** Links quote cards and highlighted text: hovering one lights the other; clicking a card's text shows the quote in the article. */
function wireHover(root: HTMLElement): void {
  root.addEventListener("click", (e) => {
    const target = e.target as Element;
    if (target.closest("a")) return;
    const card = target.closest(".quote-card");
    const id = card?.getAttribute("data-q");
    if (!id) return;
    root.querySelector(`.article-text [data-q="${CSS.escape(id)}"]`)?.scrollIntoView({ behavior: "smooth", block: "center" });
  });
  const light = (id: string | null, on: boolean) => {
    if (!id) return;
    for (const el of root.querySelectorAll(`[data-q="${CSS.escape(id)}"]`)) el.classList.toggle("hl", on);
  };
  root.addEventListener("mouseover", (e) => light((e.target as Element).closest?.("[data-q]")?.getAttribute("data-q") ?? null, true));
  root.addEventListener("mouseout", (e) => light((e.target as Element).closest?.("[data-q]")?.getAttribute("data-q") ?? null, false));
}

function titleInBody(a: Article): boolean {
  const b = a.blocks[0];
  if (!b || b.kind !== "title") return false;
  const norm = (x: string) => x.replace(/\s+/g, " ").trim();
  return !!a.title && norm(a.text.slice(b.start, b.end)) === norm(a.title);
}

export function articleView(a: Article): HTMLElement {
  const colours = speakerColours(a.quotes);
  const ms = marks(a, colours);

  const speakers = new Map<string, Speaker>();
  for (const q of a.quotes) if (q.speaker && !speakers.has(speakerKey(q.speaker))) speakers.set(speakerKey(q.speaker), q.speaker);

  const metaLine = h(
    "p",
    { class: "meta" },
    [a.publisher, a.published, a.lang.toUpperCase(), a.authors.join(", ")].filter(Boolean).join(" · "),
    a.url ? [" · ", externalLink(a.url, t.openOriginal)] : null,
  );

  const entitiesByType = new Map<string, Article["entities"]>();
  for (const e of a.entities) entitiesByType.set(e.type, [...(entitiesByType.get(e.type) ?? []), e]);

  const removedByKind = new Map<string, Article["removed"]>();
  for (const r of a.removed) removedByKind.set(r.kind, [...(removedByKind.get(r.kind) ?? []), r]);

  const side = h(
    "aside",
    { class: "side" },
    panel(
      t.speakers,
      "speakers",
      speakers.size
        ? h("div", { class: "chips" }, [...speakers].map(([k, s]) => speakerChip(s, colours.get(k) ?? UNKNOWN)))
        : h("p", { class: "muted" }, t.none),
    ),
    panel(
      t.sourceChain,
      "sources",
      a.sources.length
        ? h(
            "ul",
            { class: "chains" },
            sourceChains(a.sources).map((chain) =>
              h("li", { class: "chain" }, chain.flatMap((s, i) => (i ? [h("span", { class: "arrow" }, " → "), sourceChip(s)] : [sourceChip(s)]))),
            ),
          )
        : h("p", { class: "muted" }, t.none),
    ),
    panel(
      t.entities,
      "entities",
      a.entities.length
        ? [...entitiesByType].map(([type, es]) =>
            h(
              "div",
              { class: "ent-group" },
              h("h4", null, t.types[type] ?? type),
              h(
                "div",
                { class: "chips" },
                es
                  .slice()
                  .sort((x, y) => y.mentions.length - x.mentions.length)
                  .map((e) =>
                    h(
                      "a",
                      { class: `chip ent ent-${e.type}`, href: link.search({ entity: e.name }), title: e.aliases.join(", ") || null },
                      e.name,
                      h("span", { class: "count" }, String(e.mentions.length)),
                    ),
                  ),
              ),
            ),
          )
        : h("p", { class: "muted" }, t.none),
    ),
    panel(
      t.figures,
      "figures",
      a.figures.length
        ? h(
            "ul",
            { class: "plain" },
            a.figures.map((f) =>
              h("li", null, h("span", { class: "fig" }, f.text), f.unit ? h("span", { class: "muted" }, ` — ${f.approx ? t.approx + " " : ""}${num(f.value)} ${f.unit}`) : null),
            ),
          )
        : h("p", { class: "muted" }, t.none),
    ),
    panel(
      t.dates,
      "dates",
      a.dates.length
        ? h(
            "ul",
            { class: "plain" },
            a.dates.map((d) => h("li", null, h("span", { class: "date" }, d.text), ` → ${d.value ?? "?"}`, d.relative ? h("span", { class: "muted" }, ` (${t.relative})`) : null)),
          )
        : h("p", { class: "muted" }, t.none),
    ),
  );

  const removed = h(
    "details",
    { class: "removed", "data-testid": "removed" },
    h("summary", null, `${t.removed} (${t.removedPieces(a.removed.length)})`),
    [...removedByKind].map(([kind, rs]) =>
      h("div", { class: "removed-kind" }, h("h4", null, `${t.noiseKinds[kind] ?? kind} (${rs.length})`), h("ul", { class: "plain" }, rs.map((r) => h("li", { title: r.rule ?? null }, r.text)))),
    ),
  );

  const quotes = panel(
    `${t.quotes} (${a.quotes.length})`,
    "quotes",
    a.quotes.length ? h("ol", { class: "quote-list" }, a.quotes.map((q) => quoteCard(q, a, colours))) : h("p", { class: "muted" }, t.noQuotes),
  );

  const root = h(
    "article",
    { class: "analysis", "data-testid": "analysis" },
    // The title above the text, unless the body starts with it already. An untitled text gets no made-up
    // heading: its first lines are right below.
    a.title && !titleInBody(a) ? h("h2", { class: "article-title" }, a.title) : null,
    metaLine,
    a.warnings.length ? h("details", { class: "warnings" }, h("summary", null, `${t.warnings} (${a.warnings.length})`), h("ul", null, a.warnings.map((w) => h("li", null, w)))) : null,
    h("div", { class: "analysis-grid" }, h("div", { class: "main-col" }, body(a, ms), quotes, removed), side),
  );
  wireHover(root);
  return root;
}
