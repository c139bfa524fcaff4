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
    // A woman's name: the feminine reading of the first name, the surname agrees.
    expect(nominative("Юлії Тимошенко", "uk")).toBe("Юлія Тимошенко");
    expect(nominative("Марією Захаровою", "uk")).toBe("Марія Захарова");
    expect(nominative("Марией Захаровой", "ru")).toBe("Мария Захарова");
    expect(nominative("Юлией Тимошенко", "ru")).toBe("Юлия Тимошенко");
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

  it("neuter heads: the adjectives take the head's gender (oblique masculine and neuter forms are alike)", () => {
    expect(nominative("Азовському узбережжі", "uk")).toBe("Азовське узбережжя");
    expect(nominative("Чорному морі", "uk")).toBe("Чорне море");
    expect(nominative("Головного управління", "uk")).toBe("Головне управління");
    expect(nominative("Московського князівства", "uk")).toBe("Московське князівство");
    expect(nominative("Байковому кладовищі", "uk")).toBe("Байкове кладовище");
    expect(nominative("Громадського телебачення", "uk")).toBe("Громадське телебачення");
    expect(nominative("Головному управлінні Національної поліції у Львівській області", "uk")).toBe(
      "Головне управління Національної поліції у Львівській області",
    );
    // Masculine heads stay masculine.
    expect(nominative("Національного банку", "uk")).toBe("Національний банк");
    expect(nominative("Верховному Суді", "uk")).toBe("Верховний Суд");
  });

  it("an adjective that is also a place or a noun stays an adjective before its head", () => {
    expect(nominative("Донецької обласної державної адміністрації", "uk")).toBe("Донецька обласна державна адміністрація");
    expect(nominative("Донецька обласна державна адміністрація", "uk")).toBe("Донецька обласна державна адміністрація");
    expect(nominative("Донецької Народної Республіки", "uk")).toBe("Донецька Народна Республіка");
    expect(nominative("Головного слідчого управління", "uk")).toBe("Головне слідче управління");
    // A first name before an adjectival surname is no adjective.
    expect(nominative("Богдана Хмельницького", "uk")).toBe("Богдан Хмельницький");
  });

  it("genitive complements and quoted names stay as written; a head ending like a plural is not one", () => {
    expect(nominative("Програмі Ради Європи «Децентралізація і територіальна консолідація в Україні»", "uk")).toBe(
      "Програма Ради Європи «Децентралізація і територіальна консолідація в Україні»",
    );
    expect(nominative("Програми Ради Європи", "uk")).toBe("Програма Ради Європи");
    expect(nominative("Генеральної інформаційної програми ЮНЕСКО", "uk")).toBe("Генеральна інформаційна програма ЮНЕСКО");
    expect(nominative("Державного управління справами", "uk")).toBe("Державне управління справами");
    expect(nominative("Амстердамом", "uk")).toBe("Амстердам");
  });

  it("hyphenated words keep their inner capitals; both parts of a hyphenated noun inflect", () => {
    expect(nominative("Івано-Франківської області", "uk")).toBe("Івано-Франківська область");
    expect(nominative("Івано-Франківського міського суду", "uk")).toBe("Івано-Франківський міський суд");
    expect(nominative("обласною загальноосвітньою школою-інтернатом", "uk")).toBe("обласна загальноосвітня школа-інтернат");
  });

  it("coordinated adjectives before a plural head each stay singular", () => {
    expect(nominative("Чорного та Азовського морів", "uk")).toBe("Чорне та Азовське моря");
    expect(nominative("Дніпропетровської та Запорізької областей", "uk")).toBe("Дніпропетровська та Запорізька області");
    // A conjunction not between adjectives: no simple name phrase.
    expect(nominative("Рівненської та АЕС", "uk")).toBe("Рівненської та АЕС");
  });

  it("a noun that also reads as an adjective stays the head", () => {
    expect(nominative("Раді міністрів Автономної Республіки Крим", "uk")).toBe("Рада міністрів Автономної Республіки Крим");
    expect(nominative("Раду міністрів", "uk")).toBe("Рада міністрів");
    expect(nominative("парку ім. Т. Г. Шевченка", "uk")).toBe("парк ім. Т. Г. Шевченка");
    expect(nominative("Єдиного інформаційного простору територіальної громади", "uk")).toBe("Єдиний інформаційний простір територіальної громади");
  });

  it("plural heads: soft stems take -і, a phrase already in the nominative is kept", () => {
    expect(nominative("Мінських домовленостей", "uk")).toBe("Мінські домовленості");
    expect(nominative("Мінські домовленості", "uk")).toBe("Мінські домовленості");
    expect(nominative("Українських січових стрільців", "uk")).toBe("Українські січові стрільці");
    expect(nominative("Великодніх свят", "uk")).toBe("Великодні свята");
    expect(nominative("Ваші гроші", "uk")).toBe("Ваші гроші");
    expect(nominative("Київ-1", "uk")).toBe("Київ-1");
  });

  it("after nominative adjectives a singular head goes to its lemma, a name stays; adjectives alone agree", () => {
    expect(nominative("Державна фіскальна службі", "uk")).toBe("Державна фіскальна служба");
    expect(nominative("Суверенна європейська Україна", "uk")).toBe("Суверенна європейська Україна");
    expect(nominative("Національного антикорупційного", "uk")).toBe("Національний антикорупційний");
    expect(nominative("Національне антикорупційне", "uk")).toBe("Національне антикорупційне");
    // The apostrophe as written.
    expect(nominative("Київським державним лісогосподарським об'єднанням «Київліс»", "uk")).toBe(
      "Київське державне лісогосподарське об'єднання «Київліс»",
    );
  });

  it("plural heads stay plural", () => {
    expect(nominative("Збройних сил", "uk")).toBe("Збройні сили");
    expect(nominative("Збройним силам", "uk")).toBe("Збройні сили");
    expect(nominative("Сполучених Штатів", "uk")).toBe("Сполучені Штати");
  });

  it("Russian phrases", () => {
    expect(nominative("Российской Федерацией", "ru")).toBe("Российская Федерация");
    expect(nominative("Министерства обороны России", "ru")).toBe("Министерство обороны России");
    expect(nominative("Владимира Путина", "ru")).toBe("Владимир Путин");
    expect(nominative("Черного моря", "ru")).toBe("Черное море");
    expect(nominative("Главного управления", "ru")).toBe("Главное управление");
    expect(nominative("Государственной думы", "ru")).toBe("Государственная дума");
    expect(nominative("Нижней Саксонии", "ru")).toBe("Нижняя Саксония");
    expect(nominative("Молодой гвардии", "ru")).toBe("Молодая гвардия");
    expect(nominative("Большого театра", "ru")).toBe("Большой театр");
    expect(nominative("Большой театр", "ru")).toBe("Большой театр");
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
