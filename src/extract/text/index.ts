import type { Block, Removed } from "../../article.js";
import type { Extracted, ExtractedMeta } from "../../pipeline/types.js";
import { appendNormalized, normalizeText } from "../../text/normalize.js";
import { composeMaps, TextBuilder, toSource } from "../../text/offsets.js";
import { findBoilerplate } from "./boilerplate.js";
import { plainTextUnits, setUnitText, splitLines, type Unit } from "./lines.js";

/**
 * Plain text as a scraper left it → clean article text: normalised (see `text/normalize.ts`), split into
 * paragraphs (one per line, or per hard-wrapped paragraph), boilerplate cut (see `boilerplate.ts`). Every
 * cut piece is in `removed` with its input offsets; blocks are all "paragraph" here — the structure stage
 * tells titles, leads and headings apart.
 */
export function extractPlainText(input: string): Extracted {
  const units = plainTextUnits(input);
  const { meta, ...out } = buildClean(input, units, { plain: true });
  return { ...out, meta, warnings: [] };
}

/**
 * The same cleaning over what another extractor produced (HTML main content): normalisation and boilerplate
 * removal over its blocks (inline "Читайте також" teasers live inside HTML bodies too), with the maps
 * composed so offsets still reach the original input. Plain text from `extractPlainText` is already clean
 * and is returned as it is.
 */
export function cleanExtracted(ex: Extracted, opts: { fromHtml: boolean }): Extracted {
  if (!opts.fromHtml) return ex;
  const src = ex.text;
  const units: Unit[] = [];
  if (ex.blocks.length) {
    // Text between blocks (an extractor should leave none but white space) becomes paragraphs of its own:
    // nothing is dropped silently.
    const gapUnits = (from: number, to: number) => {
      for (const l of splitLines(src, from, to)) {
        const parts: Array<[number, number]> = [[l.start, l.end]];
        units.push(setUnitText({ parts, text: "", kind: "paragraph", gapBefore: true }, src));
      }
    };
    let prevEnd = 0;
    for (const bl of [...ex.blocks].sort((a, b) => a.start - b.start)) {
      if (bl.start > prevEnd) gapUnits(prevEnd, bl.start);
      prevEnd = Math.max(prevEnd, bl.end);
      const lines = splitLines(src, bl.start, bl.end);
      if (!lines.length) continue;
      // A block keeps its inner line breaks (<br>); the cleaner judges the block as a whole.
      const parts: Array<[number, number]> = [[lines[0].start, lines[lines.length - 1].end]];
      units.push(setUnitText({ parts, text: "", kind: bl.kind, level: bl.level, gapBefore: true }, src));
    }
    if (prevEnd < src.length) gapUnits(prevEnd, src.length);
  } else {
    for (const l of splitLines(src)) {
      const parts: Array<[number, number]> = [[l.start, l.end]];
      units.push(setUnitText({ parts, text: "", kind: "paragraph", gapBefore: l.blankBefore }, src));
    }
  }
  const { meta: _found, ...out } = buildClean(src, units, { plain: !ex.blocks.length });
  const removed = [
    ...ex.removed,
    ...out.removed.map((r) => ({ ...r, inputStart: toSource(ex.map, r.inputStart), inputEnd: toSource(ex.map, r.inputEnd, true) })),
  ].sort((a, b) => a.inputStart - b.inputStart);
  return { ...ex, text: out.text, map: composeMaps(out.map, ex.map), blocks: out.blocks, removed };
}

/** Builds the clean text from the units that are not boilerplate; `removed` offsets are into `src`. */
function buildClean(src: string, units: Unit[], opts: { plain: boolean }) {
  const cut = findBoilerplate(units, opts);
  const b = new TextBuilder();
  const blocks: Block[] = [];
  const removed: Removed[] = [];
  const meta: ExtractedMeta = {};
  for (let i = 0; i < units.length; i++) {
    const u = units[i];
    const c = cut.get(i);
    if (c?.published && !meta.published) meta.published = c.published;
    if (c?.author) (meta.authors ??= []).push(c.author);
    let parts = u.parts;
    if (c && c.from === undefined) {
      removed.push({ kind: c.kind, text: u.text, inputStart: u.parts[0][0], inputEnd: u.parts[u.parts.length - 1][1], rule: c.rule });
      continue;
    }
    if (c && c.from !== undefined) {
      // Keep the head, cut the tail: find the tail's source offset through the unit's normalisation map.
      const [s0, e0] = u.parts[0];
      const norm = normalizeText(src.slice(s0, e0));
      const at = s0 + toSource(norm.map, c.from);
      let headEnd = at;
      while (headEnd > s0 && /\s/.test(src[headEnd - 1])) headEnd--;
      removed.push({ kind: c.kind, text: u.text.slice(c.from), inputStart: at, inputEnd: e0, rule: c.rule });
      parts = [[s0, headEnd]];
    }
    if (b.textLength) b.insert("\n\n");
    const start = b.textLength;
    if (u.verbatim && parts === u.parts) b.copy(src, parts[0][0], parts[0][1]); // nothing to normalise
    else {
      for (let p = 0; p < parts.length; p++) {
        const [s, e] = parts[p];
        if (p > 0) b.replace(" ", parts[p - 1][1], s); // the line break (and indent) of a hard-wrapped paragraph
        appendNormalized(b, src, s, e);
      }
    }
    const block: Block = { kind: u.kind, start, end: b.textLength };
    if (u.level !== undefined) block.level = u.level;
    blocks.push(block);
  }
  const { text, map } = b.finish();
  return { text, map, blocks, removed, meta };
}
