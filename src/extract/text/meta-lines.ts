import type { RemovedKind } from "../../article.js";

/**
 * Page metadata that scrapers leave as lines at the top or bottom of plain text: a dateline ("25 листопада
 * 2024, 14:35", "25.11.2024", "Nov 25, 2024") and a byline ("Автор: Іван Петренко", "By Jane Doe"). They are
 * not article text; what they say goes to the Extracted metadata (published, authors) instead of being lost.
 */

const MONTHS: Record<string, number> = {};
const monthNames: Array<[number, string]> = [
  [1, "січня січень січ января январь янв january jan"],
  [2, "лютого лютий лют февраля февраль фев february feb"],
  [3, "березня березень бер марта март мар march mar"],
  [4, "квітня квітень квіт апреля апрель апр april apr"],
  [5, "травня травень трав мая май may"],
  [6, "червня червень черв июня июнь июн june jun"],
  [7, "липня липень лип июля июль июл july jul"],
  [8, "серпня серпень серп августа август авг august aug"],
  [9, "вересня вересень вер сентября сентябрь сен september sep sept"],
  [10, "жовтня жовтень жовт октября октябрь окт october oct"],
  [11, "листопада листопад лист ноября ноябрь ноя november nov"],
  [12, "грудня грудень груд декабря декабрь дек december dec"],
];
for (const [n, names] of monthNames) for (const name of names.split(" ")) MONTHS[name] = n;
const MONTH_RE = Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join("|");

const TIME = "(?:[,|•·–—-]?\\s*(?:о\\s+|в\\s+|at\\s+)?(\\d{1,2}):(\\d{2})(?:\\s*(?:am|pm))?)";
const WEEKDAY =
  "(?:(?:понеділок|вівторок|середа|четвер|п['’]ятниця|субота|неділя|понедельник|вторник|среда|четверг|пятница|суббота|воскресенье|monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\\s+)?";
/** 25.11.2024 / 25/11/2024 / 2024-11-25, optional time. */
const NUMERIC_DATE = new RegExp(`^${WEEKDAY}(?:(\\d{1,2})[./](\\d{1,2})[./](\\d{4})|(\\d{4})-(\\d{2})-(\\d{2}))\\s*${TIME}?$`, "iu");
/** 25 листопада 2024 [р.], 14:35 / Nov 25, 2024 / 25 November 2024 */
const WORD_DATE = new RegExp(
  `^${WEEKDAY}(?:(\\d{1,2})\\s+(${MONTH_RE})\\.?,?\\s+(\\d{4})|(${MONTH_RE})\\.?\\s+(\\d{1,2}),?\\s+(\\d{4}))(?:\\s*(?:р\\.|року|г\\.|года))?\\s*${TIME}?$`,
  "iu",
);
const TIME_ONLY = new RegExp(`^${TIME}$`, "iu");
// "By" needs no colon ("By Jane Doe"); the others do: "Текст Закону України" is not a byline.
const BYLINE_LABEL = /^(?:(?:автор(?:ка)?|author|текст|text|підготував(?:ла)?|подготовил(?:а)?)\s*[:—–-]\s*|by\s+)/iu;
/** One to four capitalised words: a name. */
const NAME = /^\p{Lu}[\p{L}'’ʼ.-]+(?:\s+\p{Lu}[\p{L}'’ʼ.-]+){0,3}$/u;

export interface MetaLine {
  kind: RemovedKind;
  rule: string;
  published?: string;
  author?: string;
}

const pad = (n: number | string) => String(n).padStart(2, "0");

function iso(y: number, m: number, d: number, hh?: string, mm?: string): string | undefined {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1900 || y > 2100) return undefined;
  const date = `${y}-${pad(m)}-${pad(d)}`;
  return hh !== undefined && mm !== undefined && Number(hh) < 24 && Number(mm) < 60 ? `${date}T${pad(hh)}:${mm}` : date;
}

/** A dateline or byline, with what it says; null for any other line. */
export function classifyMetaLine(text: string): MetaLine | null {
  if (text.length > 60) return null;
  const t = text.trim();
  let m = NUMERIC_DATE.exec(t);
  if (m) {
    const published = m[3] ? iso(+m[3], +m[2], +m[1], m[7], m[8]) : iso(+m[4], +m[5], +m[6], m[7], m[8]);
    return published ? { kind: "meta", rule: "dateline", published } : null;
  }
  m = WORD_DATE.exec(t);
  if (m) {
    const published = m[1]
      ? iso(+m[3], MONTHS[m[2].toLowerCase()], +m[1], m[7], m[8])
      : iso(+m[6], MONTHS[m[4].toLowerCase()], +m[5], m[7], m[8]);
    return published ? { kind: "meta", rule: "dateline", published } : null;
  }
  if (TIME_ONLY.test(t)) return { kind: "meta", rule: "dateline" };
  const label = BYLINE_LABEL.exec(t);
  if (label) {
    const name = t.slice(label[0].length).trim();
    if (NAME.test(name)) return { kind: "byline", rule: "byline", author: name };
  }
  return null;
}
