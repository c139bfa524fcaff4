import type { Block } from "../../article.js";
import type { Extracted } from "../../pipeline/types.js";
import { TextBuilder } from "../../text/offsets.js";

/** Plain text as a scraper left it → paragraphs. (First version: blank-line paragraphs.) */
export function extractPlainText(input: string): Extracted {
  const b = new TextBuilder();
  const blocks: Block[] = [];
  const re = /[^\n]+/g;
  for (const m of input.matchAll(re)) {
    const line = m[0].trim();
    if (!line) continue;
    const s = m.index! + m[0].indexOf(line);
    if (b.textLength) b.insert("\n\n");
    const start = b.textLength;
    b.copy(input, s, s + line.length);
    blocks.push({ kind: "paragraph", start, end: b.textLength });
  }
  const { text, map } = b.finish();
  return { text, map, removed: [], blocks, meta: {}, warnings: [] };
}

/** Boilerplate (ads, teasers, share lines) out of extracted text. */
export function cleanExtracted(ex: Extracted, _opts: { fromHtml: boolean }): Extracted {
  return ex;
}
