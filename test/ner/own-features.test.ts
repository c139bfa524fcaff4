import { describe, expect, it } from "vitest";
import { CONTEXT_FEATURE_LIST, extract, extractContext, HIST_FEATURES, NUM_FEATURES, tokenInfo } from "../../src/ner/features.js";
import { fnv1a } from "../../src/ner/hash.js";
import { NEXT_FEATURE_LIST, OWN_FEATURE_LIST, PREV_FEATURE_LIST } from "../../src/ner/recognizer.js";
import { loadRecognizer, tokenize } from "../../src/ner/index.js";
import { units } from "../../src/ner/tokenize.js";
import { lemmatizeSentence } from "../../src/morph/lemmatizer.js";

// The fused recogniser sums the weights of a word's own-text features (and of those it gives its neighbours)
// once per distinct word; these tests check
// that those features really depend on the word alone and that the memo leaves the tags unchanged.

const lex = { lowerSeen: null } as unknown as Parameters<typeof tokenInfo>[1];

function featuresOf(words: string[], at: number): Uint32Array {
  // Lemma, POS and dictionary class belong to the word (the memo is keyed by text, lemma and POS).
  const infos = words.map((w, i) => ({ ...tokenInfo(w, lex), lemma: fnv1a(w.toLowerCase()), pos: fnv1a("P" + w), cls: fnv1a("C" + w), doc: i % 3 }));
  const f = extract(words, infos, 0, words.length);
  return f.subarray(at * NUM_FEATURES, (at + 1) * NUM_FEATURES);
}

describe("NER own-text features", () => {
  it("the features summed once per word (with its lemma and POS) are the same for the word in any context, the others are not", () => {
    const a = featuresOf(["Вчора", "«", "Зеленський", "»", "заявив"], 2);
    const b = featuresOf(["Президент", "Зеленський", "сказав", ",", "що", "так"], 1);
    const changed: number[] = [];
    for (let k = 0; k < NUM_FEATURES; k++) if (a[k] !== b[k]) changed.push(k);
    for (const k of OWN_FEATURE_LIST) expect(changed).not.toContain(k);
    // Every feature outside the list reads the context (neighbours, position, document), so it changes here (or is the history,
    // which extract leaves to the second pass).
    const others = [...Array(NUM_FEATURES).keys()].filter((k) => !OWN_FEATURE_LIST.includes(k));
    expect(changed.length).toBeGreaterThan(others.length - 8);
  });

  it("the features memoised per neighbour depend on that neighbour's text alone", () => {
    // Same previous and next words, everything else different.
    const a = featuresOf(["Вчора", "у", "Києві", "сказав", "він"], 2);
    const b = featuresOf(["Ми", "у", "Львові", "сказав", "так"], 2);
    for (const k of [...PREV_FEATURE_LIST, ...NEXT_FEATURE_LIST]) expect(a[k]).toBe(b[k]);
    expect(a[OWN_FEATURE_LIST[1]]).not.toBe(b[OWN_FEATURE_LIST[1]]); // the words themselves differ
  });

  it("tags texts the same with and without the per-word memo, in any order", () => {
    const rec = loadRecognizer("v2");
    const prepare = (text: string) => {
      const tokens = tokenize(text);
      const us = units(text, tokens) as [number, number][];
      const morph = us.flatMap(([x, y]) => lemmatizeSentence(tokens.slice(x, y).map((t) => t.text), "uk"));
      return { texts: tokens.map((t) => t.text), units: us, morph };
    };
    const a = prepare(
      "Президент України Володимир Зеленський провів переговори з канцлером Німеччини Олафом Шольцем у Києві. " +
        "Зеленський сказав, що Україна і Німеччина домовилися. Шольц підтвердив це агентству Reuters у Берліні. " +
        "Компанія «Нафтогаз України» сплатила 2,5 млрд гривень податків за 2023 рік, повідомив Зеленський.",
    );
    const b = prepare("У Львові на вул. Городоцькій відкрили «Центр міста». Директор центру Олена Петренко подякувала меру.");
    // The second and third calls take every word from the memo, with work buffers left by another text.
    for (const doc of [a, b, a, b, a]) expect([...rec.tagDoc(doc)]).toEqual([...rec.tagSequential(doc)]);
  });
});

describe("NER context features", () => {
  it("extractContext writes the context and history features with extract's values, and only those", () => {
    const words = ["Вчора", "у", "«", "Києві", "»", "заявив", "Зеленський", "."];
    const infos = words.map((w, i) => ({ ...tokenInfo(w, lex), lemma: fnv1a(w.toLowerCase()), pos: fnv1a("P" + w), cls: fnv1a("C" + w), doc: i % 3 }));
    const full = extract(words, infos, 0, words.length).slice();
    const ctx = new Uint32Array(full.length);
    extractContext(words, infos, 0, words.length, ctx);
    for (let i = 0; i < words.length; i++) {
      for (let k = 0; k < NUM_FEATURES; k++) {
        const at = i * NUM_FEATURES + k;
        if (CONTEXT_FEATURE_LIST.includes(k) || k >= NUM_FEATURES - HIST_FEATURES) expect(ctx[at]).toBe(full[at]);
        else expect(ctx[at]).toBe(0);
      }
    }
    // Together with the memoised lists and the history, the context list covers every feature once.
    const all = [...OWN_FEATURE_LIST, ...PREV_FEATURE_LIST, ...NEXT_FEATURE_LIST, ...CONTEXT_FEATURE_LIST].sort((a, b) => a - b);
    expect(all).toEqual([...Array(NUM_FEATURES - HIST_FEATURES).keys()]);
  });
});
