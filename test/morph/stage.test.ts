import { describe, expect, it } from "vitest";
import { analyze } from "../../src/index.js";
import { morphStage } from "../../src/morph/stage.js";

describe("morph stage", () => {
  it("analyze --tokens gives every word token a lemma and a POS", () => {
    const doc = analyze("Президенти Північної Кореї і Росії уклали договір. Про це пише Укрінформ.", { tokens: true });
    expect(doc.tokens?.length).toBeGreaterThan(10);
    const byText = new Map(doc.tokens!.map((t) => [t.text, t]));
    expect(byText.get("Кореї")?.lemma).toBe("Корея");
    expect(byText.get("уклали")?.lemma).toBe("укласти");
    expect(byText.get("уклали")?.pos).toBe("VERB");
    expect(byText.get("пише")?.lemma).toBe("писати");
    for (const t of doc.tokens!) {
      expect(t.lemma).toBeTruthy();
      expect(t.pos).toBeTruthy();
      expect(doc.text.slice(t.start, t.end)).toBe(t.text);
    }
  });

  it("does not mutate the tokens it is given", () => {
    const tokens = [
      { start: 0, end: 5, text: "Росії" },
      { start: 6, end: 12, text: "заявив" },
    ];
    const doc = { ...analyze("x"), lang: "uk", text: "Росії заявив", sentences: [{ start: 0, end: 12 }], tokens };
    const out = morphStage.run(doc, { options: {} });
    expect(out.tokens?.map((t) => t.lemma)).toEqual(["Росія", "заявити"]);
    expect(tokens[0]).toEqual({ start: 0, end: 5, text: "Росії" });
  });

  it("leaves tokens of languages it has no lemmatiser for untouched", () => {
    const doc = { ...analyze("x"), lang: "de", text: "Berlin", sentences: [], tokens: [{ start: 0, end: 6, text: "Berlin" }] };
    expect(morphStage.run(doc, { options: {} })).toEqual({});
  });
});
