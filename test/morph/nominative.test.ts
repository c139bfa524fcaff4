import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { nominative } from "../../src/morph/index.js";
import { HAS_SHARED, sharedPath } from "../helpers/shared.js";

describe("nominative of name phrases", () => {
  it("changes only the head and its agreeing adjectives", () => {
    expect(nominative("Російською Федерацією", "uk")).toBe("Російська Федерація");
    expect(nominative("Міністерства оборони Південної Кореї", "uk")).toBe("Міністерство оборони Південної Кореї");
    expect(nominative("Збройних сил України", "uk")).toBe("Збройні сили України");
    expect(nominative("Генерального штабу", "uk")).toBe("Генеральний штаб");
  });

  it("people's names inflect in every part", () => {
    expect(nominative("Путіним", "uk")).toBe("Путін");
    expect(nominative("Кім Чен Ина", "uk")).toBe("Кім Чен Ин");
    expect(nominative("Олександра Сирського", "uk")).toBe("Олександр Сирський");
    expect(nominative("Дональдом Трампом", "uk")).toBe("Дональд Трамп");
  });

  // Inflected mentions as annotated in NER-UK v2.0 (lang-uk/ner-uk).
  it("real inflected mentions from NER-UK", () => {
    expect(nominative("Ріната Ахметова", "uk")).toBe("Рінат Ахметов");
    expect(nominative("Віктора Януковича", "uk")).toBe("Віктор Янукович");
    expect(nominative("Тараса Шевченка", "uk")).toBe("Тарас Шевченко");
    expect(nominative("Дмитра Фірташа", "uk")).toBe("Дмитро Фірташ");
    expect(nominative("Донецької області", "uk")).toBe("Донецька область");
    expect(nominative("Верховної Ради", "uk")).toBe("Верховна Рада");
    expect(nominative("Партії регіонів", "uk")).toBe("Партія регіонів");
    expect(nominative("Києвом", "uk")).toBe("Київ");
    expect(nominative("Гостинного двору", "uk")).toBe("Гостинний двір");
    expect(nominative("Високому Замку", "uk")).toBe("Високий Замок");
    expect(nominative("Автономної Республіки Крим", "uk")).toBe("Автономна Республіка Крим");
    expect(nominative("Російській імперії", "uk")).toBe("Російська імперія");
    expect(nominative("Саратовом", "uk")).toBe("Саратов");
  });

  it("plural heads stay plural", () => {
    expect(nominative("Сполучених Штатів", "uk")).toBe("Сполучені Штати");
  });

  it("Russian phrases", () => {
    expect(nominative("Российской Федерацией", "ru")).toBe("Российская Федерация");
    expect(nominative("Министерства обороны России", "ru")).toBe("Министерство обороны России");
    expect(nominative("Владимира Путина", "ru")).toBe("Владимир Путин");
  });

  it("a phrase already in the nominative, or in another language, is returned as written", () => {
    expect(nominative("Верховна Рада", "uk")).toBe("Верховна Рада");
    expect(nominative("Володимир Зеленський", "uk")).toBe("Володимир Зеленський");
    expect(nominative("Kim Jong Un", "en")).toBe("Kim Jong Un");
  });
});

describe.skipIf(!HAS_SHARED)("NER-UK oblast mentions (needs ../shared)", () => {
  it("every 'X-ої області' location in NER-UK v2.0 becomes 'X-а область'", () => {
    const root = sharedPath("data", "ner-uk", "v2.0", "data");
    const found = new Set<string>();
    for (const dir of ["ng", "bruk"]) {
      for (const f of readdirSync(join(root, dir))) {
        if (!f.endsWith(".ann")) continue;
        for (const line of readFileSync(join(root, dir, f), "utf8").split("\n")) {
          const cols = line.split("\t");
          if (cols[1] === "LOC" && /^\p{Lu}\p{Ll}+ої області$/u.test(cols[4] ?? "")) found.add(cols[4]);
        }
      }
    }
    expect(found.size).toBeGreaterThan(5);
    for (const m of found) expect(nominative(m, "uk"), m).toBe(m.replace(/ої області$/, "а область"));
  });
});
