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

/** Features of word i given the previous two predicted tags. */
export function features(words: string[], lows: string[], amb: string[], i: number, p1: string, p2: string): string[] {
  const w = lows[i];
  const f: string[] = [
    "b",
    "w=" + w,
    "s1=" + w.slice(-1),
    "s2=" + w.slice(-2),
    "s3=" + w.slice(-3),
    "s4=" + w.slice(-4),
    "sh=" + shape(words[i]),
    "a=" + amb[i],
    "p1=" + p1,
    "p12=" + p1 + "," + p2,
    "p1a=" + p1 + "," + amb[i],
    "w-1=" + (i > 0 ? lows[i - 1] : "<s>"),
    "w+1=" + (i + 1 < lows.length ? lows[i + 1] : "</s>"),
    "a+1=" + (i + 1 < lows.length ? amb[i + 1] : "</s>"),
    "s3+1=" + (i + 1 < lows.length ? lows[i + 1].slice(-3) : "</s>"),
    "s2-1=" + (i > 0 ? lows[i - 1].slice(-2) : "<s>"),
    "first=" + (i === 0 ? shape(words[i]) : "-"),
    "a-1=" + (i > 0 ? amb[i - 1] : "<s>"),
    "aa+1=" + amb[i] + "," + (i + 1 < lows.length ? amb[i + 1] : "</s>"),
  ];
  // Pronouns and determiners (його, її, те, того): what follows tells DET (before a noun) from PRON.
  if (/PRON|DET/.test(amb[i])) f.push("wa+1=" + w + "," + (i + 1 < lows.length ? amb[i + 1] : "</s>"));
  return f;
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
    for (let i = 0; i < words.length; i++) {
      scores.fill(0);
      for (const f of features(words, lows, amb, i, p1, p2)) {
        const ws = this.w.get(f);
        if (!ws) continue;
        for (let t = 0; t < ws.length; t++) scores[t] += ws[t];
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
