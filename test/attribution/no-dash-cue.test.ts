import { describe, expect, it } from "vitest";
import { analyze } from "../../src/pipeline/analyze.js";
import type { Article, Quote } from "../../src/article.js";

function quote(a: Article, fragment: string): Quote | undefined {
  return a.quotes.find((q) => q.text.includes(fragment));
}

describe("attribution after the closing mark without a dash", () => {
  it("reads «…», подытожил X as a direct quote of X (ru)", () => {
    const a = analyze({ lang: "ru", text: "Мэр Харькова Геннадий Кернес ответил на критику. «Что касается палаток и знамен, в войну здесь играть никто не позволит», подытожил Кернес." });
    const q = quote(a, "в войну здесь играть");
    expect(q?.kind).toBe("direct");
    expect(q?.text).toBe("Что касается палаток и знамен, в войну здесь играть никто не позволит");
    expect(q?.speaker?.name).toBe("Геннадий Кернес");
    expect(q?.cue?.text).toContain("подытожил");
  });

  it("gives the same result with and without the dash", () => {
    const base = "Министр финансов Ольга Литвинова выступила в парламенте. «Бюджет следующего года будет сбалансирован»";
    const withDash = quote(analyze({ lang: "ru", text: `${base}, – подытожила Литвинова.` }), "Бюджет следующего года");
    const noDash = quote(analyze({ lang: "ru", text: `${base}, подытожила Литвинова.` }), "Бюджет следующего года");
    expect(noDash?.speaker?.name).toBe("Ольга Литвинова");
    expect(noDash?.text).toBe(withDash?.text);
    expect(noDash?.speaker?.name).toBe(withDash?.speaker?.name);
  });

  it("reads a past-tense verb the lexicon lacks when a person's name follows it (uk)", () => {
    const a = analyze({ lang: "uk", text: "Міський голова Олена Коваль відвідала ринок. «Ціни на овочі цього року не зростуть», відрізала Коваль." });
    const q = quote(a, "Ціни на овочі");
    expect(q?.kind).toBe("direct");
    expect(q?.speaker?.name).toBe("Олена Коваль");
  });

  it("does not take a past-tense word with no name after it for a cue", () => {
    const a = analyze({ lang: "ru", text: "Фильм «Дорога домой через горы и реки», снимали два года. В прокат он выйдет весной." });
    expect(a.quotes.filter((q) => q.text.includes("Дорога домой"))).toHaveLength(0);
  });

  it("keeps the English inverted cue without a dash", () => {
    const a = analyze({ lang: "en", text: 'Mayor John Carter visited the market. "Prices will not rise this year," said Carter.' });
    expect(quote(a, "Prices will not rise")?.speaker?.name).toBe("John Carter");
  });
});
