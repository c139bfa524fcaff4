import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { analyze } from "../../src/pipeline/analyze.js";
import { normalizeString } from "../../src/text/normalize.js";
import { toSource } from "../../src/text/offsets.js";
import { HAS_SHARED, sharedPath } from "../helpers/shared.js";

const kinds = (text: string) => {
  const a = analyze(text);
  return a.blocks.map((b) => [b.kind, a.text.slice(b.start, b.end)] as const);
};

describe.skipIf(!HAS_SHARED)("structure of the seed article (needs ../shared)", () => {
  it("finds the lead and the three headings of expected.json, no title", () => {
    const expected = JSON.parse(readFileSync(sharedPath("seed/expected.json"), "utf8"));
    const a = analyze(readFileSync(sharedPath("seed/article.txt"), "utf8"));
    expect(a.title).toBeNull();
    expect(a.lead).toBe(expected.lead);
    const headings = a.blocks.filter((b) => b.kind === "heading").map((b) => a.text.slice(b.start, b.end));
    expect(headings).toEqual(expected.headings);
    expect(a.lang).toBe("uk");
    // every block's span maps back to the same characters of the input
    const input = readFileSync(sharedPath("seed/article.txt"), "utf8");
    for (const b of a.blocks) {
      const back = input.slice(toSource(a.offsets, b.start), toSource(a.offsets, b.end, true));
      expect(normalizeString(back)).toBe(a.text.slice(b.start, b.end)); // the seed has no-break spaces
    }
  });
});

describe("structure of plain text", () => {
  it("a short first line without a final period before a longer paragraph is the title", () => {
    const b = kinds(
      "Уряд схвалив нові правила експорту зерна\n\nКабінет міністрів на засіданні в середу схвалив нові правила експорту зерна через порти Одеси.\n\nПравила діятимуть до кінця року.",
    );
    expect(b.map((x) => x[0])).toEqual(["title", "lead", "paragraph"]);
  });

  it("headings: short lines before paragraphs, section formulas, capitals; not speech or short sentences", () => {
    const b = kinds(
      [
        "Кабінет міністрів на засіданні в середу схвалив нові правила експорту зерна через порти Одеси.",
        "Що зміниться для аграріїв",
        "Аграрії зможуть подавати декларації онлайн, а перевірки триватимуть не довше доби.",
        "ГОЛОВНЕ ЗА ТИЖДЕНЬ",
        "Ціни на зерно зросли на 5% за тиждень.",
        "«Так», – сказав міністр",
        "Експорт зросте – що відомо",
      ].join("\n\n"),
    );
    expect(b.map((x) => x[0])).toEqual(["lead", "heading", "paragraph", "heading", "paragraph", "paragraph", "heading"]);
  });

  it("the first paragraph is the lead even when it is one line", () => {
    const a = analyze("Перший абзац новини про події дня.\n\nДругий абзац.");
    expect(a.lead).toBe("Перший абзац новини про події дня.");
    expect(a.title).toBeNull();
  });
});
