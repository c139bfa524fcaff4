import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { lookup, transliterate, latinKey, byId } from "../../src/gazetteer/index.js";
import { HAS_SHARED, sharedPath } from "../helpers/shared.js";

const id = (s: string, lang?: string) => lookup(s, lang)?.id ?? null;

describe("gazetteer lookup", () => {
  it("countries in any case form, short form and language", () => {
    for (const s of ["Росія", "Росії", "Росією", "Російською Федерацією", "РФ", "Россия", "России", "Russia", "Russian Federation"]) {
      expect(id(s), s).toBe("loc:RU");
    }
    for (const s of ["КНДР", "Північна Корея", "Північною Кореєю", "DPRK", "North Korea", "Северной Кореи"]) expect(id(s), s).toBe("loc:KP");
    for (const s of ["США", "Сполучених Штатів", "USA", "US", "United States"]) expect(id(s), s).toBe("loc:US");
    expect(id("Південної Кореї")).toBe("loc:KR");
  });

  it("real inflected place names from NER-UK", () => {
    for (const s of ["України", "Україні", "Україну", "Польщі", "Європи"]) expect(id(s), s).toMatch(/^loc:/);
    for (const s of ["Києві", "Києва", "Києвом"]) expect(id(s), s).toBe("loc:kyiv");
    expect(id("Криму")).toBe("loc:crimea");
    expect(id("Харкові")).toBe("loc:kharkiv");
    expect(id("Верховної Ради")).toBe("org:verkhovna-rada");
    expect(id("СБУ")).toBe("org:sbu");
  });

  it("organisations and news agencies by every alias", () => {
    for (const s of ["ЄС", "ООН", "НАТО"]) expect(lookup(s)?.type, s).toBe("ORG");
    for (const s of ["Reuters", "Рейтер", "Рейтерс"]) expect(id(s), s).toBe("org:reuters");
    for (const s of ["Yonhap", "Йонхап", "Єнхап", "Yonhap News Agency"]) expect(id(s), s).toBe("org:yonhap");
    for (const s of ["Укрінформ", "Укрінформу", "Ukrinform", "Укринформ"]) expect(id(s), s).toBe("org:ukrinform");
    for (const s of ["ТАСС", "ТАРС"]) expect(id(s), s).toBe("org:tass");
    expect(id("Інтерфакс-Україною")).toBe("org:interfax-ukraine");
    expect(id("Бі-Бі-Сі")).toBe("org:bbc");
  });

  it("leaders by inflected surname, other script or spelling", () => {
    for (const s of ["Путіна", "Путиным", "Putin", "Володимира Путіна"]) expect(id(s), s).toBe("per:putin");
    for (const s of ["Зеленського", "Зеленский", "Zelenskyy", "Zelensky"]) expect(id(s), s).toBe("per:zelensky");
    for (const s of ["Кім Чен Ином", "Кім Чен Ина", "Kim Jong Un"]) expect(id(s), s).toBe("per:kim-jong-un");
    const e = byId("per:putin")!;
    expect(e.canonical).toEqual({ uk: "Володимир Путін", ru: "Владимир Путин", en: "Vladimir Putin" });
    expect(e.type).toBe("PER");
  });

  it("common words and lowercase abbreviations are not names", () => {
    expect(lookup("us")).toBeNull();
    expect(lookup("сказав")).toBeNull();
    expect(lookup("будинок")).toBeNull();
    // Capitalised common words at a sentence start: "Крім" (except) is not Крим, "Та" (and) is not Того.
    expect(lookup("Крім")).toBeNull();
    expect(lookup("Та")).toBeNull();
    expect(lookup("того")).toBeNull();
    expect(lookup("")).toBeNull();
  });
});

describe("transliteration", () => {
  it("uk ↔ ru ↔ en for names", () => {
    expect(transliterate("Путін", "uk", "ru")).toBe("Путин");
    expect(transliterate("Путин", "ru", "uk")).toBe("Путін");
    expect(transliterate("Путін", "uk", "en")).toBe("Putin");
    expect(transliterate("Зеленський", "uk", "ru")).toBe("Зеленский");
    expect(transliterate("Зеленский", "ru", "uk")).toBe("Зеленський");
    expect(transliterate("Зеленський", "uk", "en")).toBe("Zelenskyi");
    expect(transliterate("Харків", "uk", "en")).toBe("Kharkiv");
    expect(transliterate("Єреван", "uk", "en")).toBe("Yerevan");
    expect(transliterate("Zelensky", "en", "uk")).toBe("Зеленський");
  });

  it("latinKey folds transliteration variants together", () => {
    const k = latinKey("Zelensky");
    for (const s of ["Зеленський", "Зеленский", "Zelenskyy", "Zelenskiy"]) expect(latinKey(s), s).toBe(k);
    expect(latinKey("Путин")).toBe(latinKey("Putin"));
  });
});

describe.skipIf(!HAS_SHARED)("seed article names (needs ../shared)", () => {
  it("every source name and alias of the seed resolves to one entry", () => {
    const expected = JSON.parse(readFileSync(sharedPath("seed", "expected.json"), "utf8"));
    for (const s of expected.sources as { name: string; aliases?: string[] }[]) {
      const ids = new Set([s.name, ...(s.aliases ?? [])].map((n) => id(n)));
      expect(ids.size, s.name).toBe(1);
      expect([...ids][0], s.name).not.toBeNull();
    }
    // The heads of state the seed quotes, by every alias it gives for them.
    const leaders = (expected.quotes as { speaker: string; speaker_aliases?: string[] }[]).filter((q) => lookup(q.speaker)?.type === "PER");
    expect(new Set(leaders.map((q) => id(q.speaker)))).toEqual(new Set(["per:kim-jong-un", "per:putin"]));
    // Aliases that are names (not role phrases such as "Президент РФ") resolve to the same person.
    for (const q of leaders) {
      for (const a of q.speaker_aliases ?? []) {
        const got = id(a);
        if (got !== null || /^[A-Z]/.test(a)) expect(got, a).toBe(id(q.speaker));
      }
    }
  });
});
