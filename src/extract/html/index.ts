/**
 * HTML page → main content: clean text with a map back to the HTML, blocks, removed pieces with their kind,
 * and page metadata. See docs/extraction.md.
 *
 *   parseDom (htmlparser2, offsets kept) → segment (text blocks) → readMeta (JSON-LD, meta tags)
 *   → selectContent (container + per-block decisions) → emit (TextBuilder: text, map, blocks, removed)
 */
import type { Block, Removed } from "../../article.js";
import type { Extracted, ExtractedMeta } from "../../pipeline/types.js";
import { TextBuilder, toSource } from "../../text/offsets.js";
import { parseDom, type Element } from "./dom.js";
import { segment, type RawBlock } from "./segment.js";
import { selectContent, type Decision } from "./content.js";
import { dateFromUrl, readMeta, splitAuthors, titleSimilarity, visibleDate } from "./meta.js";
import { isDateLine, normalizeDate } from "./dates.js";
import { writeBlock } from "./text.js";
import { articleBodyParagraphs, writeOps } from "./jsonld-body.js";

export interface ExtractHtmlOptions {
  /** The page's URL, when known (metadata fallback, dates in URLs). */
  url?: string | null;
}

/** Signatures of binary formats that sometimes arrive labelled as HTML. */
const BINARY_SIGNATURES: [RegExp, string][] = [
  [/^%PDF-/, "a PDF document"],
  [/^\u0089PNG/, "a PNG image"],
  [/^GIF8[79]a/, "a GIF image"],
  [/^\u00ff\u00d8\u00ff|^\ufffd\ufffd\ufffd/, "a JPEG image"],
  [/^PK\u0003\u0004/, "a ZIP archive"],
  [/^RIFF....WEBP/s, "a WebP image"],
];

const empty = (warning: string): Extracted => ({ text: "", map: [0, 0], removed: [], blocks: [], meta: {}, warnings: [warning] });

/** Main content out of an HTML page. Never throws on malformed HTML; returns an empty result with a warning for non-HTML. */
export function extractHtml(html: string, opts: ExtractHtmlOptions = {}): Extracted {
  const head = html.slice(0, 16).trimStart();
  for (const [re, what] of BINARY_SIGNATURES) if (re.test(head)) return empty(`input is ${what}, not HTML: nothing extracted`);
  if (html.slice(0, 4096).includes("\u0000")) return empty("input contains NUL bytes (binary data), not HTML: nothing extracted");

  const warnings: string[] = [];
  const dom = parseDom(html);
  const pm = readMeta(dom, { url: opts.url ?? null });
  const blocks = segment(dom);
  if (dom.frameset) {
    const frames = dom.elements.filter((e) => e.tag === "frame" && e.attrs.src).map((e) => e.attrs.src);
    warnings.push(`frameset page: the content is in other documents${frames.length ? ` (${frames.slice(0, 5).join(", ")})` : ""}`);
  }
  const { decisions, headline } = selectContent(dom, blocks, { articleBody: pm.articleBody, titles: pm.titleCandidates, titleSim: titleSimilarity });

  // Emit kept blocks in document order (the headline first when it sits before the content).
  const b = new TextBuilder();
  const out: Block[] = [];
  const removed: Removed[] = [];
  let prev: RawBlock | null = null;
  const emit = (rb: RawBlock, d: Decision) => {
    if (b.textLength) b.insert(prev && sameList(prev, rb) ? "\n" : "\n\n");
    const start = b.textLength;
    writeBlock(html, rb.pieces, b, rb.kind === "preformatted");
    // (A lead some CMS wrapped in a heading tag is a lead: content.ts kept it as one.)
    const kind = d.title ? "title" : d.lead && (rb.kind === "paragraph" || d.rule === "lead-before-container") ? "lead" : rb.kind;
    const blk: Block = { kind, start, end: b.textLength };
    if (rb.kind === "heading" && rb.level && kind !== "lead") blk.level = rb.level;
    out.push(blk);
    prev = rb;
  };
  // Removed pieces: consecutive blocks removed for the same reason by the same element become one piece.
  let group: { kind: Removed["kind"]; rule?: string; by: Element | null | undefined; texts: string[]; start: number; end: number } | null = null;
  const closeGroup = () => {
    if (group) removed.push({ kind: group.kind, text: group.texts.join("\n"), inputStart: group.start, inputEnd: group.end, rule: group.rule });
    group = null;
  };
  for (let i = 0; i < blocks.length; i++) {
    const rb = blocks[i];
    const d = decisions[i];
    if (d.keep) {
      closeGroup();
      emit(rb, d);
      continue;
    }
    const kind = d.kind ?? "other";
    if (group && group.kind === kind && group.rule === d.rule && group.by === d.by) {
      group.texts.push(rb.text);
      group.end = rb.end;
    } else {
      closeGroup();
      group = { kind, rule: d.rule, by: d.by, texts: [rb.text], start: rb.start, end: rb.end };
    }
  }
  closeGroup();
  let { text, map } = b.finish();
  let blocksOut = out;

  // The page's JSON-LD articleBody, when the visible HTML holds much less of the article than it does.
  const bodyLen = out.filter((x) => x.kind !== "title").reduce((n, x) => n + x.end - x.start, 0);
  if (pm.articleBody && pm.articleBody.length > 300 && bodyLen < 0.5 * pm.articleBody.replace(/\s+/g, " ").length) {
    const paras = articleBodyParagraphs(html);
    if (paras && paras.length) {
      const fb = new TextBuilder();
      const fbBlocks: Block[] = [];
      const titleBlock = out.find((x) => x.kind === "title");
      if (titleBlock) {
        // Re-emit the headline from its own source position.
        const rb = blocks[headline];
        writeBlock(html, rb.pieces, fb);
        fbBlocks.push({ kind: "title", start: 0, end: fb.textLength });
      }
      for (const ops of paras) {
        if (!ops.some((o) => /\S/.test(o.text ?? html.slice(o.start, o.end)))) continue;
        if (fb.textLength) fb.insert("\n\n");
        const start = fb.textLength;
        const n = writeOps(html, ops, fb);
        if (n > 0) fbBlocks.push({ kind: "paragraph", start, end: fb.textLength });
      }
      const fin = fb.finish();
      if (fbBlocks.filter((x) => x.kind !== "title").length) {
        for (const x of out) {
          if (x.kind === "title") continue;
          removed.push({ kind: "other", text: text.slice(x.start, x.end), inputStart: toSource(map, x.start), inputEnd: toSource(map, x.end, true), rule: "superseded-by-jsonld-articleBody" });
        }
        removed.sort((a, c) => a.inputStart - c.inputStart);
        text = fin.text;
        map = fin.map;
        blocksOut = fbBlocks;
        warnings.push("the visible page holds only part of the article; text taken from its JSON-LD articleBody");
      }
    }
  }

  // Metadata that needs the content decision: the visible headline, date lines and bylines near it.
  const meta: ExtractedMeta = {
    title: pm.title,
    published: pm.published,
    modified: pm.modified,
    authors: pm.authors,
    publisher: pm.publisher,
    url: pm.url,
    lang: pm.lang,
    extra: pm.extra,
  };
  if (headline >= 0) {
    const h = blocks[headline].text;
    // The visible headline is the title as the reader sees it (no site name); metadata titles are often
    // shortened or suffixed for search engines.
    if (!meta.title || titleSimilarity(h, meta.title) >= 0.5) meta.title = h;
  }
  const anchor = headline >= 0 ? headline : Math.max(0, decisions.findIndex((d) => d.keep));
  const near = blocks.slice(Math.max(0, anchor - 8), anchor + 25);
  if (!meta.published) {
    // Without machine metadata: a <time datetime> or a date line next to the headline (sidebars carry dates
    // of other stories, so position matters), then any <time>, then the URL.
    const close = blocks.slice(Math.max(0, anchor - 3), anchor + 10);
    const inRange = (r: RawBlock[]) => {
      const from = r.length ? r[0].start : 0;
      const to = r.length ? r[r.length - 1].end : html.length;
      return pm.times.find((x) => x.at >= from && x.at <= to);
    };
    const dateLines = (r: RawBlock[]) => visibleDate(r.filter((x) => isDateLine(x.text) || x.len < 120).map((x) => x.text));
    // The candidate closest to the headline (or the content start) in the source wins.
    const at = blocks[anchor]?.start ?? 0;
    const cands: { dist: number; value: string }[] = [];
    if (close.length) {
      for (const t of pm.times) {
        const v = normalizeDate(t.datetime);
        if (v && t.at >= close[0].start && t.at <= close[close.length - 1].end) cands.push({ dist: Math.abs(t.at - at), value: v });
      }
      for (const x of close) {
        const v = isDateLine(x.text) ? visibleDate([x.text]) : null;
        if (v) cands.push({ dist: Math.abs(x.start - at), value: v });
      }
    }
    cands.sort((a, b) => a.dist - b.dist);
    meta.published =
      cands[0]?.value ??
      normalizeDate(inRange(near)?.datetime) ??
      dateLines(near) ??
      normalizeDate(pm.times[0]?.datetime) ??
      dateFromUrl(pm.url ?? opts.url ?? null);
  }
  if (!meta.authors?.length) {
    const by = near.map((x, k) => ({ x, d: decisions[blocks.indexOf(x) >= 0 ? x.index : k] })).filter(({ d }) => !d.keep && d.kind === "byline");
    const names = by.flatMap(({ x }) => (x.len < 80 ? splitAuthors(x.text) : []));
    if (names.length) meta.authors = [...new Set(names)].slice(0, 5);
  }
  const firstPara = blocksOut.find((x) => x.kind === "lead" || x.kind === "paragraph");
  if (firstPara && blocksOut.some((x) => x.kind === "lead")) meta.lead = text.slice(firstPara.start, firstPara.end);
  if (!text.trim() && !dom.frameset) warnings.push("no article text found in the HTML");
  return { text, map, removed, blocks: blocksOut, meta, warnings };
}

/** For people tuning the extractor: every block with its decision, and the chosen container. */
export function explainHtml(html: string, opts: ExtractHtmlOptions & { fullText?: boolean } = {}): string {
  const dom = parseDom(html);
  const pm = readMeta(dom, { url: opts.url ?? null });
  const blocks = segment(dom);
  const r = selectContent(dom, blocks, { articleBody: pm.articleBody, titles: pm.titleCandidates, titleSim: titleSimilarity });
  const c = r.container;
  const lines = [`container <${c.tag} class="${c.attrs.class ?? ""}" id="${c.attrs.id ?? ""}"> depth ${c.depth} text ${c.textLen}; articleBody ${pm.articleBody ? pm.articleBody.length : 0}`];
  for (const b of blocks) {
    const d = r.decisions[b.index];
    const o = b.owner;
    lines.push(
      `${d.keep ? (d.title ? "T" : "+") : "-"} ${String(b.index).padStart(4)} ${(d.kind ?? "").padEnd(8)} ${(d.rule ?? "").padEnd(16)} ${b.kind.slice(0, 4)} L${b.len} ld${(b.linkLen / b.len).toFixed(2)} <${o.tag}.${(o.attrs.class ?? "").slice(0, 30)}> ${opts.fullText ? b.text : b.text.slice(0, 90)}`,
    );
  }
  return lines.join("\n");
}

/** Consecutive list items or table rows of the same list/table are separated by one newline, not two. */
function sameList(a: RawBlock, b: RawBlock): boolean {
  if (a.kind !== b.kind || (a.kind !== "list-item" && a.kind !== "table")) return false;
  return a.owner.parent === b.owner.parent;
}
