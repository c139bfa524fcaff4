/**
 * Unicode sentence boundaries (UAX #29, the rules ICU's sentence segmenter follows) for text written in the
 * characters news in uk/ru/en is made of: ASCII, Latin-1 and Latin Extended, Greek, Cyrillic, the common
 * punctuation and spaces. The same breaks as `Intl.Segmenter(…, { granularity: "sentence" })`, several times
 * faster: no segment objects and no substrings. Text with any other character gives null, and the caller asks
 * ICU (the character table below only lists characters whose sentence-break class is certain).
 */

// Sentence_Break classes.
const OTHER = 0;
const CR = 1;
const LF = 2;
const SEP = 3;
const SP = 4;
const LOWER = 5;
const UPPER = 6;
const OLETTER = 7;
const NUMERIC = 8;
const ATERM = 9;
const STERM = 10;
const CLOSE = 11;
const SCONTINUE = 12;
const EXTEND = 13;
const FORMAT = 14;
/** A character not in the table: ICU decides. */
const UNKNOWN = 15;

const TABLE_SIZE = 0x2130;
const TABLE = buildTable();

function buildTable(): Uint8Array {
  const t = new Uint8Array(TABLE_SIZE).fill(UNKNOWN);
  const set = (cs: string, k: number) => {
    for (const ch of cs) t[ch.charCodeAt(0)] = k;
  };
  const range = (a: number, b: number, k: number) => t.fill(k, a, b + 1);
  // Letters by their case properties, in the scripts listed (a letter with neither case is OLetter).
  const letters = (a: number, b: number) => {
    for (let c = a; c <= b; c++) {
      const ch = String.fromCharCode(c);
      if (!/\p{L}/u.test(ch)) continue;
      t[c] = /\p{Lowercase}/u.test(ch) ? LOWER : /\p{Uppercase}|\p{Lt}/u.test(ch) ? UPPER : OLETTER;
    }
  };
  t[13] = CR;
  t[10] = LF;
  set("\t\v\f ", SP);
  range(65, 90, UPPER);
  range(97, 122, LOWER);
  range(48, 57, NUMERIC);
  set(".", ATERM);
  set("!?", STERM);
  set("()[]{}\"'", CLOSE);
  set(",-:;", SCONTINUE);
  set("#$%&*+/<=>@\\^_`|~", OTHER);
  // Latin-1
  t[0x85] = SEP;
  t[0xa0] = SP;
  set("«»", CLOSE);
  t[0xad] = FORMAT;
  set("§©®°±·×÷", OTHER);
  letters(0xc0, 0x24f);
  t[0xd7] = OTHER;
  t[0xf7] = OTHER;
  // Combining diacritics (the stress mark in Ukrainian and Russian text)
  range(0x300, 0x36f, EXTEND);
  // Greek and Cyrillic letters (not the Cyrillic signs and combining marks U+0482–U+0489)
  letters(0x386, 0x3ff);
  letters(0x400, 0x481);
  letters(0x48a, 0x52f);
  // General punctuation
  range(0x2000, 0x200a, SP);
  t[0x200b] = FORMAT;
  t[0x200c] = EXTEND;
  t[0x200d] = EXTEND;
  t[0x200e] = FORMAT;
  t[0x200f] = FORMAT;
  set("\u2010\u2011", OTHER);
  set("\u2013\u2014", SCONTINUE);
  range(0x2018, 0x201f, CLOSE);
  set("†‡•…‰", OTHER);
  t[0x2028] = SEP;
  t[0x2029] = SEP;
  t[0x202f] = SP;
  set("‹›", CLOSE);
  set("‼⁇⁈⁉", STERM);
  t[0x205f] = SP;
  t[0x2060] = FORMAT;
  set("€₴₽£¥№™−", OTHER);
  return t;
}

/** Unit classes and starts, reused between calls (grown when a longer text comes). */
let unitClass = new Uint8Array(4096);
let unitStart = new Int32Array(4096);

/**
 * The sentence breaks inside `s` (offsets > 0 and < s.length where a new sentence starts), or null when `s` has a
 * character outside the table.
 */
export function sentenceBreaks(s: string): number[] | null {
  const n = s.length;
  if (unitClass.length < n + 1) {
    unitClass = new Uint8Array(n + 1);
    unitStart = new Int32Array(n + 1);
  }
  const U = unitClass;
  const P = unitStart;
  // Units (SB5): a character with the Extend and Format characters after it, except after a paragraph separator.
  let m = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    const k = c < TABLE_SIZE ? TABLE[c] : UNKNOWN;
    if (k === UNKNOWN) return null;
    if (k === EXTEND || k === FORMAT) {
      const prev = m > 0 ? U[m - 1] : -1;
      if (prev !== -1 && prev !== CR && prev !== LF && prev !== SEP) continue;
      U[m] = OTHER;
    } else U[m] = k;
    P[m] = i;
    m++;
  }
  const out: number[] = [];
  for (let j = 1; j < m; j++) {
    const a = U[j - 1];
    const b = U[j];
    // SB3, SB4: CR × LF; a break after a paragraph separator.
    if (a === CR && b === LF) continue;
    if (a === CR || a === LF || a === SEP) {
      out.push(P[j]);
      continue;
    }
    // Only after SATerm Close* Sp* can a sentence end.
    if (a !== SP && a !== CLOSE && a !== ATERM && a !== STERM) continue;
    // SB6, SB7
    if (a === ATERM && b === NUMERIC) continue;
    if (a === ATERM && b === UPPER && j >= 2 && (U[j - 2] === UPPER || U[j - 2] === LOWER)) continue;
    let p = j - 1;
    let sawSp = false;
    while (p >= 0 && U[p] === SP) {
      p--;
      sawSp = true;
    }
    while (p >= 0 && U[p] === CLOSE) p--;
    if (p < 0 || (U[p] !== ATERM && U[p] !== STERM)) continue;
    // SB8a, SB9, SB10
    if (b === SCONTINUE || b === ATERM || b === STERM) continue;
    if (!sawSp && b === CLOSE) continue;
    if (b === SP || b === CR || b === LF || b === SEP) continue;
    // SB8: after a period, no break before a lower-case letter that comes before any other letter or end.
    if (U[p] === ATERM) {
      let q = j;
      for (; q < m; q++) {
        const k = U[q];
        if (k === OLETTER || k === UPPER || k === LOWER || k === CR || k === LF || k === SEP || k === ATERM || k === STERM) break;
      }
      if (q < m && U[q] === LOWER) continue;
    }
    // SB11
    out.push(P[j]);
  }
  return out;
}
