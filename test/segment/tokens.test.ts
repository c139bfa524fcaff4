import { describe, expect, it } from "vitest";
import { tokenize } from "../../src/segment/tokens.js";

const toks = (s: string) => tokenize(s).map((t) => t.text);

describe("tokens", () => {
  it("keeps apostrophes and hyphens inside words", () => {
    expect(toks("військові об’єкти, п'ять обʼєктів і військово-технічної співпраці")).toEqual([
      "військові", "об’єкти", ",", "п'ять", "обʼєктів", "і", "військово-технічної", "співпраці",
    ]);
    expect(toks("ракетою Hwasong-11 у 2019-му році")).toEqual(["ракетою", "Hwasong-11", "у", "2019-му", "році"]);
  });

  it("keeps decimal numbers whole and splits digit groups", () => {
    expect(toks("1,5 млн і 3.14, а також 5 000 грн.")).toEqual(["1,5", "млн", "і", "3.14", ",", "а", "також", "5", "000", "грн", "."]);
  });

  it("makes punctuation tokens; an ellipsis is one token", () => {
    expect(toks("«Так...», – сказав він (ред.)!")).toEqual(["«", "Так", "...", "»", ",", "–", "сказав", "він", "(", "ред", ".", ")", "!"]);
  });

  it("gives spans into the text", () => {
    const s = "Кім  сказав: «Ні».";
    for (const t of tokenize(s)) expect(s.slice(t.start, t.end)).toBe(t.text);
    expect(tokenize("")).toEqual([]);
    expect(tokenize(" \n ")).toEqual([]);
  });

  it("handles other scripts, emoji and combining marks", () => {
    expect(toks("Ελλάδα 日本 e\u0301te 👍👍 x")).toEqual(["Ελλάδα", "日本", "e\u0301te", "👍👍", "x"]);
  });

  it("does not glue quotes in single quote marks to words", () => {
    expect(toks("він сказав 'так' і пішов")).toEqual(["він", "сказав", "'", "так", "'", "і", "пішов"]);
  });
});
