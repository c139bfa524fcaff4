import { describe, expect, it } from "vitest";
import { detectLanguage } from "../../src/segment/language.js";

const UK = "Президент Північної Кореї висловив повну підтримку Росії у її війні проти України під час зустрічі з президентом РФ.";
const RU = "Президент Северной Кореи выразил полную поддержку России в её войне против Украины во время встречи с президентом РФ.";
const EN = "The president of North Korea expressed full support for Russia in its war against Ukraine during a meeting in Pyongyang.";

describe("detectLanguage", () => {
  it("tells uk, ru and en apart without a hint", () => {
    expect(detectLanguage(UK, null)).toBe("uk");
    expect(detectLanguage(RU, null)).toBe("ru");
    expect(detectLanguage(EN, null)).toBe("en");
  });

  it("keeps a hint the text agrees with or cannot contradict", () => {
    expect(detectLanguage(UK, "uk")).toBe("uk");
    expect(detectLanguage("Кім Чен Ин, КНДР.", "ru")).toBe("ru");
    expect(detectLanguage("", "en")).toBe("en");
  });

  it("overrides a hint the text clearly contradicts", () => {
    expect(detectLanguage(UK, "ru")).toBe("uk");
    expect(detectLanguage(RU, "uk")).toBe("ru");
    expect(detectLanguage(EN, "uk")).toBe("en");
    expect(detectLanguage(UK, "en")).toBe("uk");
    expect(detectLanguage(UK, "ua")).toBe("uk");
  });

  it("says 'und' for text with no letters and no hint", () => {
    expect(detectLanguage("123 456 — 789", null)).toBe("und");
  });
});
