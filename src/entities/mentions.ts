/**
 * Finds proper-name mentions in clean text: runs of capitalised words ("Кім Чен Ин", "Robert Heller",
 * "Жан-Ів Ле Дріан") and all-capital abbreviations ("РФ", "КНДР", "USDA").
 *
 * A capitalised word at a sentence start is a name only when the text never uses the same stem in lower case
 * (so "Своєю", "Президенти", "The" are not names, "Путін" is).
 */
import type { Span } from "../article.js";
import { FUNCTION_WORDS, ROLE_STEMS, ROLE_EN_WORDS, SPEECH_VERBS } from "../attribution/lexicon.js";
import { words, type Word } from "../attribution/text.js";
import { guessNominative, lowerNameStem, nameStem } from "./names.js";
import { analysesOf } from "../morph/lemmatizer.js";
import { lookupName } from "./lookup.js";

/** The dictionary knows the word as a proper noun (Алла, Володимир), for uk and ru. */
function properNoun(word: string, lang: string): boolean {
  if (lang !== "uk" && lang !== "ru") return false;
  return analysesOf(word, lang).some((a) => a.pos === "PROPN");
}

/** A known place or body (gazetteer), in any case form, read with the article's lemmatiser (uk, ru). */
function isPlace(word: string, lang: string): boolean {
  const e = lookupName(word, lang === "uk" || lang === "ru" ? lang : undefined);
  return !!e && e.type !== "PER";
}

export interface NameMention extends Span {
  text: string;
  /** Words of the mention. */
  parts: Word[];
  /** `nameStem` of each part. */
  stems: string[];
  abbrev: boolean;
  /** The name in the nominative and its type, when the finder knows them (an adjective-and-noun body). */
  nominative?: string;
  type?: "ORG" | "LOC";
}

/**
 * Nouns that an adjective with a capital makes into a body's or a place's name, by lemma: Державна дума,
 * Білий дім, Верховний суд, Следственный комитет, Первый канал, Чорне море.
 */
const BODY_HEADS = new Map<string, "ORG" | "LOC">([
  ...`дума рада суд комитет комітет служба церковь церква дом дім департамент прокуратура банк союз фонд партия партія
  собрание палата совет министерство міністерство управление управління академия академія университет університет
  армия армія флот гвардия гвардія канал газета агентство театр музей комиссия комісія инспекция інспекція бюро
  собор конгресс конгрес парламент правительство уряд администрация адміністрація`
    .split(/\s+/)
    .map((w) => [w, "ORG"] as [string, "ORG"]),
  ...`море океан остров острів озеро область район край округ`.split(/\s+/).map((w) => [w, "LOC"] as [string, "LOC"]),
]);

/** Endings every uk/ru adjective form has (a vowel, й, or -м/-х of -им/-их/-ом/-ых): Путін, Київ are passed over. */
const ADJ_FORM_END = /[аяеєуюіїйоыэиёмх]$/;

/** The first three letters of the body nouns' forms (дім, дому: both). */
const BODY_HEAD_STARTS = new Set([...[...BODY_HEADS.keys()].map((w) => w.slice(0, 3)), "дом"]);

/**
 * A capitalised adjective `adj` before the lower-case word `noun`: the body's name (nominative, the adjective
 * agreeing with the noun) when the noun is a body's or place's noun; false when it is another noun (the adjective
 * alone is then no name); null when the dictionary does not read them as adjective and noun.
 */
function adjectiveName(adj: Word, noun: Word, lang: string): { name: string; type: "ORG" | "LOC" } | false | null {
  const as = analysesOf(adj.text, lang);
  if (!as.length || as.some((a) => a.pos === "PROPN") || !as.some((a) => a.pos === "ADJ")) return null;
  const ns = analysesOf(noun.text, lang);
  if (!ns.length || ns.some((a) => a.pos === "VERB" || a.pos === "ADJ")) return null;
  const n = ns.find((a) => a.pos === "NOUN");
  if (!n) return null;
  const type = BODY_HEADS.get(n.lemma.toLowerCase());
  if (!type) return false;
  const lemma = as.find((a) => a.pos === "ADJ")!.lemma.toLowerCase();
  const g = /(?:нн|тт|мн|мм)я$/.test(n.lemma) || /[оеє]$/.test(n.lemma) || n.lemma === "бюро" ? "n" : /[ая]$/.test(n.lemma) || /(?:ковь|асть)$/.test(n.lemma) ? "f" : "m";
  // The capitals as written (Івано-Франківській → Івано-Франківська).
  return { name: keepCapitals(agreeAdjective(lemma, g, lang), adj.text) + " " + n.lemma.toLowerCase(), type };
}

/**
 * The nominative of a body's name written as a capitalised adjective and a capitalised noun in any case
 * (Верховного Суду → Верховний Суд, Генеральної прокуратури's kind), or null when the dictionary does not read
 * the words as an adjective and a noun.
 */
export function adjectiveNounNominative(adj: string, noun: string, lang: string): string | null {
  const as = analysesOf(adj, lang);
  const ns = analysesOf(noun, lang);
  if (!as.length || !ns.length || as.some((a) => a.pos === "PROPN") || ns.some((a) => a.pos === "PROPN" || a.pos === "ADJ")) return null;
  const a = as.find((x) => x.pos === "ADJ");
  const n = ns.find((x) => x.pos === "NOUN");
  if (!a || !n) return null;
  const nl = n.lemma.toLowerCase();
  const g = /(?:нн|тт|мн|мм)я$/.test(nl) || /[оеє]$/.test(nl) ? "n" : /[ая]$/.test(nl) || /(?:ковь|асть)$/.test(nl) ? "f" : "m";
  return keepCapitals(agreeAdjective(a.lemma.toLowerCase(), g, lang), adj) + " " + keepCapitals(nl, noun);
}

/** `lower` with the capitals of `written` where the two run alike (Івано-франківська → Івано-Франківська). */
export function keepCapitals(lower: string, written: string): string {
  let out = "";
  for (let k = 0; k < lower.length; k++) out += k < written.length && written[k] !== written[k].toLowerCase() ? lower[k].toUpperCase() : lower[k];
  return out;
}

/** The masculine nominative of an adjective (державний, государственный) in the gender `g`. */
function agreeAdjective(lemma: string, g: "m" | "f" | "n", lang: string): string {
  if (g === "m") return lemma;
  const f = g === "f";
  if (lang === "uk") {
    if (lemma.endsWith("ій")) return lemma.slice(0, -2) + (f ? "я" : "є");
    if (lemma.endsWith("ий")) return lemma.slice(0, -2) + (f ? "а" : "е");
    return lemma;
  }
  if (/ний$/.test(lemma)) return lemma.slice(0, -2) + (f ? "яя" : "ее");
  if (/[гкх]ий$/.test(lemma)) return lemma.slice(0, -2) + (f ? "ая" : "ое");
  if (/[жшчщ]ий$/.test(lemma)) return lemma.slice(0, -2) + (f ? "ая" : "ее");
  if (/(?:ый|ой)$/.test(lemma)) return lemma.slice(0, -2) + (f ? "ая" : "ое");
  return lemma;
}

/** An initial: one capital, or a capital and a small letter (Дж., Ал.). */
const INITIAL = /^\p{Lu}\p{Ll}?$/u;
const HONORIFICS = new Set(["Mr", "Ms", "Dr", "St", "Jr", "Sr", "Mt", "Ft", "Gen", "Lt", "Col", "Sen", "Rep", "Gov"]);

/** English words that open sentences and headings and are never names by themselves. */
const EN_NOT_NAMES = new Set(
  `what why how oh yes well several another many some most few each every both all any such other others more less
  now still yet however meanwhile instead perhaps maybe even only just according despite although though while since
  because until unless once whether there here today tonight tomorrow yesterday`.split(/\s+/),
);

/** Generational suffixes after a surname. */
const NAME_SUFFIXES = new Set(["Jr", "Sr", "II", "III", "IV"]);

/** Lower-case particles inside names: "Ле Дріан", "van Gogh", "ibn Saud". */
const PARTICLES = new Set(["ле", "де", "да", "дю", "фон", "ван", "ібн", "ибн", "бен", "аль", "van", "von", "de", "da", "du", "le", "al", "bin", "ibn", "der", "den"]);

const MONTHS_DAYS = new Set(
  `january february march april may june july august september october november december monday tuesday wednesday
  thursday friday saturday sunday jan feb mar apr jun jul aug sep sept oct nov dec`.split(/\s+/),
);

/**
 * The most words one name mention may have. Real names run to four or five words ("Жан-Ів Ле Дріан", "Ali Akbar
 * Hashemi Rafsanjani", "Комітет Верховної Ради України"); two names side by side to about eight.
 */
export const MAX_NAME_WORDS = 8;

/** Starts with a capital. Asked for every word several times: ASCII and Cyrillic are decided by code point. */
const isUpper = (w: string) => {
  const c = w.charCodeAt(0);
  if (c < 0x80) return c >= 65 && c <= 90;
  if (c >= 0x430 && c <= 0x45f) return false;
  if (c >= 0x400 && c <= 0x42f) return true;
  return /^\p{Lu}/u.test(w);
};

/** A capital letter (code point test for ASCII and basic Cyrillic, the pattern for the rest). */
const UPPER_CHAR = /^\p{Lu}$/u;
function isUpperChar(c: number): boolean {
  if (c < 0x80) return c >= 65 && c <= 90;
  if (c >= 0x430 && c <= 0x45f) return false;
  if (c >= 0x400 && c <= 0x42f) return true;
  return UPPER_CHAR.test(String.fromCharCode(c));
}

/** A lower-case ASCII or basic Cyrillic letter. */
const basicLower = (c: number) => (c >= 97 && c <= 122) || (c >= 0x430 && c <= 0x45f);

/**
 * An abbreviation: 2–6 capitals (РФ, USDA), or capitals with dots (U.S, U.K., D.C). Read by code point: asked for
 * every capitalised word.
 */
export function isAbbrev(w: string): boolean {
  const n = w.length;
  if (n < 2) return false;
  for (let i = 0; i < n; i++) {
    const c = w.charCodeAt(i);
    // Letters outside the Basic Multilingual Plane: the patterns count code points.
    if (c >= 0xd800 && c <= 0xdfff) return /^[\p{Lu}]{2,6}$/u.test(w) || /^(?:\p{Lu}\.){2,3}$/u.test(w + ".") || /^(?:\p{Lu}\.)+\p{Lu}$/u.test(w);
  }
  if (w.charCodeAt(1) !== 46) {
    // No dot after the first letter: only the 2–6 capitals shape can match.
    if (n > 6) return false;
    for (let i = 0; i < n; i++) if (!isUpperChar(w.charCodeAt(i))) return false;
    return true;
  }
  // Letter, dot, letter … ending in a letter (U.S, U.S.A): an odd length, capitals at even places, dots between.
  if (n % 2 === 0) return false;
  for (let i = 0; i < n; i += 2) {
    if (!isUpperChar(w.charCodeAt(i))) return false;
    if (i + 1 < n && w.charCodeAt(i + 1) !== 46) return false;
  }
  return true;
}

/** ROLE_STEMS as a trie by character code, each stem's node carrying its length. */
interface RoleNode {
  stem: number;
  next: Map<number, RoleNode>;
}
let roleTrie: RoleNode | null = null;
function roleStemTrie(): RoleNode {
  if (roleTrie) return roleTrie;
  const root: RoleNode = { stem: 0, next: new Map() };
  for (const s of ROLE_STEMS) {
    let node = root;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      let child = node.next.get(c);
      if (!child) node.next.set(c, (child = { stem: 0, next: new Map() }));
      node = child;
    }
    node.stem = s.length;
  }
  return (roleTrie = root);
}

/** A role word: an English role, or a uk/ru role stem followed by at most 2 letters (stems of ≤ 4) or 4. */
function isRoleWord(lower: string): boolean {
  if (ROLE_EN_WORDS.has(lower)) return true;
  let node: RoleNode | undefined = roleStemTrie();
  for (let i = 0; i < lower.length; i++) {
    node = node.next.get(lower.charCodeAt(i));
    if (!node) return false;
    if (node.stem && lower.length - node.stem <= (node.stem <= 4 ? 2 : 4)) return true;
  }
  return false;
}

/** True when position `pos` starts a sentence (or a paragraph, a quote, a dialogue line). */
const OPENERS = /[\s«„“"‚(\[–—-]/;
function atSentenceStart(text: string, pos: number): boolean {
  let i = pos - 1;
  // Usually one space back: a plain space is decided without the pattern.
  while (i >= 0 && text[i] !== "\n" && (text[i] === " " || OPENERS.test(text[i]))) i--;
  if (i < 0 || text[i] === "\n") return true;
  const c = text[i];
  return c === "." || c === "!" || c === "?" || c === "…" || c === ":";
}

/**
 * For each word, the kind of stretch it stands in, or null when the text has no such stretch:
 *  - CAPS: a line or sentence of at least three words of two or more letters, seven in ten of them in capitals;
 *  - TITLE (English): a headline in Title Case, a whole line of at least four words, seven in ten of them
 *    capitalised, among them a capitalised function word ("Several Killed As Storm Hits Texas Coast").
 */
const CAPS = 1;
const TITLE = 2;
const TITLE_FUNCTION_WORDS = new Set(["as", "in", "of", "the", "to", "for", "with", "and", "on", "at", "by", "from", "after", "over", "is", "are", "a", "an"]);
function capsLines(text: string, ws: Word[], upper: boolean[], lang: string): number[] | null {
  let out: number[] | null = null;
  let k = 0;
  while (k < ws.length) {
    let e = k;
    let words = 0;
    let capital = 0;
    let initials = 0;
    let fn = false;
    let lineOnly = true;
    for (; e < ws.length; e++) {
      // A stretch ends at a line break or an end mark between two words.
      if (e > k) {
        const end = endsStretch(text, ws[e - 1].end, ws[e].start);
        if (end === 2) break;
        if (end === 1) {
          lineOnly = false;
          break;
        }
      }
      const t = ws[e].text;
      if (t.length < 2) continue;
      words++;
      if (!upper[e]) continue;
      initials++;
      if (!basicLower(t.charCodeAt(1)) && t === t.toUpperCase()) capital++;
      else if (e > k && TITLE_FUNCTION_WORDS.has(ws[e].lower)) fn = true;
    }
    const kind =
      words >= 3 && capital >= words * 0.7
        ? CAPS
        : lang === "en" && lineOnly && fn && words >= 4 && initials >= words * 0.7 && lineStartsAt(text, ws[k].start)
          ? TITLE
          : 0;
    if (kind) {
      out ??= new Array(ws.length).fill(0);
      for (let j = k; j < e; j++) out[j] = kind;
    }
    k = e;
  }
  return out;
}

/** Only spaces between the line's start and `pos`. */
function lineStartsAt(text: string, pos: number): boolean {
  for (let i = pos - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === 10) return true;
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

/** 2: a line break between two words; 1: an end mark; 0: neither. */
function endsStretch(text: string, from: number, to: number): number {
  let r = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) return 2;
    if (c === 46 || c === 33 || c === 63 || c === 0x2026) r = 1;
  }
  return r;
}

/** The apostrophes and ё a stem folds ('’ʼ` → ', ё → е). */
function foldCode(c: number): number {
  if (c === 0x2019 || c === 0x2bc || c === 0x60) return 0x27;
  return c === 0x451 ? 0x435 : c;
}

/**
 * The first `len` (2 or 3) characters of a lower-case word, folded, hashed into a small integer (a small integer
 * is stored and hashed without allocation; two prefixes that share a key only cost a needless stem).
 */
function prefixKey(s: string, len: 2 | 3): number {
  const a = foldCode(s.charCodeAt(0));
  const b = foldCode(s.charCodeAt(1));
  const k = ((a * 1031 + b) | 0) & 0x3fffffff;
  return len === 2 ? k : (((k * 1031) | 0) + foldCode(s.charCodeAt(2))) & 0x3fffffff;
}

export function findNameMentions(text: string, lang = "uk"): NameMention[] {
  const ws = words(text);
  // Each word's capital, and each capitalised word's stem, found once: the rules below ask about the same word
  // several times, and only about capitalised words.
  const n = ws.length;
  const upper: boolean[] = new Array(n);
  const stems: string[] = new Array(n);
  // First letters of the capitalised words' stems (three, or two for a two-letter stem), as numbers.
  const capKey3 = new Set<number>();
  const capKey2 = new Set<number>();
  for (let k = 0; k < n; k++) {
    const w = ws[k];
    const up = isUpper(w.text);
    upper[k] = up;
    if (!up) {
      stems[k] = "";
      continue;
    }
    const st = lowerNameStem(w.lower);
    stems[k] = st;
    if (st.length >= 3) capKey3.add(prefixKey(st, 3));
    else capKey2.add(prefixKey(st, 2));
  }
  const spaceAfter = (k: number) => ws[k].end + 1 === ws[k + 1].start && text.charCodeAt(ws[k].end) === 32;
  // Stems the text uses in lower case: a capitalised sentence-initial word with such a stem is not a name. Only
  // capitalised words' stems are ever looked up, so a lower-case word is stemmed only when its first letters
  // (folded as the stem folds them) begin one of theirs.
  const lowerStems = new Set<string>();
  for (let k = 0; k < n; k++) {
    if (upper[k]) continue;
    const low = ws[k].lower;
    // A word of 4+ letters has a stem of 2+ letters that begins it (the ending rules leave 2 or 3 letters).
    if (low.length >= 4 && !capKey3.has(prefixKey(low, 3)) && !capKey2.has(prefixKey(low, 2))) continue;
    const st = lowerNameStem(low);
    lowerStems.add(st);
    // Name stems keep -ов/-ев/-ів (surnames: Лавров); a common noun's genitive plural (українців, громадян)
    // shares its stem with the other forms once that ending is off too.
    if (st.length >= 5 && /(?:ів|ов|ев)$/.test(st)) lowerStems.add(st.slice(0, -2));
  }
  // Stems seen capitalised inside a sentence: those are names wherever they stand.
  const pairs = new Map<string, number>();
  for (let k = 0; k + 1 < ws.length; k++) {
    if (upper[k] && upper[k + 1] && spaceAfter(k)) {
      const key = stems[k] + " " + stems[k + 1];
      pairs.set(key, (pairs.get(key) ?? 0) + 1);
    }
  }
  const midStems = new Set<string>();
  const sentenceStart: boolean[] = ws.map((w, k) => upper[k] && atSentenceStart(text, w.start));
  // Lines in capitals (headlines, section heads: "СУД ПРИГОВОРИЛ ФЕЛЬДМАНА К ТРЕМ ГОДАМ"): their words are names
  // only when the gazetteer knows them (США, НАТО), and they say nothing about how the text writes a stem.
  const caps = capsLines(text, ws, upper, lang);
  for (let k = 0; k < ws.length; k++) if (upper[k] && !sentenceStart[k] && !caps?.[k]) midStems.add(stems[k]);
  const known = (w: Word) => lookupName(w.text, lang === "uk" || lang === "ru" ? lang : undefined) !== null;
  // A surname in capitals after a first name in a line of ordinary text (Михаил ФЕЛЬДМАН, Іван ПЕТРЕНКО): part of
  // the name, written in the ordinary way in the name's words.
  // Stems the text writes as names in the ordinary way inside sentences (Фельдман): a Cyrillic word in capitals
  // in ordinary text with such a stem is that name (адвокат ФЕЛЬДМАНА).
  let titleStems: Set<string> | null = null;
  const capsOfName = (i: number): boolean => {
    const t = ws[i].text;
    // (Seven letters or more: shorter words in capitals stay abbreviations, ГАЗА and ХАМАС alike.)
    if (caps?.[i] || t.length < 7 || basicLower(t.charCodeAt(1)) || !/^[А-ЯІЇЄҐЁ]+$/.test(t)) return false;
    if (!titleStems) {
      titleStems = new Set();
      for (let k = 0; k < n; k++) if (upper[k] && !sentenceStart[k] && !caps?.[k] && basicLower(ws[k].text.charCodeAt(1))) titleStems.add(stems[k]);
    }
    return titleStems.has(stems[i]) && !known(ws[i]);
  };
  const capsSurname = (i: number): boolean => {
    const w = ws[i];
    const prev = ws[i - 1];
    if (!prev || caps?.[i] === CAPS || !upper[i] || w.text.length < 4 || !spaceAfter(i - 1)) return false;
    if (!/^[А-ЯІЇЄҐЁ]+(?:-[А-ЯІЇЄҐЁ]+)?$/.test(w.text)) return false;
    return /^[А-ЯІЇЄҐЁ][а-яіїєґё'’]+$/.test(prev.text) && properNoun(prev.text, lang) && !known(w);
  };

  const capitalised = (w: Word, i: number): boolean => {
    if (!upper[i]) return false;
    const lw = w.lower;
    if (MONTHS_DAYS.has(lw.charCodeAt(lw.length - 1) === 115 ? lw.replace(/['’]s$/, "") : lw)) return false;
    if (caps?.[i] === CAPS) return known(w);
    // In a Title Case headline, a name is a word the text also capitalises inside its sentences, or a known one.
    if (caps?.[i] === TITLE && !isAbbrev(w.text) && !midStems.has(stems[i]) && !known(w)) return false;
    if (isAbbrev(w.text)) return true;
    // Titles capitalised out of respect ("радник Президента") are roles, not names, when the text also uses the
    // word as a common noun or it is a head-of-state title.
    if (isRoleWord(w.lower) && (lowerStems.has(stems[i]) || /^(президент|прем|премьер|міністр|министр|генерал|патріарх|патриарх|митрополит)/.test(w.lower))) return false;
    // ALL-CAPS headline words are not names.
    if (w.text.length > 6 && !basicLower(w.text.charCodeAt(1)) && w.text === w.text.toUpperCase() && /\p{L}{7}/u.test(w.text)) {
      return false;
    }
    const prevWord = ws[i - 1];
    const startsSentence = sentenceStart[i];
    const joined = prevWord && spaceAfter(i - 1) && upper[i - 1] && !sentenceStart[i - 1];
    // An English contraction is read by its first part (It’s, I’m, I’ve: it, i).
    const apo = lang === "en" ? lw.search(/['’ʼ]/) : -1;
    const base = apo > 0 ? lw.slice(0, apo) : lw;
    const fw = FUNCTION_WORDS.has(base) || (lang === "en" && EN_NOT_NAMES.has(base));
    if (startsSentence || (fw && !joined)) {
      if (fw) return false;
      if (isRoleWord(w.lower)) return false;
      if (lowerStems.has(stems[i])) return false;
      // A sentence-initial word is a name only if the text also capitalises it inside a sentence, or a
      // capitalised word follows it ("Володимир Путін заявив").
      const next = ws[i + 1];
      // "Володимир Путін заявив" opening a sentence: kept when the pair recurs in the text.
      const nextCap = next && spaceAfter(i) && upper[i + 1] && !FUNCTION_WORDS.has(next.lower) &&
        (lang === "en" || (pairs.get(stems[i] + " " + stems[i + 1]) ?? 0) >= 2);
      // English: "Reagan has said", "Heller warned" — a capitalised word right before a verb opening the sentence.
      const enSubject = lang === "en" && next && /^\s+$/.test(text.slice(w.end, next.start)) &&
        (/^(has|had|was|is|will|would|also|later|then)$/.test(next.lower) || SPEECH_VERBS.get(next.lower)?.lang === "en");
      if (startsSentence && !midStems.has(stems[i]) && !nextCap && !enSubject && !properNoun(w.text, lang)) return false;
    }
    return true;
  };

  const out: NameMention[] = [];
  let run: Word[] = [];
  // The name and type of an adjective-and-noun body the run is (see adjectiveName).
  let runName: { name: string; type: "ORG" | "LOC" } | null = null;
  // An initial (one capital, a period, a space) inside a name, after a first name (James P. Kennedy) or opening
  // it after a lower-case word (told J. Smith), followed by a capitalised word that is no common word of the text.
  const afterInitial = (i: number): boolean => {
    const w = ws[i];
    const r = run.length;
    if (!r || !upper[i] || runAt[r - 1] !== i - 1) return false;
    const ini = run[r - 1];
    if (!INITIAL.test(ini.text) || HONORIFICS.has(ini.text) || !upper[i - 1]) return false;
    if (ini.end + 2 !== w.start || text.charCodeAt(ini.end) !== 46 || text.charCodeAt(ini.end + 1) !== 32) return false;
    if (FUNCTION_WORDS.has(w.lower) || lowerStems.has(stems[i]) || isAbbrev(w.text) || caps?.[i]) return false;
    // The word after it is a name by itself: capitalised inside a sentence elsewhere, known, or followed by a
    // capitalised word (Kennedy Jr.).
    const next = ws[i + 1];
    if (!midStems.has(stems[i]) && !known(w) && !(next && upper[i + 1] && w.end + 1 === next.start)) return false;
    if (r >= 2) return /^\p{Lu}\p{Ll}/u.test(run[r - 2].text) && !lowerStems.has(stems[runAt[r - 2]]);
    const before = ws[i - 2];
    return !!before && !upper[i - 2] && !endsStretch(text, before.end, ini.start);
  };
  // The run's words' indexes in `ws`.
  let runAt: number[] = [];
  const flush = () => {
    // Drop a trailing particle.
    while (run.length && PARTICLES.has(run[run.length - 1].lower)) {
      run.pop();
      runAt.pop();
    }
    // English titles before a name ("Defense Secretary Caspar Weinberger", "President Reagan"): the name is what
    // follows the last title word.
    if (lang === "en" && run.length > 1) {
      let k = -1;
      for (let i = 0; i < run.length - 1; i++) if (ROLE_EN_WORDS.has(run[i].lower)) k = i;
      if (k >= 0) {
        run = run.slice(k + 1);
        runAt = runAt.slice(k + 1);
      }
    }
    // One letter (S in S&P, a stray initial) or a title's abbreviation (Gov., St.) is no name by itself.
    if (run.length === 1 && (run[0].text.length === 1 || (HONORIFICS.has(run[0].text) && text.charCodeAt(run[0].end) === 46))) run = [];
    if (run.length) {
      // Stems: a capitalised word's is known; a particle inside the run (Ле, van) is stemmed here.
      const runStems = runAt.map((k) => (upper[k] ? stems[k] : lowerNameStem(ws[k].lower)));
      // A generational suffix ends the mention but is not a word of the name: "James P. Kennedy Jr." is James P.
      // Kennedy, whom a later "Kennedy" joins.
      let suffixEnd = -1;
      if (run.length >= 2 && NAME_SUFFIXES.has(run[run.length - 1].text)) {
        const sfx = run.pop()!;
        runAt.pop();
        runStems.pop();
        suffixEnd = text.charCodeAt(sfx.end) === 46 && /^(?:Jr|Sr)$/.test(sfx.text) ? sfx.end + 1 : sfx.end;
      }
      // English possessive: "Ravi Batra's book" names Ravi Batra.
      const lastW = run[run.length - 1];
      const poss = /['’]s$/.test(lastW.text) ? 2 : 0;
      if (poss) {
        run[run.length - 1] = { ...lastW, end: lastW.end - 2, text: lastW.text.slice(0, -2), lower: lastW.lower.slice(0, -2) };
        runStems[run.length - 1] = nameStem(run[run.length - 1].text);
      }
      // A run longer than any name (a Title Case headline, a list of names without commas, hostile input) is cut
      // into windows of MAX_NAME_WORDS: every later rule then works on bounded runs.
      for (let s = 0; s < run.length; s += MAX_NAME_WORDS) {
        const part = run.slice(s, s + MAX_NAME_WORDS);
        const a = part[0].start;
        const b = suffixEnd >= 0 && s + MAX_NAME_WORDS >= run.length ? suffixEnd : part[part.length - 1].end;
        out.push({
          start: a,
          end: b,
          text: text.slice(a, b),
          parts: part,
          stems: runStems.slice(s, s + MAX_NAME_WORDS),
          abbrev: part.length === 1 && isAbbrev(part[0].text),
          ...(runName ? { nominative: runName.name, type: runName.type } : {}),
        });
      }
    }
    run = [];
    runAt = [];
    runName = null;
  };
  for (let i = 0; i < ws.length; i++) {
    let w = ws[i];
    let cap: boolean;
    if (upper[i] && ((capsSurname(i) && run.length > 0 && run[run.length - 1] === ws[i - 1]) || capsOfName(i))) {
      cap = true;
      w = { ...w, text: w.text[0] + w.lower.slice(1) };
    } else if (afterInitial(i)) {
      // The name goes on past an initial (James P. Kennedy, Дж. Байден): the initial keeps its period.
      const ini = run[run.length - 1];
      run[run.length - 1] = { ...ini, text: ini.text + "." };
      run.push(w);
      runAt.push(i);
      continue;
    } else cap = capitalised(w, i);
    // A capitalised adjective before a lower-case noun (uk/ru): with a body's or place's noun it is that body's
    // name (Государственную думу, Білого дому); with another noun it is no name (Российская экономика).
    // (A word that is no name by the rules above matters only before a body's noun: the dictionary is asked
    // about it only then.)
    if (
      (cap || (sentenceStart[i] && i + 1 < ws.length && BODY_HEAD_STARTS.has(ws[i + 1].lower.slice(0, 3)))) &&
      run.length === 0 && (lang === "uk" || lang === "ru") && i + 1 < ws.length && !upper[i + 1] && spaceAfter(i) && !caps?.[i] &&
      ADJ_FORM_END.test(w.lower) && !FUNCTION_WORDS.has(ws[i + 1].lower)
    ) {
      const body = adjectiveName(w, ws[i + 1], lang);
      if (body === false || (body === null && !cap)) {
        flush();
        continue;
      }
      if (body) {
        run.push(w, ws[i + 1]);
        runAt.push(i, i + 1);
        runName = body;
        i++;
        flush();
        continue;
      }
    }
    const particle = !cap && run.length > 0 && PARTICLES.has(w.lower) && ws[i + 1] && isUpper(ws[i + 1].text);
    if (cap || particle) {
      const prev = run[run.length - 1];
      // A run continues only over a single space (not over punctuation, quotes or line breaks).
      if (prev && (text.slice(prev.end, w.start) !== " " || (isAbbrev(w.text) !== isAbbrev(prev.text) && !particle))) flush();
      run.push(w);
      runAt.push(i);
    } else flush();
  }
  flush();
  return splitJoined(out, lang);
}

/**
 * Splits runs that join two names side by side ("Росії Кім Чен Ин" in "Президенти Північної Кореї і Росії Кім Чен
 * Ин"; "президента Украины Петр Порошенко"): at the first point where the head's first word is also used on its
 * own elsewhere and the rest is a run found elsewhere (or ends in a surname used alone elsewhere).
 */
function splitJoined(ms: NameMention[], lang: string): NameMention[] {
  // Each mention's word stems, found once; mentions have at most MAX_NAME_WORDS words, so the split points
  // tried below are bounded per mention.
  const keys = ms.map((m) => (m.stems.length === 1 ? m.stems[0] : m.stems.join(" ")));
  const runKeys = new Map<string, number>();
  for (const k of keys) runKeys.set(k, (runKeys.get(k) ?? 0) + 1);
  const out: NameMention[] = [];
  const make = (ps: Word[], st: string[], text: string, base: number): NameMention => {
    const s = ps[0].start;
    const e = ps[ps.length - 1].end;
    return { start: s, end: e, text: text.slice(s - base, e - base), parts: ps, stems: st, abbrev: ps.length === 1 && /^[\p{Lu}]{2,6}$/u.test(ps[0].text) };
  };
  for (let j = 0; j < ms.length; j++) {
    const m = ms[j];
    const st = m.stems;
    const n = m.parts.length;
    if (n < 2 || m.nominative) {
      out.push(m);
      continue;
    }
    const whole = runKeys.get(keys[j]) ?? 0;
    let done = false;
    for (let k = 1; k < n && !done; k++) {
      const restLen = n - k;
      const headSeen = runKeys.has(k === 1 ? st[0] : st.slice(0, k).join(" "));
      const restSeen = restLen >= 2 && runKeys.has(st.slice(k).join(" "));
      const surnameAlone = restLen >= 2 && runKeys.has(st[n - 1]);
      // A head in an oblique case ("України", "России") before a two-word name is a separate name.
      const headWord = m.parts[0].text;
      const oblique = k === 1 && guessNominative(headWord) !== headWord;
      const place = oblique && isPlace(headWord, lang);
      const obliqueHead = oblique && restLen >= 2 && headSeen;
      if (place || ((headSeen || obliqueHead) && (restSeen || surnameAlone || obliqueHead) && whole === 1)) {
        out.push(make(m.parts.slice(0, k), st.slice(0, k), m.text, m.start), make(m.parts.slice(k), st.slice(k), m.text, m.start));
        done = true;
      }
    }
    if (!done) out.push(m);
  }
  return out.sort((a, b) => a.start - b.start);
}
