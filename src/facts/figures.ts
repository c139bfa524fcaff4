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
import { looksAdjective, nominativePhrase, type PhraseWord } from "./nominative.js";

/**
 * Figures in uk/ru/en news text: a number (digits or words, with a scale word), the approximator before it,
 * a currency or percent, and the counted noun phrase after it, as one span:
 * "близько 5 мільйонів артилерійських снарядів" → value 5000000, unit "артилерійські снаряди", approx.
 *
 * One regex scan finds where a number starts; the pieces around it are read with small anchored
 * (sticky) regexes, so the cost is one pass over the text. Numbers that are not quantities are skipped by
 * shape and context: dates (found first, and passed in as spans to skip), times of day, parts of model
 * names (Hwasong-11, Су-27, F-16), ordinals (5-й, 3rd), article and law numbers (ст. 5, № 1234), phone
 * numbers, list numbering, and bare years.
 */

export interface FigureOptions {
  lang: string;
  /** Spans already claimed (dates): numbers inside them are not figures. Sorted by start. */
  skip: Span[];
  /** Morphology for a word starting at an offset (lemma, UD POS), when the morph stage ran. */
  wordInfo?: (start: number) => { lemma?: string; pos?: string } | undefined;
}

export interface FoundFigure extends Figure {
  /** ISO 4217 code when the figure is an amount of money. */
  currency?: string;
}

const L = "\\p{L}";
const SPACE = "[ \\u00a0\\u202f\\u2009]";
const DIGITS = `\\d{1,3}(?:${SPACE}\\d{3})+(?:[.,]\\d+)?|\\d+(?:[.,]\\d+)*`;
const SIGN = "(?:US\\$|[$€£₴₽¥])";
const WORD_END = `(?![${L}\\p{N}'’ʼ])`;
const NUMBER_WORDS = alt([...NUM_WORD.keys()]);
const HALF_SCALE = `(?:пів|пол)[- ]?(?:мільйона|мільярда|тисячі|миллиона|миллиарда|тысячи)|half\\s+a\\s+(?:million|billion|thousand)|a\\s+(?:million|billion|thousand|trillion|hundred|dozen)`;
const CANDIDATE = new RegExp(
  `(${SIGN}${SPACE}?(?:${DIGITS}))|(?<![\\p{N}])(${DIGITS})|(?<![${L}\\p{N}'’ʼ-])(${HALF_SCALE}|${NUMBER_WORDS}|${alt(VAGUE_WORDS)}|${alt(FEW_WORDS)}|${alt(["півтора", "півтори", "полтора", "полторы"])}|dozen)${WORD_END}`,
  "giu",
);

const SCALE_AFTER = new RegExp(`${SPACE}*(${alt([...SCALE_WORD.keys()])})(?:(?<=\\.)|(?![${L}]))`, "iuy");
const SCALE_SUFFIX_AFTER = new RegExp(`(${alt([...SCALE_SUFFIX.keys()])})(?![${L}])`, "iuy");
const SIGN_AFTER = new RegExp(`${SPACE}?(${SIGN})`, "uy");
const PERCENT_AFTER = new RegExp(`${SPACE}*(${alt(PERCENT_WORDS)})(?:(?<=[.%])|(?![${L}]))`, "iuy");
const CURRENCY_AFTER = new RegExp(`${SPACE}*(${alt([...CURRENCY_WORD.keys()])})(?:(?<=\\.)|(?![${L}]))(?:\\s+(?:США|US))?`, "iuy");
const OF_AFTER = /\s+of(?=\s)/iy;
const RANGE_AFTER = new RegExp(`${SPACE}?[-‐‑–—]${SPACE}?(${DIGITS})(?![\\p{N}])`, "uy");
const WORD_AFTER = /\s+([\p{L}][\p{L}'’ʼ-]*\.?)/uy;
const APPROX_LEFT = new RegExp(`(?:^|[^${L}])(${alt(APPROX_BEFORE).replace(/ /g, "\\s+")})\\s+$`, "iu");

/** What the word just before a number says about it: law/article numbering, numbering signs. */
const REFERENCE_LEFT = /(?:^|[^\p{L}])(?:ст|ч|п|пп|абз|гл|розд|арт|art|sec|no|nr|вип)\.\s*$|(?:№|#)\s*$|(?:^|[^\p{L}])(?:статт\p{L}*|стать\p{L}*|пункт\p{L}*|частин\p{L}*|част[иі]|розділ\p{L}*|раздел\p{L}*|глав\p{L}*|абзац\p{L}*|параграф\p{L}*|номер\p{L}*|article|articles|section|paragraph|clause|chapter|number|resolution|version|версі\p{L}*|верси\p{L}*|канал\p{L}*|рейс\p{L}*|flight|route|маршрут\p{L}*|кімнат\p{L}*|будин\p{L}*|дом|вулиц\p{L}*|улиц\p{L}*|корпус\p{L}*|квартир\p{L}*|рахунком|счетом|score)\s*$/iu;
/** A time: "14:35", "о 14.35", "at 2 pm". */
const TIME_AT = /\d{1,2}[:]\d{2}(?!\d)|\d{1,2}\.\d{2}(?=\s*(?:год|ч\.|час))/y;
const TIME_LEFT = /(?:^|[^\p{L}])(?:о|об)\s+$/iu;
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
    "загалом лише тобто тому назад тисяч тис мільйонів млн млрд" +
    " of in on at to for from by with and or but the a an that which who whom whose this these those were was are is be " +
    "been being have has had will would could should can may might must do does did said says say told tell more than " +
    "per each about over under nearly almost ago last next since"
  ).split(" "),
);

const IRREGULAR_EN_PLURAL = new Set(["people", "men", "women", "children", "police", "personnel", "staff", "cattle", "sheep", "fish", "aircraft", "feet", "teeth", "mice", "data", "media", "crew", "livestock"]);
/** Measurement abbreviations accepted as a unit as written. */
const UNIT_ABBR = new Set(
  "км м см мм кг г т ц га л мл кВт МВт ГВт ТВт кВт·год МВт·год км² м² м³ км/год км/ч км/с м/с °C °С ккал Мб Гб Тб мг мкг km m cm mm kg g t ha l ml kW MW GW TW kWh MWh GWh mph km/h °F lb lbs oz ft mi bpd".split(" "),
);

const CYRILLIC = /[а-яіїєґё]/i;

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
function readPhrase(text: string, at: number, lang: string, opts: FigureOptions): { words: PhraseWord[]; end: number } | null {
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
    pos = start + w.length;
    if (UNIT_ABBR.has(w)) {
      // "5 км": a unit abbreviation is the whole phrase; after other words it ends the phrase unread.
      if (i === 0) return { words: [{ text: w }], end: pos };
      got.pop();
      break;
    }
    if (info?.pos) {
      if (info.pos === "ADJ") continue;
      if (info.pos === "NOUN" || (info.pos === "PROPN" && i > 0)) break;
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
      if (isAcronym || !looksAdjective(w)) break; // the head noun ends the phrase
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
export function findFigures(text: string, opts: FigureOptions): FoundFigure[] {
  const lang = opts.lang;
  const out: FoundFigure[] = [];
  const cursor = { i: 0 };
  CANDIDATE.lastIndex = 0;
  for (;;) {
    const m = CANDIDATE.exec(text);
    if (!m) break;
    const at = m.index;
    const skipTo = insideSkip(opts.skip, at, cursor);
    if (skipTo >= 0) {
      CANDIDATE.lastIndex = skipTo;
      continue;
    }
    const fig = readFigure(text, at, m, opts);
    if (!fig) {
      CANDIDATE.lastIndex = at + m[0].length;
      continue;
    }
    out.push(fig);
    CANDIDATE.lastIndex = Math.max(fig.end, at + 1);
  }
  return out;
}

function readFigure(text: string, at: number, m: RegExpExecArray, opts: FigureOptions): FoundFigure | null {
  const lang = opts.lang;
  let value: number | null;
  let approx = false;
  let currency: string | undefined;
  let unit: string | null = null;
  let end: number;
  let kind: "digits" | "words" | "vague" | "few";
  let weak = false;
  let signAt = -1;
  let bareInteger = false;

  if (m[1] || m[2]) {
    // Digits (after a currency sign or not)
    const raw = m[1] ?? m[2];
    const sign = m[1] ? /^(US\$|[$€£₴₽¥])/.exec(raw)![1] : null;
    const num = sign ? raw.slice(sign.length).trim() : raw;
    const numAt = at + raw.length - num.length;
    if (sign) {
      currency = CURRENCY_SIGN.get(sign);
      unit = sign;
      signAt = at;
    }
    // Shapes that are not quantities.
    const before = text.slice(Math.max(0, numAt - 40), numAt);
    const prevCh = text[numAt - 1] ?? "";
    const after = text[numAt + num.length] ?? "";
    if (!sign && /[\p{L}_]/u.test(prevCh)) return null; // A320, iPhone15
    if (!sign && /[-‐‑]/.test(prevCh) && /[\p{L}\p{N}]/u.test(text[numAt - 2] ?? "")) return null; // Hwasong-11, Су-27, F-16, COVID-19
    if (/[:/]/.test(prevCh) || /[/@]/.test(after) || (after === ":" && /\d/.test(text[numAt + num.length + 1] ?? ""))) return null; // 14:35, 1/3, URLs
    TIME_AT.lastIndex = numAt;
    if (TIME_AT.test(text)) return null;
    if (TIME_LEFT.test(before) && /^\d{1,2}(?:[.:]\d{2})?$/.test(num)) return null; // "о 14.35", "о 10 годині"
    AMPM_AFTER.lastIndex = numAt + num.length;
    if (AMPM_AFTER.test(text) && /^\d{1,2}$/.test(num)) return null;
    if (REFERENCE_LEFT.test(before)) return null;
    PHONE.lastIndex = numAt;
    const ph = PHONE.exec(text);
    if (ph && (/^\+|\(/.test(text.slice(numAt - 1, numAt + 1)) || /\d-\d{2}-\d{2}/.test(ph[0]) || /^0\s/.test(ph[0]))) return null;
    if (/[-‐‑]/.test(after) && /\p{L}/u.test(text[numAt + num.length + 1] ?? "")) return null; // 5-й, 10-річний
    if (/^\d+(?:st|nd|rd|th)$/i.test(text.slice(numAt, numAt + num.length + 2)) && !/\p{L}/u.test(text[numAt + num.length + 2] ?? "")) return null;
    // Numbered list item at a line start: "1. …", "2) …"
    const lineStart = text.lastIndexOf("\n", numAt - 1) + 1;
    if (/^\s*$/.test(text.slice(lineStart, numAt)) && /^[.)]\s/.test(text.slice(numAt + num.length, numAt + num.length + 2))) return null;
    value = parseDigits(num, lang);
    if (value === null || !Number.isFinite(value)) return null;
    bareInteger = /^\d{4}$/.test(num) && value >= 1000 && value <= 2100;
    // Model names after a Latin brand: "Boeing 737", "Windows 10" (no unit follows; checked below).
    end = numAt + num.length;
    kind = "digits";
    // A range "5–7 тисяч": the lower bound, approximate.
    RANGE_AFTER.lastIndex = end;
    const r = RANGE_AFTER.exec(text);
    if (r && !/^\d{4}$/.test(num)) {
      const v2 = parseDigits(r[1], lang);
      if (v2 !== null && v2 > value) {
        end = RANGE_AFTER.lastIndex;
        approx = true;
      }
    }
    // Scale letters written onto money: $5m, €2bn
    if (sign) {
      SCALE_SUFFIX_AFTER.lastIndex = end;
      const s = SCALE_SUFFIX_AFTER.exec(text);
      if (s) {
        value = round(value * SCALE_SUFFIX.get(s[1].toLowerCase())!);
        end = SCALE_SUFFIX_AFTER.lastIndex;
      }
    } else if (/\p{L}/u.test(after)) {
      // Letters glued to the digits are allowed only for a scale, currency or percent ("5млн", "5%").
      SCALE_AFTER.lastIndex = end;
      PERCENT_AFTER.lastIndex = end;
      CURRENCY_AFTER.lastIndex = end;
      if (!SCALE_AFTER.test(text) && !PERCENT_AFTER.test(text) && !CURRENCY_AFTER.test(text)) return null;
    }
    const prevWord = /([\p{L}\p{N}]+)\s$/u.exec(before);
    if (!sign && prevWord && /^[A-Z]/.test(prevWord[1]) && /^[A-Za-z0-9]+$/.test(prevWord[1]) && /^\d+$/.test(num)) {
      weak = true; // "Boeing 737": a figure only if a scale, currency or percent follows
    }
  } else {
    const w = m[3];
    const f = fold(w);
    end = at + w.length;
    if (/^(?:пів|пол|half|a\s)/i.test(f) && !NUM_WORD.has(f)) {
      // "півмільйона", "half a million", "a million", "a dozen"
      const scaleWord = /([\p{L}]+)$/u.exec(w)![1];
      const sv = fold(scaleWord) === "dozen" ? 12 : fold(scaleWord) === "hundred" ? 100 : (SCALE_WORD.get(fold(scaleWord)) ?? null);
      if (sv === null) return null;
      value = round((/^(?:пів|пол|half)/i.test(f) ? 0.5 : 1) * sv);
      kind = "words";
    } else if (f === "dozen") {
      value = 12;
      kind = "words";
    } else if (["півтора", "півтори", "полтора", "полторы"].includes(f)) {
      value = 1.5;
      kind = "words";
    } else if (FEW_WORDS.map(fold).includes(f)) {
      value = null;
      approx = true;
      kind = "few";
    } else if (NUM_WORD.has(f)) {
      const r = readWords(text, at, w)!;
      value = r.value;
      end = r.end;
      kind = "words";
      weak = r.words === 1 && WEAK_NUM_VALUES.has(r.value);
    } else {
      // десятки, сотні, тисячі, dozens, hundreds: an order of magnitude, not a number
      value = null;
      approx = true;
      kind = "vague";
      if (f === "tens") {
        OF_AFTER.lastIndex = end;
        if (!OF_AFTER.test(text)) return null;
      }
    }
  }

  // Scale word: "5 мільйонів", "1,5 млрд", "two thousand", "десятки тисяч", "кілька тисяч"
  let scaled = false;
  SCALE_AFTER.lastIndex = end;
  const sc = SCALE_AFTER.exec(text);
  if (sc && kind !== "vague") {
    if (value !== null) value = round(value * SCALE_WORD.get(fold(sc[1]))!);
    end = SCALE_AFTER.lastIndex;
    scaled = true;
  } else if (sc && kind === "vague" && /^(?:десятк|сот|dozens|hundreds|tens)/i.test(fold(m[3]))) {
    end = SCALE_AFTER.lastIndex; // "десятки тисяч", "hundreds of thousands" (the "of" is handled below)
    scaled = true;
  } else if (kind === "vague" && /^(?:tens|dozens|hundreds)$/i.test(fold(m[3]))) {
    OF_AFTER.lastIndex = end;
    if (OF_AFTER.test(text)) {
      SCALE_AFTER.lastIndex = OF_AFTER.lastIndex;
      const s2 = SCALE_AFTER.exec(text);
      if (s2 && /^(?:thousands|millions|billions)$/i.test(s2[1])) {
        end = SCALE_AFTER.lastIndex;
        scaled = true;
      }
    }
  }
  if (kind === "few" && !scaled) return null; // "кілька людей" says nothing about a number
  if (weak && !scaled && kind === "words") return null; // "між двома країнами"

  // Currency sign after the amount ("100 €"), percent, or currency word.
  if (!currency) {
    SIGN_AFTER.lastIndex = end;
    const s = SIGN_AFTER.exec(text);
    if (s && kind !== "vague") {
      currency = CURRENCY_SIGN.get(s[1]);
      unit = s[1];
      end = SIGN_AFTER.lastIndex;
    }
  }
  let pos = end;
  // English "of" before the counted thing after a scale or an order word: "millions of dollars", "dozens of missiles"
  if ((kind === "vague" || scaled) && lang === "en") {
    OF_AFTER.lastIndex = end;
    if (OF_AFTER.test(text)) pos = OF_AFTER.lastIndex;
  }
  if (!unit) {
    PERCENT_AFTER.lastIndex = pos;
    const p = PERCENT_AFTER.exec(text);
    if (p && kind !== "vague") {
      unit = "%";
      end = PERCENT_AFTER.lastIndex;
    } else {
      CURRENCY_AFTER.lastIndex = pos;
      const c = CURRENCY_AFTER.exec(text);
      if (c && (!/^[A-Z]{3}$/i.test(c[1]) || CURRENCY_CODES.has(c[1]))) {
        currency = CURRENCY_WORD.get(fold(c[1]));
        unit = nominativePhrase([{ text: c[1] }], lang);
        end = CURRENCY_AFTER.lastIndex;
      } else {
        const ph = readPhrase(text, pos, lang, opts);
        if (ph) {
          unit = nominativePhrase(ph.words, lang);
          const head = ph.words[ph.words.length - 1];
          const cur = CURRENCY_WORD.get(fold(head.text));
          if (cur && (!/^[A-Z]{3}$/i.test(head.text) || CURRENCY_CODES.has(head.text))) currency = cur;
          end = ph.end;
        }
      }
    }
  }

  if (weak && !scaled && !currency && unit !== "%") return null;
  if (kind === "digits" && bareInteger && !scaled && !currency && unit !== "%") {
    // A bare year-like number is a figure only when a counted noun (uk/ru) or an approximator says so.
    const hasApprox = APPROX_LEFT.test(text.slice(Math.max(0, at - 40), at));
    if (!unit || !(hasApprox || CYRILLIC.test(unit))) return null;
  }

  // Approximator before: "близько", "понад", "about", "more than" …
  let start = signAt >= 0 ? signAt : at;
  const left = text.slice(Math.max(0, start - 40), start);
  const ap = APPROX_LEFT.exec(left);
  if (ap) {
    approx = true;
    start = start - left.length + ap.index + ap[0].indexOf(ap[1]);
  }
  return { text: text.slice(start, end), value, unit, approx, start, end, ...(currency ? { currency } : {}) };
}
