/**
 * Trains the context tagger (averaged perceptron) and the lemma memory on CoNLL-U sentences. Used by
 * scripts/build-lexicon.ts on the UD Ukrainian-IU dev split only.
 */
import type { ConlluSentence } from "./conllu.js";
import { features, type AmbiguityClass, type TaggerModel } from "./tagger.js";

export function trainTagger(sents: ConlluSentence[], amb: AmbiguityClass, epochs = 8): TaggerModel {
  const tagSet = new Set<string>();
  for (const s of sents) for (const t of s.tokens) tagSet.add(t.upos);
  const tags = [...tagSet].sort();
  const T = tags.length;
  const tagIdx = new Map(tags.map((t, i) => [t, i]));
  const w = new Map<string, Float64Array>();
  const totals = new Map<string, Float64Array>();
  const stamps = new Map<string, Float64Array>();
  let step = 0;

  const get = (m: Map<string, Float64Array>, f: string) => {
    let a = m.get(f);
    if (!a) m.set(f, (a = new Float64Array(T)));
    return a;
  };
  const update = (f: string, t: number, v: number) => {
    const ws = get(w, f);
    const tot = get(totals, f);
    const st = get(stamps, f);
    tot[t] += (step - st[t]) * ws[t];
    st[t] = step;
    ws[t] += v;
  };

  const data = sents.map((s) => {
    const words = s.tokens.map((t) => t.form);
    return {
      words,
      lows: words.map((x) => x.toLowerCase()),
      amb: words.map((x) => amb(x)),
      gold: s.tokens.map((t) => tagIdx.get(t.upos)!),
    };
  });
  // A fixed-seed shuffle so the build is reproducible.
  let seed = 12345;
  const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const scores = new Float64Array(T);
  for (let ep = 0; ep < epochs; ep++) {
    const order = data.map((_, i) => i);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    let correct = 0;
    let total = 0;
    for (const di of order) {
      const d = data[di];
      let p1 = "<s>";
      let p2 = "<s>";
      for (let i = 0; i < d.words.length; i++) {
        step++;
        const fs = features(d.words, d.lows, d.amb, i, p1, p2);
        scores.fill(0);
        for (const f of fs) {
          const ws = w.get(f);
          if (ws) for (let t = 0; t < T; t++) scores[t] += ws[t];
        }
        let bt = 0;
        for (let t = 1; t < T; t++) if (scores[t] > scores[bt]) bt = t;
        const g = d.gold[i];
        if (bt !== g) {
          for (const f of fs) {
            update(f, g, 1);
            update(f, bt, -1);
          }
        } else correct++;
        total++;
        // Training follows the gold history, as is usual for greedy perceptron taggers.
        p2 = p1;
        p1 = tags[g];
      }
    }
    if (process.env.DEBUG_TAGGER) console.log(`epoch ${ep + 1}: ${(100 * correct / total).toFixed(2)}% on train`);
  }
  // Average and prune weights too small to change a decision.
  const weights: Record<string, Record<string, number>> = {};
  for (const [f, ws] of w) {
    const tot = totals.get(f)!;
    const st = stamps.get(f)!;
    const sparse: Record<string, number> = {};
    let any = false;
    for (let t = 0; t < T; t++) {
      const avg = (tot[t] + (step - st[t]) * ws[t]) / step;
      if (Math.abs(avg) >= 0.001) {
        sparse[t] = Math.round(avg * 1000) / 1000;
        any = true;
      }
    }
    if (any) weights[f] = sparse;
  }

  // Lemma memory: the majority lemma of each form under each POS.
  const counts = new Map<string, Map<string, number>>();
  for (const s of sents) for (const t of s.tokens) {
    if (t.lemma === "_") continue;
    const k = `${t.form}|${t.upos}`;
    const m = counts.get(k) ?? new Map<string, number>();
    m.set(t.lemma, (m.get(t.lemma) ?? 0) + 1);
    counts.set(k, m);
  }
  const lemmas: Record<string, string> = {};
  for (const [k, m] of counts) {
    let best = "";
    let bc = 0;
    for (const [l, c] of m) if (c > bc) [best, bc] = [l, c];
    lemmas[k] = best;
  }
  return { tags, weights, lemmas };
}
