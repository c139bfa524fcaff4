import { describe, expect, it } from "vitest";
import { Cap, docEvidence, extract, labelHistory, NUM_FEATURES, tokenInfo, type Lexicons } from "../../src/ner/features.js";
import { HashIndex, fnv1a } from "../../src/ner/hash.js";
import { tokenize, units } from "../../src/ner/tokenize.js";

const none: Lexicons = { lowerSeen: null, clusters: null };
const infosOf = (words: string[]) => words.map((w) => tokenInfo(w, none));

describe("tokenize", () => {
  it("keeps apostrophes and hyphens inside words, decimals inside numbers, and splits punctuation", () => {
    const text = "ТОВ «Укргеоекологія» в Слов’яносербському районі, Більче-Волицько-Угерське ПСГ за 7,08 млн грн.";
    expect(tokenize(text).map((t) => t.text)).toEqual([
      "ТОВ", "«", "Укргеоекологія", "»", "в", "Слов’яносербському", "районі", ",",
      "Більче-Волицько-Угерське", "ПСГ", "за", "7,08", "млн", "грн", ".",
    ]);
  });
  it("gives offsets into the text", () => {
    const text = "  Київ,\nЛьвів";
    for (const t of tokenize(text)) expect(text.slice(t.start, t.end)).toBe(t.text);
  });
});

describe("units", () => {
  it("cut at line breaks and at sentence ends, but not after an initial", () => {
    const text = "Академік В. І. Вернадський писав. Він жив у Києві.\nНовий рядок";
    const toks = tokenize(text);
    const us = units(text, toks).map(([a, b]) => toks.slice(a, b).map((t) => t.text).join(" "));
    expect(us).toEqual(["Академік В . І . Вернадський писав .", "Він жив у Києві .", "Новий рядок"]);
  });
  it("do not cut after an abbreviation that a name continues (вул., м., ім.), but do after a sentence", () => {
    const text = "Офіс на вул. Хрещатик у м. Києві. Інститут ім. Глієра поруч. Це 5 грн. Потім ще.";
    const toks = tokenize(text);
    const us = units(text, toks).map(([a, b]) => toks.slice(a, b).map((t) => t.text).join(" "));
    expect(us).toEqual(["Офіс на вул . Хрещатик у м . Києві .", "Інститут ім . Глієра поруч .", "Це 5 грн .", "Потім ще ."]);
  });
  it("follow given sentence spans", () => {
    const text = "Один два. Три";
    const toks = tokenize(text);
    expect(units(text, toks, [{ start: 0, end: 9 }, { start: 10, end: 13 }])).toEqual([[0, 3], [3, 4]]);
  });
});

describe("tokenInfo", () => {
  it("classifies capitalisation", () => {
    expect(tokenInfo("Київ", none).cap).toBe(Cap.Title);
    expect(tokenInfo("київ", none).cap).toBe(Cap.Lower);
    expect(tokenInfo("НАТО", none).cap).toBe(Cap.Upper);
    expect(tokenInfo("iPhone", none).cap).toBe(Cap.Mixed);
    expect(tokenInfo("2024", none).cap).toBe(Cap.Digit);
    expect(tokenInfo("«", none).cap).toBe(Cap.Punct);
  });
  it("treats apostrophe variants and case alike in the lowercase form", () => {
    expect(tokenInfo("Слов’янськ", none).lower).toBe(tokenInfo("слов'янськ", none).lower);
  });
  it("marks a capitalised word that the lexicon knows in lowercase", () => {
    const lex: Lexicons = { lowerSeen: HashIndex.fromKeys([fnv1a("гарант")]), clusters: null };
    expect(tokenInfo("Гарант", lex).lowerSeen).toBe(1);
    expect(tokenInfo("Укртрансгаз", lex).lowerSeen).toBe(2);
  });
});

describe("extract", () => {
  it("gives NUM_FEATURES hashes per token", () => {
    const words = ["Президент", "України", "виступив", "."];
    const f = extract(words, infosOf(words), 0, words.length);
    expect(f.length).toBe(words.length * NUM_FEATURES);
  });
  it("depends on the neighbours: the same word in another context gets partly different features", () => {
    const a = ["у", "Києві", "сьогодні"];
    const b = ["з", "Києві", "вчора"];
    const fa = extract(a, infosOf(a), 0, 3).slice(NUM_FEATURES, 2 * NUM_FEATURES);
    const fb = extract(b, infosOf(b), 0, 3).slice(NUM_FEATURES, 2 * NUM_FEATURES);
    const same = [...fa].filter((h, k) => fb[k] === h).length;
    expect(same).toBeGreaterThan(NUM_FEATURES / 3);
    expect(same).toBeLessThan(NUM_FEATURES);
  });
  it("does not look past the unit: a token at a unit edge sees padding, not the next unit", () => {
    const words = ["Київ", "Львів", "Одеса"];
    const infos = infosOf(words);
    const alone = extract(words, infos, 1, 2);
    const inside = extract(words, infos, 0, 3).slice(NUM_FEATURES, 2 * NUM_FEATURES);
    expect([...alone]).not.toEqual([...inside]);
    expect([...alone]).toEqual([...extract(["Львів"], [infos[1]], 0, 1)]);
  });
});

describe("document evidence", () => {
  it("tells a sentence-initial name seen capitalised elsewhere from a common word seen in lowercase", () => {
    const words = ["Гарант", "виграв", "тендер", ".", "Компанія", "Гарант", "відома", ".", "Гарант", "і", "гарант"];
    const infos = infosOf(words);
    const starts = [1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0];
    docEvidence(infos, starts);
    expect(infos[0].doc & 1).toBe(1); // "Гарант" also mid-sentence
    expect(infos[4].doc & 1).toBe(0); // "Компанія" only at a sentence start
    expect(infos[8].doc & 2).toBe(2); // "гарант" also in lowercase
    expect(infos[1].doc & 2).toBe(0); // "виграв" occurs once
  });
});

describe("label history", () => {
  it("gives other mentions of a word the type a first pass found for it, ignoring the token itself", () => {
    const words = ["компанія", "Гарант", "і", "Гарант", "знову", "Гарант"];
    const infos = infosOf(words);
    labelHistory(infos, [0, 2, 0, 0, 0, 2]);
    expect(infos[3].hist).not.toBe(0);
    expect(infos[4].hist).toBe(0); // "знову" occurs once
    // Token 1 sees one ORG-typed and one untyped other mention; token 3 sees two typed ones.
    expect(infos[1].hist).not.toBe(infos[3].hist);
  });
});
