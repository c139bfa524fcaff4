import { describe, expect, it } from "vitest";
import { anchorDate, latestDayOnOrBefore, nextDayOnOrAfter } from "../../src/facts/calendar.js";
import { findDates } from "../../src/facts/dates.js";

function dates(text: string, published: string | null = "2024-06-19", lang = "uk") {
  return findDates(text, { anchor: anchorDate(published), lang });
}
function one(text: string, published: string | null = "2024-06-19", lang = "uk") {
  const d = dates(text, published, lang);
  expect(d, JSON.stringify(d)).toHaveLength(1);
  return d[0];
}

describe("dates: absolute", () => {
  it("reads day-month-year in words (uk, ru, en) and numeric forms", () => {
    expect(one("Договір підписали 19 червня 2024 року в Пхеньяні.")).toMatchObject({ text: "19 червня 2024 року", value: "2024-06-19", relative: false });
    expect(one("Встреча состоялась 19 июня 2024 года.", null, "ru")).toMatchObject({ text: "19 июня 2024 года", value: "2024-06-19", relative: false });
    expect(one("The treaty was signed on June 19, 2024, in Pyongyang.", null, "en")).toMatchObject({ text: "June 19, 2024", value: "2024-06-19" });
    expect(one("Signed 19 June 2024.", null, "en")).toMatchObject({ value: "2024-06-19" });
    expect(one("Рішення від 19.06.2024 набуло чинності.", null)).toMatchObject({ text: "19.06.2024", value: "2024-06-19" });
    expect(one("Опубліковано 2024-06-19 о 10:00.", null)).toMatchObject({ text: "2024-06-19", value: "2024-06-19" });
  });
  it("reads years with 'році/року/году' and the ordinal '2019-му', leaving out the preposition (seed-style)", () => {
    expect(one("Балістичні ракети цієї серії Пхеньян вперше випробував у 2019-му році.")).toMatchObject({ text: "2019-му році", value: "2019", relative: false });
    expect(one("Закон ухвалили у 2019 році.")).toMatchObject({ text: "2019 році", value: "2019" });
    expect(one("Это случилось в 2014 году.", null, "ru")).toMatchObject({ text: "2014 году", value: "2014" });
    expect(one("Output has doubled since 1986.", null, "en")).toMatchObject({ text: "1986", value: "1986" });
  });
  it("reads month and year", () => {
    expect(one("У червні 2023 року ціни зросли.")).toMatchObject({ text: "червні 2023 року", value: "2023-06" });
    expect(one("Prices peaked in March 2022.", null, "en")).toMatchObject({ text: "March 2022", value: "2022-03" });
  });
  it("splits a month range with a year into two months of that year", () => {
    const d = dates("Конвой перевозив озброєння в липні-серпні 2014 року.");
    expect(d.map((x) => [x.text, x.value])).toEqual([
      ["липні", "2014-07"],
      ["серпні 2014 року", "2014-08"],
    ]);
  });
  it("splits a year range into two years", () => {
    const d = dates("Курортні сезони 2014–2015 років були невдалими.");
    expect(d.map((x) => x.value)).toEqual(["2014", "2015"]);
  });
  it("does not take 'May' the verb or 'march' the noun for months", () => {
    expect(dates("Officials may march to the parliament.", "1987-04-08", "en")).toEqual([]);
  });
  it("rejects impossible dates", () => {
    expect(dates("Рішення від 31.02.2023.", null)).toEqual([]);
  });
});

describe("dates: resolved against the publication date", () => {
  it("resolves 'сьогодні', 'вчора', 'позавчора', 'завтра' (uk/ru/en)", () => {
    expect(one("Підписана сьогодні угода передбачає допомогу.")).toMatchObject({ text: "сьогодні", value: "2024-06-19", relative: true });
    expect(one("Вчора ввечері над Києвом збили ракети.")).toMatchObject({ value: "2024-06-18", relative: true });
    expect(one("Позавчера прошли переговоры.", "2024-06-19", "ru")).toMatchObject({ value: "2024-06-17" });
    expect(one("The vote is scheduled for tomorrow.", "2024-06-19", "en")).toMatchObject({ value: "2024-06-20" });
  });
  it("resolves the day adjectives ('вчорашнього удару', 'сегодняшнее заседание', 'Yesterday's vote')", () => {
    expect(one("Наслідки вчорашнього удару по Харкову.")).toMatchObject({ text: "вчорашнього", value: "2024-06-18", relative: true });
    expect(one("Сегодняшнее заседание отменили.", "2024-06-19", "ru")).toMatchObject({ value: "2024-06-19" });
    expect(one("Yesterday's vote was close.", "2024-06-19", "en")).toMatchObject({ text: "Yesterday", value: "2024-06-18" });
  });
  it("resolves '2 січня цього року' to the published year (seed)", () => {
    expect(one("2 січня цього року Росія вдарила по Харкову.")).toMatchObject({ text: "2 січня цього року", value: "2024-01-02", relative: true });
  });
  it("resolves years: 'торік', 'минулого року', 'this year', 'в прошлом году'", () => {
    expect(one("Торік експорт зерна впав.")).toMatchObject({ value: "2023", relative: true });
    expect(one("Минулого року податки зросли.")).toMatchObject({ value: "2023" });
    expect(one("Growth will slow this year.", "2024-06-19", "en")).toMatchObject({ value: "2024" });
    expect(one("В прошлом году цены выросли.", "2024-06-19", "ru")).toMatchObject({ text: "прошлом году", value: "2023" });
  });
  it("resolves months: 'наступного місяця' across a year end, 'у червні' from published, 'у червні минулого року'", () => {
    expect(one("Закон набуде чинності наступного місяця.", "2024-12-15")).toMatchObject({ value: "2025-01" });
    expect(one("Минулого місяця ціни зросли.", "2024-01-10")).toMatchObject({ value: "2023-12" });
    expect(one("У червні уряд ухвалив рішення.")).toMatchObject({ text: "червні", value: "2024-06", relative: true });
    expect(one("У червні минулого року уряд ухвалив рішення.")).toMatchObject({ value: "2023-06", relative: true });
  });
  it("takes a month's year from an earlier year in the same sentence", () => {
    const d = dates("У 2019 році, а саме в червні, завод закрили.");
    expect(d.map((x) => [x.text, x.value, x.relative])).toEqual([
      ["2019 році", "2019", false],
      ["червні", "2019-06", false],
    ]);
  });
  it("does not end the sentence at an abbreviation point, and uses the sentences stage when given", () => {
    expect(dates("У 2019 р. у червні завод закрили.").map((x) => x.value)).toEqual(["2019", "2019-06"]);
    const text = "Завод збудували 2019 року. У червні його закрили.";
    const whole = [{ start: 0, end: text.length }]; // a (wrong) one-sentence split: the year then carries over
    expect(findDates(text, { anchor: anchorDate("2024-06-19"), lang: "uk", sentences: whole }).map((x) => x.value)).toEqual(["2019", "2019-06"]);
    expect(dates(text).map((x) => x.value)).toEqual(["2019", "2024-06"]);
  });
  it("puts a day without a year on or before publication, or after it in a future sentence", () => {
    expect(one("Зустріч відбулася 28 грудня.", "2025-01-05")).toMatchObject({ value: "2024-12-28", relative: true });
    expect(one("Зустріч відбудеться 3 січня.", "2024-12-28")).toMatchObject({ value: "2025-01-03" });
    expect(latestDayOnOrBefore({ y: 2025, m: 3, d: 1 }, 2, 29)).toBe(2024); // 29 February exists only in leap years
    expect(nextDayOnOrAfter({ y: 2025, m: 3, d: 1 }, 2, 29)).toBe(2028);
  });
  it("resolves weeks to their Monday, across New Year", () => {
    // 2025-01-02 is a Thursday; its week starts Monday 2024-12-30, so last week started 2024-12-23.
    expect(one("Минулого тижня уряд ухвалив бюджет.", "2025-01-02")).toMatchObject({ value: "2024-12-23", relative: true });
    expect(one("На следующей неделе пройдут выборы.", "2024-12-28", "ru")).toMatchObject({ value: "2024-12-30" });
    expect(one("Talks resumed this week.", "2024-06-19", "en")).toMatchObject({ value: "2024-06-17" });
  });
  it("resolves days across a leap day and a month end", () => {
    expect(one("Вчора відбулося засідання.", "2024-03-01")).toMatchObject({ value: "2024-02-29" });
    expect(one("Вчора відбулося засідання.", "2023-03-01")).toMatchObject({ value: "2023-02-28" });
    expect(one("Завтра відбудеться засідання.", "2024-12-31")).toMatchObject({ value: "2025-01-01" });
  });
  it("resolves weekdays to the latest one on or before publication, or the coming one in a future sentence", () => {
    // 2024-06-19 is a Wednesday.
    expect(one("У понеділок президент провів нараду.")).toMatchObject({ text: "понеділок", value: "2024-06-17", relative: true });
    expect(one("У п'ятницю відбудеться засідання Ради.")).toMatchObject({ value: "2024-06-21" });
    expect(one("На Хрещатику в суботу відкриється виставка.")).toMatchObject({ value: "2024-06-22" }); // perfective = future
    expect(one("У четвер відбувається засідання.")).toMatchObject({ value: "2024-06-13" }); // imperfective: not future
    expect(one("В пятницу Совет безопасности собрался.", "2024-06-19", "ru")).toMatchObject({ value: "2024-06-14" });
    expect(one("В пятницу министр заявил об отставке.", "2024-06-19", "ru")).toMatchObject({ value: "2024-06-14" });
    expect(one("The minister said on Tuesday that talks failed.", "2024-06-19", "en")).toMatchObject({ text: "Tuesday", value: "2024-06-18" });
    expect(one("Ministers meet again next Monday.", "2024-06-19", "en")).toMatchObject({ text: "next Monday", value: "2024-06-24" });
  });
  it("reads English day-month with 'this year', 'last June' and a weekday with 's", () => {
    expect(one("It was agreed on Jan. 2 this year.", "2024-06-19", "en")).toMatchObject({ text: "Jan. 2 this year", value: "2024-01-02" });
    expect(one("They left last June.", "2024-06-19", "en")).toMatchObject({ value: "2023-06" });
    expect(one("Stocks fell after Monday's crash.", "2024-06-19", "en")).toMatchObject({ text: "Monday", value: "2024-06-17" });
  });
  it("does not take 'Black Friday' or 'Cyber Monday' for weekdays", () => {
    expect(dates("Prices dropped to Black Friday levels before Cyber Monday.", "2019-06-15", "en")).toEqual([]);
  });
  it("counts 'the next year' from the year the story names, not from publication", () => {
    const d = dates("The militants seized them in August 2016. The next year, they released two videos.", "2019-06-15", "en");
    expect(d.map((x) => [x.text, x.value])).toEqual([
      ["August 2016", "2016-08"],
      ["next year", "2017"],
    ]);
    expect(one("The next year was worse.", "2019-06-15", "en")).toMatchObject({ value: null });
  });
  it("lists 'кілька днів тому' with value null: no number to count back", () => {
    expect(one("Сторони домовилися кілька днів тому.")).toMatchObject({ value: null, relative: true });
  });
  it("takes a weekday with its date as one mention valued by the date", () => {
    expect(one("У вівторок, 4 серпня, надійшов виклик.", "2020-08-06")).toMatchObject({ text: "вівторок, 4 серпня", value: "2020-08-04" });
    expect(one("Markets fell on Monday, October 19, 1987.", null, "en")).toMatchObject({ text: "Monday, October 19, 1987", value: "1987-10-19", relative: false });
  });
  it("resolves 'N днів тому' and 'years ago'", () => {
    expect(one("Три дні тому на фронті загинули бійці.")).toMatchObject({ text: "Три дні тому", value: "2024-06-16" });
    expect(one("Two years ago the plant closed.", "2024-06-19", "en")).toMatchObject({ value: "2022" });
  });
  it("anchors on the date part of a date-time as written", () => {
    expect(one("Вчора опівночі стався вибух.", "2024-06-19T00:30:00+03:00")).toMatchObject({ value: "2024-06-18" });
  });
});

describe("dates: without a publication date", () => {
  it("lists relative dates with value null, never guessed", () => {
    const d = dates("Вчора уряд ухвалив рішення, а минулого тижня — бюджет. У червні 2 січня цього року.", null);
    expect(d.length).toBeGreaterThanOrEqual(3);
    for (const x of d) {
      expect(x.relative).toBe(true);
      expect(x.value).toBeNull();
    }
  });
  it("still resolves absolute dates", () => {
    expect(one("Указ підписали 24 серпня 1991 року.", null)).toMatchObject({ value: "1991-08-24", relative: false });
  });
});

describe("dates: a month or day without a year follows the tense", () => {
  // A story published on Thursday 2019-11-14.
  const P = "2019-11-14";
  const vals = (text: string, lang: string) => dates(text, P, lang).map((x) => [x.text, x.value]);

  it("puts past months and days before publication, not in the next year (en)", () => {
    expect(one("Carlineo was arrested in April after the threats.", P, "en")).toMatchObject({ text: "April", value: "2019-04", relative: true });
    expect(one("He threatened to kill her in a call on March 21.", P, "en")).toMatchObject({ text: "March 21", value: "2019-03-21" });
    expect(one("The physical exam -- conducted in February -- found no problems.", P, "en")).toMatchObject({ value: "2019-02" });
    expect(one("The budget approved by Republicans in April cut road funds.", P, "en")).toMatchObject({ value: "2019-04" });
  });
  it("looks forward when the clause speaks of the future (en)", () => {
    expect(one("The trial is scheduled for Feb. 14 in Buffalo.", P, "en")).toMatchObject({ value: "2020-02-14" });
    expect(one("The commission will report in January.", P, "en")).toMatchObject({ value: "2020-01" });
    expect(one("The vote is planned for early March.", P, "en")).toMatchObject({ value: "2020-03" });
    expect(one("The sanctions take effect in mid-April.", "1987-03-31", "en")).toMatchObject({ value: "1987-04" });
    expect(one("Закон набуде чинності у січні.", P)).toMatchObject({ value: "2020-01" });
    expect(vals("He was arrested in April and will be sentenced in December.", "en")).toEqual([
      ["April", "2019-04"],
      ["December", "2019-12"],
    ]);
  });
  it("keeps the publication year for the publication month", () => {
    expect(one("Voting ends on November 20.", P, "en")).toMatchObject({ value: "2019-11-20" });
    expect(one("У листопаді ціни зросли.", P)).toMatchObject({ value: "2019-11" });
  });
  it("resolves uk months and days by tense", () => {
    expect(one("У квітні поліція затримала підозрюваного.", P)).toMatchObject({ text: "квітні", value: "2019-04" });
    expect(one("Угоду підписали 3 квітня в Києві.", P)).toMatchObject({ text: "3 квітня", value: "2019-04-03" });
    expect(one("Вибори відбудуться у березні.", P)).toMatchObject({ value: "2020-03" });
    expect(one("Суд планують провести у лютому.", P)).toMatchObject({ value: "2020-02" });
    expect(one("У березні, як очікується, відбудеться з'їзд партії.", P)).toMatchObject({ value: "2020-03" });
    expect(vals("У квітні його затримали, а в грудні буде оголошено вирок.", "uk")).toEqual([
      ["квітні", "2019-04"],
      ["грудні", "2019-12"],
    ]);
  });
  it("resolves ru months by tense", () => {
    expect(one("В апреле его задержали в Киеве.", P, "ru")).toMatchObject({ text: "апреле", value: "2019-04" });
    expect(one("Выборы состоятся в марте.", P, "ru")).toMatchObject({ value: "2020-03" });
    expect(one("Переговоры будут проведены в феврале.", P, "ru")).toMatchObject({ value: "2020-02" });
    expect(one("Соглашение подписали 5 мая.", P, "ru")).toMatchObject({ value: "2019-05-05" });
  });
  it("keeps the coming month across New Year in a future clause", () => {
    expect(one("Нові тарифи діятимуть з січня.", "2019-12-20")).toMatchObject({ value: "2020-01" });
    expect(one("The law took effect in January after it was signed.", "2019-12-20", "en")).toMatchObject({ value: "2019-01" });
  });
  it("reads 'last night', 'минулої ночі', 'прошлой ночью' as the day before publication", () => {
    expect(one("Russian drones struck Odesa last night.", P, "en")).toMatchObject({ text: "last night", value: "2019-11-13", relative: true });
    expect(one("Минулої ночі окупанти обстріляли Херсон.", P)).toMatchObject({ value: "2019-11-13" });
    expect(one("Прошлой ночью в городе прогремели взрывы.", P, "ru")).toMatchObject({ value: "2019-11-13" });
  });
  it("does not guess a season", () => {
    expect(dates("Talks stalled last spring.", P, "en").filter((x) => x.value !== null)).toEqual([]);
  });
});
