import { describe, expect, it } from "vitest";
import { isDateLine, normalizeDate, parseVisibleDate } from "../../src/extract/html/dates.js";
import { dateFromUrl, splitAuthors, stripSiteName } from "../../src/extract/html/meta.js";
import { extractHtml } from "../../src/extract/html/index.js";

describe("dates as pages write them", () => {
  it("reads visible uk/ru/en/de date lines", () => {
    expect(parseVisibleDate("19 червня 2024, 14:35")?.value).toBe("2024-06-19T14:35");
    expect(parseVisibleDate("Опубліковано 3 лютого 2023 року о 9:05")?.value).toBe("2023-02-03T09:05");
    expect(parseVisibleDate("12 января 2012 г., 10:15")?.value).toBe("2012-01-12T10:15");
    expect(parseVisibleDate("June 19, 2024 2:35 PM")?.value).toBe("2024-06-19T14:35");
    expect(parseVisibleDate("19. Juni 2024")?.value).toBe("2024-06-19");
    expect(parseVisibleDate("05.03.2012 10:40")?.value).toBe("2012-03-05T10:40");
    expect(parseVisibleDate("no date here, just 12 apples")).toBeNull();
  });

  it("normalises machine dates and keeps their time zone", () => {
    expect(normalizeDate("2024-06-19T14:35:00+03:00")).toBe("2024-06-19T14:35:00+03:00");
    expect(normalizeDate("2024-06-19 14:35:00")).toBe("2024-06-19T14:35:00");
    expect(normalizeDate("Wed, 19 Jun 2024 14:35:00 +0300")).toBe("2024-06-19T14:35:00+03:00");
    expect(normalizeDate("2024-06-19T11:35:00.000Z")).toBe("2024-06-19T11:35:00Z");
    expect(normalizeDate("not a date")).toBeNull();
  });

  it("tells a date line from a sentence that mentions a date", () => {
    expect(isDateLine("Updated: June 19, 2024")).toBe(true);
    expect(isDateLine("Сьогодні, 14:35")).toBe(true);
    expect(isDateLine("The council met on June 19, 2024 to vote on the new budget for schools.")).toBe(false);
  });

  it("finds dates in URLs", () => {
    expect(dateFromUrl("https://x.example/news/2024/06/19/story")).toBe("2024-06-19");
    expect(dateFromUrl("https://x.example/news/20240619-story")).toBe("2024-06-19");
    expect(dateFromUrl("https://x.example/news/story-123456")).toBeNull();
  });
});

describe("titles", () => {
  it("strips the site name from <title>", () => {
    expect(stripSiteName("Уряд схвалив програму | Вісник Подолу", ["Вісник Подолу"])).toBe("Уряд схвалив програму");
    expect(stripSiteName("Lenta :: В Москве открыли станцию метро", [])).toBe("В Москве открыли станцию метро");
    expect(stripSiteName("Port strike ends after deal on wages - Gazette", [])).toBe("Port strike ends after deal on wages");
  });

  it("prefers the visible headline when it matches the metadata title", () => {
    const html = `<html><head><title>Short SEO title | Site</title><meta property="og:title" content="Short SEO title about the flood"></head>
      <body><h1>Short SEO title about the flood in the river valley</h1><p>The river rose by two metres overnight, flooding the lower town and cutting the main road to the south.</p></body></html>`;
    expect(extractHtml(html).meta.title).toBe("Short SEO title about the flood in the river valley");
  });

  it("uses a <time datetime> and a byline when there is no other metadata", () => {
    const html = `<html lang="ru"><body><article><h1>Заголовок новости</h1><div class="author">Автор: Иван Петров</div>
      <time datetime="2012-01-17T10:00:00+04:00">17 января</time>
      <p>Текст новости, который достаточно длинный, чтобы считаться основным содержанием статьи на этой странице.</p></article></body></html>`;
    const ex = extractHtml(html);
    expect(ex.meta.published).toBe("2012-01-17T10:00:00+04:00");
    expect(ex.meta.authors).toEqual(["Иван Петров"]);
    expect(ex.meta.lang).toBe("ru");
  });
});

describe("author lists", () => {
  it("splits on commas and on 'and' in uk/ru/en/de, never inside a name", () => {
    expect(splitAuthors("Іван Петренко і Марія Коваль")).toEqual(["Іван Петренко", "Марія Коваль"]);
    expect(splitAuthors("Олена Шевчук та Тарас Бойко")).toEqual(["Олена Шевчук", "Тарас Бойко"]);
    expect(splitAuthors("Анна Лытко и Павел Козаченко")).toEqual(["Анна Лытко", "Павел Козаченко"]);
    expect(splitAuthors("By Jane Doe, John Roe and Ann Poe")).toEqual(["Jane Doe", "John Roe", "Ann Poe"]);
    expect(splitAuthors("Світлана Андрієнко")).toEqual(["Світлана Андрієнко"]);
  });
});
