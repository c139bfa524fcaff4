/**
 * Fallback for pages whose visible HTML holds only a teaser (the rest is rendered by JavaScript or sits
 * behind a paywall script) while the schema.org JSON-LD carries the full `articleBody`. The text is taken
 * from the JSON string literal inside the page, so every character still maps back to the HTML: JSON escapes
 * (\n, \", \u00e9) become replacements over their source span.
 */
import { decodeHTML } from "entities";
import type { Sink } from "./text.js";

/** One paragraph of the articleBody as source operations: [kind, text, start, end] (copy when text is null). */
export type Op = { text: string | null; start: number; end: number };

/**
 * Finds the `"articleBody": "…"` string literal in the HTML and splits it into paragraphs of source
 * operations. Returns null when there is none or it is malformed.
 */
export function articleBodyParagraphs(html: string): Op[][] | null {
  const key = /"articleBody"\s*:\s*"/g;
  let best: { start: number; end: number } | null = null;
  for (const m of html.matchAll(key)) {
    const start = m.index! + m[0].length;
    // Scan to the closing quote (a quote not escaped).
    let i = start;
    while (i < html.length) {
      const c = html.charCodeAt(i);
      if (c === 92 /* \ */) i += 2;
      else if (c === 34 /* " */) break;
      else i++;
    }
    if (i >= html.length) continue;
    if (!best || i - start > best.end - best.start) best = { start, end: i };
  }
  if (!best || best.end - best.start < 200) return null;
  const paras: Op[][] = [];
  let cur: Op[] = [];
  let runStart = best.start;
  const flushRun = (i: number) => {
    if (i > runStart) cur.push({ text: null, start: runStart, end: i });
  };
  const breakPara = () => {
    if (cur.length) paras.push(cur);
    cur = [];
  };
  let i = best.start;
  while (i < best.end) {
    const c = html.charCodeAt(i);
    if (c === 92) {
      flushRun(i);
      const e = html[i + 1];
      let len = 2;
      let out: string | null = null;
      if (e === "n" || e === "r") {
        breakPara();
      } else if (e === "t") out = " ";
      else if (e === "u") {
        const code = parseInt(html.slice(i + 2, i + 6), 16);
        len = 6;
        if (!Number.isNaN(code)) out = String.fromCharCode(code);
        if (out === "\n" || out === "\r") {
          out = null;
          breakPara();
        }
      } else if (e === "/" || e === '"' || e === "\\" || e === "'") out = e;
      if (out) cur.push({ text: out, start: i, end: i + len });
      i += len;
      runStart = i;
      continue;
    }
    if (c === 60 /* < */) {
      // Markup inside articleBody (some CMSs put HTML there): a tag ends the paragraph or is skipped.
      const close = html.indexOf(">", i);
      if (close > 0 && close < best.end) {
        flushRun(i);
        const tag = html.slice(i, close + 1).toLowerCase();
        if (/^<\/?(p|br|div|h\d|li|ul|ol|blockquote)\b/.test(tag)) breakPara();
        i = close + 1;
        runStart = i;
        continue;
      }
    }
    if (c === 38 /* & */) {
      const m = /^&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});/i.exec(html.slice(i, i + 40));
      if (m) {
        flushRun(i);
        cur.push({ text: decodeHTML(m[0]), start: i, end: i + m[0].length });
        i += m[0].length;
        runStart = i;
        continue;
      }
    }
    i++;
  }
  flushRun(best.end);
  breakPara();
  return paras;
}

/** Writes one paragraph's operations to a sink with whitespace collapsed and trimmed. Returns chars written. */
export function writeOps(html: string, ops: Op[], sink: Sink): number {
  // Flatten into (char, start, end, isCopy) runs while collapsing whitespace.
  let written = 0;
  let pendingSpace: { start: number; end: number } | null = null;
  const emitText = (text: string, start: number, end: number, copy: boolean) => {
    if (pendingSpace && written > 0) {
      sink.replace(" ", pendingSpace.start, pendingSpace.end);
      written++;
    }
    pendingSpace = null;
    if (copy) sink.copy(html, start, end);
    else sink.replace(text, start, end);
    written += text.length;
  };
  for (const op of ops) {
    if (op.text !== null) {
      if (/^\s+$/.test(op.text)) {
        if (!pendingSpace) pendingSpace = { start: op.start, end: op.end };
        else pendingSpace.end = op.end;
      } else emitText(op.text, op.start, op.end, false);
      continue;
    }
    // A copied run: split at whitespace.
    const re = /\s+/g;
    let last = op.start;
    const s = html.slice(op.start, op.end);
    for (const m of s.matchAll(re)) {
      const ws = op.start + m.index!;
      if (ws > last) emitText(html.slice(last, ws), last, ws, true);
      if (!pendingSpace) pendingSpace = { start: ws, end: ws + m[0].length };
      else pendingSpace.end = ws + m[0].length;
      last = ws + m[0].length;
    }
    if (op.end > last) emitText(html.slice(last, op.end), last, op.end, true);
  }
  return written;
}
