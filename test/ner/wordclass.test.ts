import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { buildWordClasses } from "../../src/ner/wordclass.js";
import { lemmaKey, tokenInfo, wordClass } from "../../src/ner/features.js";
import { makeLexicons } from "../../src/ner/model.js";
import { loadRecognizer } from "../../src/ner/index.js";
import { LEXICON_DIR } from "../../src/morph/lemmatizer.js";

const LEX = [
  "dzherelo-lexicon 1 uk",
  "#rules",
  "#entries",
  "Іспанія\t%h\tPROPN",
  "Буча\t%h\tPROPN",
  "Львів\t0u6\tPROPN",
  "Харків\t0u6\tPROPN",
  "Петренко\t1$\tPROPN",
  "директор\t1:$x\tNOUN",
  "голова\t%<h\tNOUN",
  "Голова\t1$\tPROPN",
  "швидкий\tV\tADJ",
  "",
].join("\n");

describe("dictionary paradigm classes", () => {
  const wc = buildWordClasses(LEX);
  const lex = makeLexicons(new Uint32Array(0), wc.keys, wc.vals);
  const cls = (lemma: string) => wordClass(lex, lemmaKey(lemma), 0);

  it("give lemmas with the same paradigm flags one class, and different flags different classes", () => {
    expect(cls("Львів")).toBe(cls("Харків"));
    expect(cls("Іспанія")).toBe(cls("Буча"));
    expect(cls("Львів")).not.toBe(cls("Іспанія"));
    expect(cls("Петренко")).not.toBe(cls("директор"));
  });

  it("key lemmas in lowercase and join the readings of a word (голова the noun and Голова the surname)", () => {
    expect(cls("львів")).toBe(cls("Львів"));
    expect(cls("голова")).not.toBe(cls("Петренко"));
    expect(cls("голова")).not.toBe(0);
  });

  it("leave other parts of speech and unknown words in class 0", () => {
    expect(cls("швидкий")).toBe(0);
    expect(cls("Zodiak")).toBe(0);
    expect(wc.classes).toBe(5);
  });

  it("reach the token through its lemma from morphology", () => {
    expect(tokenInfo("Львова", lex, { lemma: "Львів", pos: "PROPN" }).cls).toBe(cls("Львів"));
    expect(tokenInfo(",", lex, { lemma: ",", pos: "PUNCT" }).cls).toBe(0);
  });
});

describe.skipIf(!existsSync(join(LEXICON_DIR, "uk.lex.gz")))("the shipped model's classes", () => {
  it("are the dictionary's: every stored class comes from the dictionary build", () => {
    const wc = buildWordClasses(gunzipSync(readFileSync(join(LEXICON_DIR, "uk.lex.gz"))).toString("utf8"));
    expect(wc.keys.length).toBeGreaterThan(100_000);
    const m = loadRecognizer("v2").passes[0];
    expect(m.lexKeys.clusterKeys.length).toBeGreaterThan(100_000);
    // Towns share a class; a town and a surname do not.
    const lex = m.lex;
    const c = (l: string) => wordClass(lex, lemmaKey(l), 0);
    expect(c("Львів")).toBe(c("Харків"));
    expect(c("Львів")).not.toBe(c("Петренко"));
  });
});
