import type { Extracted } from "../../pipeline/types.js";
import { TextBuilder } from "../../text/offsets.js";

/** Main content out of an HTML page. (First version: strips tags; the real extractor replaces it.) */
export function extractHtml(html: string, _opts: { url?: string | null } = {}): Extracted {
  const b = new TextBuilder();
  const re = /<[^>]*>/g;
  let last = 0;
  for (const m of html.matchAll(re)) {
    b.copy(html, last, m.index!);
    last = m.index! + m[0].length;
  }
  b.copy(html, last, html.length);
  const { text, map } = b.finish();
  return { text, map, removed: [], blocks: [], meta: {}, warnings: [] };
}
