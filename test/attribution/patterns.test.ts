import { describe, expect, it } from "vitest";
import { analyze } from "../../src/pipeline/analyze.js";
import type { Article, Quote } from "../../src/article.js";

/** Analyse a short snippet (plain text, language given). */
function run(text: string, lang: "uk" | "ru" | "en"): Article {
  return analyze({ text, lang });
}

/** The quote whose text contains `fragment`. */
function quote(a: Article, fragment: string): Quote | undefined {
  return a.quotes.find((q) => q.text.includes(fragment));
}

/** All names a speaker answers to: its own and its entity's name and aliases. */
function speakerNames(a: Article, q: Quote | undefined): string[] {
  if (!q?.speaker) return [];
  const e = a.entities.find((x) => x.id === q.speaker!.entity);
  return [q.speaker.name, ...(e ? [e.name, ...e.aliases] : [])];
}

describe("direct speech (uk)", () => {
  it("attributes a dash-led quote to the fuller name given earlier", () => {
    const a = run("Лідер КНДР Кім Чен Ин зустрівся з делегацією.\n\n«Відносини між нашими країнами піднялися до нового рівня», – сказав Кім.", "uk");
    const q = quote(a, "Відносини між нашими країнами");
    expect(q?.kind).toBe("direct");
    expect(q?.text).toBe("Відносини між нашими країнами піднялися до нового рівня");
    expect(q?.speaker?.name).toBe("Кім Чен Ин");
    expect(q?.cue?.text).toContain("сказав");
  });

  it("attributes a colon-led quote to the name before the colon", () => {
    const a = run("Під час брифінгу виступив Олександр Коваленко.\n\nКоваленко: «Ми не відступимо від своїх планів на цей рік».", "uk");
    expect(speakerNames(a, quote(a, "Ми не відступимо"))).toContain("Олександр Коваленко");
  });

  it("splits a quote interrupted by its own attribution into two quotes of one speaker", () => {
    const a = run("«Вірш прийшов до мене моментально, – каже Юрій Винничук. – Це дивна позиція дивної людини».", "uk");
    const first = quote(a, "Вірш прийшов");
    const second = quote(a, "Це дивна позиція");
    expect(first?.text).toBe("Вірш прийшов до мене моментально");
    expect(second?.text).toBe("Це дивна позиція дивної людини");
    expect(first?.speaker?.name).toBe("Юрій Винничук");
    expect(second?.speaker?.name).toBe("Юрій Винничук");
  });

  it("reads dialogue dash lines without quotation marks", () => {
    const a = run("Голова громади Петро Мельник розповів про ремонт доріг.\n– Ми відремонтуємо всі дороги до зими, – сказав він. – Кошти вже виділено.", "uk");
    expect(quote(a, "Ми відремонтуємо всі дороги")?.speaker?.name).toBe("Петро Мельник");
    expect(quote(a, "Кошти вже виділено")?.speaker?.name).toBe("Петро Мельник");
  });

  it("keeps nested quotes and editorial insertions inside the quote", () => {
    const a = run('"Уряд висловлює підтримку у проведенні "спеціальної операції" [війни – ред.] в Україні", – заявляв Кім Чен Ин.', "uk");
    const q = quote(a, "Уряд висловлює");
    expect(q?.text).toContain("[війни – ред.]");
    expect(q?.text).toContain('"спеціальної операції"');
    expect(q?.speaker?.name).toBe("Кім Чен Ин");
  });

  it("does not take scare quotes or titles for quotations", () => {
    const a = run("Жителі міста висловили свої «співчуття». Катер «Бердянськ» повернули до порту.", "uk");
    expect(a.quotes).toEqual([]);
  });
});

describe("indirect speech and speakers", () => {
  it("takes the що-clause of a speech verb, and the organisation that speaks", () => {
    const a = run("Нагадаємо, що міністерство оборони Південної Кореї заявляло про те, що Москва отримала близько 5 мільйонів снарядів.", "uk");
    const q = quote(a, "Москва отримала");
    expect(q?.kind).toBe("indirect");
    expect(q?.text).toBe("Москва отримала близько 5 мільйонів снарядів");
    expect(q?.speaker?.name).toBe("Міністерство оборони Південної Кореї");
  });

  it("resolves 'за його словами' to the previous speaker and a role to the person who has it", () => {
    const a = run(
      "Міністр оборони Шин Вонсік нагадав про відправку ракет до Росії.\n\nЗа його словами, постачання триває вже кілька місяців. «Ми стежимо за кожною партією», – сказав міністр.",
      "uk",
    );
    const byPronoun = quote(a, "постачання триває");
    expect(byPronoun?.speaker?.name).toBe("Шин Вонсік");
    expect(byPronoun?.speaker?.resolvedBy).toBe("pronoun");
    const byRole = quote(a, "Ми стежимо");
    expect(byRole?.speaker?.name).toBe("Шин Вонсік");
    expect(byRole?.speaker?.resolvedBy).toBe("role");
  });

  it("uses the verb's gender to choose between two people sharing a surname", () => {
    const a = run(
      "Алла Бут приїхала до суду, де перебуває її чоловік Виктор Бут.\n\nБут рассказала, что свидание продлится три часа. Бут сообщил, что не признает вину.",
      "ru",
    );
    expect(quote(a, "свидание продлится")?.speaker?.name).toBe("Алла Бут");
    expect(quote(a, "не признает вину")?.speaker?.name).toBe("Виктор Бут");
  });

  it("finds nominal speech acts (назвал встречу …)", () => {
    const a = run("Российский президент Владимир Путин назвал встречу «хорошей» и «откровенной».", "ru");
    const q = quote(a, "встречу");
    expect(q?.text).toContain("«хорошей» и «откровенной»");
    expect(speakerNames(a, q)).toContain("Владимир Путин");
  });

  it("reads Russian 'по словам' and dash-led quotes with pronouns", () => {
    const a = run("«Мы не виделись с ноября», — рассказала Алла Бут. По её словам, заседание будет техническим.", "ru");
    expect(quote(a, "Мы не виделись")?.speaker?.name).toBe("Алла Бут");
    expect(quote(a, "заседание будет техническим")?.speaker?.name).toBe("Алла Бут");
  });

  it("leaves anonymous people and groups without a quote", () => {
    const a = run("Експерти вважають, що ціни зростуть до кінця року. Місцеві жителі кажуть, що воду не подають третій день.", "uk");
    expect(a.quotes).toEqual([]);
    const en = run("One lobbyist with close connections to the administration said Moscow would buy four mln tonnes of wheat.", "en");
    expect(en.quotes).toEqual([]);
  });
});

describe("reports and bodies", () => {
  it("gives an impersonal report to the organisation the article is about", () => {
    const a = run(
      "Журналісти Bellingcat оприлюднили доповідь про участь російських військ у наступі.\n\n«На основі аналізу фото і відео з відкритих джерел ми встановили маршрут техніки», – зазначається в доповіді.",
      "uk",
    );
    expect(quote(a, "На основі аналізу")?.speaker?.name).toBe("Bellingcat");
  });

  it("lets a body in the locative speak, and a bare press service speak for the company named", () => {
    const a = run("У прокуратурі міста Києва порушили справу. У прокуратурі зазначили, що слідство триває вже два місяці.", "uk");
    expect(quote(a, "слідство триває")?.speaker?.name).toBe("Прокуратура міста Києва");
    const ru = run("В Mail.ru, как рассказали в пресс-службе, автоматически работает поиск по новостям.", "ru");
    expect(quote(ru, "автоматически работает поиск")?.speaker?.name).toBe("Mail.ru");
  });

  it("reads 'quoted X as saying' in English", () => {
    const a = run("Deng Xiaoping visited the province. The paper quoted Deng as saying that grain output is one of several key issues.", "en");
    expect(quote(a, "grain output is one of several key issues")?.speaker?.name).toMatch(/Deng/);
  });
});

describe("English", () => {
  const text =
    'Robert Heller, a member of the Federal Reserve Board, said he expects slower growth in the money supply this year.\n\n' +
    '    "Monetary growth may return to more modest levels," Heller said.\n\n' +
    '    "I would not be surprised at all if the aggregates grew slowly," he added.';
  it("attributes quotes by name, surname and pronoun", () => {
    const a = run(text, "en");
    expect(quote(a, "he expects slower growth")?.speaker?.name).toBe("Robert Heller");
    expect(quote(a, "Monetary growth may return")?.speaker?.name).toBe("Robert Heller");
    expect(quote(a, "I would not be surprised")?.speaker?.name).toBe("Robert Heller");
  });

  it("reaches the verb past a title of several words before the name", () => {
    const a = run('Grain exports will grow.\n\n"This deal secures our future," Agriculture Minister Vitaliy Koval told reporters.', "en");
    const q = quote(a, "This deal secures our future");
    expect(q?.kind).toBe("direct");
    expect(q?.text).toMatch(/^This deal secures our future,?$/);
    expect(q?.speaker?.name).toBe("Vitaliy Koval");
  });

  it("treats an outlet behind 'according to' as the speaker and a source", () => {
    const a = run("Poindexter was ready to break his silence, according to the Washington Post. The paper said the panel was considering immunity.", "en");
    const q = quote(a, "ready to break his silence");
    expect(speakerNames(a, q).join(" ")).toMatch(/Washington Post/);
    expect(a.sources.map((s) => s.name).join(" ")).toMatch(/Вашингтон Пост|Washington Post/);
  });
});

describe("sources", () => {
  it("links 'пише X з посиланням на Y' as X cites Y", () => {
    const a = run("Про це пише Укрінформ з посиланням на південнокорейське видання Yonhap.", "uk");
    const ukr = a.sources.find((s) => s.name === "Укрінформ");
    const yon = a.sources.find((s) => /Yonhap|Йонхап/.test(s.name));
    expect(ukr?.cue?.text).toBe("пише");
    expect(yon?.cue?.text).toBe("з посиланням на");
    expect(ukr?.cites).toEqual([yon!.id]);
  });

  it("marks a quote reported through an outlet with via", () => {
    const a = run("Володимир Путін прибув до Пхеньяна. Президент РФ, якого цитує Reuters, зазначив також про наявність у договорі положення про оборону.", "uk");
    const q = quote(a, "положення про оборону");
    const reuters = a.sources.find((s) => s.cue?.text === "якого цитує");
    expect(reuters).toBeDefined();
    expect(q?.via).toEqual([reuters!.id]);
    expect(q?.speaker?.name).toBe("Володимир Путін");
  });

  it("finds Russian and English source cues", () => {
    const ru = run("Новый забор обойдется властям в 1,3 млн рублей, пишет NEWSru.com. Как сообщал РБК, форум пройдет в Москве.", "ru");
    expect(ru.sources.map((s) => s.name)).toEqual(expect.arrayContaining(["NEWSru.com", "РБК"]));
    const en = run("China must not import more than 10 mln tonnes of grain, Ming Pao newspaper of Hong Kong said.", "en");
    expect(en.sources.map((s) => s.name)).toContain("Ming Pao");
  });
});
