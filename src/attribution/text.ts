/**
 * Text geometry the attribution rules work on: words with offsets, paragraphs and sentences.
 *
 * Sentences come from the sentence stage when it has run (`doc.sentences`); otherwise a small splitter here
 * gives sentence spans that never cut inside a quotation, so the rules have the same input either way.
 */
import type { Span } from "../article.js";
import type { VerbForm } from "./lexicon.js";

export interface Word extends Span {
  text: string;
  lower: string;
  /**
   * What the attribution rules know of the word's lower-case form (speech verb, role, group, organisation head,
   * pronoun…), once asked (`wordInfo` in ./speakers.ts): rules ask about the same word many times.
   */
  info?: WordInfo;
}

/** Word classes of one lower-case form, shared by every word of that form (see `wordInfo`). */
export interface WordInfo {
  /** W_* bits of ./speakers.ts. */
  bits: number;
  /** The speech-verb reading, or null. */
  vf: VerbForm | null;
  /** The organisation head the word is a form of, or null. */
  org: { key: string; nominative: string } | null;
}

const WORD_RE = /[\p{L}\p{M}\p{N}]+(?:['’ʼ`\-‐.][\p{L}\p{M}\p{N}]+)*/gu;

/**
 * The words of the last whole text asked for. The entities and attribution stages both read every word of the
 * same article; the second asks gets the same (read-only) array instead of a second scan.
 */
let lastText: string | null = null;
let lastWords: Word[] = [];

export function words(text: string, from = 0, to = text.length): Word[] {
  if (from === 0 && to === text.length) {
    if (text !== lastText) {
      lastWords = scanWords(text, 0, text.length);
      lastText = text;
    }
    return lastWords;
  }
  return scanWords(text, from, to);
}

function scanWords(text: string, from: number, to: number): Word[] {
  const out: Word[] = [];
  const re = new RegExp(WORD_RE.source, "gu");
  re.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null && m.index < to) {
    // Dotted names stay whole: "U.S.", "Крим.Реалії", "Яндекс.Новости".
    const w = m[0];
    const end = Math.min(m.index + w.length, to);
    const t = end === m.index + w.length ? w : text.slice(m.index, end);
    // (The lazily filled fields exist from the start, so every word has one shape.)
    out.push({ start: m.index, end, text: t, lower: t.toLowerCase(), info: undefined });
    re.lastIndex = m.index + w.length;
  }
  return out;
}

/**
 * Paragraphs: the text's blank-line or line-break structure. Wire copy with hard-wrapped lines marks paragraphs
 * by an indented first line; there a bare line break is only a wrap.
 */
export function paragraphs(text: string): Span[] {
  const lines = text.split("\n");
  const indented = lines.filter((l) => /^[ \t]{2,}\S/.test(l)).length;
  const wrapped = indented >= 2;
  const out: Span[] = [];
  let pos = 0;
  let start = -1;
  let end = -1;
  for (const line of lines) {
    const lineStart = pos;
    const lineEnd = pos + line.length;
    pos = lineEnd + 1;
    if (!line.trim()) {
      if (start >= 0) out.push({ start, end });
      start = -1;
      continue;
    }
    const newPara = !wrapped || /^[ \t]{2,}\S/.test(line);
    const s = lineStart + (line.length - line.trimStart().length);
    if (start >= 0 && newPara) {
      out.push({ start, end });
      start = -1;
    }
    if (start < 0) start = s;
    end = lineStart + line.trimEnd().length;
  }
  if (start >= 0) out.push({ start, end });
  return out;
}

const ABBREV = new Set(
  `ім м вул р рр ст п пп т д і.т.д див напр тис млн млрд грн коп ін проф акад доц заст див им г гг ул т.е т.к т.д т.п
  см тыс руб коп др mr mrs ms dr st jr sr inc corp co ltd no vs gen gov sen rep calif u.s u.k jan feb mar apr jun
  jul aug sep sept oct nov dec pct`.split(/\s+/),
);

/**
 * Splits one paragraph into sentences: after . ! ? … (and closing quotes/brackets) followed by a space and an
 * upper-case letter, an opening quote or a dash. Not after initials ("В. Путін") or common abbreviations, and
 * never inside a span of `protect` (quotations), so a quoted multi-sentence statement stays whole.
 */
export function splitSentences(text: string, para: Span, protect: Span[]): Span[] {
  const out: Span[] = [];
  let start = para.start;
  const re = /[.!?…]+["»”“’)\]]*(?=\s+["«„“(\p{Lu}\p{N}–—-])/gu;
  re.lastIndex = para.start;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null && m.index < para.end) {
    const cut = m.index + m[0].length;
    if (cut >= para.end) break;
    if (protect.some((p) => p.start < m!.index && m!.index < p.end - 1 && cut < p.end)) continue;
    if (m[0][0] === ".") {
      const before = /([\p{L}.]+)$/u.exec(text.slice(Math.max(para.start, m.index - 12), m.index));
      const w = before?.[1] ?? "";
      if (/^\p{Lu}$/u.test(w) || ABBREV.has(w.toLowerCase())) continue;
    }
    out.push({ start, end: cut });
    start = cut;
    while (start < para.end && /\s/.test(text[start])) start++;
  }
  if (start < para.end) out.push({ start, end: para.end });
  return out;
}

/** The span in `spans` containing `pos`, by binary search over sorted, non-overlapping spans. */
export function spanAt<T extends Span>(spans: T[], pos: number): T | null {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = spans[mid];
    if (pos < s.start) hi = mid - 1;
    else if (pos >= s.end) lo = mid + 1;
    else return s;
  }
  return null;
}

/** Trims whitespace and the given characters from both ends of text[start, end). */
export function trimSpan(text: string, start: number, end: number, chars = " \t\n,;:"): Span {
  while (start < end && chars.includes(text[start])) start++;
  while (end > start && chars.includes(text[end - 1])) end--;
  return { start, end };
}
