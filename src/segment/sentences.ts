import type { Sentence, Span } from "../article.js";
import type { Stage } from "../pipeline/types.js";
import { sentenceBreaks } from "./sentence-breaks.js";

/**
 * Sentences: the Unicode sentence rules (ICU's, as Intl.Segmenter applies them; read directly by
 * ./sentence-breaks.ts for the common scripts) inside each block, then a pass that undoes the breaks
 * ICU makes where news text does not end a sentence:
 * - after an abbreviation that never ends a sentence (м. Київ, проф., ген.-лейт., ст. 5, Mr., U.S.);
 * - after an initial (В. Зеленський, J. Smith);
 * - inside a quotation that opens and closes in the same block («…. …» and "…. …" stay one sentence);
 * - before a continuation that starts in lower case or with a dash and a lower-case word («…?» – запитав він).
 * Sentences never cross blocks, so a quotation that runs over a paragraph is split at the paragraph.
 *
 * A sentence is at most MAX_SENTENCE characters long. Text with no sentence ends (a scraped list of tags, a
 * 1 MB line of words and commas) would otherwise be one sentence, and every later stage that looks around a
 * word within its sentence would become quadratic. An overlong sentence is cut at the best boundary in the
 * last part of the allowed length: after ; or :, then after a comma or before a dash, then at a space, and only
 * as a last resort inside a run of non-space characters (never between the halves of a surrogate pair).
 */
export const sentencesStage: Stage = {
  name: "sentences",
  run(doc) {
    const sentences: Sentence[] = [];
    const blocks = doc.blocks.length ? doc.blocks : [{ start: 0, end: doc.text.length }];
    for (const b of blocks) splitSentences(doc.text, b.start, b.end, doc.lang, sentences);
    return { sentences };
  },
};

/** Abbreviations (lower case, without the final period) after which a sentence never ends. */
const NONFINAL = new Set(
  (
    // uk
    "м міст вул просп пров пл бульв обл р-н смт с ст п пп ч проф доц акад ген лейт полк підполк кап генерал-лейт " +
    "див напр пор англ укр рос нім франц лат грец ім св оз гр тел д-р канд тов ін-т ун-т заст зам нар стор мін " +
    "чл кор гол ред.-упоряд упоряд вид мал рис табл кн " +
    // ru
    "ул пер д кв корп стр им см ср рус гражд пос дер г-н г-жа тов " +
    // en (lower-cased)
    "mr mrs ms dr prof gen lt col capt sgt cpl adm maj rep sen gov pres st mt ft rev hon messrs vs e.g i.e cf approx " +
    "jan feb mar apr aug sep sept oct nov dec fig no nos"
  ).split(" "),
);
/** Of those, ones that count only before a number ("No. 5", "ст. 5"): "no." can end an English sentence. */
const BEFORE_NUMBER_ONLY = new Set(["no", "nos", "fig"]);

/** Abbreviations that may end a sentence: joined only when the next word is in lower case or a number. */
const MAYBE_FINAL = new Set(
  "тис млн млрд трлн грн коп дол долл руб р рр ред прим ін т т.д т.п etc inc ltd co corp jr sr г гг тыс км кг".split(" "),
);

/** See `joinAcross`: a unit after a number, a place or title word before a name. */
const UNIT_OR_PLACE = new Set(["м", "г", "р", "с", "т", "п"]);

const segmenters = new Map<string, Intl.Segmenter>();
function segmenter(lang: string): Intl.Segmenter {
  const key = ["uk", "ru", "en"].includes(lang) ? lang : "en";
  let s = segmenters.get(key);
  if (!s) segmenters.set(key, (s = new Intl.Segmenter(key, { granularity: "sentence" })));
  return s;
}

/** Splits `text[start..end)` into sentences, appending trimmed spans to `out`. */
export function splitSentences(text: string, start: number, end: number, lang: string, out: Span[] = []): Span[] {
  const chunk = text.slice(start, end);
  const quotes = quoteRanges(chunk);
  let segStart = 0;
  let q = 0;
  for (const p of candidateBreaks(chunk, lang)) {
    // a candidate boundary at p (the previous sentence is chunk[segStart..p))
    while (q < quotes.length && quotes[q][1] < p) q++;
    const insideQuote = q < quotes.length && quotes[q][0] < p && p <= quotes[q][1];
    if (insideQuote || joinAcross(chunk, segStart, p)) continue;
    push(out, chunk, start, segStart, p);
    segStart = p;
  }
  push(out, chunk, start, segStart, chunk.length);
  return out;
}

/**
 * ICU's sentence breaks, plus breaks ICU misses where a space is missing after the period ("року.Президент"
 * — scraped text loses spaces at tags): a lower-case word of 2+ letters, an end mark, a capitalised word.
 */
function candidateBreaks(chunk: string, lang: string): number[] {
  const out: number[] = [];
  // V8's Intl.Segmenter slows down more than linearly on long strings (a 100 KB paragraph takes seconds), so
  // a long block is fed to it in pieces of about a kilobyte, cut after a sentence end (or a space) — a
  // piece boundary is then a candidate break like any other and goes through the same checks.
  for (let from = 0; from < chunk.length; ) {
    const to = pieceEnd(chunk, from);
    const piece = from === 0 && to === chunk.length ? chunk : chunk.slice(from, to);
    // The rules read directly for text in the common scripts; ICU for any other character.
    const breaks = sentenceBreaks(piece);
    if (breaks) for (const b of breaks) out.push(from + b);
    else for (const seg of segmenter(lang).segment(piece)) if (seg.index > 0) out.push(from + seg.index);
    if (to < chunk.length) out.push(to);
    from = to;
  }
  // Cheap first: an end mark glued to a capitalised word is rare; only then check the word before it.
  if (!NO_SPACE_BREAK.test(chunk)) return out;
  const extra: number[] = [];
  for (const m of chunk.matchAll(NO_SPACE_BREAK_G)) {
    const i = m.index!;
    if (i >= 2 && LOWER.test(chunk[i - 1]) && LOWER.test(chunk[i - 2])) extra.push(i + m[0].length);
  }
  if (!extra.length) return out;
  return [...new Set([...out, ...extra])].sort((a, b) => a - b);
}
const LOWER = /\p{Ll}/u;
const PIECE = 1000;

/** Where the piece of a long block that starts at `from` ends: after a sentence end past ~PIECE chars. */
function pieceEnd(s: string, from: number): number {
  if (s.length - from <= PIECE * 1.5) return s.length;
  const window = s.slice(from + PIECE, from + PIECE * 2);
  const m = /[.!?…]["»”’)]*\s+/.exec(window);
  if (m) return from + PIECE + m.index + m[0].length;
  const sp = s.indexOf(" ", from + PIECE);
  if (sp > 0 && sp < from + PIECE * 2) return sp + 1;
  let cut = from + PIECE;
  if (/[\udc00-\udfff]/.test(s[cut])) cut++; // never between the halves of a surrogate pair
  return cut;
}

const NO_SPACE_BREAK_SRC = "[.!?…]+(?=\\p{Lu}\\p{Ll})";
const NO_SPACE_BREAK = new RegExp(NO_SPACE_BREAK_SRC, "u");
const NO_SPACE_BREAK_G = new RegExp(NO_SPACE_BREAK_SRC, "gu");

/** The longest sentence: far above real ones (news sentences rarely pass 1,000 characters). */
export const MAX_SENTENCE = 2000;

function push(out: Span[], chunk: string, base: number, s: number, e: number): void {
  while (s < e && isSpaceAt(chunk, s)) s++;
  while (e > s && isSpaceAt(chunk, e - 1)) e--;
  while (e - s > MAX_SENTENCE) {
    const cut = safeCut(chunk, s, s + MAX_SENTENCE);
    let pe = cut;
    while (pe > s && isSpaceAt(chunk, pe - 1)) pe--;
    if (pe > s) out.push({ start: base + s, end: base + pe });
    s = cut;
    while (s < e && isSpaceAt(chunk, s)) s++;
  }
  if (e > s) out.push({ start: base + s, end: base + e });
}

function isSpaceAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c === 32 || c === 10 || c === 9 || c === 13 || (c > 127 && /\s/.test(s[i]));
}

/**
 * Where to cut an overlong sentence that starts at `s` so that the first piece ends by `limit`: one backward
 * scan over the second half of the allowed length, keeping the best boundary of each rank.
 */
function safeCut(chunk: string, s: number, limit: number): number {
  const floor = s + ((limit - s) >> 1);
  let comma = -1;
  let space = -1;
  for (let i = limit; i > floor; i--) {
    const c = chunk.charCodeAt(i - 1);
    const atSpace = isSpaceAt(chunk, i);
    // ; and : end a clause: the best cut, taken at once.
    if ((c === 59 || c === 58) && atSpace) return i;
    if (comma < 0 && atSpace && (c === 44 || isDash(chunk.charCodeAt(i + 1)))) comma = i;
    if (space < 0 && atSpace) space = i;
  }
  if (comma >= 0) return comma;
  if (space >= 0) return space;
  const low = chunk.charCodeAt(limit);
  return low >= 0xdc00 && low <= 0xdfff ? limit + 1 : limit;
}

const isDash = (c: number) => c === 0x2013 || c === 0x2014 || c === 45;

/** The last run of non-space characters of `s` (a scan from the end; a regex would retry every start). */
function lastToken(s: string): string {
  let e = s.length;
  while (e > 0 && /\s/.test(s[e - 1])) e--;
  let b = e;
  while (b > 0 && !/\s/.test(s[b - 1])) b--;
  return s.slice(b, e);
}
const NEXT_START = /^\s*(\S)(\S*)/u;

/** Should the ICU break at `p` be undone? */
function joinAcross(chunk: string, from: number, p: number): boolean {
  const before = chunk.slice(Math.max(from, p - 40), p);
  // A list number alone ("1. Перший пункт. 2. Другий…") belongs to what follows.
  if (p - from <= 6 && /^\s*\d{1,3}[.)]\s*$/.test(before)) return true;
  const after = chunk.slice(p, p + 40);
  const next = NEXT_START.exec(after);
  if (!next) return true;
  const nextChar = next[1];
  // A continuation in lower case, or a dash and a lower-case word: "…?» – запитав він", "…!, — сказав".
  if (/\p{Ll}/u.test(nextChar)) return true;
  if (/[-–—,;:)\]»”]/.test(nextChar) && /^\s*[-–—,;:)\]»”]+\s*\p{Ll}/u.test(after)) return true;
  const tok = lastToken(before);
  if (!tok) return false;
  if (!tok.endsWith(".") || tok.endsWith("..")) return false;
  const word = tok.slice(0, -1).replace(/^[(«"„“'[]+/, "");
  const lower = word.toLowerCase();
  const nextIsNumber = /[\d№§]/.test(nextChar); // "2016 р. № 991", "ст. 5"
  // An initial: one capital letter (or Дж., Ch.) before a capitalised word.
  if (/^(\p{Lu}|Дж|Ch|Th|Sh)$/u.test(word)) return true;
  // An acronym written with periods: U.S., U.K., т.ч.
  if (/^(\p{L}\.)+\p{L}$/u.test(word) && !MAYBE_FINAL.has(lower)) return true;
  // One-letter abbreviations that mean a unit after a number and a place or title before a name: "100 м."
  // (metres) and "2019 г." (year) may end a sentence, "м. Київ", "г. Москва", "р. Дніпро", "с. Іванівка"
  // never do.
  if (UNIT_OR_PLACE.has(lower)) {
    const prev = lastToken(before.slice(0, before.trimEnd().length - tok.length));
    return /\d$|^(тис|млн|млрд|тыс)\.?$/i.test(prev) ? nextIsNumber : true; // "11 млн т." is tonnes
  }
  // The last piece of a compound abbreviation (ген.-лейт., т. ч.)
  const piece = lower.split(/[.-]/).filter(Boolean).pop() ?? lower;
  const key = NONFINAL.has(lower) ? lower : NONFINAL.has(piece) ? piece : null;
  if (key) return BEFORE_NUMBER_ONLY.has(key) ? nextIsNumber : true;
  if (MAYBE_FINAL.has(lower) || MAYBE_FINAL.has(piece)) return nextIsNumber;
  return false;
}

const OPENERS: Record<string, string> = { "«": "»", "„": "“”", "“": "”", "‹": "›" };

/**
 * Quotations that open and close inside `s`: [open, close] index pairs, outermost ones, in order. A straight
 * " opens after a space, bracket or dash and before a non-space; otherwise it closes.
 */
export function quoteRanges(s: string): Array<[number, number]> {
  const stack: Array<[string, number]> = [];
  const ranges: Array<[number, number]> = [];
  const re = /[«»„“”‹›"]/g;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const c = m[0];
    const i = m.index;
    let opens: boolean;
    if (c === '"' || c === "“") {
      const prev = i > 0 ? s[i - 1] : " ";
      const nxt = s[i + 1] ?? " ";
      const top = stack.length ? stack[stack.length - 1][0] : null;
      const looksOpen = /[\s(\[«„{\/–—-]/.test(prev) && !/\s/.test(nxt);
      if (c === "“" && top === "„") opens = false; // „…“
      else if (top === c) opens = looksOpen; // a nested quotation with the same mark, or the closing one
      else opens = looksOpen || c === "“";
    } else opens = c in OPENERS;
    if (opens) {
      stack.push([c, i]);
      continue;
    }
    // A closer: pop to the matching opener, if there is one.
    for (let k = stack.length - 1; k >= 0 && k >= stack.length - 8; k--) { // (bounded: junk with thousands of unclosed quotes stays linear)
      const o = stack[k][0];
      const match = o === '"' ? c === '"' : (OPENERS[o] ?? "").includes(c);
      if (match) {
        const open = stack[k][1];
        stack.length = k;
        if (k === 0) ranges.push([open, i]);
        break;
      }
    }
  }
  return ranges;
}
