import { describe, expect, it } from "vitest";
import { findFigures, parseDigits } from "../../src/facts/figures.js";
import { extractFacts } from "../../src/facts/stage.js";

/** Figures of a snippet, as the stage finds them (dates claimed first). */
function figs(text: string, lang = "uk") {
  return extractFacts({ text, lang, published: "2024-06-19" }).figures;
}
function one(text: string, lang = "uk") {
  const f = figs(text, lang);
  expect(f, JSON.stringify(f)).toHaveLength(1);
  return f[0];
}

describe("figures: numbers in digits", () => {
  it("reads the decimal comma and space-grouped thousands (uk/ru)", () => {
    expect(parseDigits("1,5", "uk")).toBe(1.5);
    expect(parseDigits("5 000", "uk")).toBe(5000);
    expect(parseDigits("12 345,67", "ru")).toBe(12345.67);
    expect(parseDigits("1.5", "uk")).toBe(1.5);
    expect(parseDigits("1.500.000", "ru")).toBe(1500000);
  });
  it("reads the English thousands comma and decimal point", () => {
    expect(parseDigits("1,500", "en")).toBe(1500);
    expect(parseDigits("3,362.39", "en")).toBe(3362.39);
    expect(parseDigits("1.5", "en")).toBe(1.5);
  });
  it("takes a grouped number as one figure with its counted noun", () => {
    const f = figs("Внаслідок обстрілу без світла залишилися 12 500 абонентів у трьох громадах.");
    expect(f[0]).toMatchObject({ text: "12 500 абонентів", value: 12500, unit: "абоненти", approx: false });
    expect(f[1]).toMatchObject({ text: "трьох громадах", value: 3, unit: "громади" });
  });
  it("spans the counted noun phrase and puts it in the nominative plural", () => {
    const f = one("За добу ЗСУ знищили 17 російських танків на Донеччині.");
    expect(f).toMatchObject({ text: "17 російських танків", value: 17, unit: "російські танки" });
  });
});

describe("figures: scale words, approximators, money, percent", () => {
  it("multiplies scale words and marks approximators (seed-style uk sentence)", () => {
    const f = one("Москва отримала близько 5 мільйонів артилерійських снарядів від КНДР.");
    expect(f).toMatchObject({
      text: "близько 5 мільйонів артилерійських снарядів",
      value: 5_000_000,
      unit: "артилерійські снаряди",
      approx: true,
    });
  });
  it("reads abbreviated scales with a decimal comma and hryvnias", () => {
    const f = one("Уряд виділив 1,2 млрд грн на відновлення шкіл.");
    expect(f).toMatchObject({ text: "1,2 млрд грн", value: 1_200_000_000, unit: "грн", currency: "UAH", approx: false });
  });
  it("leaves a sentence-final point out of the figure's text", () => {
    expect(one("Допомога становитиме 8 тис. грн. Виплати почнуться в грудні.")).toMatchObject({ text: "8 тис. грн", value: 8000 });
  });
  it("takes 'тис.' with its point and an upper-bound approximator 'до'", () => {
    const f = one("Допомога становитиме до 8 тис. грн на особу.");
    expect(f).toMatchObject({ text: "до 8 тис. грн", value: 8000, unit: "грн", currency: "UAH", approx: true });
  });
  it("reads currency signs with scale letters and English approximators", () => {
    const f = one("The fund will invest more than $2.5bn in new plants.", "en");
    expect(f).toMatchObject({ text: "more than $2.5bn", value: 2_500_000_000, unit: "$", currency: "USD", approx: true });
  });
  it("reads currency words in uk, ru and en", () => {
    expect(one("Збитки оцінюють у 300 млн доларів.")).toMatchObject({ value: 300_000_000, unit: "долари", currency: "USD" });
    expect(one("Штраф составил 35 млн рублей.", "ru")).toMatchObject({ value: 35_000_000, unit: "рубли", currency: "RUB" });
    expect(one("Brussels pledged 50 million euros to the programme.", "en")).toMatchObject({ value: 50_000_000, unit: "euros", currency: "EUR" });
    expect(one("Грант становить 200 тисяч євро.")).toMatchObject({ value: 200_000, unit: "євро", currency: "EUR" });
  });
  it("normalises percent signs and words to %", () => {
    expect(one("Інфляція сповільнилася до 3,2% у травні.")).toMatchObject({ text: "до 3,2%", value: 3.2, unit: "%", approx: true });
    expect(one("Майже 60 відсотків опитаних підтримують рішення.")).toMatchObject({ text: "Майже 60 відсотків", value: 60, unit: "%", approx: true });
    expect(one("Безработица выросла на 5 процентов.", "ru")).toMatchObject({ value: 5, unit: "%" });
    expect(one("Output fell 12 per cent last quarter.", "en")).toMatchObject({ text: "12 per cent", value: 12, unit: "%" });
  });
  it("reads Russian approximators and 'тыс. человек'", () => {
    const f = one("На митинг пришли около 2,5 тыс. человек.", "ru");
    expect(f).toMatchObject({ text: "около 2,5 тыс. человек", value: 2500, unit: "люди", approx: true });
  });
  it("puts the Russian noun after 2–4 (genitive singular) into the plural", () => {
    expect(one("Совещание длилось три часа.", "ru")).toMatchObject({ value: 3, unit: "часы" });
  });
  it("reads English 'of' after scale words", () => {
    const f = one("Officials said nearly 2 million tonnes of grain left the port.", "en");
    expect(f).toMatchObject({ text: "nearly 2 million tonnes", value: 2_000_000, unit: "tonnes", approx: true });
  });
});

describe("figures: numbers in words and orders of magnitude", () => {
  it("reads compound number words with a scale", () => {
    expect(one("До міста повернулися двадцять п'ять тисяч мешканців.")).toMatchObject({ value: 25_000, unit: "мешканці" });
    expect(one("Ремонт триватиме п’ять місяців.")).toMatchObject({ text: "п’ять місяців", value: 5, unit: "місяці" });
    expect(one("Погибли пять человек.", "ru")).toMatchObject({ value: 5, unit: "люди" });
    expect(one("Police arrested twenty-one people.", "en")).toMatchObject({ value: 21, unit: "people" });
  });
  it("reads 'півтора мільйона' and 'half a million'", () => {
    expect(one("Курорт прийняв півтора мільйона відпочивальників.")).toMatchObject({ value: 1_500_000, unit: "відпочивальники" });
    expect(one("The city has half a million residents.", "en")).toMatchObject({ value: 500_000, unit: "residents" });
  });
  it("gives orders of magnitude value null and approx (seed-style)", () => {
    const f = one("Міністр нагадав про відправку КНДР десятків балістичних ракет, щоб допомогти Москві.");
    expect(f).toMatchObject({ text: "десятків балістичних ракет", value: null, unit: "балістичні ракети", approx: true });
    expect(one("Сотні людей вийшли на протест.")).toMatchObject({ value: null, unit: "люди", approx: true });
    expect(one("Десятки тысяч сообщений остались без ответа.", "ru")).toMatchObject({ text: "Десятки тысяч сообщений", value: null, approx: true });
    expect(one("Dozens of drones were shot down overnight.", "en")).toMatchObject({ text: "Dozens of drones", value: null, unit: "drones", approx: true });
    expect(one("Кілька тисяч скляних кульок розбили.")).toMatchObject({ value: null, unit: "скляні кульки", approx: true });
  });
  it("reads counted tens and hundreds and round-number nouns", () => {
    expect(one("Усього на фабриці зараз два десятки працівників.")).toMatchObject({ value: 20, unit: "працівники", approx: false });
    expect(one("Понад десяток людей постраждали.")).toMatchObject({ text: "Понад десяток людей", value: 10, approx: true });
    expect(one("На виставці близько сотні різних форм.")).toMatchObject({ value: 100, unit: "різні форми", approx: true });
    expect(one("Кілька десятків людей зібралися біля суду.")).toMatchObject({ value: null, unit: "люди", approx: true });
    expect(one("Україна отримала мільйон доларів допомоги.")).toMatchObject({ text: "мільйон доларів", value: 1_000_000, currency: "USD", approx: false });
    expect(one("Hundreds of thousands of people fled the city.", "en")).toMatchObject({ text: "Hundreds of thousands of people", value: null, unit: "people" });
  });
  it("reads collective numerals for people, and 'сотни' alone as hundreds (ru)", () => {
    expect(one("Загинули двоє військових.")).toMatchObject({ text: "двоє військових", value: 2, unit: "військові" });
    expect(figs("Погибли двое, ранены трое.", "ru").map((f) => f.value)).toEqual([2, 3]);
    expect(one("Сотни людей пришли на митинг.", "ru")).toMatchObject({ value: null, approx: true });
    expect(one("Пришли около сотни человек.", "ru")).toMatchObject({ value: 100, approx: true, unit: "люди" });
  });
  it("does not count 'two' in 'між двома країнами' or a vague 'кілька' alone", () => {
    expect(figs("Відносини між двома країнами піднялися до нового рівня.")).toEqual([]);
    expect(figs("Кілька людей чекали на зупинці.")).toEqual([]);
  });
  it("skips number words that are part of a name", () => {
    expect(figs("Фільм показали родинам Героїв Небесної Сотні.")).toEqual([]);
  });
});

describe("figures: compound amounts", () => {
  it("adds a smaller scaled amount written after a larger one", () => {
    expect(one("Вартість апарата становить 4 млн 800 тис. грн, кажуть у лікарні.")).toMatchObject({ value: 4_800_000, currency: "UAH" });
  });
});

describe("figures: signs", () => {
  it("reads a minus sign and 'мінус'", () => {
    expect(one("Вночі було -5 градусів.")).toMatchObject({ text: "-5 градусів", value: -5, unit: "градуси" });
    expect(one("Вдень очікується мінус 2 градуси.")).toMatchObject({ text: "мінус 2 градуси", value: -2 });
    expect(one("Температура від -3 до +5 градусів.")).toMatchObject({ text: "від -3 до +5 градусів", value: -3, max: 5 });
  });
});

describe("figures: ranges", () => {
  it("reads number words joined by a hyphen", () => {
    expect(one("Зміни почнуться через два-три тижні.")).toMatchObject({ text: "два-три тижні", value: 2, max: 3, unit: "тижні" });
  });
  it("reads a dash range as value..max", () => {
    const f = one("Ціни на житло – 80–90 гривень за ніч.");
    expect(f).toMatchObject({ text: "80–90 гривень", value: 80, max: 90, unit: "гривні", approx: true });
  });
  it("reads English 'N to M' ranges", () => {
    expect(one("He said the 20 to 30 Iranian personnel were evacuated.", "en")).toMatchObject({ value: 20, max: 30, unit: "Iranian personnel" });
  });
  it("reads 'between … and …' in English", () => {
    expect(one("Between 200 and 300 people were hurt.", "en")).toMatchObject({ value: 200, max: 300, unit: "people", approx: true });
  });
  it("applies a scale written after the upper bound to both", () => {
    const f = one("Житло коштує від 2 до 3 тисяч гривень на добу.");
    expect(f).toMatchObject({ text: "від 2 до 3 тисяч гривень", value: 2000, max: 3000, currency: "UAH" });
  });
});

describe("figures: what is not a figure", () => {
  it("skips dates, years and model names (seed-style)", () => {
    const f = figs("2 січня цього року Росія вдарила по Харкову ракетою Hwasong-11. Ракети цієї серії випробували у 2019-му році.");
    expect(f).toEqual([]);
  });
  it("skips aircraft and weapon model numbers", () => {
    expect(figs("Україна отримала винищувачі F-16, а росіяни втратили Су-27 та Boeing 737.")).toEqual([]);
  });
  it("skips article and law numbers", () => {
    expect(figs("Справу відкрили за ч. 2 ст. 438 Кримінального кодексу, відповідно до статті 5 закону № 1234.")).toEqual([]);
    expect(figs("Under Article 5 of the treaty allies must respond.", "en")).toEqual([]);
  });
  it("skips phone numbers and clock times", () => {
    expect(figs("Телефон гарячої лінії: (044) 123-45-67 або +380 44 765 43 21.")).toEqual([]);
    expect(figs("Засідання почнеться о 14:35, а завершиться до 18.00.")).toEqual([]);
    expect(figs("Виклик надійшов о 22 годині 44 хвилини.")).toEqual([]);
    expect(figs("Точний час ліквідації пожежі — 3 година 04 хвилини.")).toEqual([]);
  });
  it("skips house numbers after an abbreviated street and ranges of decades", () => {
    expect(figs("Концерт на вул. Львівській, 11 зібрав глядачів.")).toEqual([]);
    expect(figs("Очисні споруди збудували в 60-80-ті роки минулого століття.")).toEqual([]);
  });
  it("keeps an adverb before a participle in the counted phrase", () => {
    expect(one("Йдеться про понад 100 незаконно затриманих громадян.")).toMatchObject({
      text: "понад 100 незаконно затриманих громадян",
      unit: "незаконно затримані громадяни",
      approx: true,
    });
  });
  it("skips sports scores and their tie-breaks, but keeps a dash range with a unit", () => {
    expect(figs("Rublev beat Bautista-Agut 3-6, 6-3, 7-6 (0) to give Russia a 2-1 win.", "en")).toEqual([]);
    expect(figs("На счету россиянина 13 (6+7) очков.", "ru").map((f) => f.value)).toEqual([13]);
    expect(one("Turnout was 40-50 percent.", "en")).toMatchObject({ value: 40, max: 50, unit: "%" });
  });
  it("skips ordinals", () => {
    expect(figs("Це вже 5-й випадок за місяць і 10-річний ювілей.")).toHaveLength(0);
    expect(figs("It was the 3rd attack this month.", "en")).toHaveLength(0);
  });
  it("skips bare years but keeps a year-like count with its noun", () => {
    expect(figs("The 1987 budget was cut.", "en")).toEqual([]);
    expect(one("Евакуювали близько 2000 осіб.")).toMatchObject({ value: 2000, unit: "особи", approx: true });
  });
});

describe("figures: offsets", () => {
  it("gives spans that slice the text exactly", () => {
    const text = "За тиждень понад 1 500 людей отримали допомогу на 3 млн грн.";
    const fs = findFigures(text, { lang: "uk", skip: [] });
    expect(fs.length).toBe(2);
    for (const f of fs) expect(text.slice(f.start, f.end)).toBe(f.text);
  });
});
