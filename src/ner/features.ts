/**
 * Feature extraction for the recogniser. Every token gets the same fixed number of features (NUM_FEATURES),
 * each a 32-bit hash of (template, value…), so a unit of n tokens yields a flat Uint32Array of n×NUM_FEATURES.
 *
 * Why these features: Ukrainian names inflect, so suffixes (1–4) of the lowercase form carry case and
 * gender, and prefixes carry the stem across inflections; capitalisation and word shape separate names from
 * common words, except at the start of a sentence, which is why the position and "this word also occurs in
 * lowercase" (a lexicon from the training text) are features; neighbouring words ±2 and their suffixes
 * capture cue words ("місто", "ТОВ", "заявив") and agreement; quotes around a token mark names of
 * companies and works («Укртрансгаз»); distributional word clusters computed from text generalise over
 * words seen rarely or never in the annotated data.
 */
import { fnv1a, HashIndex, mix } from "./hash.js";

/** Word-level resources stored in the model. */
export interface Lexicons {
  /** Lowercase forms that occur written in lowercase in the training text. */
  lowerSeen: HashIndex | null;
  /** Word cluster per lowercase form: low 16 bits fine cluster, high 16 bits coarse cluster (value+1; 0 = none). */
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
  cluster: number;
  coarse: number;
  lowerSeen: number;
  len: number;
  /** Document-level evidence, see docEvidence (0 when not computed). */
  doc: number;
  /** Hash of the lowercase lemma and of the part of speech from morphology (0 when not given). */
  lemma: number;
  pos: number;
  /** What a first tagging pass said about the same word elsewhere in the document (see labelHistory). */
  hist: number;
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
  cluster: 0,
  coarse: 0,
  lowerSeen: 0,
  len: 0,
  doc: 0,
  lemma: fnv1a("<PAD>"),
  pos: fnv1a("<PAD>"),
  hist: 0,
};

const isUpper = (c: string) => c !== c.toLowerCase() && c === c.toUpperCase();
const isLower = (c: string) => c !== c.toUpperCase() && c === c.toLowerCase();
const isDigit = (code: number) => code >= 48 && code <= 57;

/** Normalises apostrophe variants so "Слов’янськ" and "Слов'янськ" share features. */
export function normalize(s: string): string {
  return s.replace(/[’ʼ`]/g, "'");
}

export function lowerKey(text: string): number {
  return fnv1a(normalize(text).toLowerCase());
}

export function tokenInfo(text: string, lex: Lexicons, morph?: MorphInfo): TokenInfo {
  const norm = normalize(text);
  const lower = norm.toLowerCase();
  let shape = "";
  let short = "";
  let ups = 0;
  let lows = 0;
  let digits = 0;
  for (let i = 0; i < norm.length; i++) {
    const c = norm[i];
    const code = norm.charCodeAt(i);
    let s: string;
    if (isDigit(code)) {
      s = "d";
      digits++;
    } else if (isUpper(c)) {
      s = "X";
      ups++;
    } else if (isLower(c)) {
      s = "x";
      lows++;
    } else s = c;
    if (shape.length < 8) shape += s;
    if (short[short.length - 1] !== s) short += s;
  }
  let cap: Cap;
  if (digits === norm.length) cap = Cap.Digit;
  else if (ups === 0 && lows === 0 && digits === 0) cap = Cap.Punct;
  else if (ups === 0 && lows > 0) cap = Cap.Lower;
  else if (ups > 0 && lows === 0) cap = Cap.Upper;
  else if (isUpper(norm[0]) && ups === 1) cap = Cap.Title;
  else if (ups > 0) cap = Cap.Mixed;
  else cap = Cap.Other;
  const lowerH = fnv1a(lower);
  const pre = [0, 0, 0, 0, 0, 0];
  const suf = [0, 0, 0, 0, 0, 0];
  for (let k = 1; k <= 6; k++) {
    pre[k - 1] = lower.length > k ? fnv1a(lower.slice(0, k)) : 0;
    suf[k - 1] = lower.length > k ? fnv1a(lower.slice(-k)) : 0;
  }
  const cl = lex.clusters ? lex.clusters.get(lowerH) : -1;
  return {
    lower: lowerH,
    form: fnv1a(norm),
    shape: fnv1a(shape),
    shortShape: fnv1a(short),
    cap,
    pre,
    suf,
    cluster: cl >= 0 ? (cl & 0xffff) : 0,
    coarse: cl >= 0 ? cl >>> 16 : 0,
    lowerSeen: lex.lowerSeen && cap !== Cap.Lower && lex.lowerSeen.get(lowerH) >= 0 ? 1 : 2,
    len: Math.min(norm.length, 12),
    doc: 0,
    lemma: morph?.lemma ? fnv1a(normalize(morph.lemma).toLowerCase()) : 0,
    pos: morph?.pos ? fnv1a(morph.pos) : 0,
    hist: 0,
  };
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

export const NUM_FEATURES = 60;

let quoteHead = new Uint32Array(256);

const OPEN_QUOTES = new Set(["«", "\"", "„", "“", "'", "("]);
const CLOSE_QUOTES = new Set(["»", "\"", "“", "”", "'", ")"]);

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
  if (quoteHead.length < n) quoteHead = new Uint32Array(n * 2);
  const o = out && out.length >= n * F ? out : new Uint32Array(n * F);
  const at = (i: number) => (i >= from && i < to ? infos[i] : PAD);
  // The word before an opening quote, for every token up to the closing one: names in quotes are companies,
  // newspapers, albums or laws, and the word before the quote (ТОВ, газета, альбом, закон) says which.
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
    o[b + k++] = mix(28, c.cluster);
    o[b + k++] = mix(29, c.coarse);
    o[b + k++] = mix(30, p1.cluster);
    o[b + k++] = mix(31, n1.cluster);
    o[b + k++] = mix(32, p1.coarse);
    o[b + k++] = mix(33, n1.coarse);
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
    o[b + k++] = mix(mix(43, c.cluster), n1.cap);
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
    o[b + k++] = mix(58, c.hist);
    o[b + k++] = mix(59, (c.hist ^ (c.cap << 28) ^ (Math.min(pos, 1) << 27)) >>> 0);
    o[b + k++] = mix(mix(60, p1.hist), n1.hist);
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
