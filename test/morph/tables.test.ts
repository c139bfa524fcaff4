import { describe, expect, it } from "vitest";
import { AffixLexicon, compileCondition, endMatches } from "../../src/morph/affix.js";
import { SuffixTable, applySuffixModel, trainSuffixModel } from "../../src/morph/suffix.js";

// The packed forms of the morphology tables must answer exactly as the plain forms they replace: rule
// conditions as letter classes as their RegExp, the packed suffix model as the model object, the packed lexicon
// (homonym lines merged, base filter) as suffix inversion over the lines.

describe("rule conditions as letter classes", () => {
  const words = ["мати", "бути", "жати", "ніч", "сіль", "Київ", "ллє", "за", "", "в", "a.b", "стіл", "пасть", "часть"];
  for (const cond of ["ь", "[бм]", "[^аеєиіїоуюя]ти", "[^ч].сть", ".", "ти", "[вжрфчшщ]", "[^ь]"]) {
    it(`"${cond}" matches as its RegExp`, () => {
      const seq = compileCondition(cond);
      expect(seq).not.toBeNull();
      const re = new RegExp(`(?:${cond})$`, "u");
      for (const w of words) expect(endMatches(seq!, w), `${cond} / ${w}`).toBe(re.test(w));
    });
  }
  it("alternations, ranges and escapes keep their RegExp", () => {
    for (const cond of ["(^|[^б])жати", "[а-я]ти", "\\w", "а|б", "[]"]) expect(compileCondition(cond)).toBeNull();
  });
});

describe("packed suffix model", () => {
  const pairs = [
    ["Ковальчука", "Ковальчук", "PROPN"], ["Ковальчуком", "Ковальчук", "PROPN"], ["Петрука", "Петрук", "PROPN"],
    ["Петруком", "Петрук", "PROPN"], ["Мельника", "Мельник", "PROPN"], ["Мельником", "Мельник", "PROPN"],
    ["рука", "рука", "NOUN"], ["ріка", "ріка", "NOUN"], ["мука", "мука", "NOUN"], ["руки", "рука", "NOUN"],
    ["ріки", "ріка", "NOUN"], ["муки", "мука", "NOUN"], ["зелена", "зелений", "ADJ"], ["червона", "червоний", "ADJ"],
    ["синя", "синій", "ADJ"], ["нова", "новий", "ADJ"], ["стара", "старий", "ADJ"], ["дорога", "дорогий", "ADJ"],
  ].map(([form, lemma, pos]) => ({ form, lemma, pos }));
  const model = trainSuffixModel(pairs, 2);

  it("answers as the model object for known and unknown endings", () => {
    const table = SuffixTable.fromJson(JSON.stringify(model));
    expect(Object.keys(model.rules).length).toBeGreaterThan(3);
    const words = ["Бондарчука", "Бондарчуком", "щука", "щуки", "весела", "Весела", "ЖУКА", "ка", "к", "", "Zoo", "Шевченка"];
    for (const w of words) expect(table.apply(w), w).toEqual(applySuffixModel(model, w));
    expect(table.apply("Бондарчука")).toEqual({ lemma: "Бондарчук", pos: "PROPN" });
  });

  it("reads escaped JSON strings and keeps the last of a repeated key", () => {
    const json = '{"maxLen":6,"rules":{"aка":"1|а|NOUN","a\\u0434а":"1|ий|ADJ","aка":"0||NOUN"}}';
    const table = SuffixTable.fromJson(json);
    expect(table.apply("рука")).toEqual({ lemma: "рука", pos: "NOUN" });
    expect(table.apply("руда")).toEqual({ lemma: "рудий", pos: "ADJ" });
  });
});

describe("packed lexicon", () => {
  const text = [
    "dzherelo-lexicon 1 uk",
    "#rules",
    "A\t\tа\t[^аеєиіїоуюя]",
    "A\t\tом\t[^аеєиіїоуюя]",
    "B\tий\tа\tий",
    "C\tь\tі\tь",
    "#entries",
    "Саратов\tA\tPROPN",
    "Саратовом\t\tPROPN\t=Саратов",
    "новий\tB\tADJ",
    "стіл\tA\tNOUN",
    "стіл\t\tNOUN",
    "стіл\tA\tVERB",
    "сіль\tC\tNOUN",
    "",
  ].join("\n");

  it("analyses forms by suffix inversion, homonym lines merged by POS", () => {
    const lex = AffixLexicon.parse(text);
    expect(lex.size).toBe(5);
    expect(lex.analyze("стіла")).toEqual([
      { lemma: "стіл", pos: "NOUN", flag: "A", bare: false },
      { lemma: "стіл", pos: "VERB", flag: "A", bare: false },
    ]);
    expect(lex.analyze("стіл").map((a) => `${a.lemma}/${a.pos}/${a.bare}`)).toEqual(["стіл/NOUN/false", "стіл/VERB/false"]);
    expect(lex.analyze("нова")).toEqual([{ lemma: "новий", pos: "ADJ", flag: "B", bare: false }]);
    expect(lex.analyze("солі")).toEqual([]);
    expect(lex.analyze("сілі")).toEqual([{ lemma: "сіль", pos: "NOUN", flag: "C", bare: false }]);
    expect(lex.analyze("Саратова")).toEqual([{ lemma: "Саратов", pos: "PROPN", flag: "A", bare: false }]);
    // The bare form's own line names its lemma; the rule's reading of the same lemma and POS is not repeated.
    expect(lex.analyze("Саратовом")).toEqual([{ lemma: "Саратов", pos: "PROPN", flag: "=", bare: false }]);
    expect(lex.hasLemma("стіл")).toBe(true);
    expect(lex.hasLemma("стіла")).toBe(false);
    expect(lex.posOf("стіл")).toEqual(["NOUN", "VERB"]);
  });

  it("entries added one by one are analysed as the packed ones", () => {
    const lex = AffixLexicon.parse(text);
    lex.addEntry("кіт", "A", "NOUN");
    expect(lex.analyze("кітом")).toEqual([{ lemma: "кіт", pos: "NOUN", flag: "A", bare: false }]);
    expect(lex.analyze("стіла").map((a) => `${a.lemma}/${a.pos}`)).toEqual(["стіл/NOUN", "стіл/VERB"]);
  });
});
