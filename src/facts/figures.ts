import type { Figure, Span } from "../article.js";
import {
  alt,
  APPROX_BEFORE,
  CURRENCY_CODES,
  CURRENCY_SIGN,
  CURRENCY_WORD,
  FEW_WORDS,
  fold,
  NUM_WORD,
  PERCENT_WORDS,
  SCALE_SUFFIX,
  SCALE_WORD,
  VAGUE_WORDS,
  WEAK_NUM_VALUES,
} from "./lexicon.js";
import { scanStarts } from "./scan.js";
import { looksAdjective, nominativePhrase, type PhraseWord } from "./nominative.js";

/**
 * Figures in uk/ru/en news text: a number (digits or words, with a scale word), the approximator before it,
 * a currency or percent, and the counted noun phrase after it, as one span:
 * "близько 5 мільйонів артилерійських снарядів" → value 5000000, unit "артилерійські снаряди", approx.
 *
 * `scanStarts` finds where a number may start (digit runs, currency signs, number words); there the
 * pieces are read with small anchored (sticky) regexes, so the cost is one pass over the text.
 *
 * Numbers that are not quantities are skipped by shape and context: dates (found first, and passed in as
 * spans to skip), times of day, parts of model names (Hwasong-11, Су-27, F-16), ordinals (5-й, 3rd),
 * article and law numbers (ст. 5, № 1234), house numbers, phone numbers, sports scores, list numbering,
 * and bare years.
 */

export interface FigureOptions {
  lang: string;
  /** Spans already claimed (dates): numbers inside them are not figures. Sorted by start. */
  skip: Span[];
  /** Morphology for a word starting at an offset (lemma, UD POS), when the morph stage ran. */
  wordInfo?: (start: number) => { lemma?: string; pos?: string } | undefined;
}

export type FoundFigure = Figure;

const L = "\\p{L}";
/** One and a half: "півтора мільйона", "полтора года". */
const FRACTIONS = new Set(["півтора", "півтори", "полтора", "полторы"]);
/**
 * Nouns for a round number: "понад десяток", "сотню", "близько сотні" (after an approximator "сотні" is "a
 * hundred"), which are approximate by nature; and "тисяча", "мільйон", "миллиард" alone ("мільйон доларів"),
 * which are not.
 */
const ROUND_NOUN = new Map<string, { value: number; approx: boolean }>([
  ...["десяток", "десятка"].map((w) => [w, { value: 10, approx: true }] as const),
  ...["сотня", "сотню", "сотні", "сотни"].map((w) => [w, { value: 100, approx: true }] as const),
  ...["тисяча", "тисячу", "тысяча", "тысячу"].map((w) => [w, { value: 1e3, approx: false }] as const),
  ...["мільйон", "миллион"].map((w) => [w, { value: 1e6, approx: false }] as const),
  ...["мільярд", "миллиард"].map((w) => [w, { value: 1e9, approx: false }] as const),
]);
const SPACE = "[ \\u00a0\\u202f\\u2009]";
const DIGITS = `\\d{1,3}(?:${SPACE}\\d{3})+(?:[.,]\\d+)?|\\d+(?:[.,]\\d+)*`;
const SIGN = "(?:US\\$|[$€£₴₽¥])";
const WORD_END = `(?![${L}\\p{N}'’ʼ])`;
const NUMBER_WORDS = alt([...NUM_WORD.keys()]);
const HALF_SCALE = `(?:пів|пол)[- ]?(?:мільйона|мільярда|тисячі|миллиона|миллиарда|тысячи)|half\\s+a\\s+(?:million|billion|thousand)|a\\s+(?:million|billion|thousand|trillion|hundred|dozen)`;
/** The start of a figure: a currency sign with digits, digits, or a number word (groups 1, 2, 3). */
const CANDIDATE_AT = new RegExp(
  `(${SIGN}${SPACE}?(?:${DIGITS}))|(?<![\\p{N}])(${DIGITS})|(?<![${L}\\p{N}'’ʼ-])(${HALF_SCALE}|${NUMBER_WORDS}|${alt(VAGUE_WORDS)}|${alt(FEW_WORDS)}|${alt([...FRACTIONS])}|${alt([...ROUND_NOUN.keys()])}|dozen)${WORD_END}`,
  "iuy",
);

const SCALE_AFTER = new RegExp(`${SPACE}*(${alt([...SCALE_WORD.keys()])})(?:(?<=\\.)|(?![${L}]))`, "iuy");
const SCALE_SUFFIX_AFTER = new RegExp(`(${alt([...SCALE_SUFFIX.keys()])})(?![${L}])`, "iuy");
const SIGN_AFTER = new RegExp(`${SPACE}?(${SIGN})`, "uy");
const PERCENT_AFTER = new RegExp(`${SPACE}*(${alt(PERCENT_WORDS)})(?:(?<=[.%])|(?![${L}]))`, "iuy");
const CURRENCY_AFTER = new RegExp(`${SPACE}*(${alt([...CURRENCY_WORD.keys()])})(?:(?<=\\.)|(?![${L}]))(?:\\s+(?:США|US))?`, "iuy");
const OF_AFTER = /\s+of(?=\s)/iy;
const WORD_AFTER = /\s+([\p{L}][\p{L}'’ʼ-]*\.?)/uy;
/** The last word of every approximator ("близько", "ніж" of "більш ніж", "than" of "more than"). */
const APPROX_LAST_WORDS = new Set(APPROX_BEFORE.map((a) => a.split(" ").pop()!.toLowerCase()));
/** The approximator that `left` ends with, if any. A Set lookup on the last word first: the regex is dearer. */
function approxBefore(left: string): RegExpExecArray | null {
  return APPROX_LAST_WORDS.has(prevToken(left).toLowerCase()) ? APPROX_LEFT.exec(left) : null;
}
const APPROX_LEFT = new RegExp(`(?:^|[^${L}])(${alt(APPROX_BEFORE).replace(/ /g, "\\s+")})\\s+$`, "iu");

/** The word just before a number that makes it a reference, not a quantity: law/article numbering, signs. */
const REFERENCE_TOKEN =
  /^(?:(?:ст|ч|п|пп|абз|гл|розд|арт|art|sec|no|nr|вип)\.|№|#|(?:статт|стать|пункт|частин|розділ|раздел|глав|абзац|параграф|номер|версі|верси|канал|рейс|маршрут|кімнат|будин|вулиц|улиц|корпус|квартир)\p{L}*|част[иі]|article|articles|section|paragraph|clause|chapter|number|resolution|version|flight|route|дом|рахунком|счетом|score)$/iu;

/**
 * The last whitespace-delimited token of `s` (after skipping trailing spaces), by a bounded backward walk:
 * "ч. 2 ст." → "ст.", "№" → "№". Look-behind regexes that end in `$` retry from every start, so the figure
 * finder reads the word before a number this way.
 */
function prevToken(s: string): string {
  let e = s.length;
  while (e > 0 && e > s.length - 4 && /\s/.test(s[e - 1])) e--;
  let b = e;
  while (b > 0 && e - b < 32 && !/\s/.test(s[b - 1])) b--;
  return s.slice(b, e);
}
/**
 * A house number after an abbreviated street name: "вул. Львівській, 11", "просп. Перемоги 5", "ул. Ленина, 3".
 * (Only the abbreviation: "на вулиці Шевченка 5 людей" may well count people.)
 */
const ADDRESS_LEFT = /(?:^|[^\p{L}])(?:вул|просп|пр|бульв|пров|пл|ул|пер|наб|str|st|ave)\.\s*\p{Lu}[\p{L}'’ʼ-]*(?:\s+\p{L}[\p{L}'’ʼ-]*)?,?\s*$/u;
/** "60-80-ті роки", "1990–2000-х": a range of decades. */
const DECADES_AFTER = /^[-–—]\d{1,4}-\p{L}/u;
/** A time: "14:35", "о 14.35", "at 2 pm". */
const TIME_AT = /\d{1,2}[:]\d{2}(?!\d)|\d{1,2}\.\d{2}(?=\s*(?:год|ч\.|час))/y;
const TIME_LEFT = /(?:^|[^\p{L}])(?:о|об)\s+$/iu;
/** "з 9.00 до 15.00", "до 18:30": a clock time after a preposition of time (uk/ru write the decimal comma). */
const TIME_DOT_LEFT = /(?:^|[^\p{L}])(?:о|об|з|із|до|після|від|на|с|в|во|к|после|около|близько|around|at|by|until|from)\s+$/iu;
const AMPM_AFTER = /\s?(?:a\.?m\.?|p\.?m\.?)(?![\p{L}])/iuy;
/** Phone numbers: +380 44 123 45 67, (044) 123-45-67, 123-45-67, 0 800 500 335. */
const PHONE = /(?:\+\d{1,3}[\s-]?)?(?:\(\d{2,5}\)[\s-]?)?\d{1,4}(?:[\s-]\d{2,4}){2,}(?!\d)/y;

/** Words that end a counted noun phrase (prepositions, conjunctions, particles, pronouns, auxiliaries). */
const STOP = new Set(
  (
    "в у на з із зі від до по про для за під над між через при без біля після перед серед щодо о об к с со из от под " +
    "около после среди возле і й та а але або чи що щоб як коли якщо и но или что чтобы когда если не ні ни лише тільки " +
    "вже ще також теж навіть лишь только уже еще ещё также тоже даже ж же б би бы він вона воно вони його її їх їм їй ми " +
    "ви ти я він он она оно они его ее её их им мы вы ты це цей ця ці цих того цього тих это этот эта эти этих того этого " +
    "тех свій своїх свою своих є був була було були буде будуть есть был была было были будет будут становить становлять " +
    "составляет составляют понад близько майже около более почти свыше щонайменше приблизно примерно разом всього всего " +
    "загалом лише тобто тому назад тисяч тис мільйонів млн млрд досі станом зараз наразі тепер поки відтак нині разом " +
    "відразу одразу щодня щороку тоді потім сейчас пока теперь сразу ежедневно тогда потом вместе" +
    " of in on at to for from by with and or but the a an that which who whom whose this these those were was are is be " +
    "been being have has had will would could should can may might must do does did said says say told tell more than " +
    "per each about over under nearly almost ago last next since now still also already then"
  ).split(" "),
);

const IRREGULAR_EN_PLURAL = new Set(["people", "men", "women", "children", "police", "personnel", "staff", "cattle", "sheep", "fish", "aircraft", "feet", "teeth", "mice", "data", "media", "crew", "livestock"]);
/** Measurement abbreviations accepted as a unit as written. */
const UNIT_ABBR = new Set(
  "км м см мм кг г т ц га л мл кВт МВт ГВт ТВт кВт·год МВт·год км² м² м³ км/год км/ч км/с м/с °C °С ккал Мб Гб Тб мг мкг km m cm mm kg g t ha l ml kW MW GW TW kWh MWh GWh mph km/h °F lb lbs oz ft mi bpd".split(" "),
);

const CYRILLIC = /[а-яіїєґё]/i;
/** Ordinal numerals after a number word ("сімдесят перша", "двадцать второй"). */
const ORDINAL_WORD = /^(?:перш|друг|трет|четверт|шост|сьом|восьм|первы|перв|втор|треть|четвёрт|шест|седьм)(?:ий|ій|а|е|ого|ої|ому|ій|им|ою|і|их|ая|ое|ой|ые|ых|ый|ую|ым)$/iu;
/** Verb forms: reflexives, past plural, present third person plural, infinitives. */
const VERB_LIKE = /(?:ся|сь|[аиуіеяы]ли|ють|ять|уть)$/iu;
/** Parts of speech that are never the counted thing. */
const NOT_COUNTED_POS = new Set(["VERB", "AUX", "ADV", "ADP", "CCONJ", "SCONJ", "PRON", "PART", "PUNCT", "NUM", "INTJ"]);
/** Returned by readPhrase when the number is part of an ordinal: no figure. */
const ORDINAL = "ordinal" as const;

/** Parses digits as written in the article's language: "5 000", "12 345,67", "1,5", "1,500.5" (en), "1.500.000". */
export function parseDigits(s: string, lang: string): number | null {
  let t = s.replace(/[ \u00a0\u202f\u2009]/g, "");
  const dots = (t.match(/\./g) ?? []).length;
  const commas = (t.match(/,/g) ?? []).length;
  if (dots + commas === 0) return +t;
  if (dots && commas) {
    // Both: the last one is the decimal separator ("1,500.5" / "1.500,5").
    const dec = t.lastIndexOf(".") > t.lastIndexOf(",") ? "." : ",";
    const grp = dec === "." ? "," : ".";
    if (t.split(dec).length > 2) return null;
    t = t.split(grp).join("").replace(dec, ".");
    return Number.isFinite(+t) ? +t : null;
  }
  const sep = dots ? "." : ",";
  const parts = t.split(sep);
  const grouped = parts.length > 1 && parts[0].length <= 3 && parts.slice(1).every((p) => p.length === 3);
  if (parts.length > 2) return grouped ? +parts.join("") : null; // "1.500.000" is grouping; "1.2.3" is a version
  // One separator. English writes thousands with a comma ("1,500"); uk/ru write the decimal comma and
  // also the decimal point ("1,5", "1.5").
  if (sep === "," && lang === "en" && grouped) return +parts.join("");
  return +parts.join(".");
}

const round = (x: number) => +x.toPrecision(12);

interface Piece {
  start: number;
  end: number;
}

/** Reads the number word compound starting at `at` ("двадцять п'ять", "two hundred and fifty"). */
function readWords(text: string, at: number, first: string): { value: number; end: number; words: number } | null {
  const w0 = NUM_WORD.get(fold(first));
  if (!w0) return null;
  let total = w0.value;
  let last = w0;
  let end = at + first.length;
  let words = 1;
  const NEXT = /(?:\s+(?:and\s+)?|-)([\p{L}'’ʼ]+)/uy;
  for (;;) {
    NEXT.lastIndex = end;
    const m = NEXT.exec(text);
    if (!m) break;
    const w = NUM_WORD.get(fold(m[1]));
    if (!w) break;
    if (w.value === 100 && last.value < 10 && total < 10) total *= 100; // "two hundred"
    else if (last.kind === "hundred" && w.kind !== "hundred") total += w.value;
    else if (last.kind === "ten" && w.kind === "unit") total += w.value;
    else break;
    last = w;
    end = m.index + m[0].length;
    words++;
  }
  return { value: total, end, words };
}

/** The counted noun phrase after `at`: adjectives then a head noun (uk/ru), or words up to a plural (en). */
function readPhrase(text: string, at: number, opts: FigureOptions): { words: PhraseWord[]; end: number } | typeof ORDINAL | null {
  const got: Array<PhraseWord & Piece> = [];
  let pos = at;
  for (let i = 0; i < 4; i++) {
    WORD_AFTER.lastIndex = pos;
    const m = WORD_AFTER.exec(text);
    if (!m) break;
    let w = m[1];
    const start = m.index + m[0].length - w.length;
    if (w.endsWith(".")) w = w.slice(0, -1); // a sentence end or an abbreviation point, not part of the word
    if (STOP.has(w.toLowerCase())) break;
    const info = opts.wordInfo?.(start);
    got.push({ text: w, lemma: info?.lemma, pos: info?.pos, start, end: start + w.length });
    if (!CYRILLIC.test(w)) got[got.length - 1] = { text: w, start, end: start + w.length }; // English is read by shape
    pos = start + w.length;
    if (UNIT_ABBR.has(w)) {
      // "5 км": a unit abbreviation is the whole phrase; after other words it ends the phrase unread.
      if (i === 0) return { words: [{ text: w }], end: pos };
      got.pop();
      break;
    }
    const cyr = CYRILLIC.test(w);
    if (cyr) {
      const isAcronym = w.length >= 2 && w === w.toUpperCase();
      if (!isAcronym && w[0] !== w[0].toLowerCase()) {
        got.pop(); // a proper name is not what was counted
        break;
      }
      // "сімдесят перша" is an ordinal, not seventy of something.
      if (i === 0 && ORDINAL_WORD.test(w)) return ORDINAL;
      // Verbs ("15 залишалися", "5 загинули") end the phrase unread.
      if (VERB_LIKE.test(w) && !looksAdjective(w)) {
        got.pop();
        break;
      }
      // Adverbs and indeclinables in -о/-е are not a counted noun; an adverb before a participle is part of
      // the phrase ("100 незаконно затриманих громадян").
      if (!isAcronym && /[оеє]$/i.test(w) && !looksAdjective(w)) {
        WORD_AFTER.lastIndex = pos;
        const next = WORD_AFTER.exec(text);
        if (next && looksAdjective(next[1].replace(/\.$/, "")) && i < 3) continue;
        got.pop();
        break;
      }
      // The morph stage's POS, when present, vetoes words that cannot be counted (a verb, an adverb, a
      // preposition); the endings above decide the rest, as the tagger is less sure on rare words.
      if (info?.pos && NOT_COUNTED_POS.has(info.pos)) {
        got.pop();
        break;
      }
      if (isAcronym || !(looksAdjective(w) || info?.pos === "ADJ")) break; // the head noun ends the phrase
    } else if (/^[A-Za-z]/.test(w)) {
      if (i >= 2) break;
    } else {
      got.pop();
      break;
    }
  }
  if (!got.length) return null;
  if (!CYRILLIC.test(got[0].text)) {
    // English: up to the first plural noun; failing that, one plain lowercase word.
    const words = got.filter((g) => /^[A-Za-z][A-Za-z'’-]*$/.test(g.text));
    if (words.length !== got.length) return null;
    const idx = words.findIndex((g) => IRREGULAR_EN_PLURAL.has(g.text.toLowerCase()) || (/^[a-z]/.test(g.text) && /[^su]s$|[^s]es$/i.test(g.text)));
    if (idx >= 0) return { words: words.slice(0, idx + 1), end: words[idx].end };
    const w0 = words[0];
    if (/^[a-z]/.test(w0.text) && !/(?:ed|ing|ly)$/.test(w0.text)) return { words: [w0], end: w0.end };
    return null;
  }
  return { words: got, end: got[got.length - 1].end };
}

/** True when `pos` falls inside one of the sorted spans; returns the span's end, else -1. */
function insideSkip(skip: Span[], pos: number, from: { i: number }): number {
  while (from.i < skip.length && skip[from.i].end <= pos) from.i++;
  const s = skip[from.i];
  return s && s.start <= pos && pos < s.end ? s.end : -1;
}

/** All figures in `text`, in order, non-overlapping. */
export function findFigures(text: string, opts: FigureOptions, starts?: number[]): FoundFigure[] {
  const at0 = starts ?? scanStarts(text, EMPTY, FIGURE_TRIGGERS).figures;
  const out: FoundFigure[] = [];
  const cursor = { i: 0 };
  let next = 0;
  for (const at of at0) {
    if (at < next) continue;
    CANDIDATE_AT.lastIndex = at;
    const m = CANDIDATE_AT.exec(text);
    if (!m) continue;
    const skipTo = insideSkip(opts.skip, at, cursor);
    if (skipTo >= 0) {
      next = skipTo;
      continue;
    }
    resumeAt = -1;
    const fig = readFigure(text, at, m, opts);
    if (!fig) {
      next = Math.max(at + m[0].length, resumeAt);
      continue;
    }
    out.push(fig);
    next = Math.max(fig.end, at + 1);
  }
  return out;
}

/** A number with its scale: the core of a figure. */
interface Quantity {
  value: number | null;
  /** The number before its scale word (for ranges: "від 2 до 3 тисяч"). */
  bare: number | null;
  scale: number;
  start: number;
  end: number;
  kind: "digits" | "words" | "vague" | "few" | "round";
  /** A small number word alone ("двома"): a figure only with a scale, currency or percent. */
  weak: boolean;
  /** Four digits that may be a year ("2024"). */
  yearLike: boolean;
  sign?: string;
}

/** Words a figure can start with; every other word costs one Set lookup. */
export const FIGURE_TRIGGERS = new Set<string>(
  [
    ...NUM_WORD.keys(),
    ...VAGUE_WORDS,
    ...FEW_WORDS.map((f) => f.split(" ")[0]),
    ...FRACTIONS,
    "півмільйона", "півмільярда", "півтисячі", "полмиллиона", "полмиллиарда", "полтысячи", "пів", "пол",
    "half", "a", "dozen", "us",
    ...ROUND_NOUN.keys(),
  ].map(fold),
);
const EMPTY = new Set<string>();
/** Where the scan resumes after a rejected candidate that covers more than its own match (a phone number). */
let resumeAt = -1;

/** Reads the number (digits or words) matched by `m`, with its scale word; null if it is not a quantity. */
function readQuantity(text: string, m: RegExpExecArray, lang: string, inRange = false): Quantity | null {
  const at = m.index;
  let value: number | null;
  let end: number;
  let kind: Quantity["kind"];
  let weak = false;
  let yearLike = false;
  let sign: string | undefined;
  let negativeAt = -1;

  if (m[1] || m[2]) {
    const raw = m[1] ?? m[2];
    sign = m[1] ? /^(US\$|[$€£₴₽¥])/.exec(raw)![1] : undefined;
    const num = sign ? raw.slice(sign.length).trim() : raw;
    const numAt = at + raw.length - num.length;
    const numEnd = numAt + num.length;
    // Shapes that are not quantities.
    const before = text.slice(Math.max(0, numAt - 40), numAt);
    const prevCh = text[numAt - 1] ?? "";
    const after = text[numEnd] ?? "";
    if (!sign && /[\p{L}_]/u.test(prevCh)) return null; // A320, iPhone15
    // Hwasong-11, Су-27, F-16, COVID-19; and the third part of "5-7-9" (a range's second part is read by the range)
    if (!sign && !inRange && /[-‐‑–]/.test(prevCh) && /[\p{L}\p{N}]/u.test(text[numAt - 2] ?? "")) return null;
    // A number in quote marks is a code or a name ("200"-ті, «5-7-9»), and one with a leading zero a code or a
    // clock time (0700 GMT).
    if (/["«„“”']/.test(prevCh) && /^[\d.,\-–— ]*["»“”']/.test(text.slice(numAt, numAt + 24))) return null;
    if (/^0\d/.test(num)) return null;
    // Sums and tie-breaks in sports results: "13 (6+7) очков", "7-6 (5)".
    if (/\d\s?\+\s?$/.test(before) || /^\s?\+\s?\d/.test(text.slice(numEnd, numEnd + 3))) return null;
    if (prevCh === "(" && after === ")" && /\d[-–]\d+\s*$/.test(text.slice(Math.max(0, numAt - 12), numAt - 1))) return null;
    if (/[:/]/.test(prevCh) || /[/@]/.test(after) || (after === ":" && /\d/.test(text[numEnd + 1] ?? ""))) return null; // 14:35, 1/3, URLs
    TIME_AT.lastIndex = numAt;
    if (TIME_AT.test(text)) return null;
    // uk "о 14.35", "о 10 годині" (in Russian "о" means "about": "о 5 погибших")
    // (The cheap test on the number goes first: the look-behind regexes try every start in `before`.)
    if (lang !== "ru" && num.length <= 5 && /^\d{1,2}(?:[.:]\d{2})?$/.test(num) && TIME_LEFT.test(before)) return null;
    if (num.length <= 2 && /годин/i.test(before) && /(?:^|[^\p{L}])(?:о|об)\s+\d{1,2}\s+годин\p{L}*\s+$/iu.test(before)) return null; // the minutes of "о 22 годині 44 хвилини"
    if (lang !== "en" && /^(?:[01]?\d|2[0-3])\.[0-5]\d$/.test(num) && TIME_DOT_LEFT.test(before)) return null; // "до 15.00"
    AMPM_AFTER.lastIndex = numEnd;
    if (AMPM_AFTER.test(text) && /^\d{1,2}$/.test(num)) return null; // "at 2 pm"
    if (REFERENCE_TOKEN.test(prevToken(before).replace(/^[(\["«„“]+/, ""))) return null; // ст. 5, № 1234, Article 5
    if (before.includes(".") && ADDRESS_LEFT.test(before)) return null; // вул. Львівська, 11
    if (DECADES_AFTER.test(text.slice(numEnd, numEnd + 12))) return null; // "60-80-ті роки": decades
    // "3 година 04 хвилини": hours with zero-padded minutes are a clock time
    if (num.length <= 2 && /^\s+(?:година|години|годин|час|часа|часов)\s+0\d\s/iu.test(text.slice(numEnd, numEnd + 16))) return null;
    PHONE.lastIndex = numAt;
    const ph = PHONE.exec(text);
    if (ph && (/^\+|\(/.test(text.slice(numAt - 1, numAt + 1)) || /\d-\d{2}-\d{2}/.test(ph[0]) || /^0\s/.test(ph[0]))) {
      resumeAt = numAt + ph[0].length; // none of the phone number's groups is a figure
      return null;
    }
    if (/[-‐‑]/.test(after) && /\p{L}/u.test(text[numEnd + 1] ?? "")) return null; // 5-й, 10-річний, 2019-му
    if (/^(?:st|nd|rd|th)(?![\p{L}])/iu.test(text.slice(numEnd, numEnd + 3))) return null; // 3rd, 21st
    // Numbered list item at a line start: "1. …", "2) …"
    const head = text.slice(Math.max(0, numAt - 8), numAt); // (a bounded look back: the scan must stay linear)
    const atLineStart = numAt <= 8 ? /^\s*$/.test(head) || /\n\s*$/.test(head) : /\n[ \t]*$/.test(head);
    if (atLineStart && /^[.)]\s/.test(text.slice(numEnd, numEnd + 2))) return null;
    value = parseDigits(num, lang);
    if (value === null || !Number.isFinite(value)) return null;
    // A minus sign or "мінус/минус/minus" before the number: "-5 градусів", "мінус 12" (a dash with a space
    // or a word before it is punctuation or a range, handled elsewhere).
    if (!sign && !inRange && ((/[-−]/.test(prevCh) && /(?:^|[\s(])$/.test(text.slice(Math.max(0, numAt - 2), numAt - 1))) || /(?:^|[^\p{L}])(?:мінус|минус|minus)\s+$/iu.test(before))) {
      value = -value;
      negativeAt = /[-−]/.test(prevCh) ? numAt - 1 : numAt - (/(мінус|минус|minus)\s+$/iu.exec(before)![0].length);
    }
    yearLike = /^\d{4}$/.test(num) && value >= 1000 && value <= 2100;
    end = numEnd;
    kind = "digits";
    if (sign) {
      // Scale letters written onto money: $5m, €2bn
      SCALE_SUFFIX_AFTER.lastIndex = end;
      const s = SCALE_SUFFIX_AFTER.exec(text);
      if (s) {
        const k = SCALE_SUFFIX.get(s[1].toLowerCase())!;
        return { value: round(value * k), bare: value, scale: k, start: at, end: SCALE_SUFFIX_AFTER.lastIndex, kind, weak, yearLike: false, sign };
      }
    } else if (/\p{L}/u.test(after)) {
      // Letters glued to the digits are allowed only for a scale, currency or percent ("5млн", "5%").
      SCALE_AFTER.lastIndex = end;
      PERCENT_AFTER.lastIndex = end;
      CURRENCY_AFTER.lastIndex = end;
      if (!SCALE_AFTER.test(text) && !PERCENT_AFTER.test(text) && !CURRENCY_AFTER.test(text)) return null; // 5G, 3D
    }
    // "Boeing 737", "Windows 10": a number right after a Latin brand or model word is part of the name
    // unless a scale, currency or percent follows.
    if (!sign && /\s/.test(prevCh) && /^\d+$/.test(num) && /^[A-Z][A-Za-z0-9]*$/.test(prevToken(before))) weak = true;
  } else {
    const w = m[3];
    const f = fold(w);
    end = at + w.length;
    // A number word capitalised inside a sentence is part of a name ("Героїв Небесної Сотні").
    if (w[0] !== w[0].toLowerCase() && !/(?:^|[.!?…:«"„“(\n–—-]\s*)$/u.test(text.slice(Math.max(0, at - 3), at))) return null;
    if (FRACTIONS.has(f)) {
      value = 1.5;
      kind = "words";
    } else if (/^(?:пів|пол|half|a\s)/i.test(f) && !NUM_WORD.has(f)) {
      // "півмільйона", "half a million", "a million", "a dozen"
      const scaleWord = fold(/([\p{L}]+)$/u.exec(w)![1]);
      const sv = scaleWord === "dozen" ? 12 : scaleWord === "hundred" ? 100 : (SCALE_WORD.get(scaleWord) ?? null);
      if (sv === null) return null;
      value = round((/^(?:пів|пол|half)/i.test(f) ? 0.5 : 1) * sv);
      kind = "words";
    } else if (f === "dozen") {
      value = 12;
      kind = "words";
    } else if (FEW_SET.has(f)) {
      value = null;
      kind = "few";
    } else if (NUM_WORD.has(f)) {
      const r = readWords(text, at, w)!;
      value = r.value;
      end = r.end;
      kind = "words";
      weak = r.words === 1 && WEAK_NUM_VALUES.has(r.value) && !COLLECTIVE.has(f); // "двоє загиблих" counts people
    } else if (ROUND_NOUN.has(f) && ((f !== "сотні" && f !== "сотни") || approxBefore(text.slice(Math.max(0, at - 40), at)))) {
      // "десяток", "сотню", "близько сотні", "мільйон": a round number
      value = ROUND_NOUN.get(f)!.value;
      kind = ROUND_NOUN.get(f)!.approx ? "round" : "words";
    } else {
      // десятки, сотні, тисячі, dozens, hundreds: an order of magnitude, not a number
      value = null;
      kind = "vague";
      if (f === "tens") {
        OF_AFTER.lastIndex = end;
        if (!OF_AFTER.test(text)) return null;
      }
    }
  }

  // Scale word: "5 мільйонів", "1,5 млрд", "two thousand", "десятки тисяч", "кілька тисяч", "hundreds of thousands"
  const bare = value;
  let scale = 1;
  SCALE_AFTER.lastIndex = end;
  let sc = SCALE_AFTER.exec(text);
  if (!sc && kind === "vague" && lang === "en") {
    OF_AFTER.lastIndex = end;
    if (OF_AFTER.test(text)) {
      SCALE_AFTER.lastIndex = OF_AFTER.lastIndex;
      sc = SCALE_AFTER.exec(text);
      if (sc && !/^(?:thousands|millions|billions)$/i.test(sc[1])) sc = null;
    }
  }
  if (sc && (kind !== "vague" || /^(?:десятк|сот|dozens|hundreds|tens)/i.test(fold(m[3] ?? "")))) {
    scale = SCALE_WORD.get(fold(sc[1]))!;
    if (value !== null) value = round(value * scale);
    end = SCALE_AFTER.lastIndex;
    // "4 млн 800 тис.": a smaller scaled amount right after adds to it.
    const more = value !== null && kind === "digits" ? COMPOUND_SCALE.exec(text.slice(end, end + 24)) : null;
    if (more && value !== null) {
      const sv = SCALE_WORD.get(fold(more[2]));
      const part = parseDigits(more[1], lang);
      if (sv && sv < scale && part !== null && part * sv < scale) {
        value = round(value + part * sv);
        end += more[0].length;
      }
    }
  }
  if (kind === "few" && scale === 1) return null; // "кілька людей" says nothing about a number
  if (kind === "vague" || kind === "few") value = null;
  return { value, bare, scale, start: negativeAt >= 0 ? negativeAt : at, end, kind, weak, yearLike: yearLike && scale === 1, sign };
}

const FEW_SET = new Set(FEW_WORDS.map(fold));
const COLLECTIVE = new Set(["двоє", "двое", "обоє"]);
const COMPOUND_SCALE = new RegExp(`^${SPACE}+(\\d{1,3}(?:[.,]\\d+)?)${SPACE}*(${alt([...SCALE_WORD.keys()])})(?:(?<=\\.)|(?![\\p{L}]))`, "iu");
const FROM_WORDS = new Set(["від", "од", "от", "из", "from", "between"]);
const FROM_LEFT = /(?:^|[^\p{L}])(від|від|од|от|из|from|between)\s+$/iu;
const DASH_CONN = /[ \u00a0]?[-‐‑–—][ \u00a0]?/y;
const WORD_CONN = /\s+(?:до|to|and|і|и|по)\s+\+?/iy;
/** A number word right after a hyphen, with the groups of CANDIDATE_AT (1, 2 empty; 3 the word). */
const WORD_AFTER_HYPHEN = new RegExp(`()()(${NUMBER_WORDS})${WORD_END}`, "iuy");
const TO_CONN = /\s+to\s+(?=\d)/iy;

function readFigure(text: string, at: number, m: RegExpExecArray, opts: FigureOptions): FoundFigure | null {
  const lang = opts.lang;
  const q = readQuantity(text, m, lang);
  if (!q) return null;
  let value = q.value;
  let approx = q.kind === "vague" || q.kind === "few" || q.kind === "round";
  let end = q.end;
  let start = q.start;
  let max: number | undefined;
  let currency = q.sign ? CURRENCY_SIGN.get(q.sign) : undefined;
  let unit: string | null = q.sign ?? null;
  let weak = q.weak;

  // A range: "5–7 тисяч", "від 25 до 60 гривень", "between 200 and 300 people" — one figure from the lower
  // bound (value) to the upper (max). A scale written only after the second number applies to both when
  // the first is smaller ("від 2 до 3 тисяч" = 2000–3000).
  const base = q.start; // the number's start, before a minus sign or currency sign
  const left = text.slice(Math.max(0, base - 40), base);
  const from = FROM_WORDS.has(prevToken(left).toLowerCase()) ? FROM_LEFT.exec(left) : null;
  // "6-4", "2-1 win", "7-6 (5)": two small numbers joined by a bare dash are a score unless a unit follows.
  let scoreLike = false;
  if (value !== null && (q.kind === "digits" || q.kind === "words") && !q.yearLike) {
    let connEnd = -1;
    DASH_CONN.lastIndex = end;
    // digits "5–7", and number words joined by a hyphen "два-три", "п'ять-десять"
    if ((q.kind === "digits" || text[end] === "-") && DASH_CONN.test(text)) connEnd = DASH_CONN.lastIndex;
    else if (from) {
      WORD_CONN.lastIndex = end;
      if (WORD_CONN.test(text)) connEnd = WORD_CONN.lastIndex;
    } else if (lang === "en") {
      // English writes ranges without "from": "the 20 to 30 Iranian personnel"
      TO_CONN.lastIndex = end;
      if (TO_CONN.test(text)) connEnd = TO_CONN.lastIndex;
    }
    if (connEnd >= 0) {
      CANDIDATE_AT.lastIndex = connEnd;
      let m2 = CANDIDATE_AT.exec(text);
      if (!m2 && q.kind === "words") {
        WORD_AFTER_HYPHEN.lastIndex = connEnd; // "два-три": the second word right after the hyphen
        m2 = WORD_AFTER_HYPHEN.exec(text);
      }
      const q2 = m2 && !m2[1] ? readQuantity(text, m2, lang, true) : null;
      if (q2 && q2.value !== null && !q2.yearLike && (q2.kind === "digits" || q2.kind === "words")) {
        const bareDash = !from && connEnd - end === 1 && q.scale === 1 && q2.scale === 1;
        if (bareDash && value < 100 && q2.value < 100 && Number.isInteger(value) && Number.isInteger(q2.value)) {
          if (q2.value <= value) {
            resumeAt = q2.end; // a descending or level pair is a result, never a range
            return null;
          }
          scoreLike = true;
        }
        let lo = value;
        if (q.scale === 1 && q2.scale > 1 && q.bare !== null && q2.bare !== null && q.bare < q2.bare) lo = round(q.bare * q2.scale);
        value = lo;
        if (q2.value > lo) max = q2.value;
        end = q2.end;
        approx = true;
        weak = false;
        if (from) start = base - left.length + from.index + from[0].indexOf(from[1]);
      }
    }
  }
  const scaled = q.scale > 1;

  // Currency sign after the amount ("100 €"), percent, or currency word, or the counted noun phrase.
  if (!currency && q.kind !== "vague") {
    SIGN_AFTER.lastIndex = end;
    const s = SIGN_AFTER.exec(text);
    if (s) {
      currency = CURRENCY_SIGN.get(s[1]);
      unit = s[1];
      end = SIGN_AFTER.lastIndex;
    }
  }
  if (!unit) {
    let pos = end;
    // English "of" before the counted thing: "millions of dollars", "dozens of missiles"
    if ((q.kind === "vague" || scaled) && lang === "en") {
      OF_AFTER.lastIndex = end;
      if (OF_AFTER.test(text)) pos = OF_AFTER.lastIndex;
    }
    PERCENT_AFTER.lastIndex = pos;
    const p = q.kind !== "vague" ? PERCENT_AFTER.exec(text) : null;
    if (p) {
      unit = "%";
      end = PERCENT_AFTER.lastIndex;
    } else {
      CURRENCY_AFTER.lastIndex = pos;
      const c = CURRENCY_AFTER.exec(text);
      if (c && (!/^[A-Z]{3}$/i.test(c[1]) || CURRENCY_CODES.has(c[1]))) {
        currency = CURRENCY_WORD.get(fold(c[1]));
        unit = currencyUnit(c[1], lang);
        end = CURRENCY_AFTER.lastIndex;
      } else {
        const ph = readPhrase(text, pos, opts);
        if (ph === ORDINAL) return null;
        if (ph) {
          const head = ph.words[ph.words.length - 1];
          const cur = CURRENCY_WORD.get(fold(head.text));
          if (cur && (!/^[A-Z]{3}$/i.test(head.text) || CURRENCY_CODES.has(head.text))) currency = cur;
          // Russian puts the noun after 2, 3, 4 (not 12–14) in the genitive singular ("три часа").
          // So does a fraction ("полтора года", "1,5 литра").
          const few =
            lang === "ru" && q.scale === 1 && max === undefined && value !== null &&
            (!Number.isInteger(value) || ([2, 3, 4].includes(value % 10) && ![12, 13, 14].includes(value % 100)));
          unit = ph.words.length === 1 && cur ? currencyUnit(head.text, lang) : nominativePhrase(ph.words, lang, few ? "gen-sg" : undefined);
          end = ph.end;
        }
      }
    }
  }

  if (scoreLike && (unit === null || (!currency && unit !== "%" && !CYRILLIC.test(unit) && !/[^su]s$|[^s]es$/.test(unit)))) {
    resumeAt = end;
    return null;
  }
  const hasApprox = approxBefore(left);
  if (weak && !scaled && !currency && unit !== "%") return null; // "між двома країнами", "Boeing 737"
  if (q.yearLike && !scaled && !currency && unit !== "%" && max === undefined) {
    // A bare year-like number is a figure only when a counted noun (uk/ru) or an approximator says so.
    if (!unit || !(hasApprox || CYRILLIC.test(unit))) return null;
  }

  // An abbreviation point that also ends the sentence ("… 8 тис. грн. Далі …") belongs to the sentence.
  if (text[end - 1] === "." && /^(?:\s*$|\s*\n|\s+[\p{Lu}«"„“(])/u.test(text.slice(end, end + 3))) end--;

  // Approximator before: "близько", "понад", "about", "more than" …
  if (hasApprox && start === base) {
    approx = true;
    start = base - left.length + hasApprox.index + hasApprox[0].indexOf(hasApprox[1]);
  }
  return {
    text: text.slice(start, end),
    value,
    unit,
    approx,
    start,
    end,
    ...(currency ? { currency } : {}),
    ...(max !== undefined ? { max } : {}),
  };
}

/** A currency as a unit: abbreviations and codes as written (without the point), words in nominative plural. */
function currencyUnit(word: string, lang: string): string {
  const w = word.replace(/\.$/, "");
  if (/^[A-Z]{3}$/.test(w) || !/[аеєиіїоуюяыэё]/i.test(w) || w.length <= 4) return w; // грн, дол, USD, руб, євро
  return nominativePhrase([{ text: w }], lang);
}
