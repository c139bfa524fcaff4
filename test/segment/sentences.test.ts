import { describe, expect, it } from "vitest";
import { MAX_SENTENCE, quoteRanges, splitSentences } from "../../src/segment/sentences.js";

const split = (t: string, lang = "uk") => splitSentences(t, 0, t.length, lang).map((s) => t.slice(s.start, s.end));

describe("sentences", () => {
  it("does not split after initials and Ukrainian abbreviations", () => {
    expect(split("Про це заявив В. Зеленський у м. Київ. Далі див. ст. 5 Конституції.")).toEqual([
      "Про це заявив В. Зеленський у м. Київ.",
      "Далі див. ст. 5 Конституції.",
    ]);
    expect(split("Це сказав проф. Іванов і ген.-лейт. Петренко. Загинули 5 тис. осіб, у т. ч. Київ постраждав.")).toEqual([
      "Це сказав проф. Іванов і ген.-лейт. Петренко.",
      "Загинули 5 тис. осіб, у т. ч. Київ постраждав.",
    ]);
  });

  it("lets an abbreviation that can end a sentence end one", () => {
    expect(split("Збитки сягнули 5 млн. Наступного дня уряд виділив кошти.")).toEqual([
      "Збитки сягнули 5 млн.",
      "Наступного дня уряд виділив кошти.",
    ]);
    expect(split("Це сталося у 2019 р. Тоді ніхто не знав.")).toEqual(["Це сталося у 2019 р.", "Тоді ніхто не знав."]);
  });

  it("tells a unit after a number from a place word before a name", () => {
    expect(split("Висота вежі 100 м. Вона найвища в місті. Офіс у м. Львів працює.")).toEqual([
      "Висота вежі 100 м.",
      "Вона найвища в місті.",
      "Офіс у м. Львів працює.",
    ]);
    expect(split("Это было в 2019 г. Потом в г. Москва открыли офис.", "ru")).toEqual([
      "Это было в 2019 г.",
      "Потом в г. Москва открыли офис.",
    ]);
  });

  it("handles English and Russian abbreviations", () => {
    expect(split("Mr. Smith went to the U.S. Treasury on Monday. He said no. Then he left.", "en")).toEqual([
      "Mr. Smith went to the U.S. Treasury on Monday.",
      "He said no.",
      "Then he left.",
    ]);
    expect(split("Об этом сообщил г-н Петров на ул. Ленина. Ответа нет.", "ru")).toEqual([
      "Об этом сообщил г-н Петров на ул. Ленина.",
      "Ответа нет.",
    ]);
  });

  it("keeps a quotation with several sentences in one sentence", () => {
    const t =
      '"Уряд Республіки... висловлює підтримку у проведенні "спеціальної операції" [війни – ред.]. Ми будемо разом", – заявляв він. Потім пішов.';
    expect(split(t)).toEqual([t.slice(0, t.indexOf(" Потім")), "Потім пішов."]);
    expect(split("«Відносини піднялися до нового рівня. Дуже приємно укласти договір», – сказав Кім. Далі.")).toEqual([
      "«Відносини піднялися до нового рівня. Дуже приємно укласти договір», – сказав Кім.",
      "Далі.",
    ]);
  });

  it("joins a question or exclamation in quotes with the attribution after it", () => {
    expect(split("«Що буде далі?» – запитав журналіст. Відповіді не було.")).toEqual([
      "«Що буде далі?» – запитав журналіст.",
      "Відповіді не було.",
    ]);
  });

  it("breaks where scraping lost the space after a period, and keeps list numbers with their item", () => {
    expect(split("Це сталося минулого року.Президент підписав закон.")).toEqual(["Це сталося минулого року.", "Президент підписав закон."]);
    expect(split("1. Перший пункт. 2. Другий пункт.")).toEqual(["1. Перший пункт.", "2. Другий пункт."]);
    expect(split("Сайт example.com працює. Див.Додаток 1.")).toEqual(["Сайт example.com працює.", "Див.Додаток 1."]);
  });

  it("splits a 400 KB one-paragraph text the same way as its sentences (long blocks go to ICU in pieces)", () => {
    const unit = "Уряд «схвалив» нові правила у м. Київ. ";
    const t = unit.repeat(10_000).trim();
    const s = split(t);
    expect(s.length).toBe(10_000);
    expect(new Set(s).size).toBe(1);
  });

  it("an unclosed quotation does not swallow the paragraph", () => {
    expect(split("Він сказав «так. Потім пішов. Ніхто не заперечив.")).toHaveLength(3);
  });

  it("returns trimmed spans inside the given range only", () => {
    const t = "Перше речення.  Друге речення.\n\nІнший блок.";
    const s = splitSentences(t, 0, 30, "uk");
    expect(s.map((x) => t.slice(x.start, x.end))).toEqual(["Перше речення.", "Друге речення."]);
    expect(splitSentences("", 0, 0, "uk")).toEqual([]);
  });
});

describe("quoteRanges", () => {
  it("pairs guillemets, „…“ and straight quotes with nesting", () => {
    expect(quoteRanges('«а "б" в» і „г“ та "д"')).toEqual([
      [0, 8],
      [12, 14],
      [19, 21],
    ]);
  });
});

describe("overlong sentences", () => {
  it("cuts text with no sentence end into pieces of at most MAX_SENTENCE, after a clause mark, comma or space", () => {
    const clause = "уряд ухвалив рішення про нові виплати для переселенців; ";
    const text = clause.repeat(200).trim();
    const parts = splitSentences(text, 0, text.length, "uk");
    expect(parts.length).toBeGreaterThan(text.length / MAX_SENTENCE);
    // Contiguous (only spaces between pieces), every piece bounded and ending at a semicolon.
    for (let i = 0; i < parts.length; i++) {
      expect(parts[i].end - parts[i].start).toBeLessThanOrEqual(MAX_SENTENCE);
      if (i > 0) expect(text.slice(parts[i - 1].end, parts[i].start).trim()).toBe("");
      if (i < parts.length - 1) expect(text[parts[i].end - 1]).toBe(";");
    }
    const commas = Array.from({ length: 800 }, (_, i) => `слово${i}`).join(", ");
    for (const p of splitSentences(commas, 0, commas.length, "uk").slice(0, -1)) expect(commas[p.end - 1]).toBe(",");
    const spaces = Array.from({ length: 800 }, (_, i) => `слово${i}`).join(" ");
    for (const p of splitSentences(spaces, 0, spaces.length, "uk")) expect(spaces.slice(p.start, p.end)).toMatch(/^слово\d+( слово\d+)*$/);
  });

  it("cuts a run with no space at the limit, never inside a surrogate pair", () => {
    const emoji = "😀".repeat(3000);
    const parts = splitSentences(emoji, 0, emoji.length, "uk");
    expect(parts.map((p) => p.end - p.start).reduce((a, b) => a + b)).toBe(emoji.length);
    for (const p of parts) {
      expect(p.end - p.start).toBeLessThanOrEqual(MAX_SENTENCE + 1);
      expect(emoji.slice(p.start, p.end)).toMatch(/^(?:😀)+$/u);
    }
  });

  it("leaves real sentences alone, long ones included", () => {
    const long = "Президент заявив, що " + Array.from({ length: 120 }, (_, i) => `пункт ${i}`).join(", ") + " виконано.";
    expect(long.length).toBeLessThan(MAX_SENTENCE);
    expect(split(long + " Наступне речення.")).toEqual([long, "Наступне речення."]);
  });
});
