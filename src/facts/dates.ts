import type { DateMention } from "../article.js";
import { scanStarts } from "./scan.js";
import {
  addDays,
  addMonths,
  isValidDate,
  isoDay,
  isoMonth,
  isoWeekday,
  isoYear,
  mondayOf,
  latestDayOnOrBefore,
  nextDayOnOrAfter,
  yearForMonth,
  type YMD,
} from "./calendar.js";
import {
  alt,
  fold,
  FEW_WORDS,
  MONTH_EN_FORMS,
  MONTH_FORMS,
  MONTH_GEN_FORMS,
  MONTH_LOC_FORMS,
  MONTH_WORD,
  NUM_WORD,
  WEEKDAY_FORMS,
  WEEKDAY_WORD,
} from "./lexicon.js";

/**
 * Dates in uk/ru/en news text, absolute and relative, resolved against the publication date.
 *
 * Values are ISO 8601 at the precision the text gives: a day (YYYY-MM-DD), a month (YYYY-MM) or a year
 * (YYYY). A week ("минулого тижня", "last week") resolves to the date of that week's Monday (weeks run
 * Monday–Sunday, ISO 8601). `relative` is true when the value depends on the publication date — "вчора",
 * "торік", but also a day or month given without a year ("19 червня", "у червні"), whose year comes from
 * it. Without a publication date such mentions are still listed, with value null: never guessed.
 *
 * A mention's text leaves out a leading preposition ("у 2019-му році" → "2019-му році", "on Monday" →
 * "Monday"). Times of day ("о 14:35", "at 2 pm") are not part of a date mention; the figure finder skips
 * them so they are not counted as numbers either.
 */

export interface DateContext {
  /** The publication date (date part), or null. */
  anchor: YMD | null;
  lang: string;
  /** Sentence spans from the sentences stage, sorted; without them sentences are cut at . ! ? … and line breaks. */
  sentences?: ReadonlyArray<{ start: number; end: number }>;
}

export interface FoundDate extends DateMention {}

const B = "(?<![\\p{L}\\p{N}])";
const E = "(?![\\p{L}\\p{N}])";
const DASH = "[-‐‑‒–—]";
const YEAR_WORD = "(?:роках|років|року|рік|році|роком|рр\\.|р\\.|годах|годов|году|года|год|гг\\.|г\\.)(?![\\p{L}])";
const YEAR_ORD = "(?:-?(?:му|го|й|м|ого|ому|ий|им|ім))";
const REL_YEAR_UK = "(?:цього|поточного|минулого|наступного|позаминулого)\\s+року";
const REL_YEAR_RU = "(?:этого|текущего|прошлого|следующего|позапрошлого|будущего|минувшего)\\s+года";
const REL_YEAR = `(?:${REL_YEAR_UK}|${REL_YEAR_RU})`;
const MONTH_ANY = alt(MONTH_FORMS);
const MONTH_GEN = alt(MONTH_GEN_FORMS);
const MONTH_EN = alt(MONTH_EN_FORMS);
const MONTH_LOC = alt(MONTH_LOC_FORMS);
const WEEKDAY = alt(WEEKDAY_FORMS);

/** Words that turn a weekday or an English month into a relative date ("минулого понеділка", "last June"). */
const REL_MODIFIERS = [
  "минулого", "минулої", "минулий", "минулу", "наступного", "наступної", "наступний", "наступну", "цього", "цієї", "цей", "цю",
  "прошлого", "прошлой", "прошлый", "прошлую", "следующего", "следующей", "следующий", "следующую", "этого", "этой", "этот", "эту",
  "last", "next", "this",
];

/** Year offsets of the relative-year phrases. */
const REL_YEAR_OFFSET: Record<string, number> = {
  цього: 0, поточного: 0, минулого: -1, наступного: 1, позаминулого: -2,
  этого: 0, текущего: 0, прошлого: -1, следующего: 1, позапрошлого: -2, будущего: 1, минувшего: -1,
  this: 0, last: -1, next: 1,
};

type Precision = "d" | "w" | "m" | "y";
interface RelDef {
  unit: Precision;
  offset: number;
}

/** Relative phrases with a fixed offset from the publication date. Written without a leading preposition. */
/** The adjectives of the day words ("вчорашнього удару", "сегодняшнее заседание") in all their case forms. */
const dayAdjective = (stemUk: string, stemRu: string) => [
  ...["ій", "ього", "ьому", "ім", "я", "ю", "ьої", "є", "і", "іх", "іми"].map((e) => stemUk + e),
  ...["ий", "его", "ему", "им", "ем", "яя", "ей", "юю", "ее", "ие", "их", "ими"].map((e) => stemRu + e),
];

const RELATIVE: Array<[string[], Precision, number]> = [
  [["сьогодні", "сьогодні-таки", "сегодня", "today", "tonight", "this morning", "this afternoon", "this evening", "нині вранці", ...dayAdjective("сьогоднішн", "сегодняшн")], "d", 0],
  [["вчора", "учора", "вчера", "yesterday", ...dayAdjective("вчорашн", "вчерашн"), ...dayAdjective("учорашн", "вчерашн")], "d", -1],
  [["last night", "минулої ночі", "минулої ночи", "прошлой ночью", "прошлой ночи"], "d", -1],
  [["позавчора", "позавчера", "the day before yesterday", ...dayAdjective("позавчорашн", "позавчерашн")], "d", -2],
  [["завтра", "tomorrow", ...dayAdjective("завтрашн", "завтрашн")], "d", 1],
  [["післязавтра", "послезавтра", "the day after tomorrow"], "d", 2],
  [["минулого тижня", "минулому тижні", "минулий тиждень", "прошлой неделе", "прошлой недели", "прошлую неделю", "last week", "past week"], "w", -1],
  [["цього тижня", "цьому тижні", "цей тиждень", "поточного тижня", "этой неделе", "этой недели", "эту неделю", "this week", "earlier this week", "later this week"], "w", 0],
  [["наступного тижня", "наступному тижні", "наступний тиждень", "следующей неделе", "следующей недели", "следующую неделю", "будущей неделе", "next week"], "w", 1],
  [["минулого місяця", "минулому місяці", "минулий місяць", "прошлом месяце", "прошлого месяца", "прошлый месяц", "last month", "past month"], "m", -1],
  [["цього місяця", "цьому місяці", "поточного місяця", "этом месяце", "этого месяца", "текущего месяца", "this month", "earlier this month", "later this month"], "m", 0],
  [["наступного місяця", "наступному місяці", "наступний місяць", "следующем месяце", "следующего месяца", "следующий месяц", "next month"], "m", 1],
  [["торік", "минулого року", "минулому році", "минулий рік", "прошлом году", "прошлого года", "прошлый год", "минувшем году", "last year", "past year"], "y", -1],
  [["позаторік", "позаминулого року", "позаминулому році", "позапрошлом году", "позапрошлого года", "the year before last"], "y", -2],
  [["цього року", "цьому році", "поточного року", "поточному році", "цей рік", "этом году", "этого года", "текущем году", "текущего года", "this year", "earlier this year", "later this year"], "y", 0],
  [["наступного року", "наступному році", "наступний рік", "следующем году", "следующего года", "будущем году", "следующий год", "next year"], "y", 1],
];
const REL_TABLE = new Map<string, RelDef>();
for (const [forms, unit, offset] of RELATIVE) for (const f of forms) REL_TABLE.set(fold(f), { unit, offset });
const REL_FORMS = alt(RELATIVE.flatMap(([f]) => f)).replace(/ /g, "\\s+");

/** "три дні тому", "2 weeks ago", "год назад". */
const AGO_UNITS: Record<string, Precision> = {};
for (const f of ["днів", "дні", "день", "доби", "дней", "дня", "days", "day"]) AGO_UNITS[f] = "d";
for (const f of ["тижнів", "тижні", "тиждень", "недель", "недели", "неделю", "weeks", "week"]) AGO_UNITS[f] = "w";
for (const f of ["місяців", "місяці", "місяць", "месяцев", "месяца", "месяц", "months", "month"]) AGO_UNITS[f] = "m";
for (const f of ["років", "роки", "рік", "лет", "года", "год", "years", "year"]) AGO_UNITS[f] = "y";
const AGO_NUM = `\\d{1,3}|${alt([...NUM_WORD.keys()].filter((k) => NUM_WORD.get(k)!.value <= 100))}|${alt(FEW_WORDS)}|a|an`;

/** Prepositions after which a bare month or year is a date ("у червні", "з 2014", "in June", "since 1986"). */
const PREP_TIME = "у|в|во|із|з|зі|с|со|до|від|от|по|після|после|перед|наприкінці|на початку|на кінець|в кінці|у кінці|в середині|у середині|в конце|в начале|в середине|к|кінця|початку|середини|конца|начала|середины|in|since|by|until|till|during|from|before|after|early|late|mid|end of|start of|beginning of|middle of|the end of|the start of";
const AFTER_PREP = `(?<=(?:^|[^\\p{L}])(?:${PREP_TIME})(?:\\s+|-))`;

/** Signs of future tense in a sentence, used to choose between last Friday and the coming one for "у п'ятницю". */
const FUTURE_CUE = new RegExp(
  "(?<![\\p{L}])(?:" +
    [
      "буде|будуть|будемо|відбудеться|відбудуться|запланован\\p{L}*|планує\\p{L}*|планують|плануємо|\\p{L}+тиме|\\p{L}+тимуть|\\p{L}+тиметься",
      "наступного\\s+(?:тижня|місяця|року)|наступному\\s+(?:місяці|році)|наступної\\s+весни|наступного\\s+літа",
      "будет|будут|состоится|состоятся|планиру\\p{L}*|в\\s+следующем\\s+(?:месяце|году)|на\\s+следующей\\s+неделе|в\\s+будущем\\s+году",
      "will|shall|is due|are due|is expected|are expected|plans? to|is scheduled|are scheduled|scheduled for|planned for|set for|(?:is|are)\\s+(?:set\\s+)?to",
      "(?<!the\\s)next\\s+(?:week|month|year)",
      // A present tense that names a scheduled event: "the sanctions take effect in mid-April", "набуде чинності".
      "takes? effect|takes? place|goes into effect|go into effect|comes? into force|expires?|begins|starts|ends|opens|closes|runs through|runs until",
      "набуде|набудуть|вступить|вступлять|пройде|пройдуть|почне|почнуть|розпочне|розпочнуть|вступит|вступят|пройдет|пройдут|начнет|начнут|начнёт|начнут",
    ].join("|") +
    ")(?![\\p{L}])",
  "iu",
);

/**
 * A perfective verb in a present-tense form is a future: "відкриється", "розпочнеться", "пройде",
 * "откроется", "начнется". Read from the shape: a perfective prefix and a reflexive or plural third-person
 * ending (the bare singular -е/-ет/-ит is shared with too many nouns: "отставке", "совет"), with the
 * imperfective suffixes (-ається, -ується, -ають; -ается, -ают) ruled out — "відбувається" is present. Only past forms and these are common in news, so the cue is cheap and safe enough
 * for the one choice it makes (last Friday or the coming one).
 */
const PERFECTIVE_FUTURE = /(?<![\p{L}])(?:від|роз|за|по|на|з|с|при|ви|до|пере|об|у|про|вы|от|под|пред)\p{L}{2,}(?:еться|иться|ється|уться|ються|яться|ется|ится|утся|ются|ятся|уть|ють|ять)(?<![аяуюі]ється|[аяую]ються|[аяую]ется|[аяую]ются|[аяую]ють)(?![\p{L}])/iu;

interface Pattern {
  name: string;
  source: string;
  /** Returns the mentions for a match (several for a year range), or null to reject it. */
  build(m: RegExpExecArray, cx: MatchContext): Array<Omit<FoundDate, "text">> | null;
}

interface MatchContext extends DateContext {
  text: string;
  /** Explicit years found earlier, with their offsets (for "у 2019 році … у червні"). */
  years: Array<{ year: number; at: number }>;
}

const valueDay = (y: number, m: number, d: number) => (isValidDate(y, m, d) ? isoDay({ y, m, d }) : null);

/** Start and end of the sentence around `pos`: from the sentences stage, else a cheap look for . ! ? … or a line break. */
function sentenceBounds(cx: MatchContext, pos: number): [number, number] {
  const ss = cx.sentences;
  if (ss?.length) {
    let lo = 0;
    let hi = ss.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (ss[mid].end <= pos) lo = mid + 1;
      else if (ss[mid].start > pos) hi = mid - 1;
      else return [ss[mid].start, ss[mid].end];
    }
  }
  // A point ends a sentence only before a capital, a digit, a quote or the end ("2019 р. у червні" does not).
  const text = cx.text;
  const endsAt = (i: number) => {
    const c = text.charCodeAt(i);
    if (c === 33 || c === 63 || c === 0x2026 || c === 10) return true; // ! ? … line break
    return c === 46 && /^(?:\s*$|\s+[\p{Lu}\d«"„“(])/u.test(text.slice(i + 1, i + 4));
  };
  // At most 600 characters either way: a "sentence" longer than that (a table, a list without stops) gives
  // no useful context, and the walk must stay linear on text without punctuation.
  let s = pos;
  const sMin = Math.max(0, pos - 600);
  while (s > sMin && !endsAt(s - 1)) s--;
  let e = pos;
  const eMax = Math.min(text.length, pos + 600);
  while (e < eMax && !endsAt(e)) e++;
  return [s, e];
}

/** The explicit year given earlier in the same sentence, if any. */
function contextYear(cx: MatchContext, at: number): number | null {
  const [s] = sentenceBounds(cx, at);
  for (let i = cx.years.length - 1; i >= 0; i--) {
    const y = cx.years[i];
    if (y.at < s) break;
    if (y.at < at) return y.year;
  }
  return null;
}

function twoDigitYear(s: string): number {
  const n = +s;
  return s.length === 4 ? n : n < 50 ? 2000 + n : 1900 + n;
}

/** Does the sentence around `pos` speak of the future ("відбудеться", "will", "состоится", a perfective present)? */
function futureSentence(cx: MatchContext, pos: number): boolean {
  const [s, e] = sentenceBounds(cx, pos);
  const sentence = cx.text.slice(s, e);
  return FUTURE_CUE.test(sentence) || PERFECTIVE_FUTURE.test(sentence);
}

/** Where clauses part inside a sentence: punctuation and the joining conjunctions. */
const CLAUSE_BREAK = /[,;:()—–]|\s(?:and|but|while|whereas|і|й|та|а|але|проте|тоді як|и|но|однако)\s/giu;

/**
 * Does the clause around `pos` speak of the future? "He was arrested in April and will be sentenced in
 * December": April is past, December future. A clause of three words or fewer ("У березні, як очікується,
 * відбудеться …") has no verb of its own, so the whole sentence decides.
 */
function futureClause(cx: MatchContext, pos: number): boolean {
  const [s, e] = sentenceBounds(cx, pos);
  const sentence = cx.text.slice(s, e);
  const at = pos - s;
  let cs = 0;
  let ce = sentence.length;
  CLAUSE_BREAK.lastIndex = 0;
  for (let m = CLAUSE_BREAK.exec(sentence); m; m = CLAUSE_BREAK.exec(sentence)) {
    if (m.index + m[0].length <= at) cs = m.index + m[0].length;
    else if (m.index >= at) {
      ce = m.index;
      break;
    }
  }
  const clause = sentence.slice(cs, ce);
  if (FUTURE_CUE.test(clause) || PERFECTIVE_FUTURE.test(clause)) return true;
  const words = clause.match(/[\p{L}\p{N}'’]+/gu)?.length ?? 0;
  return words <= 3 && (FUTURE_CUE.test(sentence) || PERFECTIVE_FUTURE.test(sentence));
}

/**
 * A day and month without a year: the sentence's year if it names one; else, as news reports the past, the
 * latest such day on or before publication, or — when its clause speaks of the future — the coming one. A
 * day in the publication month keeps the publication year ("voting ends on November 20" on 14 November).
 */
function dayWithoutYear(m: number, d: number, at: number, cx: MatchContext, start: number, end: number) {
  const cy = contextYear(cx, at);
  if (cy !== null) return [{ value: valueDay(cy, m, d), relative: false, start, end }];
  const a = cx.anchor;
  if (!a) return [{ value: null, relative: true, start, end }];
  const y = m === a.m && isValidDate(a.y, m, d) ? a.y : futureClause(cx, at) ? nextDayOnOrAfter(a, m, d) : latestDayOnOrBefore(a, m, d);
  return [{ value: y === null ? null : valueDay(y, m, d), relative: true, start, end }];
}

/** A month without a year: the sentence's year, else the latest such month up to publication, or the coming one in a future clause. */
function monthWithoutYear(m: number, at: number, cx: MatchContext, start: number, end: number) {
  const cy = contextYear(cx, at);
  if (cy !== null) return [{ value: isoMonth(cy, m), relative: false, start, end }];
  if (!cx.anchor) return [{ value: null, relative: true, start, end }];
  return [{ value: isoMonth(yearForMonth(cx.anchor, m, m !== cx.anchor.m && futureClause(cx, at)), m), relative: true, start, end }];
}

function relYear(cx: MatchContext, word: string): number | null {
  const off = REL_YEAR_OFFSET[fold(word)];
  return cx.anchor && off !== undefined ? cx.anchor.y + off : null;
}

/** Resolves an offset of days, weeks, months or years from the anchor, at that precision. */
function resolveOffset(anchor: YMD | null, unit: Precision, n: number): string | null {
  if (!anchor) return null;
  switch (unit) {
    case "d":
      return isoDay(addDays(anchor, n));
    case "w":
      return isoDay(addDays(mondayOf(anchor), 7 * n));
    case "m": {
      const r = addMonths(anchor.y, anchor.m, n);
      return isoMonth(r.y, r.m);
    }
    case "y":
      return isoYear(anchor.y + n);
  }
}

const isCapitalised = (s: string) => s[0] !== s[0].toLowerCase();

const PATTERNS: Pattern[] = [
  {
    // 2024-06-19 (also the date part of 2024-06-19T10:00)
    name: "iso",
    source: `${B}(\\d{4})-(\\d{2})-(\\d{2})(?![\\p{N}])`,
    build: (m) => {
      const v = valueDay(+m[1], +m[2], +m[3]);
      return v ? [{ value: v, relative: false, start: m.index, end: m.index + m[0].length }] : null;
    },
  },
  {
    // 19.06.2024, 19.06.24 р.
    name: "dotted",
    source: `${B}(\\d{1,2})\\.(\\d{1,2})\\.(\\d{4}|\\d{2})(?![\\p{N}]|\\.\\d)(?:\\s*${YEAR_WORD})?`,
    build: (m) => {
      const v = valueDay(twoDigitYear(m[3]), +m[2], +m[1]);
      return v ? [{ value: v, relative: false, start: m.index, end: m.index + m[0].length }] : null;
    },
  },
  {
    // 06/19/2024 (English: month first unless the first number cannot be a month), 19/06/2024 otherwise
    name: "slashed",
    source: `${B}(\\d{1,2})/(\\d{1,2})/(\\d{4}|\\d{2})(?![\\p{N}/])`,
    build: (m, cx) => {
      const a = +m[1];
      const b = +m[2];
      const y = twoDigitYear(m[3]);
      const monthFirst = cx.lang === "en" ? a <= 12 : b > 12;
      const v = monthFirst ? valueDay(y, a, b) : valueDay(y, b, a);
      return v ? [{ value: v, relative: false, start: m.index, end: m.index + m[0].length }] : null;
    },
  },
  {
    // 19 червня 2024 року, 19 июня, 2 січня цього року, 5 і 6 травня, з 21 до 26 квітня, 19 June 2024.
    // A list or range of days takes the first.
    name: "day-month",
    source:
      `${B}(\\d{1,2})(?:-?(?:го|е|ого))?((?:\\s*(?:${DASH}|,\\s*(?:і|й|та|и|and)?|\\s(?:і|й|та|и|and|до|по|to))\\s*\\d{1,2}(?:-?(?:го|е|ого))?)*)` +
      `\\s+(${MONTH_GEN}|${MONTH_EN})(?:,?\\s+(\\d{4})(?![\\p{N}])(?:\\s*${YEAR_WORD})?|\\s+(${REL_YEAR}))?${E}`,
    build: (m, cx) => {
      const month = MONTH_WORD.get(fold(m[3]));
      if (!month) return null;
      if (/^[a-z]/i.test(m[3]) && !isCapitalised(m[3])) return null;
      const d = +m[1];
      const start = m.index;
      const end = m.index + m[0].length;
      if (m[4]) {
        const v = valueDay(+m[4], month, d);
        return v ? [{ value: v, relative: false, start, end }] : null;
      }
      if (m[5]) {
        const y = relYear(cx, m[5].split(/\s+/)[0]);
        return [{ value: y === null ? null : valueDay(y, month, d), relative: true, start, end }];
      }
      if (d < 1 || d > 31) return null;
      return dayWithoutYear(month, d, start, cx, start, end);
    },
  },
  {
    // June 19, 2024; June 19th; Jan. 2 this year
    name: "month-day",
    source: `${B}(${MONTH_EN})\\s+(\\d{1,2})(?:st|nd|rd|th)?(?![\\p{L}\\p{N}])(?:,?\\s+(\\d{4})(?![\\p{N}])|,?\\s+(?:of\\s+)?(this|last|next)\\s+year)?`,
    build: (m, cx) => {
      if (!isCapitalised(m[1])) return null;
      const month = MONTH_WORD.get(fold(m[1]))!;
      const d = +m[2];
      const start = m.index;
      const end = m.index + m[0].length;
      if (m[3]) {
        const v = valueDay(+m[3], month, d);
        return v ? [{ value: v, relative: false, start, end }] : null;
      }
      if (m[4]) {
        const y = relYear(cx, m[4]);
        return [{ value: y === null ? null : valueDay(y, month, d), relative: true, start, end }];
      }
      if (d < 1 || d > 31) return null;
      return dayWithoutYear(month, d, start, cx, start, end);
    },
  },
  {
    // червень 2024, у червні 2024 року, в июне 2024 года, June 2024; у липні-серпні 2014 року (two months)
    name: "month-year",
    source: `${B}(${MONTH_ANY})(?:(\\s*${DASH}\\s*)(${MONTH_ANY}))?\\s+(\\d{4})(?![\\p{N}])(?:\\s*${YEAR_WORD})?`,
    build: (m) => {
      if (/^[a-z]/i.test(m[1]) && !isCapitalised(m[1])) return null;
      const month = MONTH_WORD.get(fold(m[1]))!;
      const y = +m[4];
      const end = m.index + m[0].length;
      if (!m[3]) return [{ value: isoMonth(y, month), relative: false, start: m.index, end }];
      const s2 = m.index + m[1].length + m[2].length;
      return [
        { value: isoMonth(y, month), relative: false, start: m.index, end: m.index + m[1].length },
        { value: isoMonth(y, MONTH_WORD.get(fold(m[3]))!), relative: false, start: s2, end },
      ];
    },
  },
  {
    // у червні минулого року, в июне прошлого года
    name: "month-relyear",
    source: `${B}(${MONTH_ANY})\\s+(${REL_YEAR})${E}`,
    build: (m, cx) => {
      const month = MONTH_WORD.get(fold(m[1]))!;
      const y = relYear(cx, m[2].split(/\s+/)[0]);
      return [{ value: y === null ? null : isoMonth(y, month), relative: true, start: m.index, end: m.index + m[0].length }];
    },
  },
  {
    // last June, this March, next January (English): the latest such month before / in / after the anchor's
    name: "rel-month-en",
    source: `${B}(last|this|next)\\s+(${MONTH_EN})${E}`,
    build: (m, cx) => {
      if (!isCapitalised(m[2])) return null;
      const month = MONTH_WORD.get(fold(m[2]))!;
      const start = m.index;
      const end = m.index + m[0].length;
      const a = cx.anchor;
      if (!a) return [{ value: null, relative: true, start, end }];
      const w = m[1].toLowerCase();
      const y = w === "this" ? a.y : w === "last" ? (month < a.m ? a.y : a.y - 1) : month > a.m ? a.y : a.y + 1;
      return [{ value: isoMonth(y, month), relative: true, start, end }];
    },
  },
  {
    // у червні, з червня, до кінця червня, in June, since March, mid-June
    name: "month-after-prep",
    source: `${AFTER_PREP}(${MONTH_LOC}|${MONTH_GEN}|${MONTH_EN})${E}`,
    build: (m, cx) => {
      if (/^[a-z]/i.test(m[1]) && !isCapitalised(m[1])) return null;
      const month = MONTH_WORD.get(fold(m[1]))!;
      return monthWithoutYear(month, m.index, cx, m.index, m.index + m[0].length);
    },
  },
  {
    // 2014–2022 роки, у 2019-2020 роках: two year mentions
    name: "year-range",
    source: `${B}(\\d{4})(\\s*${DASH}\\s*)(\\d{4}|\\d{2})${YEAR_ORD}?\\s*(?:роки|роках|років|рр\\.|годы|годах|годов|гг\\.)`,
    build: (m) => {
      const a = +m[1];
      const b = m[3].length === 2 ? Math.floor(a / 100) * 100 + +m[3] : +m[3]; // 2014–15 років
      if (b < a) return null;
      const s2 = m.index + m[1].length + m[2].length;
      return [
        { value: isoYear(a), relative: false, start: m.index, end: m.index + m[1].length },
        { value: isoYear(b), relative: false, start: s2, end: m.index + m[0].length },
      ];
    },
  },
  {
    // 2019 року, у 2019-му році, 2019 р., в 2019 году
    name: "year-word",
    source: `${B}(\\d{4})${YEAR_ORD}?\\s*${YEAR_WORD}`,
    build: (m) => [{ value: isoYear(+m[1]), relative: false, start: m.index, end: m.index + m[0].length }],
  },
  {
    // у 2019-му, з 2014-го
    name: "year-ordinal",
    source: `${B}(\\d{4})-(?:му|го|й|м|ого|ому|ий|им|ім)${E}`,
    build: (m) => [{ value: isoYear(+m[1]), relative: false, start: m.index, end: m.index + m[0].length }],
  },
  {
    // у 2019, з 2014, in 1986, since 2022 — a year after a preposition, unless a count of something follows
    // ("до 2000 осіб" is a figure) or it is a number with a unit, currency or percent.
    name: "year-after-prep",
    source: `${AFTER_PREP}((?:1[89]|20)\\d{2})(?![\\p{L}\\p{N}]|[.,]\\d|\\s*(?:%|\\p{Sc})|\\s+(?:\\p{Ll}+(?:ів|их|іх|ей|ов|ых|ек)|тис|тыс|млн|млрд|осіб|человек|percent|per cent|people|tonnes|tons|dollars|euros|km|kg)(?![\\p{L}]))`,
    build: (m) => [{ value: isoYear(+m[1]), relative: false, start: m.index, end: m.index + m[0].length }],
  },
  {
    // три дні тому, 2 weeks ago, год назад, кілька днів тому (unresolvable: null)
    name: "ago",
    source: `${B}(?:(${AGO_NUM})\\s+)?(${alt(Object.keys(AGO_UNITS))})\\s+(тому|назад|ago)${E}`,
    build: (m, cx) => {
      const unit = AGO_UNITS[fold(m[2])];
      let n: number | null = 1;
      if (m[1]) {
        const w = fold(m[1]);
        n = /^\d+$/.test(w) ? +w : w === "a" || w === "an" ? 1 : (NUM_WORD.get(w)?.value ?? null);
      }
      return [{ value: n === null ? null : resolveOffset(cx.anchor, unit, -n), relative: true, start: m.index, end: m.index + m[0].length }];
    },
  },
  {
    // "у вівторок, 4 серпня", "в пятницу, 21 января", "Monday, June 9": the date names the day; one mention.
    name: "weekday-date",
    source:
      `${B}(${WEEKDAY}),?\\s+(?:(\\d{1,2})(?:-?(?:го|е|ого))?\\s+(${MONTH_GEN}|${MONTH_EN})|(${MONTH_EN})\\s+(\\d{1,2})(?:st|nd|rd|th)?)` +
      `(?![\\p{L}\\p{N}])(?:,?\\s+(\\d{4})(?![\\p{N}])(?:\\s*${YEAR_WORD})?)?`,
    build: (m, cx) => {
      if (!WEEKDAY_WORD.get(fold(m[1]))) return null;
      const monthWord = m[3] ?? m[4];
      if (/^[a-z]/i.test(monthWord) && !isCapitalised(monthWord)) return null;
      const month = MONTH_WORD.get(fold(monthWord));
      const d = +(m[2] ?? m[5]);
      if (!month || d < 1 || d > 31) return null;
      const start = m.index;
      const end = m.index + m[0].length;
      if (m[6]) {
        const v = valueDay(+m[6], month, d);
        return v ? [{ value: v, relative: false, start, end }] : null;
      }
      return dayWithoutYear(month, d, start, cx, start, end);
    },
  },
  {
    // минулого понеділка, наступної п'ятниці, в прошлую пятницу, last Monday, next Friday
    name: "weekday-modified",
    source: `${B}(${alt(REL_MODIFIERS)})\\s+(${WEEKDAY})${E}`,
    build: (m, cx) => {
      const wd = WEEKDAY_WORD.get(fold(m[2]));
      if (!wd) return null;
      if (/^[a-z]/i.test(m[2]) && !isCapitalised(m[2])) return null;
      const start = m.index;
      const end = m.index + m[0].length;
      const a = cx.anchor;
      if (!a) return [{ value: null, relative: true, start, end }];
      const mod = fold(m[1]);
      const cur = isoWeekday(a);
      let delta: number;
      if (/^(минул|прошл|last)/.test(mod)) delta = -(((cur - wd + 7) % 7) || 7); // strictly before
      else if (/^(наступн|следующ|next)/.test(mod)) delta = ((wd - cur + 7) % 7) || 7; // strictly after
      else delta = wd - cur; // this week's
      return [{ value: isoDay(addDays(a, delta)), relative: true, start, end }];
    },
  },
  {
    // у понеділок, в среду, on Monday, з понеділка; English weekday names alone ("said Tuesday")
    name: "weekday",
    source: `(?:${AFTER_PREP}(${WEEKDAY})|${B}(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))${E}`,
    build: (m, cx) => {
      const w = m[1] ?? m[2];
      const wd = WEEKDAY_WORD.get(fold(w));
      if (!wd) return null;
      // "Black Friday", "Cyber Monday", "Good Friday": named days are not the weekday of this week.
      if (m[2] && /(?:Black|Cyber|Good|Holy|Easter|Ash|Maundy|Palm|Super|Bloody|Blue|Giving|Shrove|Fat|Whit|Clean|Mad)\s+$/.test(cx.text.slice(Math.max(0, m.index - 10), m.index))) return null;
      if (/^[a-z]/i.test(w) && !isCapitalised(w)) return null;
      const start = m.index;
      const end = m.index + m[0].length;
      const a = cx.anchor;
      if (!a) return [{ value: null, relative: true, start, end }];
      // News reports the past: the latest such day on or before publication. A future-tense sentence
      // ("у п'ятницю відбудеться") means the coming one instead.
      const future = futureSentence(cx, start);
      const cur = isoWeekday(a);
      const delta = future ? (wd - cur + 7) % 7 : -((cur - wd + 7) % 7);
      return [{ value: isoDay(addDays(a, delta)), relative: true, start, end }];
    },
  },
  {
    // сьогодні, вчора, минулого тижня, торік, цього року, last week, this year …
    name: "relative",
    source: `${B}(${REL_FORMS})${E}`,
    build: (m, cx) => {
      const phrase = fold(m[1]).replace(/\s+/g, " ");
      const def = REL_TABLE.get(phrase);
      if (!def) return null;
      const start = m.index;
      const end = m.index + m[0].length;
      // "the next year", "the last year" count from the story's own time, not from publication: a year
      // named shortly before ("in August 2016 … The next year") anchors it; without one the value stays null.
      if (/^(?:next|last|past) year$/.test(phrase) && /(?:^|[^\p{L}])the\s+$/iu.test(cx.text.slice(Math.max(0, start - 5), start))) {
        const prior = cx.years.length ? cx.years[cx.years.length - 1] : null;
        const near = prior && start - prior.at < 400 ? prior.year : null;
        if (phrase.startsWith("past")) return [{ value: resolveOffset(cx.anchor, def.unit, def.offset), relative: true, start, end }]; // "the past year": the last twelve months
        return [{ value: near === null ? null : isoYear(near + def.offset), relative: near === null, start, end }];
      }
      return [{ value: resolveOffset(cx.anchor, def.unit, def.offset), relative: true, start, end }];
    },
  },
];

const STICKY = PATTERNS.map((p) => new RegExp(p.source, "iuy"));
const EMPTY = new Set<string>();
/** Patterns whose match starts with a digit, and those that start with a word. */
const patternsNamed = (re: RegExp) => PATTERNS.map((p, i) => (re.test(p.name) ? i : -1)).filter((i) => i >= 0);
/** By the length of the digit run: a year has four digits, a day or month one or two, "100 днів тому" three. */
const DIGIT_FIRST_4 = patternsNamed(/^(?:iso|year-.*)$/);
const DIGIT_FIRST_12 = patternsNamed(/^(?:dotted|slashed|day-month|ago)$/);
const DIGIT_FIRST_3 = patternsNamed(/^ago$/);
const NONE: number[] = [];
const WORD_FIRST = PATTERNS.map((p, i) => (/^(?:iso|dotted|slashed|day-month|year-.*)$/.test(p.name) ? -1 : i)).filter((i) => i >= 0);

/**
 * Words a date can start with. The scan looks a word up here before trying any pattern, so the cost for
 * the ordinary words of a text is one Set lookup each.
 */
export const DATE_TRIGGERS = new Set<string>(
  [
    ...MONTH_FORMS,
    ...WEEKDAY_FORMS,
    ...RELATIVE.flatMap(([forms]) => forms.map((f) => f.split(" ")[0])),
    ...REL_MODIFIERS,
    ...NUM_WORD.keys(),
    ...FEW_WORDS.map((f) => f.split(" ")[0]),
    ...Object.keys(AGO_UNITS),
    "a",
    "an",
  ].map((w) => fold(w.replace(/\.$/, ""))),
);

/**
 * The words a match of each word-first pattern can begin with (folded): a word begins a date only by one of
 * these, so a trigger word is tried only with the patterns that can start with it ("the" only with the relative
 * phrases, a month name only with the month patterns). A pattern not listed here is tried at every trigger.
 */
const PATTERN_HEADS: Record<string, readonly string[]> = {
  "month-day": MONTH_EN_FORMS,
  "month-year": MONTH_FORMS,
  "month-relyear": MONTH_FORMS,
  "rel-month-en": ["last", "this", "next"],
  "month-after-prep": [...MONTH_LOC_FORMS, ...MONTH_GEN_FORMS, ...MONTH_EN_FORMS],
  ago: [...NUM_WORD.keys(), ...FEW_WORDS, "a", "an", ...Object.keys(AGO_UNITS)],
  "weekday-date": WEEKDAY_FORMS,
  "weekday-modified": REL_MODIFIERS,
  weekday: [...WEEKDAY_FORMS, "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
  relative: RELATIVE.flatMap(([forms]) => forms),
};
const headFold = (w: string) => fold(w.split(" ")[0].replace(/\.$/, ""));
let patternsByHead: Map<string, number[]> | null = null;
const patternsForWord = new Map<string, number[]>();
/** The word-first patterns a date starting with the folded word `f` may match, in WORD_FIRST order. */
function patternsFor(f: string): number[] {
  let r = patternsForWord.get(f);
  if (r) return r;
  if (!patternsByHead) {
    patternsByHead = new Map();
    for (const i of WORD_FIRST) {
      const heads = PATTERN_HEADS[PATTERNS[i].name];
      if (!heads) continue;
      for (const h of new Set(heads.map(headFold))) {
        const list = patternsByHead.get(h) ?? [];
        list.push(i);
        patternsByHead.set(h, list);
      }
    }
  }
  const listed = patternsByHead.get(f) ?? NONE;
  r = WORD_FIRST.filter((i) => !PATTERN_HEADS[PATTERNS[i].name] || listed.includes(i));
  if (patternsForWord.size > 10_000) patternsForWord.clear();
  patternsForWord.set(f, r);
  return r;
}

/** The folded word at `at` (letters and inner apostrophes), and its part before an apostrophe (Monday's). */
const WORD_AT = /[\p{L}]+(?:['’ʼ`ʻ][\p{L}]+)*/uy;
function patternsAt(text: string, at: number): number[] {
  WORD_AT.lastIndex = at;
  const m = WORD_AT.exec(text);
  if (!m) return WORD_FIRST;
  const f = fold(m[0]);
  const apo = f.indexOf("'");
  if (apo <= 0) return patternsFor(f);
  const a = patternsFor(f);
  const b = patternsFor(f.slice(0, apo));
  return WORD_FIRST.filter((i) => a.includes(i) || b.includes(i));
}

/**
 * All date mentions in `text`, in order, non-overlapping. The patterns are tried (more specific first) only
 * where a date may start: digit runs and trigger words (`starts`, from `scanStarts`; found here if not given).
 */
export function findDates(text: string, cx: DateContext, starts?: number[]): FoundDate[] {
  const at0 = starts ?? scanStarts(text, DATE_TRIGGERS, EMPTY).dates;
  const out: FoundDate[] = [];
  const mcx: MatchContext = { ...cx, text, years: [] };
  let next = 0;
  for (const at of at0) {
    if (at < next) continue;
    const c = text.charCodeAt(at);
    let tried: number[];
    if (c < 48 || c > 57) tried = patternsAt(text, at);
    else {
      let e = at + 1;
      while (e < text.length && text.charCodeAt(e) >= 48 && text.charCodeAt(e) <= 57) e++;
      const len = e - at;
      tried = len === 4 ? DIGIT_FIRST_4 : len <= 2 ? DIGIT_FIRST_12 : len === 3 ? DIGIT_FIRST_3 : NONE;
    }
    let built: Array<Omit<FoundDate, "text">> | null = null;
    for (const i of tried) {
      const re = STICKY[i];
      re.lastIndex = at;
      const m = re.exec(text);
      if (m) built = PATTERNS[i].build(m, mcx);
      if (built) break;
    }
    if (!built) continue;
    let end = at + 1;
    for (const b of built) {
      // Drop trailing spaces a pattern may have taken (none should, but text spans must be tight).
      let e = b.end;
      while (e > b.start && /\s/.test(text[e - 1])) e--;
      out.push({ text: text.slice(b.start, e), value: b.value, relative: b.relative, start: b.start, end: e });
      if (!b.relative && b.value) mcx.years.push({ year: +b.value.slice(0, 4), at: b.start });
      end = Math.max(end, e);
    }
    next = end;
  }
  return out;
}
