import { describe, expect, it } from "vitest";
import { APOSTROPHES, CLOSE_QUOTES, DASHES, foldForMatch, OPEN_QUOTES, RE_DASH, sameText } from "../../src/text/match.js";

describe("matching helpers", () => {
  it("foldForMatch treats apostrophes, quote families and dashes alike and keeps the length", () => {
    const variants = ["об’єкт «Так» – ні", "об'єкт \"Так\" - ні", "обʼєкт „Так“ — ні", "об`єкт “Так” − ні"];
    const folded = variants.map(foldForMatch);
    for (const f of folded) expect(f).toBe(folded[0]);
    for (const v of variants) expect(foldForMatch(v).length).toBe(v.length);
    expect(foldForMatch("КНДР Росії")).toBe("кндр росії");
  });

  it("exposes character classes that cover the families", () => {
    for (const c of "'’ʼ`") expect(APOSTROPHES).toContain(c);
    for (const c of "«„“\"‚‹") expect(OPEN_QUOTES).toContain(c);
    for (const c of "»“”\"’›") expect(CLOSE_QUOTES).toContain(c);
    for (const c of "-–—‒−") expect(DASHES).toContain(c);
    const re = new RegExp(`\\s[${RE_DASH}]\\s`);
    expect(re.test("Кім – лідер")).toBe(true);
    expect(re.test("військово-технічної")).toBe(false);
  });

  it("sameText ignores spacing, case and typographic variants", () => {
    expect(sameText("ГУР показало  об’єкти", "гур показало об'єкти")).toBe(true);
    expect(sameText("Договір - подробиці", "Договір – подробиці")).toBe(true);
    expect(sameText("Договір", "Договори")).toBe(false);
  });
});
