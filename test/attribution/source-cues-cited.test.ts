import { describe, expect, it } from "vitest";
import { analyze } from "../../src/pipeline/analyze.js";
import type { Article } from "../../src/article.js";

const sourceNames = (a: Article): string[] => a.sources.map((s) => s.name);

describe("sources named by «которого цитирует» and «цитирует X его пресс-служба»", () => {
  it("takes the website after «которого цитирует» with the body it belongs to", () => {
    const a = analyze({ lang: "ru", text: "Мэр Харькова Геннадий Кернес, которого цитирует официальный сайт Харьковского горсовета, заявил, что в городе никто не будет играть в войну." });
    expect(sourceNames(a)).toEqual(["Сайт Харьковского горсовета"]);
    // The place inside the name is not the source.
    expect(sourceNames(a)).not.toContain("Харьковского");
  });

  it("does the same in Ukrainian", () => {
    const a = analyze({ lang: "uk", text: "Депутат Олег Ляшко, якого цитує сайт Київської міськради, заявив, що бюджет ухвалять до кінця року." });
    expect(sourceNames(a)).toEqual(["Сайт Київської міськради"]);
  });

  it("reads «цитирует Кернеса его пресс-служба» as the person's press service, not the person", () => {
    const a = analyze({ lang: "ru", text: "Мэр Харькова Геннадий Кернес ответил оппонентам. «В войну здесь играть никто не позволит», - цитирует Кернеса его пресс-служба." });
    expect(sourceNames(a)).toEqual(["Пресс-служба Кернеса"]);
    const q = a.quotes.find((x) => x.text.includes("В войну здесь"));
    expect(q?.speaker?.name).toBe("Геннадий Кернес");
  });

  it("reads «цитує Коваль її прес-служба» (uk)", () => {
    const a = analyze({ lang: "uk", text: "Міністр Олена Коваль оглянула школу. «Ремонт закінчать до вересня», – цитує Коваль її прес-служба." });
    expect(sourceNames(a)).toEqual(["Прес-служба Коваль"]);
    expect(a.quotes.find((x) => x.text.includes("Ремонт"))?.speaker?.name).toBe("Олена Коваль");
  });

  it("keeps an agency named after its outlet word as before", () => {
    const a = analyze({ lang: "ru", text: "Как сообщает агентство Reuters, переговоры продолжатся в понедельник." });
    expect(sourceNames(a)).toEqual(["Reuters"]);
  });
});
