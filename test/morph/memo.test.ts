import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { analyzeWord, lemmatizeSentence } from "../../src/morph/index.js";
import { clearCaches } from "../../src/morph/lemmatizer.js";
import { AffixLexicon } from "../../src/morph/affix.js";
import { readConllu } from "../../src/morph/conllu.js";
import { HAS_SHARED, sharedPath } from "../helpers/shared.js";

// The lemmatiser remembers each word's results per context (tag, runner-up tags, sentence start) and each
// word's analyses; these tests check that what was remembered never leaks into another context or caller.

/** Lemmas of the sentences in the given order, after forgetting everything remembered. */
function lemmasInOrder(sentences: string[][], order: number[]): string[][] {
  clearCaches("uk");
  const out: string[][] = new Array(sentences.length);
  for (const i of order) out[i] = lemmatizeSentence(sentences[i], "uk").map((r) => `${r.lemma}/${r.pos}`);
  return out;
}

const SENTENCES = [
  "Президенти Північної Кореї і Росії уклали договір .",
  "« Президенти домовились » , – сказав він .",
  "Вони стали найкращими друзями , а президенти – ні .",
  "Ножі зроблені з нержавіючої сталі , і стали дорожчими .",
  "Три дні тому президент сказав , що три роки – це мало .",
].map((s) => s.split(" "));

describe("memoised lemmas", () => {
  it("a repeated word gets the lemma of its own context whatever was seen first", () => {
    const order = SENTENCES.map((_, i) => i);
    const forward = lemmasInOrder(SENTENCES, order);
    expect(lemmasInOrder(SENTENCES, [...order].reverse())).toEqual(forward);
    // Sentence-initial "Президенти" is the common noun; the same word after an opening quote too.
    expect(forward[0][0]).toBe("президент/NOUN");
  });

  it("gives the same lemmas after the word table has filled up and been emptied", () => {
    clearCaches("uk");
    const before = SENTENCES.map((s) => lemmatizeSentence(s, "uk").map((r) => `${r.lemma}/${r.pos}`));
    // More distinct words than the table holds (65,536): letter strings the dictionary does not know.
    const letters = "абвгдежзиклмнопрстуфхцчшщ";
    const word = (n: number) => {
      let w = "";
      for (let k = 0; k < 4; k++, n = Math.floor(n / letters.length)) w += letters[n % letters.length];
      return "ф" + w;
    };
    for (let i = 0; i < 70_000; i += 50) lemmatizeSentence(Array.from({ length: 50 }, (_, j) => word(i + j)), "uk");
    expect(SENTENCES.map((s) => lemmatizeSentence(s, "uk").map((r) => `${r.lemma}/${r.pos}`))).toEqual(before);
  });

  it("analyzeWord hands out copies: a caller changing a reading does not change the next answer", () => {
    const first = analyzeWord("Росії", "uk");
    const lemma = first[0].lemma;
    first[0].lemma = "змінено";
    first[0].feats.Changed = "Yes";
    first.pop();
    const again = analyzeWord("Росії", "uk");
    expect(again[0].lemma).toBe(lemma);
    expect(again[0].feats.Changed).toBeUndefined();
    expect(again.length).toBe(first.length + 1);
  });

  it("the dictionary finds lemmas added one by one, by every suffix rule", () => {
    const lex = new AffixLexicon("uk");
    lex.addRule("A", "", "и", "");
    lex.addRule("A", "а", "і", "а");
    lex.addEntry("стіл", "A", "NOUN");
    lex.addEntry("школа", "A", "NOUN");
    expect(lex.analyze("столи")).toEqual([]);
    expect(lex.analyze("стіли").map((a) => a.lemma)).toEqual(["стіл"]);
    expect(lex.analyze("школі").map((a) => a.lemma)).toEqual(["школа"]);
    expect(lex.analyze("школи")).toEqual([]);
  });
});

describe.skipIf(!HAS_SHARED)("memoised lemmas on UD dev (needs ../shared)", () => {
  it("the dev sentences lemmatised in reverse order give the same lemmas as in reading order", () => {
    const sents = readConllu(readFileSync(sharedPath("data", "ud-uk-iu", "uk_iu-ud-dev.conllu"), "utf8")).map((s) => s.tokens.map((t) => t.form));
    const order = sents.map((_, i) => i);
    expect(lemmasInOrder(sents, [...order].reverse())).toEqual(lemmasInOrder(sents, order));
  });
});
