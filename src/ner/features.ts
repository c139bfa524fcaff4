/**
 * Feature extraction for the recogniser. Every token gets the same fixed number of features (NUM_FEATURES),
 * each a 32-bit hash of (template, value…), so a unit of n tokens yields a flat Uint32Array of n×NUM_FEATURES.
 *
 * Why these features: Ukrainian names inflect, so suffixes (1–4) of the lowercase form carry case and
 * gender, and prefixes carry the stem across inflections; capitalisation and word shape separate names from
 * common words, except at the start of a sentence, which is why the position and "this word also occurs in
 * lowercase" (a lexicon from the training text) are features; neighbouring words ±2 and their suffixes
 * capture cue words ("місто", "ТОВ", "заявив") and agreement; quotes around a token mark names of
 * companies and works («Укртрансгаз»); lemmas and parts of speech from morphology generalise over inflected
 * forms and over names never seen in the annotated data.
 */
import { fnv1a, HashIndex, mix } from "./hash.js";

/** Word-level resources stored in the model. */
export interface Lexicons {
  /** Lowercase forms that occur written in lowercase in the training text. */
  lowerSeen: HashIndex | null;
  /** Paradigm class per lowercase lemma from the dictionary (see wordclass.ts); null in models without it. */
  clusters: HashIndex | null;
}

/** Capitalisation class of a token. */
export const enum Cap {
  Lower = 1,
  Title = 2,
  Upper = 3,
  Mixed = 4,
  Digit = 5,
  Punct = 6,
  Other = 7,
}

export interface TokenInfo {
  lower: number;
  form: number;
  shape: number;
  shortShape: number;
  cap: number;
  pre: number[];
  suf: number[];
  lowerSeen: number;
  len: number;
  /** Document-level evidence, see docEvidence (0 when not computed). */
  doc: number;
  /** Hash of the lowercase lemma and of the part of speech from morphology (0 when not given). */
  lemma: number;
  pos: number;
  /** What a first tagging pass said about the same word elsewhere in the document (see labelHistory). */
  hist: number;
  /** Dictionary paradigm class of the lemma (else of the lowercase form), 0 when not in the dictionary. */
  cls: number;
}

/** What morphology says about a token, when it ran. */
export interface MorphInfo {
  lemma?: string;
  pos?: string;
}

const PAD: TokenInfo = {
  lower: fnv1a("<PAD>"),
  form: fnv1a("<PAD>"),
  shape: fnv1a("<PAD>"),
  shortShape: fnv1a("<PAD>"),
  cap: 0,
  pre: [0, 0, 0, 0, 0, 0],
  suf: [0, 0, 0, 0, 0, 0],
  lowerSeen: 0,
  len: 0,
  doc: 0,
  lemma: fnv1a("<PAD>"),
  pos: fnv1a("<PAD>"),
  hist: 0,
  cls: fnv1a("<PAD>"),
};

const isUpper = (c: string) => c !== c.toLowerCase() && c === c.toUpperCase();
const isLower = (c: string) => c !== c.toUpperCase() && c === c.toLowerCase();
const isDigit = (code: number) => code >= 48 && code <= 57;

/** Normalises apostrophe variants so "Слов’янськ" and "Слов'янськ" share features. */
export function normalize(s: string): string {
  return s.indexOf("’") < 0 && s.indexOf("ʼ") < 0 && s.indexOf("`") < 0 ? s : s.replace(/[’ʼ`]/g, "'");
}

/** Hash of a lemma as features read it (apostrophes normalised, lowercase). */
export function lemmaKey(lemma: string): number {
  return fnv1a(normalize(lemma).toLowerCase());
}

export function lowerKey(text: string): number {
  return fnv1a(normalize(text).toLowerCase());
}

/** The paradigm class of a word from its lemma's key, else its lowercase form's key (0: not in the dictionary). */
export function wordClass(lex: Lexicons, lemma: number, lower: number): number {
  if (!lex.clusters) return 0;
  const c = lemma ? lex.clusters.get(lemma) : -1;
  if (c >= 0) return c;
  const d = lex.clusters.get(lower);
  return d >= 0 ? d : 0;
}

export function tokenInfo(text: string, lex: Lexicons, morph?: MorphInfo): TokenInfo {
  const norm = normalize(text);
  const lower = norm.toLowerCase();
  const upper = norm.toUpperCase();
  // Case per character from the whole-word conversions (one allocation each instead of two per character).
  const sameLen = lower.length === norm.length && upper.length === norm.length;
  let shape = 0x811c9dc5;
  let shapeLen = 0;
  let short = 0x811c9dc5;
  let last = -1;
  let ups = 0;
  let lows = 0;
  let digits = 0;
  let firstUpper = false;
  for (let i = 0; i < norm.length; i++) {
    const code = norm.charCodeAt(i);
    let s: number;
    if (isDigit(code)) {
      s = 100; // "d"
      digits++;
    } else if (sameLen ? lower.charCodeAt(i) !== code && upper.charCodeAt(i) === code : isUpper(norm[i])) {
      s = 88; // "X"
      ups++;
      if (i === 0) firstUpper = true;
    } else if (sameLen ? upper.charCodeAt(i) !== code && lower.charCodeAt(i) === code : isLower(norm[i])) {
      s = 120; // "x"
      lows++;
    } else s = code;
    // FNV-1a of the shape strings, built as we go (same values as hashing the strings).
    if (shapeLen < 8) {
      shape = Math.imul(shape ^ s, 0x01000193) >>> 0;
      shapeLen++;
    }
    if (s !== last) {
      short = Math.imul(short ^ s, 0x01000193) >>> 0;
      last = s;
    }
  }
  let cap: Cap;
  if (digits === norm.length) cap = Cap.Digit;
  else if (ups === 0 && lows === 0 && digits === 0) cap = Cap.Punct;
  else if (ups === 0 && lows > 0) cap = Cap.Lower;
  else if (ups > 0 && lows === 0) cap = Cap.Upper;
  else if (firstUpper && ups === 1) cap = Cap.Title;
  else if (ups > 0) cap = Cap.Mixed;
  else cap = Cap.Other;
  const pre = [0, 0, 0, 0, 0, 0];
  const suf = [0, 0, 0, 0, 0, 0];
  let h = 0x811c9dc5;
  for (let k = 1; k <= 6 && k < lower.length; k++) {
    h = Math.imul(h ^ lower.charCodeAt(k - 1), 0x01000193) >>> 0;
    pre[k - 1] = h;
    suf[k - 1] = fnv1a(lower.slice(-k));
  }
  for (let k = 7; k < lower.length; k++) h = Math.imul(h ^ lower.charCodeAt(k - 1), 0x01000193) >>> 0;
  const lowerH = lower.length > 0 ? (lower.length <= 6 ? fnv1a(lower) : Math.imul(h ^ lower.charCodeAt(lower.length - 1), 0x01000193) >>> 0) : fnv1a("");
  const info: TokenInfo = {
    lower: lowerH,
    form: fnv1a(norm),
    shape,
    shortShape: short,
    cap,
    pre,
    suf,
    lowerSeen: lex.lowerSeen && cap !== Cap.Lower && lex.lowerSeen.get(lowerH) >= 0 ? 1 : 2,
    len: Math.min(norm.length, 12),
    doc: 0,
    lemma: morph?.lemma ? lemmaKey(morph.lemma) : 0,
    pos: morph?.pos ? fnv1a(morph.pos) : 0,
    hist: 0,
    cls: 0,
  };
  if (cap !== Cap.Digit && cap !== Cap.Punct) info.cls = wordClass(lex, info.lemma, lowerH);
  return info;
}

/**
 * Document-level evidence per token, written into `infos[i].doc`: whether the same word (lowercase form)
 * occurs elsewhere in the document capitalised away from a unit start (bit 1), and whether it occurs in
 * lowercase (bit 2). A capitalised word at the start of a sentence is ambiguous on its own ("Гарант"
 * the company or "гарант" the noun); the rest of the article usually settles it. `unitStart[i]` is true for
 * the first token of a tagging unit.
 */
export function docEvidence(infos: TokenInfo[], unitStart: ArrayLike<boolean | number>): void {
  const capMid = new Map<number, number>();
  const lowerIn = new Map<number, number>();
  for (let i = 0; i < infos.length; i++) {
    const x = infos[i];
    if (x.cap === Cap.Lower) lowerIn.set(x.lower, (lowerIn.get(x.lower) ?? 0) + 1);
    else if ((x.cap === Cap.Title || x.cap === Cap.Upper || x.cap === Cap.Mixed) && !unitStart[i])
      capMid.set(x.lower, (capMid.get(x.lower) ?? 0) + 1);
  }
  for (let i = 0; i < infos.length; i++) {
    const x = infos[i];
    if (x.cap === Cap.Digit || x.cap === Cap.Punct) continue;
    // Counts exclude the token itself.
    const self = (x.cap === Cap.Lower ? 0 : !unitStart[i] ? 1 : 0);
    const mid = (capMid.get(x.lower) ?? 0) - self;
    const low = (lowerIn.get(x.lower) ?? 0) - (x.cap === Cap.Lower ? 1 : 0);
    x.doc = 4 | (mid > 0 ? 1 : 0) | (low > 0 ? 2 : 0);
  }
}

export const NUM_FEATURES = 56;

/** The last HIST_FEATURES features of a token are the ones that read label history (see histFeatures). */
export const HIST_FEATURES = 3;

/** The label-history features of one token (c) with its neighbours, written at out[at..at+3). */
export function histFeatures(c: TokenInfo, p1: TokenInfo, n1: TokenInfo, pos: number, out: Uint32Array, at: number): void {
  out[at] = mix(58, c.hist);
  out[at + 1] = mix(59, (c.hist ^ (c.cap << 28) ^ (Math.min(pos, 1) << 27)) >>> 0);
  out[at + 2] = mix(mix(60, p1.hist), n1.hist);
}

/** Padding neighbour for positions outside a unit. */
export function padInfo(): TokenInfo {
  return PAD;
}

let quoteHead = new Uint32Array(256);

const OPEN_QUOTES = new Set(["«", "\"", "„", "“", "'", "("]);
const CLOSE_QUOTES = new Set(["»", "\"", "“", "”", "'", ")"]);

/**
 * The word before an opening quote, for every token up to the closing one, into quoteHead[i - from]: names in
 * quotes are companies, newspapers, albums or laws, and the word before the quote (ТОВ, газета, альбом,
 * закон) says which.
 */
function quoteHeads(texts: readonly string[], infos: readonly TokenInfo[], from: number, to: number): void {
  if (quoteHead.length < to - from) quoteHead = new Uint32Array((to - from) * 2);
  let head = 0;
  let inQuote = false;
  for (let i = from; i < to; i++) {
    const t = texts[i];
    if (t === "«" || t === "„" || ((t === "\"" || t === "“") && !inQuote)) {
      const h = i > from ? infos[i - 1] : PAD;
      head = h.lemma || h.lower;
      inQuote = true;
    } else if (inQuote && (t === "»" || t === "\"" || t === "“" || t === "”")) {
      inQuote = false;
      quoteHead[i - from] = head;
      continue;
    }
    quoteHead[i - from] = inQuote ? head : 0;
  }
}

/**
 * Positions (in extract()'s order) of the features that read the token's context beyond one word: words two
 * away, word pairs, case patterns, position in the unit, quotes, document evidence, POS pairs. The others
 * (apart from the label history) depend on one word's text, lemma and POS, which the fused recogniser
 * memoises per word (recognizer.ts).
 */
export const CONTEXT_FEATURE_LIST = [5, 6, 23, 24, 25, 26, 27, 28, 29, 31, 33, 34, 35, 36, 44, 45, 49];

/**
 * Only the CONTEXT_FEATURE_LIST features of tokens [from, to) and the label-history ones (the last
 * HIST_FEATURES), at the positions extract() gives them (the other positions of `out` are left as they were). The same values as extract(); checked by
 * test/ner/own-features.test.ts.
 */
export function extractContext(texts: readonly string[], infos: readonly TokenInfo[], from: number, to: number, out: Uint32Array): void {
  const F = NUM_FEATURES;
  const o = out;
  const at = (i: number) => (i >= from && i < to ? infos[i] : PAD);
  quoteHeads(texts, infos, from, to);
  for (let i = from; i < to; i++) {
    const c = infos[i];
    const p1 = at(i - 1);
    const p2 = at(i - 2);
    const n1 = at(i + 1);
    const n2 = at(i + 2);
    const pos = i - from;
    const b = pos * F;
    o[b + 5] = mix(6, p2.lower);
    o[b + 6] = mix(7, n2.lower);
    o[b + 23] = mix(24, (p1.cap << 8) | (c.cap << 4) | n1.cap);
    o[b + 24] = mix(25, (Math.min(pos, 2) << 8) | (c.cap << 4) | c.lowerSeen);
    o[b + 25] = mix(mix(26, p1.lower), c.lower);
    o[b + 26] = mix(mix(27, c.lower), n1.lower);
    const prevText = i - 1 >= from ? texts[i - 1] : "";
    const nextText = i + 1 < to ? texts[i + 1] : "";
    const quoteCtx = (OPEN_QUOTES.has(prevText) ? 1 : 0) | (CLOSE_QUOTES.has(nextText) ? 2 : 0);
    o[b + 27] = mix(34, (quoteCtx << 4) | c.cap);
    o[b + 28] = mix(mix(35, p1.lower), c.shortShape);
    o[b + 29] = mix(mix(36, c.shortShape), n1.lower);
    o[b + 31] = mix(mix(38, p1.lower), c.suf[1]);
    o[b + 33] = mix(mix(40, p2.lower), p1.lower);
    o[b + 34] = mix(mix(41, n1.lower), n2.lower);
    o[b + 35] = mix(mix(42, p1.cap), c.pre[3]);
    o[b + 36] = mix(44, (c.doc << 8) | (Math.min(pos, 1) << 4) | c.cap);
    o[b + 44] = mix(mix(52, p1.pos), c.pos);
    o[b + 45] = mix(mix(53, c.pos), n1.pos);
    o[b + 49] = mix(57, quoteHead[pos]);
    histFeatures(c, p1, n1, pos, o, b + F - HIST_FEATURES);
  }
}

/**
 * Features for tokens [from, to) of `texts`, with precomputed `infos`. Neighbours outside the unit are
 * padding. Writes n×NUM_FEATURES hashes into `out` (allocated when not given).
 */
export function extract(
  texts: readonly string[],
  infos: readonly TokenInfo[],
  from: number,
  to: number,
  out?: Uint32Array,
): Uint32Array {
  const n = to - from;
  const F = NUM_FEATURES;
  const o = out && out.length >= n * F ? out : new Uint32Array(n * F);
  const at = (i: number) => (i >= from && i < to ? infos[i] : PAD);
  quoteHeads(texts, infos, from, to);
  for (let i = from; i < to; i++) {
    const c = infos[i];
    const p1 = at(i - 1);
    const p2 = at(i - 2);
    const n1 = at(i + 1);
    const n2 = at(i + 2);
    const pos = i - from;
    const b = pos * F;
    let k = 0;
    o[b + k++] = mix(1, 0); // bias
    o[b + k++] = mix(2, c.lower);
    o[b + k++] = mix(3, c.form);
    o[b + k++] = mix(4, p1.lower);
    o[b + k++] = mix(5, n1.lower);
    o[b + k++] = mix(6, p2.lower);
    o[b + k++] = mix(7, n2.lower);
    o[b + k++] = mix(8, c.shape);
    o[b + k++] = mix(9, c.shortShape);
    o[b + k++] = mix(10, p1.shortShape);
    o[b + k++] = mix(11, n1.shortShape);
    for (let j = 0; j < 4; j++) o[b + k++] = mix(12 + j, c.pre[j]);
    for (let j = 0; j < 4; j++) o[b + k++] = mix(16 + j, c.suf[j]);
    o[b + k++] = mix(20, p1.suf[2]);
    o[b + k++] = mix(21, n1.suf[2]);
    o[b + k++] = mix(22, p1.suf[1]);
    o[b + k++] = mix(23, n1.suf[1]);
    o[b + k++] = mix(24, (p1.cap << 8) | (c.cap << 4) | n1.cap);
    o[b + k++] = mix(25, (Math.min(pos, 2) << 8) | (c.cap << 4) | c.lowerSeen);
    o[b + k++] = mix(mix(26, p1.lower), c.lower);
    o[b + k++] = mix(mix(27, c.lower), n1.lower);
    const prevText = i - 1 >= from ? texts[i - 1] : "";
    const nextText = i + 1 < to ? texts[i + 1] : "";
    const quoteCtx = (OPEN_QUOTES.has(prevText) ? 1 : 0) | (CLOSE_QUOTES.has(nextText) ? 2 : 0);
    o[b + k++] = mix(34, (quoteCtx << 4) | c.cap);
    o[b + k++] = mix(mix(35, p1.lower), c.shortShape);
    o[b + k++] = mix(mix(36, c.shortShape), n1.lower);
    o[b + k++] = mix(37, (c.len << 4) | c.cap);
    o[b + k++] = mix(mix(38, p1.lower), c.suf[1]);
    o[b + k++] = mix(mix(39, c.cap), c.suf[2]);
    o[b + k++] = mix(mix(40, p2.lower), p1.lower);
    o[b + k++] = mix(mix(41, n1.lower), n2.lower);
    o[b + k++] = mix(mix(42, p1.cap), c.pre[3]);
    o[b + k++] = mix(44, (c.doc << 8) | (Math.min(pos, 1) << 4) | c.cap);
    o[b + k++] = mix(45, c.pre[4]);
    o[b + k++] = mix(46, c.pre[5]);
    o[b + k++] = mix(47, c.suf[4]);
    o[b + k++] = mix(48, p1.pre[4]);
    o[b + k++] = mix(49, n1.pre[4]);
    // Morphology: the lemma unifies a name's inflected forms (Бельгії, Бельгією → Бельгія); the part of
    // speech (PROPN from the dictionary) marks names the annotated data never showed.
    o[b + k++] = mix(50, c.lemma);
    o[b + k++] = mix(51, (c.pos ^ (c.cap << 24)) >>> 0);
    o[b + k++] = mix(mix(52, p1.pos), c.pos);
    o[b + k++] = mix(mix(53, c.pos), n1.pos);
    o[b + k++] = mix(54, p1.lemma);
    o[b + k++] = mix(55, n1.lemma);
    o[b + k++] = mix(56, c.pos);
    o[b + k++] = mix(57, quoteHead[pos]);
    // Dictionary paradigm classes: surname, first name, town, country, person noun… (wordclass.ts).
    o[b + k++] = mix(61, (c.cls ^ (c.cap << 28)) >>> 0);
    o[b + k++] = mix(62, p1.cls);
    o[b + k++] = mix(63, n1.cls);
    histFeatures(c, p1, n1, pos, o, b + k);
    k += HIST_FEATURES;
    if (k !== F) throw new Error(`feature count ${k} != ${F}`);
  }
  return o;
}

/**
 * Label history: for each token, the entity type a first tagging pass gave most often to the other
 * occurrences of the same word (lemma, else lowercase form) in the document, and whether some of them were
 * left outside any entity. News repeats names, and a name tagged confidently in one sentence ("компанія
 * «Гарант»") settles its bare mentions elsewhere; the second pass reads this as features. `types[i]` is the
 * first pass's entity type index at token i (0 = none). Writes `infos[i].hist`.
 */
export function labelHistory(infos: TokenInfo[], types: ArrayLike<number>): void {
  const key = (x: TokenInfo) => x.lemma || x.lower;
  const counts = new Map<number, Map<number, number>>();
  for (let i = 0; i < infos.length; i++) {
    const x = infos[i];
    if (x.cap === Cap.Punct || x.cap === Cap.Digit) continue;
    const k = key(x);
    let m = counts.get(k);
    if (!m) counts.set(k, (m = new Map()));
    m.set(types[i], (m.get(types[i]) ?? 0) + 1);
  }
  for (let i = 0; i < infos.length; i++) {
    const x = infos[i];
    x.hist = 0;
    if (x.cap === Cap.Punct || x.cap === Cap.Digit) continue;
    const m = counts.get(key(x))!;
    let best = 0;
    let bestN = 0;
    let other = 0;
    for (const [t, n0] of m) {
      const n = t === types[i] ? n0 - 1 : n0; // the other occurrences only
      if (n <= 0) continue;
      other += n;
      if (t !== 0 && n > bestN) {
        best = t;
        bestN = n;
      }
    }
    if (other === 0) continue;
    const sawNone = (m.get(0) ?? 0) - (types[i] === 0 ? 1 : 0) > 0;
    x.hist = 1 + best * 4 + (sawNone ? 2 : 0) + (bestN * 2 > other ? 1 : 0);
  }
}
