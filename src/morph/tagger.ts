/**
 * Context tagger: an averaged perceptron that predicts the Universal POS of each word from the word, its
 * endings, its neighbours and the POS the dictionary allows (the "ambiguity class"). The lemmatiser uses the
 * tag to choose among dictionary lemmas of different parts of speech (стали: стати VERB / сталь NOUN).
 * Greedy left-to-right decoding: one pass, a few dozen Map probes per word.
 */

export interface TaggerModel {
  tags: string[];
  /** feature → weights per tag index (sparse: "tagIndex:weight" pairs). */
  weights: Record<string, Record<string, number>>;
  /** Lemma memory from the training data: "form|UPOS" → lemma, for forms whose lemma the dictionary gets wrong. */
  lemmas: Record<string, string>;
}

/** What the tagger needs to know of a word beyond its letters: the POS the dictionary allows. */
export type AmbiguityClass = (word: string) => string;

function shape(w: string): string {
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
    this.startVec = this.sum(asPrevFeatures(null, null));
    this.endVec = this.sum(asNextFeatures(null, null));
  }

  private readonly wordCache = new Map<string, { self: Float64Array; prev: Float64Array; next: Float64Array }>();
  private startVec!: Float64Array;
  private endVec!: Float64Array;

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
  private wordVectors(word: string, low: string, amb: string) {
    const key = word + "\u0001" + amb;
    let v = this.wordCache.get(key);
    if (v) return v;
    v = { self: this.sum(staticFeatures(word, low, amb)), prev: this.sum(asPrevFeatures(low, amb)), next: this.sum(asNextFeatures(low, amb)) };
    // Bounded: three short vectors per word; 60 k words ≈ 40 MB.
    if (this.wordCache.size > 60_000) this.wordCache.clear();
    this.wordCache.set(key, v);
    return v;
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
