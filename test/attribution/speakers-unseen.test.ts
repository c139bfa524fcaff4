import { describe, expect, it } from "vitest";
import { analyze } from "../../src/pipeline/analyze.js";
import type { Article, Quote } from "../../src/article.js";

// Sentences written for these tests in the style of wire copy (none comes from the dev or test sets): each
// checks a general rule for who the speaker is.

const run = (text: string, lang: "uk" | "ru" | "en"): Article => analyze({ text, lang });
const quote = (a: Article, fragment: string): Quote | undefined => a.quotes.find((q) => q.text.includes(fragment));
const entityOf = (a: Article, q: Quote | undefined) => a.entities.find((e) => e.id === q?.speaker?.entity);

describe("English titles before a name", () => {
  it("'Secretary of State Antony Blinken said …' is Antony Blinken, not 'Secretary' or 'State …'", () => {
    const a = run(
      "Secretary of State Antony Blinken said on Tuesday that Washington would send more air defence systems to Kyiv. " +
        "Blinken added that the package had been agreed with Congress.",
      "en",
    );
    const q = quote(a, "Washington would send more air defence");
    expect(q?.speaker?.name).toBe("Antony Blinken");
    expect(quote(a, "the package had been agreed")?.speaker?.entity).toBe(q?.speaker?.entity);
    // The title word is not left behind as an entity of its own.
    expect(a.entities.map((e) => e.name)).not.toContain("Secretary");
  });

  it("a quotation closed by '… Secretary of State X said' goes to the person, and 'State' is no verb", () => {
    const a = run('"We will not abandon our partners," Secretary of State Antony Blinken said in Brussels.', "en");
    expect(a.quotes).toHaveLength(1);
    expect(a.quotes[0].kind).toBe("direct");
    expect(a.quotes[0].speaker?.name).toBe("Antony Blinken");
  });

  it("'U.S. President Joe Biden told reporters …' is Joe Biden", () => {
    const a = run("U.S. President Joe Biden told reporters at the White House that the aid bill would pass within days.", "en");
    const q = quote(a, "the aid bill would pass");
    expect(q?.speaker?.name).toBe("Joe Biden");
    expect(q?.text).not.toMatch(/reporters/);
  });

  it("'officials said' and 'a spokesperson said' name nobody, and never the sea mentioned before", () => {
    const a = run(
      "Two Russian warships were seen in the Black Sea on Monday morning. Officials said the ships had left the port " +
        "of Novorossiysk overnight. A spokesperson said the navy was monitoring the area.",
      "en",
    );
    for (const q of a.quotes) expect(q.speaker?.name ?? "").not.toMatch(/Sea/);
    expect(a.entities.find((e) => e.name === "Black Sea")?.type ?? "LOC").toBe("LOC");
  });

  it("officials of a named body speak for it: 'Agriculture Department officials said'", () => {
    const a = run("Farm groups expected new subsidies, while Agriculture Department officials said no decision had been taken.", "en");
    expect(quote(a, "no decision had been taken")?.speaker?.name).toMatch(/Agriculture Department/);
  });
});

describe("the name after a role, in the nominative", () => {
  it("'за словами міністра фінансів Сергія Марченка' is Сергій Марченко, a man (he is the next 'він')", () => {
    const a = run(
      "За словами міністра фінансів Сергія Марченка, дефіцит бюджету наступного року зросте. Він додав, що уряд " +
        "розраховує на пільгові кредити партнерів.",
      "uk",
    );
    const q = quote(a, "дефіцит бюджету наступного року");
    expect(q?.speaker?.name).toBe("Сергій Марченко");
    expect(entityOf(a, q)?.roles?.join(" ")).toMatch(/міністра фінансів/);
    expect(quote(a, "пільгові кредити")?.speaker?.name).toBe("Сергій Марченко");
  });

  it("a role phrase with a plural genitive noun reaches the name: 'речник Повітряних сил', 'міністр закордонних справ'", () => {
    const a = run(
      "Ракети летіли з боку Чорного моря, повідомив речник Повітряних сил Юрій Ігнат. Міністр закордонних справ " +
        "Андрій Сибіга заявив, що Україна чекає на рішення партнерів.",
      "uk",
    );
    expect(quote(a, "Ракети летіли")?.speaker?.name).toBe("Юрій Ігнат");
    expect(quote(a, "Україна чекає на рішення")?.speaker?.name).toBe("Андрій Сибіга");
  });

  it("'по словам Александра Новака' is Александр Новак; a woman's name stays feminine", () => {
    const a = run(
      "По словам вице-премьера Александра Новака, добыча нефти в следующем году вырастет. По словам официального " +
        "представителя МИД Анны Поповой, переговоры продолжатся на следующей неделе.",
      "ru",
    );
    expect(quote(a, "добыча нефти")?.speaker?.name).toBe("Александр Новак");
    expect(quote(a, "переговоры продолжатся")?.speaker?.name).toBe("Анна Попова");
  });

  it("a surname set in capitals by the verb ('сказала Дар’я РОМАНЧУК') does not replace the name as written before", () => {
    const a = run(
      "Заступниця міністра Дар’я Романчук відвідала Львів.\n\n«Ми готові до зими», – сказала Дар’я РОМАНЧУК " +
        "журналістам.\n\nВона додала, що роботи тривають.",
      "uk",
    );
    expect(a.quotes.map((q) => q.speaker?.name)).toEqual(["Дар’я Романчук", "Дар’я Романчук"]);
    expect(a.entities.map((e) => e.name)).not.toContain("Дар’я РОМАНЧУК");
  });

  it("a name in the genitive right before a verb ('слова Александра Новака подтвердил') keeps its nominative", () => {
    const names = (a: Article) => a.entities.filter((e) => e.type === "PER").map((e) => e.name);
    const speakers = (a: Article) => a.quotes.map((q) => q.speaker?.name);
    const ru = run(
      "Новак не комментировал ситуацию. Слова Александра Новака подтвердил Иван Петров: цены на бензин вырастут в " +
        "следующем году.",
      "ru",
    );
    expect(names(ru)).toContain("Александр Новак");
    expect([...names(ru), ...speakers(ru)]).not.toContain("Александра Новака");
    const uk = run(
      "Новак цього не коментував. Слова Олександра Новака підтвердив Іван Петренко: ціни на бензин зростуть " +
        "наступного року.",
      "uk",
    );
    expect(names(uk)).toContain("Олександр Новак");
    expect([...names(uk), ...speakers(uk)]).not.toContain("Олександра Новака");
    // A woman's name, in the genitive by the verb, stays feminine and nominative.
    const f = run(
      "Анна Попова не комментировала ситуацию. Слова Анны Поповой подтвердил Иван Петров: переговоры продолжатся " +
        "на следующей неделе.",
      "ru",
    );
    expect(names(f)).toContain("Анна Попова");
    expect([...names(f), ...speakers(f)]).not.toContain("Анны Поповой");
    // The nominative by a verb still fixes a name first seen in another case.
    const nom = run("Ангелой Меркель восхищались все. Ангела Меркель заявила, что Германия поможет Украине.", "ru");
    expect(quote(nom, "Германия поможет")?.speaker?.name).toBe("Ангела Меркель");
  });

  it("a titled foreign name before a verb in the feminine is the speaker", () => {
    const a = run("Министр иностранных дел Эстонии Кейт Пентус Роозиманнус также высказалась за новые санкции против России.", "ru");
    expect(a.quotes[0]?.speaker?.name).toBe("Кейт Пентус Роозиманнус");
  });
});

describe("press services as sources, named in the nominative", () => {
  const sourceNames = (a: Article) => a.sources.map((s) => s.name);

  it("'повідомила Прес-служба міської ради' and 'повідомили у прес-службі міської ради' are one source", () => {
    const a = run(
      "Міст через річку закриють на ремонт, повідомила Прес-служба міської ради. Роботи триватимуть до кінця " +
        "року, уточнили у прес-службі міської ради.",
      "uk",
    );
    expect(sourceNames(a)).toEqual(["Прес-служба міської ради"]);
    // No stray entity with a clipped name ("Прес-служб").
    expect(a.entities.filter((e) => /^Прес-служб/.test(e.name)).map((e) => e.name)).toEqual(["Прес-служба міської ради"]);
  });

  it("'як передає прес-службу …' and 'у прес-службі … повідомили' give the head noun in the nominative", () => {
    const a = run("Як передає прес-службу обласної адміністрації, у трьох районах відновили світло.", "uk");
    expect(sourceNames(a)).toEqual(["Прес-служба обласної адміністрації"]);
    const b = run("У прес-службі Донецької ОДА повідомили, що евакуація триває.", "uk");
    expect(sourceNames(b)).toEqual(["Прес-служба Донецької ОДА"]);
    expect(b.quotes[0]?.speaker?.name).toBe("Прес-служба Донецької ОДА");
  });

  it("the body stops before a verb: 'прес-служба Кремля сообщила' (ru)", () => {
    const a = run("Об этом сообщает пресс-служба губернатора области. Пресс-служба Кремля сообщила, что разговор был деловым.", "ru");
    expect(sourceNames(a)).toEqual(["Пресс-служба губернатора области", "Пресс-служба Кремля"]);
  });
});
