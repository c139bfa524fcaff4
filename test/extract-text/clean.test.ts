import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Removed } from "../../src/article.js";
import { cleanExtracted, extractPlainText } from "../../src/extract/text/index.js";
import type { Extracted } from "../../src/pipeline/types.js";
import { normalizeString } from "../../src/text/normalize.js";
import { TextBuilder, toSource } from "../../src/text/offsets.js";
import { HAS_SHARED, ROOT, sharedPath } from "../helpers/shared.js";

const fixture = (name: string) => readFileSync(join(ROOT, "test/fixtures/text-core", name), "utf8");
const flat = (s: string) => normalizeString(s).replace(/\s+/g, " ").trim();

/** The offset invariants every extraction must keep. */
function checkOffsets(input: string, ex: Extracted) {
  for (const r of ex.removed) expect(flat(input.slice(r.inputStart, r.inputEnd))).toBe(flat(r.text));
  for (const b of ex.blocks) {
    const s = toSource(ex.map, b.start);
    const e = toSource(ex.map, b.end, true);
    expect(flat(input.slice(s, e))).toBe(flat(ex.text.slice(b.start, b.end)));
  }
}

const texts = (rs: Removed[], kind?: string) => rs.filter((r) => !kind || r.kind === kind).map((r) => r.text);

describe.skipIf(!HAS_SHARED)("the seed article (needs ../shared)", () => {
  const input = HAS_SHARED ? readFileSync(sharedPath("seed/article.txt"), "utf8") : "";
  const expected = HAS_SHARED ? JSON.parse(readFileSync(sharedPath("seed/expected.json"), "utf8")) : null;

  it("removes exactly the noise expected.json lists, none of it left in the text", () => {
    const ex = extractPlainText(input);
    for (const n of expected.noise as Array<{ kind: string; text: string; count: number }>) {
      expect(ex.removed.filter((r) => r.kind === n.kind && r.text === n.text).length).toBe(n.count);
      expect(ex.text).not.toContain(n.text);
    }
    expect(ex.removed.length).toBe(expected.noise.reduce((s: number, n: { count: number }) => s + n.count, 0));
  });

  it("keeps the lead and all three headings", () => {
    const ex = extractPlainText(input);
    expect(ex.text.startsWith(expected.lead)).toBe(true);
    for (const h of expected.headings) {
      expect(ex.text).toContain(h);
      expect(texts(ex.removed)).not.toContain(h);
    }
  });

  it("maps removed pieces and blocks back to the input", () => {
    checkOffsets(input, extractPlainText(input));
  });
});

describe("teasers, ads, share prompts and captions in plain text", () => {
  const input = fixture("uk-teasers.txt");
  const ex = extractPlainText(input);

  it("cuts each kind of boilerplate, with its kind", () => {
    expect(texts(ex.removed, "ad")).toEqual(["Реклама"]);
    expect(texts(ex.removed, "caption")).toEqual(["Фото: Львівська міська рада", "Фото ілюстративне"]);
    expect(texts(ex.removed, "share")).toEqual(["Поділитися", "Підписуйтесь на наш Telegram-канал, щоб першими дізнаватися новини"]);
    expect(texts(ex.removed, "related")).toEqual([
      "Читайте також: У Тернополі відкрили новий пологовий будинок",
      "ЧИТАЙТЕ ТАКОЖ:",
      "Харківське метро змінить графік роботи на вихідних",
      "Синоптики попередили про сильну спеку на заході України",
    ]);
  });

  it("keeps the story: its heading and its last paragraph after a teaser list", () => {
    expect(ex.text).toContain("Що зміниться для учнів – подробиці");
    expect(ex.text).toContain("Депутати також доручили виконавчому комітету");
    expect(ex.text).toContain("«Ми почнемо з укриттів і харчоблоків.");
    checkOffsets(input, ex);
  });

  it("takes a teaser card's blurb only when it is not continuous with the story", () => {
    const story = [
      "Уряд схвалив нові правила експорту зерна через порти Одеси.",
      "Читайте також",
      "Синоптики прогнозують заморозки в Карпатах",
      "У горах температура вночі опуститься до мінус п'яти градусів.",
      "Нові правила експорту зерна набудуть чинності з першого числа.",
    ].join("\n\n");
    const a = extractPlainText(story);
    expect(texts(a.removed)).toEqual(story.split("\n\n").slice(1, 4));
    // the same shape, but the "blurb" shares words with the story: it is the story
    const tied = story.replace("У горах температура вночі опуститься до мінус п'яти градусів.", "Експорт зерна через порти зросте вдвічі.");
    expect(texts(extractPlainText(tied).removed)).toEqual(["Читайте також", "Синоптики прогнозують заморозки в Карпатах"]);
    // or opens with a pronoun
    const pronoun = story.replace("У горах температура", "Вони кажуть, що температура");
    expect(texts(extractPlainText(pronoun).removed).length).toBe(2);
  });

  it("never takes a story's section heading for a teaser headline", () => {
    const s = [
      "Росія і КНДР уклали договір про партнерство, повідомляють агентства.",
      "Read also",
      "КНДР передає зброю РФ – що варто знати",
      "Пхеньян передав Москві мільйони снарядів, кажуть у Сеулі.",
    ].join("\n\n");
    const a = extractPlainText(s);
    expect(texts(a.removed)).toEqual(["Read also"]);
  });

  it("recognises labels in ru and en, inline and on their own line", () => {
    const s = [
      "Первый абзац новости о заседании правительства.",
      "Читайте также: В Москве открыли новую станцию метро",
      "Смотрите также",
      "Advertisement",
      "Read more: Markets fall after the rate decision",
      "Share this article",
      "Photo: Reuters / Getty Images",
      "Второй абзац новости о заседании правительства.",
    ].join("\n\n");
    const a = extractPlainText(s);
    expect(a.text).toBe("Первый абзац новости о заседании правительства.\n\nВторой абзац новости о заседании правительства.");
    expect(a.removed.map((r) => r.kind)).toEqual(["related", "related", "ad", "related", "share", "caption"]);
  });

  it("cuts a teaser glued to the end of a paragraph and keeps the paragraph", () => {
    const s = "Уряд схвалив нові правила експорту зерна. Читайте також: Синоптики прогнозують заморозки\n\nДругий абзац.";
    const a = extractPlainText(s);
    expect(a.text).toBe("Уряд схвалив нові правила експорту зерна.\n\nДругий абзац.");
    expect(a.removed).toMatchObject([{ kind: "related", text: "Читайте також: Синоптики прогнозують заморозки" }]);
    checkOffsets(s, a);
    // "Читайте також, що…" inside a sentence is not a teaser
    const t = "Уряд схвалив нові правила. Читайте також, що кажуть аграрії, у нашому огляді.";
    expect(extractPlainText(t).removed).toEqual([]);
  });

  it("a comment-section label is 'comments'; a story heading before an inline teaser stays", () => {
    const s = ["Перший абзац новини про засідання уряду.", "Що відомо зараз", "Читайте також: Синоптики прогнозують заморозки", "Другий абзац новини про засідання уряду.", "Коментарі (3)"].join("\n");
    const a = extractPlainText(s);
    expect(a.text).toContain("Що відомо зараз");
    expect(a.removed.map((r) => [r.kind, r.text])).toEqual([
      ["related", "Читайте також: Синоптики прогнозують заморозки"],
      ["comments", "Коментарі (3)"],
    ]);
  });

  it("does not cut sentences that merely start like a label", () => {
    const s = [
      "Фотографії з місця події оприлюднила поліція.",
      "Відео показує, як рятувальники виносять людей із будинку.",
      "Реклама алкоголю на телебаченні заборонена з 2024 року.",
      "По темі війни в Україні висловилися всі учасники саміту.",
    ].join("\n\n");
    expect(extractPlainText(s).removed).toEqual([]);
  });

  it("keeps a Roman numeral chapter line and a lone dash; drops a '* * *' break", () => {
    const a = extractPlainText("Перша частина тексту.\n\nXX\n\n–\n\n* * *\n\nДруга частина тексту.");
    expect(a.text).toBe("Перша частина тексту.\n\nXX\n\n–\n\nДруга частина тексту.");
    expect(a.removed.map((r) => r.kind)).toEqual(["other"]);
  });
});

describe("plain text layout", () => {
  it("joins hard-wrapped lines of wire copy into paragraphs", () => {
    const input = fixture("en-wire.txt");
    const ex = extractPlainText(input);
    expect(ex.blocks.length).toBe(4);
    expect(ex.text.split("\n\n")[1]).toBe(
      '"The bridge has served us for ninety years, but it is no longer safe for heavy traffic," Mayor J. Walsh told reporters after the vote. "We will reopen it in the spring."',
    );
    checkOffsets(input, ex);
  });

  it("normalises CRLF, NBSP, soft hyphens and zero-width characters and maps back", () => {
    const input = "Перший\u00a0рядок із м\u00adя\u200bким знаком.\r\n\r\nДругий рядок.\r\n";
    const ex = extractPlainText(input);
    expect(ex.text).toBe("Перший рядок із мяким знаком.\n\nДругий рядок.");
    checkOffsets(input, ex);
  });

  it("moves a dateline and a byline at the edges of the text to the metadata", () => {
    const input = "19 червня 2024, 10:15\n\nУряд схвалив нові правила експорту зерна.\n\nДругий абзац.\n\nАвтор: Іван Петренко";
    const ex = extractPlainText(input);
    expect(ex.text).toBe("Уряд схвалив нові правила експорту зерна.\n\nДругий абзац.");
    expect(ex.meta).toEqual({ published: "2024-06-19T10:15", authors: ["Іван Петренко"] });
    expect(ex.removed.map((r) => r.kind)).toEqual(["meta", "byline"]);
    checkOffsets(input, ex);
    for (const line of ["Nov 25, 2024", "25.11.2024", "25 ноября 2024 г."]) {
      expect(extractPlainText(`${line}\n\nПерший абзац.\n\nДругий абзац.`).meta.published).toBe("2024-11-25");
    }
    // not a dateline or byline: a place and day without a year, a sentence, a law's title
    for (const line of ["Київ, 12 травня", "Автор статті вважає, що це неправда.", "Текст Закону України"]) {
      expect(extractPlainText(`${line}\n\nПерший абзац.`).removed).toEqual([]);
    }
  });

  it("handles empty and blank input", () => {
    expect(extractPlainText("").text).toBe("");
    expect(extractPlainText(" \n\n\t \r\n").blocks).toEqual([]);
  });

  it("handles a large input (8 MB) in one pass", () => {
    const para = "Уряд схвалив нові правила експорту зерна через порти Одеси, повідомило міністерство. ".repeat(10) + "\n\nРеклама\n\n";
    const n = Math.ceil((8 * 1024 * 1024) / para.length);
    const ex = extractPlainText(para.repeat(n));
    expect(ex.blocks.length).toBe(n);
    expect(ex.removed.length).toBe(n);
  }, 60_000);
});

describe("cleanExtracted over HTML extractor output", () => {
  it("cuts teasers inside HTML blocks and composes the offsets with the extractor's map", () => {
    const html =
      "<article><p>Уряд схвалив нові правила експорту зерна.</p><p><strong>Читайте також:</strong> <a href=/x>Синоптики прогнозують заморозки</a></p>" +
      "<h2>Що зміниться – подробиці</h2><p>Правила\u00a0набудуть чинності з понеділка.</p></article>";
    // A minimal extractor: one block per element, text copied from between the tags.
    const b = new TextBuilder();
    const blocks: Extracted["blocks"] = [];
    for (const m of html.matchAll(/<(p|h2)>(.*?)<\/\1>/g)) {
      const inner = m[2];
      const base = m.index! + m[1].length + 2;
      if (b.textLength) b.insert("\n\n");
      const start = b.textLength;
      let last = 0;
      for (const t of inner.matchAll(/<[^>]+>/g)) {
        b.copy(html, base + last, base + t.index!);
        last = t.index! + t[0].length;
      }
      b.copy(html, base + last, base + inner.length);
      blocks.push({ kind: m[1] === "h2" ? "heading" : "paragraph", level: m[1] === "h2" ? 2 : undefined, start, end: b.textLength });
    }
    const { text, map } = b.finish();
    const ex = cleanExtracted({ text, map, blocks, removed: [], meta: {}, warnings: [] }, { fromHtml: true });
    expect(ex.text).toBe("Уряд схвалив нові правила експорту зерна.\n\nЩо зміниться – подробиці\n\nПравила набудуть чинності з понеділка.");
    expect(ex.blocks.map((x) => x.kind)).toEqual(["paragraph", "heading", "paragraph"]);
    expect(ex.removed).toHaveLength(1);
    expect(ex.removed[0].kind).toBe("related");
    const r = ex.removed[0];
    expect(html.slice(r.inputStart, r.inputEnd)).toBe("Читайте також:</strong> <a href=/x>Синоптики прогнозують заморозки");
    const last = ex.blocks[2];
    expect(normalizeString(html.slice(toSource(ex.map, last.start), toSource(ex.map, last.end, true)))).toBe(
      "Правила набудуть чинності з понеділка.",
    );
  });

  it("keeps text an extractor left between its blocks", () => {
    const text = "Перший абзац.\n\nЗабутий рядок.\n\nДругий абзац.";
    const ex = cleanExtracted(
      { text, map: [0, 0], blocks: [{ kind: "paragraph", start: 0, end: 13 }, { kind: "paragraph", start: 31, end: 44 }], removed: [], meta: {}, warnings: [] },
      { fromHtml: true },
    );
    expect(ex.text).toBe(text);
    expect(ex.blocks).toHaveLength(3);
  });

  it("leaves plain-text extraction as it is (already clean)", () => {
    const ex = extractPlainText("Рядок.\n\nРеклама\n\nЩе рядок.");
    expect(cleanExtracted(ex, { fromHtml: false })).toBe(ex);
  });
});

describe("widget furniture in plain text: error-report prompts, ratings, counters, photo credits", () => {
  it("cuts the furniture of a Ukrainian page, each with its kind, and keeps the story", () => {
    const s = [
      "Київрада ухвалила програму ремонту шкіл на наступний рік.",
      "Фото з відкритих джерел",
      "На ремонт укриттів спрямують 300 мільйонів гривень, сказав голова комісії.",
      "Переглядів: 1 234",
      "Оцініть статтю",
      "Рейтинг: 4.5 (12 голосів)",
      "Дякуємо за оцінку!",
      "Помилка? Виділіть її та натисніть Ctrl+Enter",
    ].join("\n\n");
    const a = extractPlainText(s);
    expect(a.text).toBe(
      "Київрада ухвалила програму ремонту шкіл на наступний рік.\n\nНа ремонт укриттів спрямують 300 мільйонів гривень, сказав голова комісії.",
    );
    expect(a.removed.map((r) => [r.kind, r.rule])).toEqual([
      ["caption", "caption-label"],
      ["meta", "view-counter"],
      ["other", "rating-widget"],
      ["other", "rating-widget"],
      ["other", "rating-widget"],
      ["other", "error-report-prompt"],
    ]);
    checkOffsets(s, a);
  });

  it("cuts Russian prompts, also one broken over two lines, and 'по теме' labels", () => {
    const s = [
      "Мэрия объявила о ремонте моста через Днепр.",
      "Нашли ошибку? Выделите её и нажмите Ctrl+Enter",
      "Если вы заметили опечатку в тексте, выделив её, нажмите Ctrl-Enter,",
      "чтобы отправить сообщение редакции",
      "Оцените, пожалуйста, статью. Нам важно ваше мнение.",
      "Спасибо! Ваше мнение учтено.",
      "Просмотров: 61",
      "Загружается, подождите...",
      "Статьи по теме:",
      "Читайте новости Example.ua в социальных сетях Facebook и Telegram.",
    ].join("\n");
    const a = extractPlainText(s);
    expect(a.text).toBe("Мэрия объявила о ремонте моста через Днепр.");
    expect(a.removed.map((r) => r.kind)).toEqual(["other", "other", "other", "other", "other", "meta", "other", "related", "share"]);
    expect(a.removed[2].text).toBe("чтобы отправить сообщение редакции");
  });

  it("cuts English credits and prompts", () => {
    const s = [
      "The council approved the budget on Tuesday.",
      "Photo: AP/John Smith",
      "Spotted a typo? Highlight it and press Ctrl + Enter.",
      "Rate this article:",
      "Rating: 4/5 (23 votes)",
      "Views: 1,024",
      "Follow Example News on social media for the latest updates.",
      "The mayor said the vote was a relief.",
    ].join("\n\n");
    const a = extractPlainText(s);
    expect(a.text).toBe("The council approved the budget on Tuesday.\n\nThe mayor said the vote was a relief.");
    expect(a.removed.map((r) => r.kind)).toEqual(["caption", "other", "other", "other", "meta", "share"]);
  });

  it("takes a caption with its credit whole, but only the credit off a paragraph of story", () => {
    const caption = "Глава МИД Литвы на пресс-конференции. Иллюстрация: example.lt";
    const story =
      "Министр заявил, что переговоры продолжатся в понедельник. По его словам, стороны сблизили позиции по всем пунктам, " +
      "кроме графика поставок газа, и теперь ждут ответа из Брюсселя. Эксперты ожидают, что решение примут до конца месяца, " +
      "хотя раньше обещали управиться к лету. Фото: Reuters";
    const s = ["Первый абзац новости о переговорах.", caption, story].join("\n\n");
    const a = extractPlainText(s);
    expect(a.removed.map((r) => [r.kind, r.rule, r.text])).toEqual([
      ["caption", "caption-credit", caption],
      ["caption", "caption-credit-tail", "Фото: Reuters"],
    ]);
    expect(a.text).toContain("хотя раньше обещали управиться к лету.");
    expect(a.text).not.toContain("Reuters");
    checkOffsets(s, a);
  });

  it("leaves sentences that only look like widgets", () => {
    const s = [
      "Рейтинг партії зріс до 12% за місяць.",
      "Оцініть самі, наскільки це важливо для міста.",
      "Виділіть час і натисніть на газ, сказав тренер.",
      "Натисніть Ctrl+Enter, щоб надіслати повідомлення в чаті.",
      "Він заявив, що рейтинг 4.5 — це успіх.",
      "The score was 4.5 out of 5 on the critics' scale.",
    ].join("\n\n");
    expect(extractPlainText(s).removed).toEqual([]);
  });
});

describe("page-control labels", () => {
  it("cuts a button label alone on a line (uk/ru/en) and keeps a sentence with the same word", () => {
    const s = ["Перший абзац новини.", "Закрити", "Показать еще", "Back to top", "Caption", "Закрити кордон пропонують уже з понеділка."].join("\n\n");
    const a = extractPlainText(s);
    expect(a.removed.map((r) => [r.kind, r.rule, r.text])).toEqual([
      ["other", "ui-label", "Закрити"],
      ["other", "ui-label", "Показать еще"],
      ["other", "ui-label", "Back to top"],
      ["other", "ui-label", "Caption"],
    ]);
    expect(a.text).toBe("Перший абзац новини.\n\nЗакрити кордон пропонують уже з понеділка.");
  });
});

describe("notices, labelled dates and arrow teasers", () => {
  it("cuts reuse and rights notices, a labelled date, comment rules and a headline with a link arrow", () => {
    const s = [
      "Уряд затвердив новий порядок виплат переселенцям.",
      "Бжезинський: Україні варто готуватися до довгої зими >>>",
      "Оновлено: 25.11.2024 14:35",
      "При використанні матеріалів сайту гіперпосилання обов'язкове.",
      "Комментировать могут только зарегистрированные пользователи.",
      "© 2024 Example Media. All rights reserved.",
      "Example Media 2024. Усі права захищені.",
      "This slideshow requires JavaScript.",
      "Text size",
      "Reporting by Jane Doe; additional reporting by John Roe; Editing by Ann Poe",
    ].join("\n\n");
    const a = extractPlainText(s);
    expect(a.text).toBe("Уряд затвердив новий порядок виплат переселенцям.");
    expect(a.removed.map((r) => [r.kind, r.rule])).toEqual([
      ["related", "arrow-teaser"],
      ["meta", "date-label"],
      ["other", "reuse-notice"],
      ["comments", "comments-rules"],
      ["caption", "copyright"],
      ["other", "rights-notice"],
      ["banner", "needs-script"],
      ["other", "ui-label"],
      ["byline", "wire-credit"],
    ]);
  });

  it("keeps sentences that start like a date label or speak of using something", () => {
    const s = [
      "Обновлено расписание поездов на 2025 год.",
      "Published in 2019, the report found a 5% rise in prices.",
      "Він сказав, що при використанні зброї посилання на наказ обов'язкове.",
      "Updated guidance was issued on 3 March by the ministry.",
      "Суддя наголосив, що всі права захищені.",
    ].join("\n\n");
    expect(extractPlainText(s).removed).toEqual([]);
  });
});

describe("photo credits without a label", () => {
  it("takes a caption ending in an agency credit whole, and only the credit off a paragraph of story", () => {
    const story =
      "Zelensky met Biden in Washington on Thursday, officials said. The talks lasted two hours and covered air defence, " +
      "sanctions, the grain corridor and the reconstruction fund, according to a statement the White House released afterwards. SAUL LOEB/AFP";
    const s = [
      "The summit opened with a short ceremony.",
      "The first map of the new bridge site. (NASA/JPL-Caltech/ASU)",
      "Patrick Semansky, ASSOCIATED PRESS",
      "REUTERS/Gleb Garanich",
      story,
      "It was the AP/NORC poll that showed the shift.",
      "The ratio was 3/4 of the vote.",
    ].join("\n\n");
    const a = extractPlainText(s);
    expect(a.removed.map((r) => [r.rule, r.text])).toEqual([
      ["caption-credit", "The first map of the new bridge site. (NASA/JPL-Caltech/ASU)"],
      ["caption-credit", "Patrick Semansky, ASSOCIATED PRESS"],
      ["caption-credit", "REUTERS/Gleb Garanich"],
      ["caption-credit-tail", "SAUL LOEB/AFP"],
    ]);
    expect(a.text).toContain("according to a statement the White House released afterwards.\n\nIt was the AP/NORC poll");
    checkOffsets(s, a);
  });
});

describe("comment sections left in the text", () => {
  it("cuts comment-section labels and a reader's comment header, keeps a sentence about comments", () => {
    const s = [
      "Мэрия объявила о ремонте моста через Днепр.",
      "Обсуждение статьи",
      "Комментарии нашего читателя: Андрей из Барнаула",
      "Коментарі читачів",
      "Комментарии читателей показали, что тема волнует горожан.",
    ].join("\n\n");
    const a = extractPlainText(s);
    expect(a.removed.map((r) => [r.kind, r.rule])).toEqual([
      ["comments", "comments-label"],
      ["comments", "comment-header"],
      ["comments", "comments-label"],
    ]);
    expect(a.text).toContain("Комментарии читателей показали");
  });
});
