import { readFileSync } from "node:fs";
import { join } from "node:path";
import { decodeHTML } from "entities";
import { describe, expect, it } from "vitest";
import { extractHtml } from "../../src/extract/html/index.js";
import { cleanExtracted } from "../../src/extract/text/index.js";
import { toSource } from "../../src/text/offsets.js";
import type { Extracted } from "../../src/pipeline/types.js";
import { ROOT } from "../helpers/shared.js";

const fixture = (name: string) => readFileSync(join(ROOT, "test", "extract-html", "fixtures", name), "utf8");
const blockTexts = (ex: Extracted) => ex.blocks.map((b) => ex.text.slice(b.start, b.end));
const removedOf = (ex: Extracted, kind: string) => ex.removed.filter((r) => r.kind === kind).map((r) => r.text);

/** Every block maps back onto the HTML it came from: decoding the mapped source range gives the block text. */
function expectOffsetsExact(html: string, ex: Extracted): void {
  for (const b of ex.blocks) {
    const text = ex.text.slice(b.start, b.end);
    const s = toSource(ex.map, b.start);
    const e = toSource(ex.map, b.end, true);
    // Table cells are joined by a tab the source does not have, so compare without whitespace.
    const source = decodeHTML(html.slice(s, e).replace(/<[^>]*>/g, "")).replace(/[\s\u00a0]+/g, "");
    expect(source).toBe(text.replace(/\s+/g, ""));
    // Character by character: a visible character maps to itself or to the character reference it came from.
    for (let i = b.start; i < b.end; i++) {
      const ch = ex.text[i];
      if (/\s/.test(ch)) continue;
      const src = html[toSource(ex.map, i)];
      expect(src === ch || src === "&", `char ${i} '${ch}' maps to '${src}'`).toBe(true);
    }
  }
}

describe("Ukrainian news page", () => {
  const html = fixture("uk-news.html");
  const ex = extractHtml(html, { url: "https://visnyk.example/news/2024/06/19/energy-program" });

  it("keeps the article as title, paragraphs, heading, list, quote and table rows", () => {
    expect(ex.blocks.map((b) => b.kind)).toEqual([
      "title",
      "paragraph",
      "paragraph",
      "heading",
      "list-item",
      "list-item",
      "list-item",
      "blockquote",
      "paragraph",
      "table",
      "table",
      "table",
    ]);
    const t = blockTexts(ex);
    expect(t[0]).toBe("Уряд схвалив програму відновлення енергетики");
    expect(t[1]).toBe(
      "Кабінет міністрів ухвалив програму відновлення енергосистеми на 2024–2026 роки. Про це повідомив прем'єр-міністр на засіданні уряду в середу.",
    );
    expect(ex.blocks[3].level).toBe(2);
    expect(t[9]).toBe("Рік\tПотужність, ГВт");
    expect(ex.text).not.toMatch(/cookie|Facebook|Коментарі|Інші новини|Читайте також|Фото: Укрінформ/);
  });

  it("reports what it cut, by kind", () => {
    expect(removedOf(ex, "nav").join(" ")).toContain("Політика");
    expect(removedOf(ex, "banner").join(" ")).toContain("файли cookie");
    expect(removedOf(ex, "share").join(" ")).toContain("Telegram");
    expect(removedOf(ex, "caption").join(" ")).toContain("Теплова електростанція");
    expect(removedOf(ex, "byline").join(" ")).toContain("Олена Коваль");
    expect(removedOf(ex, "related").join(" ")).toContain("НБУ зберіг облікову ставку");
    expect(removedOf(ex, "related").join(" ")).toContain("Читайте також");
    expect(removedOf(ex, "comments").join(" ")).toContain("Нарешті хоч якісь рішення");
    // Removed pieces point at their place in the HTML.
    for (const r of ex.removed) {
      const first = r.text.split("\n")[0].slice(0, 12);
      expect(decodeHTML(html.slice(r.inputStart, r.inputEnd).replace(/<[^>]*>/g, ""))).toContain(first);
    }
  });

  it("reads metadata from JSON-LD and meta tags", () => {
    expect(ex.meta.title).toBe("Уряд схвалив програму відновлення енергетики");
    expect(ex.meta.published).toBe("2024-06-19T14:35:00+03:00");
    expect(ex.meta.modified).toBe("2024-06-19T16:02:00+03:00");
    expect(ex.meta.authors).toEqual(["Олена Коваль"]);
    expect(ex.meta.publisher).toBe("Вісник Подолу");
    expect(ex.meta.lang).toBe("uk");
    expect(ex.meta.url).toBe("https://visnyk.example/news/2024/06/19/energy-program");
    expect(ex.meta.extra?.image).toBe("https://visnyk.example/img/energy.jpg");
    expect(ex.meta.extra?.canonical).toBe("https://visnyk.example/news/2024/06/19/energy-program");
    expect(ex.meta.extra?.description).toContain("Кабмін ухвалив");
  });

  it("maps every block back to the right place of the HTML", () => {
    expectOffsetsExact(html, ex);
  });
});

describe("English news page without JSON-LD", () => {
  const html = fixture("en-news.html");
  const ex = extractHtml(html);

  it("keeps the three paragraphs and drops byline, dateline, ad, share bar, sidebar and newsletter box", () => {
    const t = blockTexts(ex);
    expect(t[0]).toBe("Port strike ends after deal on wages");
    expect(t.slice(1).map((x) => x.slice(0, 20))).toEqual(["Dock workers at the ", '"This deal recognise', "The port authority s"]);
    expect(removedOf(ex, "byline")).toContain("By Sam Porter");
    expect(removedOf(ex, "ad")).toContain("Advertisement");
    expect(removedOf(ex, "share").join(" ")).toContain("Share this article");
    expect(removedOf(ex, "banner").join(" ")).toContain("newsletter");
    expect(ex.text).not.toContain("Most read");
    expect(ex.text).not.toContain("November 2, 2023");
  });

  it("takes the title without the site name, the date and the author from meta tags", () => {
    expect(ex.meta.title).toBe("Port strike ends after deal on wages");
    expect(ex.meta.published).toBe("2023-11-02T09:15:00Z");
    expect(ex.meta.authors).toEqual(["Sam Porter"]);
    expect(ex.meta.publisher).toBe("The Harbour Gazette");
    expect(ex.meta.lang).toBe("en");
  });

  it("maps blocks back to the HTML", () => {
    expectOffsetsExact(html, ex);
  });
});

describe("Russian page laid out in tables with <br> paragraphs and no metadata", () => {
  const html = fixture("ru-news.html");
  const ex = extractHtml(html, { url: "http://primorye.example/news/2012/03/05/road" });

  it("splits <br><br> text into paragraphs and leaves the menu cell out", () => {
    const t = blockTexts(ex);
    expect(t[0]).toBe("В Приморье открыли новую трассу");
    expect(t.length).toBe(4);
    expect(t[3]).toBe("По его словам, в ближайшие годы вдоль трассы построят ещё две развязки.");
    expect(ex.text).not.toContain("Главная");
    expect(removedOf(ex, "caption").join(" ")).toContain("пресс-служба");
  });

  it("reads the visible date line and the headline", () => {
    expect(ex.meta.published).toBe("2012-03-05T10:40");
    expect(ex.meta.title).toBe("В Приморье открыли новую трассу");
    expect(ex.meta.url).toBe("http://primorye.example/news/2012/03/05/road");
  });

  it("maps blocks back to the HTML", () => {
    expectOffsetsExact(html, ex);
  });
});

describe("JSON-LD articleBody fallback", () => {
  it("takes the body from JSON-LD when the visible page holds only a teaser, still mapped into the page", () => {
    const body =
      "First paragraph of the full story, which the page renders with JavaScript only. It says \\\"quite a lot\\\" here.\\n\\n" +
      "Second paragraph with more detail about the events of the day, the people involved and what happens next in the city council.\\n" +
      "Third paragraph: the council will vote on the proposal next week, and the mayor said she expects it to pass with a clear majority of votes. " +
      "Opposition members said they would table amendments on school funding and on the cost of the new tram line before the vote.";
    const html = `<html><head><script type="application/ld+json">{"@type":"NewsArticle","headline":"Council to vote on budget","articleBody":"${body}"}</script></head>
<body><h1>Council to vote on budget</h1><p>First paragraph of the full story, which the page renders with JavaScript only.</p><div class="paywall-prompt">Subscribe to read more</div></body></html>`;
    const ex = extractHtml(html);
    const t = blockTexts(ex);
    expect(t[0]).toBe("Council to vote on budget");
    expect(t[1]).toBe('First paragraph of the full story, which the page renders with JavaScript only. It says "quite a lot" here.');
    expect(t.length).toBe(4);
    expect(ex.warnings.join(" ")).toMatch(/JSON-LD/);
    // The quote characters map to their escapes in the JSON.
    const q = ex.text.indexOf('"quite');
    expect(html.slice(toSource(ex.map, q), toSource(ex.map, q) + 2)).toBe('\\"');
  });
});

describe("page furniture around a Russian article", () => {
  const html = `<!doctype html><html><head><title>Мэрия отремонтирует мост — Новости</title></head><body>
<nav><a href="/">Главная</a> <a href="/news">Новости</a></nav>
<div class="post">
  <h1>Мэрия отремонтирует мост</h1>
  <div class="post-text">
    <div class="more-to-read"><div class="block-name">Новости по теме:</div>
      <ul><li><a href="/a">Городской совет утвердил бюджет на следующий год</a></li>
      <li><a href="/b">На левом берегу откроют новую школу</a></li></ul></div>
  </div>
  <div class="typography"><h2 class="article-title"><p><a href="/mayor">Мэр города Иван Петренко</a> сообщил, что ремонт моста через Днепр начнется в марте и продлится до конца лета.</p></h2></div>
  <div class="post-body">
    <p>Движение по мосту на время работ ограничат: одна полоса в каждую сторону останется открытой для автобусов и машин скорой помощи.</p>
    <p>Стоимость работ составит 420 миллионов гривен, из которых половину выделит государственный бюджет, сказал мэр журналистам.</p>
    <p>Если вы заметили ошибку, выделите текст и нажмите Ctrl+Enter,</p>
    <p>чтобы сообщить об этом редакции</p>
    <p>Оцените, пожалуйста, статью. Нам важно ваше мнение.</p>
    <p>Просмотров: 61</p>
    <h4>Поделиться:</h4>
  </div>
</div></body></html>`;
  const ex = extractHtml(html);

  it("keeps a lead written as a sentence inside an <h2> outside the body wrapper, as the lead", () => {
    const lead = "Мэр города Иван Петренко сообщил, что ремонт моста через Днепр начнется в марте и продлится до конца лета.";
    expect(blockTexts(ex)[1]).toBe(lead);
    expect(ex.blocks[1].kind).toBe("lead");
    expect(ex.blocks[1].level).toBeUndefined();
    expect(ex.blocks[0]).toMatchObject({ kind: "title", level: 1 });
    expect(ex.text).not.toContain("Городской совет утвердил");
    expect(ex.removed.some((r) => r.text.includes("Мэр города"))).toBe(false);
    expectOffsetsExact(html, ex);
  });

  it("reports the error-report prompt (both of its lines), the rating widget, the counter and the share label", () => {
    expect(blockTexts(ex).slice(2)).toEqual([
      "Движение по мосту на время работ ограничат: одна полоса в каждую сторону останется открытой для автобусов и машин скорой помощи.",
      "Стоимость работ составит 420 миллионов гривен, из которых половину выделит государственный бюджет, сказал мэр журналистам.",
    ]);
    const rules = ex.removed.map((r) => [r.kind, r.rule, r.text]);
    expect(rules).toContainEqual(["other", "error-report-prompt", "Если вы заметили ошибку, выделите текст и нажмите Ctrl+Enter,\nчтобы сообщить об этом редакции"]);
    expect(rules).toContainEqual(["other", "rating-widget", "Оцените, пожалуйста, статью. Нам важно ваше мнение."]);
    expect(rules).toContainEqual(["meta", "view-counter", "Просмотров: 61"]);
    expect(removedOf(ex, "share")).toContain("Поделиться:");
  });

  it("does not take a heading that repeats the body's first paragraph", () => {
    const twice = html.replace(
      "<p>Движение по мосту",
      "<p>Мэр города Иван Петренко сообщил, что ремонт моста через Днепр начнется в марте и продлится до конца лета.</p><p>Движение по мосту",
    );
    const t = extractHtml(twice);
    expect(t.text.split("ремонт моста через Днепр начнется").length - 1).toBe(1);
  });
});

describe("inline comment counters", () => {
  it("cuts a per-paragraph comment count out of the paragraph and reports it", () => {
    const html = `<html><body><article><h1>Суд продлил арест бывшему мэру</h1>
<p><a class="comments_count" href="#c1">0</a>Суд продлил арест бывшему мэру города еще на два месяца, сообщили в пресс-службе суда.</p>
<p><a class="comments_count" href="#c2">12</a>Защита намерена обжаловать это решение в апелляционном суде на следующей неделе.</p>
<p>Сам бывший мэр вину не признает и называет дело политическим, рассказал его адвокат журналистам.</p>
</article></body></html>`;
    const ex = extractHtml(html);
    expect(blockTexts(ex).slice(1, 3)).toEqual([
      "Суд продлил арест бывшему мэру города еще на два месяца, сообщили в пресс-службе суда.",
      "Защита намерена обжаловать это решение в апелляционном суде на следующей неделе.",
    ]);
    expect(removedOf(ex, "comments")).toEqual(["0", "12"]);
    expectOffsetsExact(html, ex);
  });

  it("keeps a number in a paragraph's own link", () => {
    const html = `<html><body><article><h1>Бюджет</h1><p>Депутаты выделили <a href="/b" class="budget">300</a> миллионов гривен на ремонт школ и больниц в этом году.</p></article></body></html>`;
    expect(extractHtml(html).text).toContain("Депутаты выделили 300 миллионов гривен");
  });
});

describe("page furniture through the HTML extractor and the cleaner (what analyze sees)", () => {
  const run = (html: string) => cleanExtracted(extractHtml(html), { fromHtml: true });

  it("Ukrainian: the error-report prompt, the rating widget and the photo credit are removed with their kind", () => {
    const html = `<html><body><article><h1>Київ отримає нові трамваї</h1>
<p>Київрада погодила закупівлю сорока нових трамваїв для лівого берега, повідомили в міській адміністрації.</p>
<p>Фото: Reuters</p>
<p>Перші вагони мають вийти на маршрути вже восени, сказав директор «Київпастрансу» журналістам у вівторок.</p>
<p>Фото з відкритих джерел</p>
<div class="vote"><p>Оцініть статтю</p><p>Рейтинг: 4.5 (12 голосів)</p></div>
<p>Помилка? Виділіть її та натисніть Ctrl+Enter</p>
</article></body></html>`;
    const ex = run(html);
    expect(blockTexts(ex).slice(1)).toEqual([
      "Київрада погодила закупівлю сорока нових трамваїв для лівого берега, повідомили в міській адміністрації.",
      "Перші вагони мають вийти на маршрути вже восени, сказав директор «Київпастрансу» журналістам у вівторок.",
    ]);
    const kinds = ex.removed.map((r) => [r.kind, r.text]);
    expect(kinds).toContainEqual(["caption", "Фото: Reuters"]);
    expect(kinds).toContainEqual(["caption", "Фото з відкритих джерел"]);
    expect(kinds).toContainEqual(["other", "Помилка? Виділіть її та натисніть Ctrl+Enter"]);
    expect(ex.removed.some((r) => r.text.includes("Оцініть статтю"))).toBe(true);
    expect(ex.removed.some((r) => r.text.includes("Рейтинг: 4.5 (12 голосів)"))).toBe(true);
    for (const r of ex.removed) expect(html.slice(r.inputStart, r.inputEnd).replace(/<[^>]*>/g, " ")).toContain(r.text.split("\n")[0]);
  });

  it("English: a labelled credit, a credit glued to a caption and a typo prompt are removed", () => {
    const html = `<html><body><article><h1>Council approves the budget</h1>
<p>The city council approved next year's budget on Tuesday after a four-hour debate, officials said.</p>
<p>Photo: AP/John Smith</p>
<p>Council members at the start of the vote.Kathrin Ziegler/Getty</p>
<p>The mayor said the vote was a relief and promised to publish the spending plan within a week.</p>
<p>Spotted a typo? Highlight it and press Ctrl+Enter.</p>
</article></body></html>`;
    const ex = run(html);
    expect(ex.text).not.toMatch(/Getty|Smith|typo/);
    expect(ex.text).toContain("promised to publish the spending plan within a week.");
    expect(ex.removed.filter((r) => r.kind === "caption").length).toBe(2);
  });
});

describe("the title of a link box inside the article", () => {
  it("goes with the box's links; a subheading with text under it stays", () => {
    const html = `<html><body><article><h1>Прокуратура відкрила справу про отруєння</h1>
<p>Прокуратура Читинського району відкрила кримінальну справу після масового отруєння у дитячому садку, повідомили в обласному управлінні.</p>
<div class="informer"><h6>Новини партнерів</h6><ul><li><a href="/a">Грузія визнала свою помилку</a></li><li><a href="/b">Несподіване рішення суду в Одесі</a></li><li><a href="/c">Ціни на пальне знову зросли</a></li></ul></div>
<p>Слідчі відібрали проби їжі та води, результати аналізів будуть готові вже наступного тижня, зазначили в управлінні.</p>
<h2>Що кажуть лікарі</h2>
<p>Лікарі кажуть, що стан усіх дітей задовільний і жодна дитина не потребує реанімації, їх випишуть наприкінці тижня.</p>
</article></body></html>`;
    const ex = extractHtml(html);
    expect(ex.text).not.toContain("Новини партнерів");
    expect(ex.text).toContain("Що кажуть лікарі");
    expect(ex.removed.find((r) => r.text.includes("Новини партнерів"))?.rule).toBe("box-title");
  });
});

describe("teaser cards inside the container", () => {
  const card = (i: number) =>
    `<div class="news-card"><h3 class="title"><a href="/n${i}">Інша новина номер ${i} про події в місті</a></h3><div class="date">12:0${i}</div><div class="announce">Короткий опис іншої новини номер ${i}, щоб читач перейшов за посиланням.</div></div>`;
  it("removes a card's blurb when the card's linked title was removed, and keeps the article's paragraphs", () => {
    const html = `<html><body><article><h1>Місто відремонтує набережну</h1>
<p>Міська рада виділила гроші на ремонт набережної, роботи почнуться навесні і триватимуть до осені, сказав мер.</p>
<p>Підрядника оберуть на відкритих торгах, а проєкт покажуть мешканцям на громадських слуханнях у березні.</p>
<div class="cards">${card(1)}${card(2)}${card(3)}</div>
</article></body></html>`;
    const ex = extractHtml(html);
    expect(ex.text).not.toContain("Короткий опис");
    expect(ex.removed.filter((r) => r.rule === "teaser-card").length).toBe(3);
    expect(blockTexts(ex).length).toBe(3);
  });

  it("keeps a paragraph next to a linked heading when the wrapper is not one of a list of cards", () => {
    const html = `<html><body><article><h1>Місто відремонтує набережну</h1>
<p>Міська рада виділила гроші на ремонт набережної, роботи почнуться навесні і триватимуть до осені, сказав мер.</p>
<div class="box"><h3><a href="/plan">План ремонту набережної на 2025 рік</a></h3><p>Підрядника оберуть на відкритих торгах, а проєкт покажуть мешканцям на слуханнях.</p></div>
</article></body></html>`;
    expect(extractHtml(html).text).toContain("Підрядника оберуть на відкритих торгах");
  });
});
