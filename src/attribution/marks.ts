/**
 * Pairs quotation marks into quoted spans: «…», „…“, “…”, ‚…‘, "…" (straight marks told apart as opening or
 * closing by the characters around them), nested to any depth. A quotation may run over paragraphs when the
 * next paragraph opens with a quotation mark again (the typographic convention for multi-paragraph quotes).
 */
import type { Span } from "../article.js";

export interface QuotedSpan extends Span {
  /** Offset of the opening mark; `start` is right after it. */
  open: number;
  /** Offset of the closing mark; `end` is right before it (== close). */
  close: number;
  /** Nesting depth: 0 for outermost. */
  depth: number;
}

const OPEN_ONLY = "«„‚";
/** How many unmatched openers a closing mark may skip to find its own. */
const MAX_UNMATCHED = 8;
const CLOSE_ONLY = "»”";

/** « » „ “ ” ‚ ‘ ’ " by code point. */
function isMarkCode(k: number): boolean {
  return k === 0x22 || k === 0xab || k === 0xbb || k === 0x201e || k === 0x201c || k === 0x201d || k === 0x201a || k === 0x2018 || k === 0x2019;
}

function isSpace(c: string | undefined): boolean {
  return c === undefined || /\s/.test(c);
}

/** Finds quoted spans in `text`, given its paragraphs (sorted). Spans come out sorted by `open`. */
export function findQuotedSpans(text: string, paras: Span[]): QuotedSpan[] {
  const out: QuotedSpan[] = [];
  let stack: { ch: string; pos: number }[] = [];
  for (let pi = 0; pi < paras.length; pi++) {
    const p = paras[pi];
    for (let i = p.start; i < p.end; i++) {
      // Every character of the text passes here: test its code first, build a string only for a mark.
      if (!isMarkCode(text.charCodeAt(i))) continue;
      const c = text[i];
      const prev = i > p.start ? text[i - 1] : undefined;
      const next = i + 1 < p.end ? text[i + 1] : undefined;
      const top = stack[stack.length - 1];
      let role: "open" | "close" | null = null;
      if (OPEN_ONLY.includes(c)) role = c === "‚" && !isSpace(prev) ? null : "open";
      else if (CLOSE_ONLY.includes(c)) role = "close";
      else if (c === "“") {
        // Closes „ (uk/ru/de style); otherwise opens (English style) when a word follows.
        if (top && top.ch === "„") role = "close";
        else if (top && top.ch === "“" && isSpace(next)) role = "close";
        else role = isSpace(next) ? "close" : "open";
      } else if (c === "‘") {
        role = top && top.ch === "‚" ? "close" : isSpace(prev) || "(«„“\"".includes(prev ?? "") ? "open" : null;
      } else if (c === "’") {
        // Mostly an apostrophe; it closes only a ‚ or ‘ that is open.
        role = top && (top.ch === "‚" || top.ch === "‘") && !/\p{L}/u.test(next ?? "") ? "close" : null;
      } else if (c === '"') {
        const canOpen = (isSpace(prev) || "([{«„“—–-/:".includes(prev!)) && !isSpace(next);
        const canClose = !isSpace(prev) && (isSpace(next) || /[\p{P}]/u.test(next!));
        if (canOpen && !canClose) role = "open";
        else if (canClose && !canOpen) role = "close";
        else if (canOpen && canClose) role = top && top.ch === '"' ? "close" : "open";
        else role = top && top.ch === '"' ? "close" : "open";
      }
      if (role === "open") stack.push({ ch: c, pos: i });
      else if (role === "close" && stack.length) {
        // Close the innermost opener this mark can close; unmatched inner openers are dropped. The search goes
        // at most MAX_UNMATCHED openers down (real text never leaves more open inside a quotation), so junk with
        // thousands of open marks stays linear; the stack is cut in place, not copied.
        let k = stack.length - 1;
        while (k >= 0 && k >= stack.length - MAX_UNMATCHED && !closes(stack[k].ch, c)) k--;
        if (k < 0 || k < stack.length - MAX_UNMATCHED) continue;
        const o = stack[k];
        stack.length = k;
        out.push({ open: o.pos, start: o.pos + 1, end: i, close: i, depth: k });
      }
    }
    if (stack.length) {
      // Continued over the paragraph break only if the next paragraph reopens with a quotation mark.
      const np = paras[pi + 1];
      const reopens = np && "«„“\"".includes(text[np.start]);
      if (!reopens) stack = [];
      else {
        // The reopening mark is the continuation, not a new quote: skip it.
        paras = paras.slice();
        paras[pi + 1] = { start: np.start + 1, end: np.end };
      }
    }
  }
  return out.sort((a, b) => a.open - b.open);
}

function closes(open: string, close: string): boolean {
  switch (open) {
    case "«":
      return close === "»" || close === "“" || close === "”";
    case "„":
      return close === "“" || close === "”" || close === '"';
    case "“":
      return close === "”" || close === "“";
    case "‚":
    case "‘":
      return close === "‘" || close === "’";
    case '"':
      return close === '"' || close === "”" || close === "“";
    default:
      return false;
  }
}
