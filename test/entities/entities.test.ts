import { describe, expect, it } from "vitest";
import { buildEntities } from "../../src/entities/stage.js";
import { guessNominative, nameStem } from "../../src/entities/names.js";

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
  });
});
