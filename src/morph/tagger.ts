/**
 * Context tagger: an averaged perceptron that predicts the Universal POS of each word from the word, its
 * endings, its neighbours and the POS the dictionary allows (the "ambiguity class"). The lemmatiser uses the
 * tag to choose among dictionary lemmas of different parts of speech (стали: стати VERB / сталь NOUN).
 * Greedy left-to-right decoding: one pass; a word's own features are summed once per distinct word, and the
 * features that depend on the previous tags are found by integer keys (`tagIndices`), so a repeated word costs
 * a few array reads and one 17-tag sum.
 */

export interface TaggerModel {
  tags: string[];
  /** feature → weights per tag index (sparse: "tagIndex:weight" pairs). */
  weights: Record<string, Record<string, number>>;
  /** Lemma memory from the training data: "form|UPOS" → lemma, for forms whose lemma the dictionary gets wrong. */
  lemmas: Record<string, string>;
}

/** A word's cached weight sums and the keys its pair features are looked up by (see Tagger.tagIndices). */
export interface WordVectors {
  self: Float64Array;
  prev: Float64Array;
  next: Float64Array;
  word: string;
  low: string;
  amb: string;
  /** The ambiguity class interned as a small integer. */
  ambId: number;
  /** The class allows PRON or DET: the word takes the "wa+1" feature. */
  pronDet: boolean;
  /** "p1a" weight vectors of this word by the previous tag index (tag count = sentence start). */
  p1a: (Float64Array | null)[] | null;
  /** "wa+1" weight vectors of this word by the next word's ambiguity class id. */
  wa: Map<number, Float64Array | null> | null;
}

/** What the tagger needs to know of a word beyond its letters: the POS the dictionary allows. */
export type AmbiguityClass = (word: string) => string;

/** The tagger's word-feature weights by template: "w=", "w-1=", "w+1=" by the lowercase word; "s2=" and "s2-1=" by
 * the two-letter ending, "s3=" and "s3+1=" by the three-letter one; "a=", "a-1=", "a+1=" by ambiguity class. */
interface WordTemplates {
  bias: Float64Array | null;
  low: Map<string, (Float64Array | null)[]>;
  s1: Map<string, Float64Array>;
  s2: Map<string, (Float64Array | null)[]>;
  s3: Map<string, (Float64Array | null)[]>;
  s4: Map<string, Float64Array>;
  shape: Map<string, Float64Array>;
  amb: Map<string, (Float64Array | null)[]>;
}

/** Adds a weight vector (if any) into `out` from `at`. */
function add(out: Float64Array, at: number, v: Float64Array | null | undefined, n: number): void {
  if (v) for (let t = 0; t < n; t++) out[at + t] += v[t];
}

function shape(w: string): string {
  // A word starting with a lowercase Cyrillic or Latin letter (most words) is decided by code unit, with the
  // same answer as the patterns below: "9a" when it holds a digit, else "lat" or "a". (The Cyrillic block
  // has no digits; other scripts go to the patterns.)
  const c = w.charCodeAt(0);
  if ((c >= 0x430 && c <= 0x44f) || (c >= 97 && c <= 122)) {
    let plain = true;
    for (let i = 1; i < w.length; i++) {
      const d = w.charCodeAt(i);
      if (d >= 48 && d <= 57) return "9a";
      if (d >= 0x80 && (d < 0x400 || d > 0x4ff)) plain = false;
    }
    if (plain) return c < 0x80 ? "lat" : "a";
  } else if (upperCyrLat(c)) {
    // A capital Cyrillic or Latin letter first: "AA" when every further letter is such a capital, "Aa" at the
    // first letter known not to be one (lowercase Cyrillic or Latin, ASCII digits and marks); other letters
    // go to the patterns.
    let all = true;
    for (let i = 1; i < w.length && all; i++) {
      const d = w.charCodeAt(i);
      if (upperCyrLat(d)) continue;
      if (d < 0x80 || (d >= 0x430 && d <= 0x45f)) all = false;
      else return shapeByPattern(w);
    }
    return all && w.length > 1 ? "AA" : "Aa";
  }
  return shapeByPattern(w);
}

/** Capital letters of the Cyrillic block's basic part (Ѐ–Я), Ґ and A–Z: all are \p{Lu}. */
function upperCyrLat(c: number): boolean {
  return (c >= 0x400 && c <= 0x42f) || c === 0x490 || (c >= 65 && c <= 90);
}

function shapeByPattern(w: string): string {
  if (/^\p{Lu}+$/u.test(w) && w.length > 1) return "AA";
  if (/^\p{Lu}/u.test(w)) return "Aa";
  if (/^\p{N}+$/u.test(w)) return "9";
  if (/\p{N}/u.test(w)) return "9a";
  if (/^\p{P}+$/u.test(w)) return "P";
  if (/^[A-Za-z]/.test(w)) return "lat";
  return "a";
}

/** Features of a word on its own (its letters and its ambiguity class): cacheable per word. */
export function staticFeatures(word: string, low: string, amb: string): string[] {
  return ["b", "w=" + low, "s1=" + low.slice(-1), "s2=" + low.slice(-2), "s3=" + low.slice(-3), "s4=" + low.slice(-4), "sh=" + shape(word), "a=" + amb];
}

/** Features word i gives its right neighbour (as "previous word"); i = -1 is the sentence start. */
export function asPrevFeatures(low: string | null, amb: string | null): string[] {
  return low === null ? ["w-1=<s>", "s2-1=<s>", "a-1=<s>"] : ["w-1=" + low, "s2-1=" + low.slice(-2), "a-1=" + amb];
}

/** Features word i gives its left neighbour (as "next word"); null is the sentence end. */
export function asNextFeatures(low: string | null, amb: string | null): string[] {
  return low === null ? ["w+1=</s>", "a+1=</s>", "s3+1=</s>"] : ["w+1=" + low, "a+1=" + amb, "s3+1=" + low.slice(-3)];
}

/** Features of word i that depend on the previous two predicted tags or on a pair of words. */
export function pairFeatures(words: string[], lows: string[], amb: string[], i: number, p1: string, p2: string): string[] {
  const next = i + 1 < lows.length;
  const f: string[] = [
    "p1=" + p1,
    "p12=" + p1 + "," + p2,
    "p1a=" + p1 + "," + amb[i],
    "first=" + (i === 0 ? shape(words[i]) : "-"),
    "aa+1=" + amb[i] + "," + (next ? amb[i + 1] : "</s>"),
  ];
  // Pronouns and determiners (його, її, те, того): what follows tells DET (before a noun) from PRON.
  if (/PRON|DET/.test(amb[i])) f.push("wa+1=" + lows[i] + "," + (next ? amb[i + 1] : "</s>"));
  return f;
}

/** Features of word i that depend on its neighbours and the previous two predicted tags. */
export function contextFeatures(words: string[], lows: string[], amb: string[], i: number, p1: string, p2: string): string[] {
  const n = i + 1 < lows.length;
  return [
    ...pairFeatures(words, lows, amb, i, p1, p2),
    ...asPrevFeatures(i > 0 ? lows[i - 1] : null, i > 0 ? amb[i - 1] : null),
    ...asNextFeatures(n ? lows[i + 1] : null, n ? amb[i + 1] : null),
  ];
}

/** All features of word i given the previous two predicted tags (training). */
export function features(words: string[], lows: string[], amb: string[], i: number, p1: string, p2: string): string[] {
  return [...staticFeatures(words[i], lows[i], amb[i]), ...contextFeatures(words, lows, amb, i, p1, p2)];
}

export class Tagger {
  private readonly tags: string[];
  private readonly w: Map<string, Float64Array | null>;
  readonly lemmas: Map<string, string>;

  constructor(model: TaggerModel) {
    this.tags = model.tags;
    this.w = new Map();
    for (const [feat, ws] of Object.entries(model.weights)) {
      const arr = new Float64Array(this.tags.length);
      for (const [ti, v] of Object.entries(ws)) arr[Number(ti)] = v;
      this.w.set(feat, arr);
    }
    this.lemmas = new Map(Object.entries(model.lemmas));
    for (const [key, lemma] of this.lemmas) {
      const bar = key.lastIndexOf("|");
      const form = key.slice(0, bar);
      let byTag = this.memory.get(form);
      if (!byTag) this.memory.set(form, (byTag = new Map()));
      byTag.set(key.slice(bar + 1), lemma);
    }
    this.startVec = this.sum(asPrevFeatures(null, null));
    this.endVec = this.sum(asNextFeatures(null, null));
  }

  /** The lemma memory by form, then by tag (the same pairs as `lemmas`, found without building a key). */
  private readonly memory = new Map<string, Map<string, string>>();

  /** The remembered lemma of a form with a tag (see `lemmas`). */
  memoryLemma(form: string, tag: string): string | undefined {
    return this.memory.get(form)?.get(tag);
  }

  private readonly wordCache = new Map<string, WordVectors>();
  private startVec!: Float64Array;
  private endVec!: Float64Array;

  /** Number of tags; tag index `tagCount` stands for the sentence start ("<s>") in the previous-tag features. */
  get tagCount(): number {
    return this.tags.length;
  }

  /** The tag at an index (as `tagIndices` returns them). */
  tagName(i: number): string {
    return this.tags[i];
  }

  private sum(feats: string[]): Float64Array {
    const v = new Float64Array(this.tags.length);
    for (const f of feats) {
      const ws = this.w.get(f);
      if (ws) for (let t = 0; t < ws.length; t++) v[t] += ws[t];
    }
    return v;
  }

  /**
   * A word's summed weights for its own features, for the features it gives its right neighbour and those it
   * gives its left neighbour — memoised, since news repeats its words.
   */
  wordVectors(word: string, low: string, amb: string): WordVectors {
    const key = word + "\u0001" + amb;
    let v = this.wordCache.get(key);
    if (v) return v;
    v = {
      self: this.sum(staticFeatures(word, low, amb)),
      prev: this.sum(asPrevFeatures(low, amb)),
      next: this.sum(asNextFeatures(low, amb)),
      word,
      low,
      amb,
      ambId: this.ambId(amb),
      pronDet: /PRON|DET/.test(amb),
      p1a: null,
      wa: null,
    };
    // Bounded: three short vectors per word; 60 k words ≈ 40 MB.
    if (this.wordCache.size > 60_000) this.wordCache.clear();
    this.wordCache.set(key, v);
    return v;
  }

  // The features that depend on predicted tags or on a pair of neighbours are looked up by integer keys
  // (tag indices, interned ambiguity classes) instead of building their feature strings for every word. Each
  // key maps to the very weight vector of the feature string it stands for (or null when the model lacks it),
  // so the scores, and the order they are summed in, are those of `pairFeatures`.
  private readonly ambIds = new Map<string, number>();
  private readonly ambNames: string[] = [];
  private p1Vecs: (Float64Array | null)[] | null = null;
  private p12Vecs: (Float64Array | null)[] | null = null;
  private readonly p1aVecs = new Map<number, Float64Array | null>();
  private readonly aaVecs = new Map<number, Float64Array | null>();
  private readonly firstVecs = new Map<string, Float64Array | null>();

  private ambId(amb: string): number {
    let id = this.ambIds.get(amb);
    if (id === undefined) {
      id = this.ambNames.length;
      this.ambNames.push(amb);
      this.ambIds.set(amb, id);
    }
    return id;
  }

  private firstVec(shapeName: string): Float64Array | null {
    let fv = this.firstVecs.get(shapeName);
    if (fv === undefined) this.firstVecs.set(shapeName, (fv = this.w.get("first=" + shapeName) ?? null));
    return fv;
  }

  private tagStr(t: number): string {
    return t === this.tags.length ? "<s>" : this.tags[t];
  }

  /**
   * Tags a sentence given each word's vectors (from `wordVectors`): the index of the best tag per word into
   * `tagsOut`, and into `closeOut` a bit mask of the runner-up tags within `margin` of the best (bit t = tag t).
   * The same decisions as `tagWithAlternatives`, without per-word strings or objects.
   */
  tagIndices(vecs: readonly WordVectors[], n: number, margin: number, tagsOut: Int32Array, closeOut: Int32Array): void {
    const T = this.tags.length;
    const S = T + 1;
    if (!this.p1Vecs) {
      this.p1Vecs = [];
      this.p12Vecs = [];
      for (let a = 0; a < S; a++) {
        this.p1Vecs.push(this.w.get("p1=" + this.tagStr(a)) ?? null);
        for (let b = 0; b < S; b++) this.p12Vecs.push(this.w.get("p12=" + this.tagStr(a) + "," + this.tagStr(b)) ?? null);
      }
    }
    const p1Vecs = this.p1Vecs;
    const p12Vecs = this.p12Vecs!;
    const endAmb = this.ambId("</s>");
    const scores = this.scores.length === T ? this.scores : (this.scores = new Float64Array(T));
    let p1 = T;
    let p2 = T;
    const dash = this.firstVecs.has("-") ? this.firstVecs.get("-")! : this.firstVec("-");
    for (let i = 0; i < n; i++) {
      const v = vecs[i];
      const prev = i > 0 ? vecs[i - 1].prev : this.startVec;
      const next = i + 1 < n ? vecs[i + 1].next : this.endVec;
      const nextAmb = i + 1 < n ? vecs[i + 1].ambId : endAmb;
      // The pair features, in pairFeatures order: p1=, p12=, p1a=, first=, aa+1=, wa+1=.
      const f1 = p1Vecs[p1];
      const f2 = p12Vecs[p1 * S + p2];
      const pas = v.p1a ?? (v.p1a = new Array(S));
      let f3 = pas[p1];
      if (f3 === undefined) f3 = pas[p1] = this.w.get("p1a=" + this.tagStr(p1) + "," + v.amb) ?? null;
      const f4 = i === 0 ? this.firstVec(shape(v.word)) : dash;
      const kB = v.ambId * 1048576 + nextAmb;
      let f5 = this.aaVecs.get(kB);
      if (f5 === undefined) this.aaVecs.set(kB, (f5 = this.w.get("aa+1=" + v.amb + "," + this.ambNames[nextAmb]) ?? null));
      let f6: Float64Array | null | undefined = null;
      if (v.pronDet) {
        const wa = v.wa ?? (v.wa = new Map());
        f6 = wa.get(nextAmb);
        if (f6 === undefined) wa.set(nextAmb, (f6 = this.w.get("wa+1=" + v.low + "," + this.ambNames[nextAmb]) ?? null));
      }
      // One pass per tag, adding in the same order as the string-keyed version (same floating-point sums).
      const self = v.self;
      for (let t = 0; t < T; t++) {
        let x = self[t];
        x += prev[t] + next[t];
        if (f1) x += f1[t];
        if (f2) x += f2[t];
        if (f3) x += f3[t];
        if (f4) x += f4[t];
        if (f5) x += f5[t];
        if (f6) x += f6[t];
        scores[t] = x;
      }
      let bt = 0;
      for (let t = 1; t < T; t++) if (scores[t] > scores[bt]) bt = t;
      let close = 0;
      if (margin > 0) for (let t = 0; t < T; t++) if (t !== bt && scores[bt] - scores[t] < margin) close |= 1 << t;
      tagsOut[i] = bt;
      closeOut[i] = close;
      p2 = p1;
      p1 = bt;
    }
  }

  private scores = new Float64Array(0);

  /** The ambiguity class's id in this tagger's interning (as `tagWords` takes them). */
  ambIdOf(amb: string): number {
    return this.ambId(amb);
  }

  /**
   * Writes a word's three weight sums (its own features, those it gives its right neighbour, those it gives its
   * left neighbour: `tagCount` numbers each) into `out` from `off`, summed in the same order as `wordVectors`.
   */
  fillWordVectors(word: string, low: string, amb: string, out: Float64Array, off: number): void {
    const T = this.tags.length;
    out.fill(0, off, off + 3 * T);
    const tw = this.templates ?? (this.templates = this.splitTemplates());
    // The weight vectors of the features below, found by the text after each template's "=" (no feature string
    // is built); added in the order the feature lists give them, so the sums are the same to the last bit.
    const byLow = tw.low.get(low);
    const s2 = low.slice(-2);
    const s3 = low.slice(-3);
    const by2 = tw.s2.get(s2);
    const by3 = tw.s3.get(s3);
    const byAmb = tw.amb.get(amb);
    // staticFeatures: b, w=, s1=, s2=, s3=, s4=, sh=, a=.
    add(out, off, tw.bias, T);
    add(out, off, byLow?.[0], T);
    add(out, off, tw.s1.get(low.slice(-1)), T);
    add(out, off, by2?.[0], T);
    add(out, off, by3?.[0], T);
    add(out, off, tw.s4.get(low.slice(-4)), T);
    add(out, off, tw.shape.get(shape(word)), T);
    add(out, off, byAmb?.[0], T);
    // asPrevFeatures: w-1=, s2-1=, a-1=.
    add(out, off + T, byLow?.[1], T);
    add(out, off + T, by2?.[1], T);
    add(out, off + T, byAmb?.[1], T);
    // asNextFeatures: w+1=, a+1=, s3+1=.
    add(out, off + 2 * T, byLow?.[2], T);
    add(out, off + 2 * T, byAmb?.[2], T);
    add(out, off + 2 * T, by3?.[1], T);
  }

  /** The word features' weights by template (see fillWordVectors), split out of the feature table once. */
  private templates: WordTemplates | null = null;

  private splitTemplates(): WordTemplates {
    const tw: WordTemplates = { bias: this.w.get("b") ?? null, low: new Map(), s1: new Map(), s2: new Map(), s3: new Map(), s4: new Map(), shape: new Map(), amb: new Map() };
    const put = (m: Map<string, (Float64Array | null)[]>, key: string, at: number, v: Float64Array | null, width: number) => {
      let e = m.get(key);
      if (!e) m.set(key, (e = new Array<Float64Array | null>(width).fill(null)));
      e[at] = v;
    };
    for (const [f, v] of this.w) {
      const eq = f.indexOf("=");
      if (eq < 0) continue;
      const key = f.slice(eq + 1);
      switch (f.slice(0, eq)) {
        case "w": put(tw.low, key, 0, v, 3); break;
        case "w-1": put(tw.low, key, 1, v, 3); break;
        case "w+1": put(tw.low, key, 2, v, 3); break;
        case "s1": if (v) tw.s1.set(key, v); break;
        case "s2": put(tw.s2, key, 0, v, 2); break;
        case "s2-1": put(tw.s2, key, 1, v, 2); break;
        case "s3": put(tw.s3, key, 0, v, 2); break;
        case "s3+1": put(tw.s3, key, 1, v, 2); break;
        case "s4": if (v) tw.s4.set(key, v); break;
        case "sh": if (v) tw.shape.set(key, v); break;
        case "a": put(tw.amb, key, 0, v, 3); break;
        case "a-1": put(tw.amb, key, 1, v, 3); break;
        case "a+1": put(tw.amb, key, 2, v, 3); break;
      }
    }
    return tw;
  }

  /** "wa+1" vectors of PRON/DET-class words by word (as written) and the next word's class id. */
  private readonly waByWord = new Map<string, { low: string; byNext: Map<number, Float64Array | null> }>();
  /** "p1a" vectors by ambiguity class id, then previous tag index; "aa+1" by class id, then the next word's. */
  private readonly p1aArr: (Float64Array | null | undefined)[][] = [];
  private readonly aaArr: (Float64Array | null | undefined)[][] = [];
  private readonly pronDetAmb: boolean[] = [];

  /**
   * `tagIndices` over words whose vectors sit in one table (see `fillWordVectors`): word i's vectors start at
   * `vecs[slot[i] * 3 * tagCount]`, its ambiguity class id is `amb[slot[i]]`. The same decisions and the same
   * floating-point sums, with no object per word.
   */
  tagWords(
    words: readonly string[],
    slot: Int32Array,
    vecs: Float64Array,
    amb: Int32Array,
    n: number,
    margin: number,
    tagsOut: Int32Array,
    closeOut: Int32Array,
  ): void {
    const T = this.tags.length;
    const S = T + 1;
    const W = 3 * T;
    if (!this.p1Vecs) {
      this.p1Vecs = [];
      this.p12Vecs = [];
      for (let a = 0; a < S; a++) {
        this.p1Vecs.push(this.w.get("p1=" + this.tagStr(a)) ?? null);
        for (let b = 0; b < S; b++) this.p12Vecs.push(this.w.get("p12=" + this.tagStr(a) + "," + this.tagStr(b)) ?? null);
      }
    }
    const p1Vecs = this.p1Vecs;
    const p12Vecs = this.p12Vecs!;
    const endAmb = this.ambId("</s>");
    const scores = this.scores.length === T ? this.scores : (this.scores = new Float64Array(T));
    const startVec = this.startVec;
    const endVec = this.endVec;
    let p1 = T;
    let p2 = T;
    const dash = this.firstVecs.has("-") ? this.firstVecs.get("-")! : this.firstVec("-");
    for (let i = 0; i < n; i++) {
      const base = slot[i] * W;
      const ambI = amb[slot[i]];
      // Previous word's "as previous" sums and next word's "as next" sums (or the sentence edges).
      const prevVec = i > 0 ? vecs : startVec;
      const prevOff = i > 0 ? slot[i - 1] * W + T : 0;
      const nextVec = i + 1 < n ? vecs : endVec;
      const nextOff = i + 1 < n ? slot[i + 1] * W + 2 * T : 0;
      const nextAmb = i + 1 < n ? amb[slot[i + 1]] : endAmb;
      // The pair features, in pairFeatures order: p1=, p12=, p1a=, first=, aa+1=, wa+1=.
      const f1 = p1Vecs[p1];
      const f2 = p12Vecs[p1 * S + p2];
      // "p1a" and "aa+1" vectors by class ids in arrays (filled on first use; null: the model lacks the feature).
      const byP1 = this.p1aArr[ambI] ?? (this.p1aArr[ambI] = new Array<Float64Array | null | undefined>(S));
      let f3 = byP1[p1];
      if (f3 === undefined) f3 = byP1[p1] = this.w.get("p1a=" + this.tagStr(p1) + "," + this.ambNames[ambI]) ?? null;
      const f4 = i === 0 ? this.firstVec(shape(words[i])) : dash;
      const byNext = this.aaArr[ambI] ?? (this.aaArr[ambI] = []);
      let f5 = byNext[nextAmb];
      if (f5 === undefined) f5 = byNext[nextAmb] = this.w.get("aa+1=" + this.ambNames[ambI] + "," + this.ambNames[nextAmb]) ?? null;
      let f6: Float64Array | null | undefined = null;
      let pd = this.pronDetAmb[ambI];
      if (pd === undefined) pd = this.pronDetAmb[ambI] = /PRON|DET/.test(this.ambNames[ambI]);
      if (pd) {
        // By the word as written (its lowercase form is taken once, when the word is first met here).
        const word = words[i];
        let wa = this.waByWord.get(word);
        if (!wa) {
          if (this.waByWord.size > 20_000) this.waByWord.clear();
          this.waByWord.set(word, (wa = { low: word.toLowerCase(), byNext: new Map() }));
        }
        f6 = wa.byNext.get(nextAmb);
        if (f6 === undefined) wa.byNext.set(nextAmb, (f6 = this.w.get("wa+1=" + wa.low + "," + this.ambNames[nextAmb]) ?? null));
      }
      for (let t = 0; t < T; t++) {
        let x = vecs[base + t];
        x += prevVec[prevOff + t] + nextVec[nextOff + t];
        if (f1) x += f1[t];
        if (f2) x += f2[t];
        if (f3) x += f3[t];
        if (f4) x += f4[t];
        if (f5) x += f5[t];
        if (f6) x += f6[t];
        scores[t] = x;
      }
      let bt = 0;
      for (let t = 1; t < T; t++) if (scores[t] > scores[bt]) bt = t;
      let close = 0;
      if (margin > 0) for (let t = 0; t < T; t++) if (t !== bt && scores[bt] - scores[t] < margin) close |= 1 << t;
      tagsOut[i] = bt;
      closeOut[i] = close;
      p2 = p1;
      p1 = bt;
    }
  }

  tag(words: string[], amb: string[]): string[] {
    return this.tagWithAlternatives(words, amb).map((t) => t.tag);
  }

  /**
   * Tags with the runner-up tags that scored within `margin` of the best: where the tagger hesitates, the
   * lemmatiser may prefer a reading of a close second.
   */
  tagWithAlternatives(words: string[], amb: string[], margin = 0): { tag: string; close: string[] }[] {
    const lows = words.map((x) => x.toLowerCase());
    const out: { tag: string; close: string[] }[] = [];
    const scores = new Float64Array(this.tags.length);
    let p1 = "<s>";
    let p2 = "<s>";
    const vecs = words.map((w, i) => this.wordVectors(w, lows[i], amb[i]));
    const T = this.tags.length;
    for (let i = 0; i < words.length; i++) {
      scores.set(vecs[i].self);
      const prev = i > 0 ? vecs[i - 1].prev : this.startVec;
      const next = i + 1 < words.length ? vecs[i + 1].next : this.endVec;
      for (let t = 0; t < T; t++) scores[t] += prev[t] + next[t];
      for (const f of pairFeatures(words, lows, amb, i, p1, p2)) {
        const ws = this.w.get(f);
        if (!ws) continue;
        for (let t = 0; t < T; t++) scores[t] += ws[t];
      }
      let bt = 0;
      for (let t = 1; t < scores.length; t++) if (scores[t] > scores[bt]) bt = t;
      const tag = this.tags[bt];
      const close: string[] = [];
      if (margin > 0) for (let t = 0; t < scores.length; t++) if (t !== bt && scores[bt] - scores[t] < margin) close.push(this.tags[t]);
      out.push({ tag, close });
      p2 = p1;
      p1 = tag;
    }
    return out;
  }
}
