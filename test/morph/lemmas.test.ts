import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { analyzeWord, lemmatize, lemmatizeSentence } from "../../src/morph/index.js";
import { readConllu } from "../../src/morph/conllu.js";
import { HAS_SHARED, sharedPath } from "../helpers/shared.js";

const words = (s: string) => s.split(" ");

describe("Ukrainian lemmas from the dictionary", () => {
  it("inflected nouns, verbs and adjectives go to their dictionary form", () => {
    expect(lemmatize("Росії", "uk")).toBe("Росія");
    expect(lemmatize("посміхнувся", "uk")).toBe("посміхнутися");
    expect(lemmatize("союзницьких", "uk")).toBe("союзницький");
    expect(lemmatize("країнами", "uk")).toBe("країна");
  });

  it("irregular forms the dictionary lists bare get their UD lemma", () => {
    expect(lemmatize("мене", "uk")).toBe("я");
    expect(lemmatize("людей", "uk")).toBe("людина");
    expect(lemmatize("будуть", "uk")).toBe("бути");
    expect(lemmatize("зможуть", "uk")).toBe("змогти");
  });

  it("adverbial participles lemmatise to the verb", () => {
    expect(lemmatize("читаючи", "uk")).toBe("читати");
    expect(lemmatize("зробивши", "uk")).toBe("зробити");
  });

  it("writes lemmas with the typographic apostrophe and ignores stress marks", () => {
    expect(lemmatize("об'єкта", "uk")).toBe("об’єкт");
    expect(lemmatize("об’єктів", "uk")).toBe("об’єкт");
    expect(lemmatize("схо́дили", "uk")).toBe("сходити");
  });

  it("numbers with endings and hyphenated compounds", () => {
    expect(lemmatize("2015-го", "uk")).toBe("2015-ий");
    expect(lemmatize("1920-х", "uk")).toBe("1920-й");
    expect(lemmatize("військово-технічної", "uk")).toBe("військово-технічний");
    expect(lemmatize("Інтерфакс-Україною", "uk")).toBe("Інтерфакс-Україна");
  });

  it("analyzeWord lists every reading of an ambiguous form", () => {
    const three = analyzeWord("три", "uk");
    expect(three.map((a) => a.lemma)).toEqual(expect.arrayContaining(["три", "терти"]));
    expect(three.find((a) => a.lemma === "терти")?.pos).toBe("VERB");
    for (const a of three) expect(typeof a.feats).toBe("object");
  });

  it("names the dictionary lacks go through the learned suffix rules", () => {
    // Not in hunspell-uk: the ending decides.
    expect(lemmatize("Ковальчуком", "uk")).toBe("Ковальчук");
    expect(lemmatize("Йонхапом", "uk")).toBe("Йонхап");
  });
});

describe("lemmas in context", () => {
  it("the tagger chooses between readings of different parts of speech", () => {
    const a = lemmatizeSentence(words("Вони стали найкращими друзями ."), "uk");
    expect(a[1]).toEqual({ lemma: "стати", pos: "VERB" });
    expect(a[3].lemma).toBe("друг");
    const b = lemmatizeSentence(words("Ножі зроблені з нержавіючої сталі ."), "uk");
    expect(b[4].lemma).toBe("сталь");
  });

  it("a capitalised name is not read as a pronoun form (Кім, not кім 'whom')", () => {
    expect(lemmatize("Кім", "uk")).toBe("Кім");
    expect(lemmatizeSentence(words("Про це сказав Кім Чен Ин ."), "uk")[3].lemma).toBe("Кім");
    expect(lemmatize("кім", "uk")).toBe("хто");
  });

  it("lemmatize with a context uses the sentence", () => {
    expect(lemmatize("стали", "uk", { words: words("Вони стали друзями"), index: 1 })).toBe("стати");
  });

  it("a sentence-initial common word loses its capital, a name keeps it", () => {
    const a = lemmatizeSentence(words("Президенти Північної Кореї і Росії уклали договір"), "uk");
    expect(a[0].lemma).toBe("президент");
    expect(a[2].lemma).toBe("Корея");
    expect(a[4].lemma).toBe("Росія");
    expect(a[5].lemma).toBe("укласти");
  });

  it("the first part of a split hyphenated adjective gets its adjective as lemma, a spaced dash does not", () => {
    const w = words("військово - політичний союз");
    expect(lemmatizeSentence(w, "uk", [true, true, false, false])[0]).toEqual({ lemma: "військовий", pos: "ADJ" });
    expect(lemmatizeSentence(words("медико - біологічний"), "uk", [true, true, false])[0].lemma).toBe("медичний");
    expect(lemmatizeSentence(words("сказав коротко - і пішов"), "uk", [false, false, false, false, false])[1].lemma).toBe("коротко");
  });

  it("an abbreviation split from its full stop keeps the stop in its lemma", () => {
    const a = lemmatizeSentence(words("у 2019 р . було 5 тис . осіб"), "uk");
    expect(a[2].lemma).toBe("р.");
    expect(a[6].lemma).toBe("тис.");
  });
});

describe("Russian and English", () => {
  it("Russian uses the hunspell-ru table, ё folded into е", () => {
    expect(lemmatize("России", "ru")).toBe("Россия");
    expect(lemmatize("сказал", "ru")).toBe("сказать");
    expect(lemmatize("говорили", "ru")).toBe("говорить");
    expect(lemmatize("ёлки", "ru")).toBe("елка");
  });

  it("English by rules: irregulars, plurals, -ed/-ing; names keep their form", () => {
    expect(lemmatize("said", "en")).toBe("say");
    expect(lemmatize("countries", "en")).toBe("country");
    expect(lemmatize("stopped", "en")).toBe("stop");
    expect(lemmatize("making", "en")).toBe("make");
    expect(lemmatize("Reuters", "en")).toBe("Reuters");
    for (const [w, l] of [["prepared", "prepare"], ["looked", "look"], ["treated", "treat"], ["stated", "state"], ["focused", "focus"], ["produced", "produce"], ["used", "use"]]) {
      expect(lemmatize(w, "en"), w).toBe(l);
    }
    const s = lemmatizeSentence(words("Officials said Reuters reported attacks"), "en").map((x) => x.lemma);
    expect(s).toEqual(["official", "say", "Reuters", "report", "attack"]);
  });
});

describe.skipIf(!HAS_SHARED)("UD Ukrainian-IU test, gold tokens (needs ../shared)", () => {
  it("lemma accuracy on the first 150 test sentences stays above 96%", () => {
    const sents = readConllu(readFileSync(sharedPath("data", "ud-uk-iu", "uk_iu-ud-test.conllu"), "utf8")).slice(0, 150);
    let n = 0;
    let ok = 0;
    for (const s of sents) {
      const out = lemmatizeSentence(s.tokens.map((t) => t.form), "uk");
      s.tokens.forEach((t, i) => {
        n++;
        if (t.lemma === "_" || out[i].lemma === t.lemma) ok++;
      });
    }
    expect(n).toBeGreaterThan(1000);
    expect(ok / n).toBeGreaterThan(0.96);
  });
});
