import { describe, expect, it } from "vitest";
import { buildEntities } from "../../src/entities/stage.js";
import { guessNominative, nameStem } from "../../src/entities/names.js";
import { findNameMentions, MAX_NAME_WORDS } from "../../src/entities/mentions.js";

const find = (text: string, lang: string, name: string) => buildEntities(text, lang).entities.find((e) => e.name === name);

describe("entities", () => {
  it("groups inflected forms and abbreviations of a country into one entity", () => {
    const text = "Росія не виключає співпраці. Відносини між РФ і КНДР зміцнюються. Договір із Росією підписано.";
    const ru = find(text, "uk", "Росія");
    expect(ru?.type).toBe("LOC");
    expect(ru?.mentions.map((m) => m.text)).toEqual(["Росія", "РФ", "Росією"]);
    expect(ru?.key).toBe("loc:RU");
  });

  it("joins a surname to the fuller person name given earlier, across cases", () => {
    const text = "Прем'єр Денис Шмигаль провів нараду. Рішення уряду, за словами Шмигаля, вже ухвалено. Хайко Маас прибув до Берліна. Зустріч Мааса тривала дві години.";
    const shm = find(text, "uk", "Денис Шмигаль");
    expect(shm?.mentions.map((m) => m.text)).toEqual(["Денис Шмигаль", "Шмигаля"]);
    const maas = find(text, "uk", "Хайко Маас");
    expect(maas?.type).toBe("PER");
    expect(maas?.aliases).toContain("Маас");
    expect(maas?.mentions.map((m) => m.text)).toEqual(["Хайко Маас", "Мааса"]);
  });

  it("does not take sentence-initial common words for names", () => {
    const text = "Своєю чергою, Хомчак підтвердив інформацію. Рушієм цих змін є молодь, сказав Хомчак.";
    const names = buildEntities(text, "uk").entities.map((e) => e.name);
    expect(names).toContain("Хомчак");
    expect(names).not.toContain("Своєю");
    expect(names).not.toContain("Рушієм");
  });

  it("separates a place in an oblique case from the name after it", () => {
    const text = "Президенти Північної Кореї і Росії Кім Чен Ин та Володимир Путін уклали договір. Кім Чен Ин подякував гостям, сказав Кім.";
    const kim = buildEntities(text, "uk").entities.find((e) => e.mentions.some((m) => m.text === "Кім"));
    expect(kim?.name).toBe("Кім Чен Ин");
    expect(buildEntities(text, "uk").entities.map((e) => e.name)).not.toContain("Росії Кім Чен Ин");
  });
});

describe("Russian and Ukrainian person names in the nominative", () => {
  it("groups a surname in -ов/-ова with its other cases, masculine and feminine", () => {
    const text = "Об этом говорится в заявлении Сергея Лаврова. Позже Лавров добавил, что переговоры продолжаются. " +
      "Об этом сообщила Мария Захарова. По словам Марии Захаровой, ответ будет.";
    const names = buildEntities(text, "ru").entities;
    const lavrov = names.find((e) => e.name === "Сергей Лавров");
    expect(lavrov?.type).toBe("PER");
    expect(lavrov?.mentions.map((m) => m.text)).toEqual(["Сергея Лаврова", "Лавров"]);
    const zakharova = names.find((e) => e.name === "Мария Захарова");
    expect(zakharova?.mentions.map((m) => m.text)).toEqual(["Мария Захарова", "Марии Захаровой"]);
    expect(names.filter((e) => /Лавров|Захаров/.test(e.name))).toHaveLength(2);
  });

  it("reads a first name in the case of its surname: Александра Новака is Александр Новак", () => {
    expect(find("Слова Александра Новака подтвердили в правительстве. Ранее Новак говорил о ценах.", "ru", "Александр Новак")).toBeDefined();
    expect(find("Слова Олександра Новака підтвердили в уряді. Новак цього не коментував.", "uk", "Олександр Новак")).toBeDefined();
    // A woman's name with an indeclinable surname, and a surname in -а seen only so, stay as written.
    expect(find("Про це заявила Олександра Новак. Олександра Новак працює в уряді.", "uk", "Олександра Новак")).toBeDefined();
    expect(find("Про це розповіла Олеся Драшкаба. Олеся Драшкаба зняла фільм.", "uk", "Олеся Драшкаба")).toBeDefined();
  });

  it("types a name whose first word has an adjective's ending (Дмитрий, Євгеній) as a person", () => {
    expect(find("Встреча прошла в Кремле. Дмитрий Медведев заявил, что Дмитрий Медведев доволен.", "ru", "Дмитрий Медведев")?.type).toBe("PER");
    expect(find("Про це повідомив Євгеній Сидоренко. Євгеній Сидоренко додав подробиці.", "uk", "Євгеній Сидоренко")?.type).toBe("PER");
    // A place keeps its type.
    expect(find("Делегація прибула до Північної Кореї. Північна Корея відповіла.", "uk", "Північна Корея")?.type).toBe("LOC");
  });
});

describe("name declension rules", () => {
  it("guesses the nominative of surnames and place names seen in oblique cases", () => {
    expect(guessNominative("Путіним")).toBe("Путін");
    expect(guessNominative("Хомчаком")).toBe("Хомчак");
    expect(guessNominative("Мааса")).toBe("Маас");
    expect(guessNominative("Кореї")).toBe("Корея");
    expect(guessNominative("Росією")).toBe("Росія");
    expect(guessNominative("Шевцової")).toBe("Шевцова");
    expect(guessNominative("Артем")).toBe("Артем");
    expect(guessNominative("Алла", "f")).toBe("Алла");
  });

  it("gives inflected forms of one name the same stem", () => {
    expect(nameStem("Путіна")).toBe(nameStem("Путіним"));
    expect(nameStem("Росії")).toBe(nameStem("Росією"));
    expect(nameStem("Шмигаль")).toBe(nameStem("Шмигаля"));
    for (const f of ["Лаврова", "Лаврову", "Лавровим", "Лавровым"]) expect(nameStem(f)).toBe(nameStem("Лавров"));
    for (const f of ["Захаровой", "Захаровою", "Захарової", "Захарову"]) expect(nameStem(f)).toBe(nameStem("Захарова"));
  });

  it("cuts a run of capitalised words longer than any name into name-sized mentions, in linear time", () => {
    // 20,000 capitalised words with no punctuation: trying every split point of one run took minutes.
    const run = Array.from({ length: 20_000 }, (_, i) => (i % 2 ? "Іван" : "Петро")).join(" ");
    const text = "Учора Олена Коваль заявила, що все гаразд. " + run + ". Олена Коваль додала, що чекає.";
    const t0 = process.cpuUsage();
    const ms = findNameMentions(text, "uk");
    const cpu = process.cpuUsage(t0);
    expect((cpu.user + cpu.system) / 1000).toBeLessThan(20_000);
    expect(ms.every((m) => m.parts.length <= MAX_NAME_WORDS)).toBe(true);
    // The windows cover the run in order, and the names around it are found as before.
    const inRun = ms.filter((m) => m.start >= text.indexOf(run) && m.end <= text.indexOf(run) + run.length);
    expect(inRun.reduce((n, m) => n + m.parts.length, 0)).toBe(20_000);
    expect(ms.filter((m) => m.text === "Олена Коваль")).toHaveLength(2);
  }, 60_000);
});
