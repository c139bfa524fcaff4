import { describe, expect, it } from "vitest";
import { buildEntities } from "../../src/entities/stage.js";

const ents = (text: string, lang: string) => buildEntities(text, lang).entities;
const byName = (text: string, lang: string, name: string) => ents(text, lang).find((e) => e.name === name);
const names = (text: string, lang: string) => ents(text, lang).map((e) => e.name);

describe("entity types from head and first words", () => {
  it("types places by their first or last word and bodies by their head word", () => {
    const text =
      "The startup moved to San Francisco last year. Officials in West Virginia said the plant would reopen. " +
      "The Arab League met in Cairo on Sunday. Doctors at the Mayo Clinic said he was stable. Fires reached Orange County.";
    expect(byName(text, "en", "San Francisco")?.type).toBe("LOC");
    expect(byName(text, "en", "West Virginia")?.type).toBe("LOC");
    expect(byName(text, "en", "Orange County")?.type).toBe("LOC");
    expect(byName(text, "en", "Arab League")?.type).toBe("ORG");
    expect(byName(text, "en", "Mayo Clinic")?.type).toBe("ORG");
  });

  it("does not join a nationality word to a body named with it", () => {
    const text = "The Afghan Taliban said the talks were over. Afghan officials disagreed with the group.";
    const taliban = byName(text, "en", "Afghan Taliban");
    expect(taliban?.type).toBe("ORG");
    expect(taliban?.mentions.map((m) => m.text)).toEqual(["Afghan Taliban"]);
  });
});

describe("adjective and noun bodies (uk, ru)", () => {
  it("names a body from a capitalised adjective and its lower-case noun, in the nominative", () => {
    const text = "Законопроект внесли в Государственную думу в среду. Депутаты Государственной думы одобрили его в первом чтении.";
    const duma = byName(text, "ru", "Государственная дума");
    expect(duma?.type).toBe("ORG");
    expect(duma?.mentions.map((m) => m.text)).toEqual(["Государственную думу", "Государственной думы"]);
    expect(names(text, "ru")).not.toContain("Государственную");
  });

  it("agrees the adjective with the noun's gender and keeps the written capitals", () => {
    const text = "Верховний суд ухвалив рішення. Головне управління поліції в Івано-Франківській області повідомило про затримання.";
    expect(byName(text, "uk", "Верховний суд")?.type).toBe("ORG");
    expect(byName(text, "uk", "Головне управління")?.type).toBe("ORG");
    expect(byName(text, "uk", "Івано-Франківська область")?.type).toBe("LOC");
  });

  it("takes a capitalised adjective before an ordinary noun for no name", () => {
    const text = "Российская экономика растёт третий год подряд, сообщил министр Антон Силуанов.";
    expect(names(text, "ru")).not.toContain("Российская");
  });
});

describe("names in quotation marks after a body's noun", () => {
  it("keeps the written form, which stays in the nominative", () => {
    const text = "Лидер партии «Батькивщина» заявила о поддержке законопроекта. В «Батькивщине» это подтвердили.";
    const party = ents(text, "ru").find((e) => e.mentions.some((m) => m.text === "Батькивщина"));
    expect(party?.name).toBe("Батькивщина");
    expect(party?.type).toBe("ORG");
  });
});

describe("first names and patronymics of women", () => {
  it("reads a first name seen only in -ии/-ії as a woman's", () => {
    const ru = "Как сообщила пресс-служба Юлии Тимошенко, встреча перенесена. Юлии Тимошенко не было на заседании.";
    expect(names(ru, "ru")).toContain("Юлия Тимошенко");
    const uk = "За словами Теодозії Василівні Ловас, черги зникли.";
    expect(names(uk, "uk")).toContain("Теодозія Василівна Ловас");
  });
});

describe("capitals", () => {
  it("takes no names from a line in capitals except known ones", () => {
    const text = "СУД ПРИГОВОРИЛ ФЕЛЬДМАНА К ТРЕМ ГОДАМ В США\nАдвокат Фельдмана заявил, что обжалует приговор.";
    const ns = names(text, "ru");
    expect(ns).not.toContain("СУД");
    expect(ns).not.toContain("К");
    expect(ns.some((n) => /ТРЕМ|ГОДАМ/.test(n))).toBe(false);
    expect(ns).toContain("США");
    expect(ns).toContain("Фельдман");
  });

  it("reads a surname in capitals after a first name as part of the name", () => {
    const text = "Адвокат Михаил ФЕЛЬДМАН заявил, что обжалует приговор. Фельдман был задержан в мае.";
    const p = byName(text, "ru", "Михаил Фельдман");
    expect(p?.type).toBe("PER");
    expect(p?.mentions.map((m) => m.text)).toEqual(["Михаил ФЕЛЬДМАН", "Фельдман"]);
  });

  it("takes from a Title Case headline only the words the text capitalises elsewhere", () => {
    const text = "Several Killed As Storm Hits Texas Coast\nA storm hit the Texas coast on Monday, killing several people, officials said.";
    expect(names(text, "en")).toEqual(["Texas"]);
  });
});

describe("initials and suffixes", () => {
  it("keeps a name whole across a middle initial and a generational suffix", () => {
    const text = "U.S. Attorney James P. Kennedy Jr. said the case was closed. Kennedy said more charges could follow.";
    const p = byName(text, "en", "James P. Kennedy");
    expect(p?.type).toBe("PER");
    expect(p?.mentions.map((m) => m.text)).toEqual(["James P. Kennedy Jr.", "Kennedy"]);
  });

  it("joins a two-letter Cyrillic initial to the surname", () => {
    const text = "Як заявив Дж. Байден, переговори тривають. Байден додав, що санкції залишаться.";
    const p = ents(text, "uk").find((e) => e.mentions.some((m) => m.text === "Дж. Байден"));
    expect(p?.type).toBe("PER");
  });

  it("does not join a sentence after a one-letter word to it", () => {
    const text = "The fallback was called Plan B. Officials said it failed.";
    expect(names(text, "en").some((n) => n.includes("Officials"))).toBe(false);
  });
});

describe("junk names and word-beginning types", () => {
  it("takes no names from English contractions, sentence openers, single letters or title abbreviations", () => {
    const text =
      "“It’s over,” she said. I’m not sure. What happened next? Several people left. Another man stayed. " +
      "Gov. Gavin Newsom said the S&P index fell.";
    expect(names(text, "en")).toEqual(["Gavin Newsom"]);
  });

  it("reads a body's word in a Latin name only as a whole word", () => {
    const text = "Gavin Newsom spoke to Mary Banks in Houston. The Dow Chemical Corporation and Health Services agreed.";
    expect(byName(text, "en", "Gavin Newsom")?.type).toBe("PER");
    expect(byName(text, "en", "Mary Banks")?.type).toBe("PER");
    expect(byName(text, "en", "Dow Chemical Corporation")?.type).toBe("ORG");
    expect(byName(text, "en", "Health Services")?.type).toBe("ORG");
  });

  it("names a body seen only in an oblique case by the dictionary's nominative", () => {
    const text = "Представники Міністерства оборони та Верховного Суду зустрілися в Києві. Про це повідомили в Міністерстві.";
    const min = ents(text, "uk").find((e) => e.mentions.some((m) => m.text === "Міністерства"));
    expect(min?.name).toBe("Міністерство");
    expect(min?.type).toBe("ORG");
    expect(names(text, "uk")).toContain("Верховний Суд");
  });
});

describe("a name in capitals in ordinary text", () => {
  it("is the name the text writes in the ordinary way elsewhere", () => {
    const text = "Суд приговорил ФЕЛЬДМАНА к трем годам. Адвокат Фельдмана заявил, что обжалует приговор. НАТО молчит.";
    const p = ents(text, "ru").find((e) => e.mentions.some((m) => m.text === "ФЕЛЬДМАНА"));
    expect(p?.name).toBe("Фельдман");
    expect(p?.mentions.map((m) => m.text)).toEqual(["ФЕЛЬДМАНА", "Фельдмана"]);
    expect(names(text, "ru")).toContain("НАТО");
  });
});
