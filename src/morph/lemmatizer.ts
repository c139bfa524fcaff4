/**
 * Lemmas and POS for uk/ru/en words, alone or in a sentence.
 *
 * Ukrainian and Russian: the dictionary (AffixLexicon) lists the lemmas a form can have; in a sentence the
 * context tagger (Ukrainian) picks the part of speech and so the lemma; the lemma memory learned from UD fixes
 * the words whose UD lemma differs from the dictionary's (pronouns: його → він); words the dictionary lacks go
 * to the learned suffix rules. English: light rules (en.ts).
 *
 * Resources load lazily, once per process, from data/lexicon (or $DZHERELO_LEXICON).
 */
import { existsSync, readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { AffixLexicon, type LexAnalysis } from "./affix.js";
import { SuffixTable } from "./suffix.js";
import { Tagger, type TaggerModel } from "./tagger.js";
import { EN_FUNCTION_WORDS, lemmatizeEn } from "./en.js";

export interface WordAnalysis {
  lemma: string;
  pos: string;
  /** Morphological features the table knows (few: the dictionary gives paradigms, not feature bundles). */
  feats: Record<string, string>;
}

export const LEXICON_DIR = resolve(
  process.env.DZHERELO_LEXICON ?? join(dirname(fileURLToPath(import.meta.url)), "..", "..", "data", "lexicon"),
);

interface LangResources {
  lang: string;
  lex: AffixLexicon | null;
  suffix: SuffixTable | null;
  tagger: Tagger | null;
  /** Closed-class paradigms the dictionary lists only as bare forms: lowercase form → readings. */
  closed: Map<string, { lemma: string; pos: string }[]>;
  /** Lengths of the closed-class forms that have a VERB or AUX reading (the prefixed-verb check). */
  closedVerbLen: Set<number>;
  /** How often each lemma was seen unambiguously in raw news text: breaks ties between readings. */
  prior: Map<string, number>;
  /** Dictionary candidates per word, memoised for the words met most recently. */
  cache: Map<string, Cand[]>;
  /** What is remembered of each word met in a sentence (see WordTable). */
  table: WordTable;
}

type Cand = LexAnalysis & { exact: boolean; closed: boolean };

const loaded = new Map<string, LangResources>();

function readGz(name: string): string | null {
  const p = join(LEXICON_DIR, name);
  if (!existsSync(p)) return null;
  return gunzipSync(readFileSync(p)).toString("utf8");
}

function readClosed(lang: string): Map<string, { lemma: string; pos: string }[]> {
  const m = new Map<string, { lemma: string; pos: string }[]>();
  const p = join(LEXICON_DIR, `${lang}-closed-class.json`);
  if (!existsSync(p)) return m;
  const data = JSON.parse(readFileSync(p, "utf8")) as { paradigms: string[] };
  for (const line of data.paradigms) {
    const [head, forms] = line.split(":");
    const [lemma, pos] = head.trim().split(/\s+/);
    for (const f of forms.trim().split(/\s+/)) {
      const l = m.get(f) ?? [];
      if (!l.some((x) => x.lemma === lemma && x.pos === pos)) l.push({ lemma, pos });
      m.set(f, l);
    }
  }
  return m;
}

/** The dictionary, suffix model, tagger and priors of a language (uk, ru), loaded on first use. */
export function resources(lang: string): LangResources {
  let r = loaded.get(lang);
  if (r) return r;
  const known = lang === "uk" || lang === "ru";
  const lexText = known ? readGz(`${lang}.lex.gz`) : null;
  const sfx = known ? readGz(`${lang}.suffix.json.gz`) : null;
  const tg = known ? readGz(`${lang}.tagger.json.gz`) : null;
  const pr = known ? readGz(`${lang}.prior.json.gz`) : null;
  const closed = known ? readClosed(lang) : new Map<string, { lemma: string; pos: string }[]>();
  r = {
    lang,
    lex: lexText ? AffixLexicon.parse(lexText) : null,
    suffix: sfx ? SuffixTable.fromJson(sfx) : null,
    tagger: tg ? new Tagger(JSON.parse(tg) as TaggerModel) : null,
    closed,
    closedVerbLen: new Set([...closed].filter(([, l]) => l.some((c) => c.pos === "VERB" || c.pos === "AUX")).map(([f]) => f.length)),
    prior: new Map(pr ? Object.entries(JSON.parse(pr) as Record<string, number>) : []),
    cache: new Map(),
    table: new WordTable(),
  };
  loaded.set(lang, r);
  return r;
}

const APOS = /[’ʼ`‘]/g;
const PUNCT = /^[\p{P}\p{S}]+$/u;
const NUMERIC = /^[\p{N}][\p{N}.,:\/-]*$/u;

/** The word starts with an ASCII letter or a letter of the Cyrillic block's first part (U+0400–U+0481). */
function startsWithLetter(w: string): boolean {
  const c = w.charCodeAt(0);
  return (c >= 0x400 && c <= 0x481) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

function lowerFirst(w: string): string {
  return w.charAt(0).toLowerCase() + w.slice(1);
}
function upperFirst(w: string): string {
  return w.charAt(0).toUpperCase() + w.slice(1);
}
function isCap(w: string): boolean {
  const c = w.charCodeAt(0);
  // ASCII and Cyrillic decided by code point; other scripts by the Unicode property.
  if (c < 0x80) return c >= 65 && c <= 90;
  if (c >= 0x410 && c <= 0x42f) return true;
  if (c >= 0x430 && c <= 0x45f) return false;
  return /^\p{Lu}/u.test(w);
}

/**
 * Ukrainian lemmas are written with the typographic apostrophe (’), as UD and most news do, whatever the
 * word used; Russian has none.
 */
function finishLemma(lemma: string, lang: string): string {
  return lang === "uk" && lemma.includes("'") ? lemma.replace(/'/g, "’") : lemma;
}

/** Bound of the per-word memos of analyses out of context (English words, analyzeWord). */
const CACHE_MAX = 50_000;
/** Bound of the dictionary-candidate memo: a word's candidates are asked for right after it is first met. */
const CAND_MAX = 20_000;

/** The word has an apostrophe variant, a stress mark or (Russian) ё to fold before look-up. */
function needsFolding(word: string, ru: boolean): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c === 0x2019 || c === 0x2bc || c === 0x60 || c === 0x2018 || c === 0x301) return true;
    if (ru && (c === 0x451 || c === 0x401)) return true;
  }
  return false;
}

/** The candidates of the word dictCandidates is working on (reused). */
const candidates: Cand[] = [];

/** Dictionary analyses of a word in any of its case variants, each marked with whether the case matched. */
function dictCandidates(r: LangResources, word: string): Cand[] {
  const hit = r.cache.get(word);
  if (hit) return hit;
  const lex = r.lex!;
  // Stress marks (a combining acute, U+0301) are not part of the spelling; the Russian table folds ё into е, as
  // most news writes it. (Most words have none of these: one scan instead of four replacements.)
  let w = word;
  if (needsFolding(word, r.lang === "ru")) {
    w = word.replace(APOS, "'").replace(/\u0301/g, "");
    if (r.lang === "ru") w = w.replace(/ё/g, "е").replace(/Ё/g, "Е");
  }
  const low = w.toLowerCase();
  // Collected in a reused array (dictCandidates does not nest) and copied out at its length.
  const out = candidates;
  out.length = 0;
  const closed = r.closed.get(low);
  if (closed) for (const c of closed) pushCand(out, { lemma: c.lemma, pos: c.pos, flag: "", bare: false, exact: true, closed: true });
  addAnalyses(out, lex, w, true);
  if (isCap(w)) {
    const lf = lowerFirst(w);
    if (lf !== w) addAnalyses(out, lex, lf, false);
    if (low !== lf) {
      // ALL-CAPS words: a name written in capitals (КИЄВА) or a common word in a headline.
      addAnalyses(out, lex, upperFirst(low), false);
      addAnalyses(out, lex, low, false);
    }
  }
  if (!closed && allBare(out)) {
    // Prefixed forms of the irregular verbs (зможуть → змогти, прибуде → прибути) when the dictionary
    // has the prefixed lemma.
    for (let i = 1; i <= 5 && i < low.length - 1; i++) {
      if (!r.closedVerbLen.has(low.length - i)) continue;
      for (const c of r.closed.get(low.slice(i)) ?? []) {
        if (c.pos !== "VERB" && c.pos !== "AUX") continue;
        const lemma = low.slice(0, i) + c.lemma;
        if (lex.hasLemma(lemma)) pushCand(out, { lemma, pos: "VERB", flag: "", bare: false, exact: true, closed: true });
      }
    }
  }
  if (r.lang === "uk" && noVerb(out)) {
    // Adverbial participles (стоячи, зробивши, сміючись): the dictionary lists them bare or not at all; their
    // verb is found through the form they are made from (стоять, зробив, сміються).
    const g = /[чш]и(сь)?$/.test(low) ? low.match(/^(.+)(чи|чись|ши|шись)$/) : null;
    if (g) {
      const refl = g[2].endsWith("сь");
      const bases = g[2].startsWith("ч") ? [g[1] + (refl ? "ться" : "ть")] : [g[1] + (refl ? "ся" : "")];
      for (const b of bases) for (const a of lex.analyze(b)) if (a.pos === "VERB") pushCand(out, { ...a, exact: true, closed: false });
    }
  }
  // A bare dictionary form that a closed-class paradigm explains is that paradigm's form, not a lemma.
  const result = anyClosed(out) ? out.filter((c) => !(c.bare && c.lemma.toLowerCase() === low)) : out.slice();
  if (r.cache.size > CAND_MAX) r.cache.clear();
  r.cache.set(word, result);
  return result;
}

/** Every candidate is a bare form (none has a paradigm). */
function allBare(cands: Cand[]): boolean {
  for (let i = 0; i < cands.length; i++) if (!cands[i].bare) return false;
  return true;
}

/** No candidate is a verb with a paradigm. */
function noVerb(cands: Cand[]): boolean {
  for (let i = 0; i < cands.length; i++) if (!cands[i].bare && cands[i].pos === "VERB") return false;
  return true;
}

function anyClosed(cands: Cand[]): boolean {
  for (let i = 0; i < cands.length; i++) if (cands[i].closed) return true;
  return false;
}

/** Adds a candidate unless one with its lemma and POS is there. */
function pushCand(out: Cand[], c: Cand): void {
  for (let i = 0; i < out.length; i++) if (out[i].lemma === c.lemma && out[i].pos === c.pos) return;
  out.push(c);
}

/** The analyses of one spelling (reused array: addAnalyses does not nest). */
const spelling: LexAnalysis[] = [];

/** Adds the dictionary analyses of one spelling of a word (`exact`: as written) to its candidates. */
function addAnalyses(out: Cand[], lex: AffixLexicon, form: string, exact: boolean): void {
  spelling.length = 0;
  lex.analyzeInto(form, spelling);
  for (const a of spelling) {
    // The dictionary builds adverbs in -о into adjective paradigms (довгий → довго); UD lemmatises an
    // adverb to itself. (-ого is the adjective's genitive, not an adverb.)
    if (a.pos === "ADJ" && a.flag && form.endsWith("о") && !form.endsWith("ого")) pushCand(out, { lemma: form, pos: "ADV", flag: "", bare: false, exact, closed: false });
    else {
      pushCand(out, { lemma: a.lemma, pos: a.pos, flag: a.flag, bare: a.bare, exact, closed: false });
      // A comparative's neuter (довше, краще) is also the comparative adverb.
      if (a.pos === "ADJ" && a.lemma.endsWith("ший") && form.endsWith("ше")) pushCand(out, { lemma: form, pos: "ADV", flag: "", bare: false, exact, closed: false });
    }
  }
}

/** POS groups whose lemmas may stand in for each other when the tag and the dictionary disagree. */
const POS_GROUP: Record<string, string> = {
  NOUN: "N", PROPN: "N", X: "N", ADJ: "A", DET: "A", PRON: "A", NUM: "A", VERB: "V", AUX: "V",
  ADV: "R", PART: "R", CCONJ: "C", SCONJ: "C", ADP: "C", INTJ: "R",
};

/** Whether the tag fitted the reading the last `choose` returned. */
let chosenFits = false;

/** Chooses a lemma among dictionary analyses for a word tagged `tag` (or untagged); whether the tag fit is left in `chosenFits`. */
function choose(cands: Cand[], tag: string | null, word: string, prior: Map<string, number>, close: string[] = []): Cand {
  let best = cands[0];
  let bestScore = -Infinity;
  let fits = false;
  for (const c of cands) {
    let s = 0;
    let fit = false;
    if (tag) {
      if (c.pos === tag) (s += 4), (fit = true);
      else if (POS_GROUP[c.pos] && POS_GROUP[c.pos] === POS_GROUP[tag]) (s += 2), (fit = true);
      else if (close.includes(c.pos)) (s += 2), (fit = true);
    }
    // A capitalised word tagged as a name keeps its capital lemma; otherwise the lowercase reading wins
    // (sentence-initial common words).
    const capLemma = isCap(c.lemma);
    if (tag === "PROPN" || (!tag && isCap(word) && c.exact)) s += capLemma ? 1 : 0;
    else s += capLemma ? 0 : 1;
    // The closed-class table is exact about its forms.
    if (c.closed) s += 1;
    // The form being a lemma with a paradigm is the likelier reading when nothing else decides.
    else if (c.flag === "" && !c.bare) s += 0.5;
    // UD lemmatises adjectives to the masculine nominative; a feminine/neuter adjective lemma is a noun
    // made from an adjective (українська "the language"), which the tagger would call NOUN.
    if (tag === "ADJ" && /(ий|ій|їй)$/.test(c.lemma)) s += 0.5;
    // Lemmas seen more often in news win ties (критики: критика over критик).
    const n = prior.get(c.lemma);
    if (n) s += PRIOR_WEIGHT * Math.log(1 + n);
    if (s > bestScore) (best = c), (bestScore = s), (fits = fit);
  }
  chosenFits = fits;
  return best;
}

/**
 * A number with a written ending: an ordinal (2015-го, 40-х, 11-ї) takes the nominative ending the UD
 * treebank uses (-ий after -го/-му/-им, -ій for a soft third, -й otherwise); a compound adjective
 * (14-річні) lemmatises its word part.
 */
function numericCompound(digits: string, rest: string, tag: string | null): { lemma: string; pos: string } {
  const low = rest.toLowerCase();
  if (low.length <= 3 && /^(го|му|им|ім|м|х|ї|й|і|а|у|ю|ою|ий|ій|ша|ше|ті)$/.test(low)) {
    if (/^(ий|ій|й)$/.test(low)) return { lemma: `${digits}-${low}`, pos: tag ?? "ADJ" };
    const third = /(^|[^1])3$/.test(digits);
    const hard = /^(го|му|им|ім|м)$/.test(low);
    return { lemma: `${digits}-${hard ? (third ? "ій" : "ий") : "й"}`, pos: tag ?? "ADJ" };
  }
  const inner = lemmaOf(low, "uk", tag === "PROPN" ? null : tag);
  return { lemma: `${digits}-${inner.lemma}`, pos: tag ?? inner.pos };
}

const PRIOR_WEIGHT = Number(process.env.DZHERELO_PRIOR_WEIGHT ?? 1.2);

/** The noun lemma of an adjective used as a noun: plural forms → -і, neuter forms → -е/-є; else unchanged. */
function substantivised(adjLemma: string, word: string): string {
  const m = adjLemma.match(/^(.*)(ий|ій|їй)$/);
  if (!m) return adjLemma;
  const w = word.toLowerCase();
  if (/(их|іх|ими|іми)$/.test(w) || (/і$/.test(w) && !/ій$/.test(w))) return m[1] + "і";
  if (/(е|є|ого|ього|ому|ьому|им|ім)$/.test(w)) return m[1] + (m[2] === "ий" ? "е" : "є");
  return adjLemma;
}

/** Function-word tags: a word so tagged with no dictionary reading of that kind is its own lemma. */
const SELF_LEMMA_TAGS = new Set(["ADV", "PART", "CCONJ", "SCONJ", "ADP", "INTJ"]);

/** Lemma + POS of one word given its tag (null when no tagger ran). */
function lemmaOf(word: string, lang: string, tag: string | null, close: string[] = [], initial = true): { lemma: string; pos: string } {
  // A word starting with a Latin or Cyrillic letter (most words) is no punctuation, number or number-word.
  const letter = startsWithLetter(word);
  if (!letter && PUNCT.test(word)) return { lemma: word, pos: tag ?? (/^\p{S}+$/u.test(word) ? "SYM" : "PUNCT") };
  if (!letter && NUMERIC.test(word)) return { lemma: word, pos: tag ?? "NUM" };
  if (lang === "en") return { lemma: lemmatizeEn(word), pos: tag ?? (isCap(word) ? "PROPN" : "X") };
  const num = letter ? null : word.match(/^(\p{N}+)[-‑–](\p{L}+)$/u);
  if (num && lang === "uk") return numericCompound(num[1], num[2], tag);
  const r = resources(lang);
  if (r.tagger && tag) {
    const m = r.tagger.memoryLemma(word, tag);
    if (m !== undefined) return { lemma: m, pos: tag };
    if (isCap(word) && tag !== "PROPN") {
      const m2 = r.tagger.memoryLemma(lowerFirst(word), tag);
      if (m2 !== undefined) return { lemma: m2, pos: tag };
    }
  }
  if (r.lex) {
    let cands = dictCandidates(r, word);
    // A capitalised word inside a sentence, or one tagged as a name, is not a pronoun or function word of the
    // closed-class table (Кім the name, not кім "whom").
    if (isCap(word) && (tag === "PROPN" || !initial)) cands = cands.filter((c) => !c.closed);
    if (cands.length) {
      const c = choose(cands, tag, word, r.prior, close);
      const fits = chosenFits;
      let lemma = c.lemma;
      if (tag && !fits && SELF_LEMMA_TAGS.has(tag)) lemma = word.toLowerCase();
      // An adjective used as a noun (майбутнього, молодих): UD's lemma is the neuter or the plural nominative.
      if (lang === "uk" && tag === "NOUN" && c.pos === "ADJ" && !cands.some((x) => x.pos === "NOUN")) lemma = substantivised(lemma, word);
      // A capital letter tagged as a name is an initial (В. Зеленський), not the preposition в.
      if (tag === "PROPN" && /^\p{Lu}$/u.test(word)) lemma = word;
      // UD writes proper-noun lemmas capitalised (Ради → Рада) even where the dictionary has only the common noun;
      // without a tagger (Russian), a capitalised word inside a sentence is taken for a name.
      const asName = tag === "PROPN" || (!tag && !initial && word !== word.toUpperCase());
      if (asName && isCap(word) && !isCap(lemma) && /^(NOUN|PROPN|ADJ|X)$/.test(c.pos)) lemma = upperFirst(lemma);
      return { lemma: finishLemma(lemma, lang), pos: tag ?? c.pos };
    }
  }
  if (/^[A-Za-z][A-Za-z'-]*$/.test(word)) return { lemma: word, pos: tag ?? "X" };
  // Hyphenated compounds the dictionary lacks inflect in their last part (військово-технічної →
  // військово-технічний, Інтерфакс-Україною → Інтерфакс-Україна).
  const hy = word.lastIndexOf("-");
  if (hy > 0 && hy < word.length - 1) {
    const tail = lemmaOf(word.slice(hy + 1), lang, tag);
    const tailLemma = isCap(word.slice(hy + 1)) || tag === "PROPN" ? tail.lemma : tail.lemma.toLowerCase();
    const head = word.slice(0, hy + 1);
    const keepHead = !isCap(word) || tag === "PROPN" || isCap(word.slice(hy + 1));
    return { lemma: finishLemma((keepHead ? head : lowerFirst(head)) + tailLemma, lang), pos: tag ?? tail.pos };
  }
  if (r.suffix && /^\p{L}[\p{L}'’ʼ-]*$/u.test(word) && word.length > 2) {
    const g = r.suffix.apply(word.replace(APOS, "'"));
    if (g) {
      let lemma = g.lemma;
      const pos = tag ?? g.pos;
      // A word the dictionary lacks that is capitalised inside a sentence is a name and keeps its capital;
      // at the start of a sentence only a word tagged as a name does.
      if (isCap(word) && initial && pos !== "PROPN" && word !== word.toUpperCase()) lemma = lowerFirst(lemma);
      return { lemma: finishLemma(lemma, lang), pos };
    }
  }
  return { lemma: finishLemma(word, lang), pos: tag ?? "X" };
}

function ambiguityClass(r: LangResources | null, word: string): string {
  if (!r?.lex) return PUNCT.test(word) ? "PUNCT" : NUMERIC.test(word) ? "NUM" : "?";
  if (PUNCT.test(word)) return "PUNCT";
  if (NUMERIC.test(word)) return "NUM";
  const c = dictCandidates(r, word);
  if (c.length === 1) return c[0].pos + (c[0].exact ? "" : "~");
  if (c.length === 0) return "?";
  // The distinct "POS" / "POS~" marks, sorted, joined with "+".
  const parts: string[] = [];
  for (const x of c) {
    const k = x.exact ? x.pos : x.pos + "~";
    if (!parts.includes(k)) parts.push(k);
  }
  return parts.length === 1 ? parts[0] : parts.sort().join("+");
}

/** The ambiguity class function the tagger was trained with (exported for the build). */
export function ambiguityFor(lang: string): (word: string) => string {
  const r = resources(lang);
  return (w) => ambiguityClass(r, w);
}

/**
 * Analyses per language and word, memoised: the entities stage asks about the same names many times per article
 * (place checks, gazetteer look-ups by lemma, canonical names). Callers get fresh copies (nominative() edits them).
 */
const analysisCache = new Map<string, Map<string, WordAnalysis[]>>();

/** All analyses of a word out of context: every dictionary lemma with its POS, else the guess. */
export function analyzeWord(word: string, lang: string): WordAnalysis[] {
  const list = analysesOf(word, lang);
  const out: WordAnalysis[] = new Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const a = list[i];
    out[i] = { lemma: a.lemma, pos: a.pos, feats: { ...a.feats } };
  }
  return out;
}

/**
 * The same analyses as `analyzeWord`, as the remembered list itself: for callers that only read them (the
 * gazetteer and name rules ask about every name), so no copies are made. Must not be modified.
 */
export function analysesOf(word: string, lang: string): readonly Readonly<WordAnalysis>[] {
  let byWord = analysisCache.get(lang);
  if (!byWord) analysisCache.set(lang, (byWord = new Map()));
  let list = byWord.get(word);
  if (!list) {
    list = analyzeWordUncached(word, lang);
    if (byWord.size > CACHE_MAX) byWord.clear();
    byWord.set(word, list);
  }
  return list;
}

function analyzeWordUncached(word: string, lang: string): WordAnalysis[] {
  if (lang === "uk" || lang === "ru") {
    const r = resources(lang);
    if (r.lex && !PUNCT.test(word) && !NUMERIC.test(word)) {
      const cands = dictCandidates(r, word);
      if (cands.length) {
        // The likeliest reading first (see choose()), then the others; a capitalised word is read as a name
        // before a pronoun of the closed-class table (Кім, not кім "whom").
        const open = isCap(word) ? cands.filter((c) => !c.closed) : [];
        const first = choose(open.length ? open : cands, null, word, r.prior);
        const ordered = [first, ...cands.filter((c) => c !== first)];
        return ordered.map((c) => ({ lemma: finishLemma(c.lemma, lang), pos: c.pos, feats: featsOf(word, c.lemma, c.pos) }));
      }
    }
  }
  const { lemma, pos } = lemmaOf(word, lang, null);
  return [{ lemma, pos, feats: featsOf(word, lemma, pos) }];
}

function featsOf(word: string, lemma: string, pos: string): Record<string, string> {
  const f: Record<string, string> = {};
  if (pos === "VERB" && /(ся|сь)$/.test(lemma)) f.Reflex = "Yes";
  if (word.length > 1 && word === word.toUpperCase() && /\p{Lu}/u.test(word)) f.Abbr = "Yes";
  return f;
}

/** The lemma of one word; `context` (the sentence's words and the word's index) lets the tagger decide. */
export function lemmatize(word: string, lang: string, context?: { words: string[]; index: number }): string {
  if (context && context.words[context.index] === word) return lemmatizeSentence(context.words, lang)[context.index].lemma;
  return analyzeWord(word, lang)[0].lemma;
}

/** Short words that are abbreviations when a full stop follows (р. "year", тис. "thousand", ім. "named after"). */
const ABBREVIATIONS = new Set([
  "р", "рр", "тис", "ім", "див", "вул", "обл", "ст", "год", "хв", "коп", "мал", "напр", "грец", "лат", "англ",
  "укр", "рос", "пор", "просп", "пров", "проф", "доц", "акад", "ред", "вид", "т", "д", "п", "с", "м", "тж", "ін",
  "г", "гг", "руб", "ул", "им", "см", "тыс",
]);

/** How close (in perceptron score) a runner-up tag must be for its readings to count as fitting. */
const TAG_MARGIN = Number(process.env.DZHERELO_TAG_MARGIN ?? 4);

/**
 * Lemmas and POS of a sentence's words, tagged in context where a tagger exists.
 *
 * `joined[i]` (optional) tells that word i is written with no space before word i + 1; it lets split hyphenated
 * compounds (військово-політичний as three tokens) be told from a spaced dash.
 */
export function lemmatizeSentence(words: string[], lang: string, joined?: boolean[]): { lemma: string; pos: string }[] {
  const lemmas: string[] = new Array(words.length);
  const pos: string[] = new Array(words.length);
  lemmatizeInto(words, lang, joined, lemmas, pos);
  const out: { lemma: string; pos: string }[] = new Array(words.length);
  for (let i = 0; i < words.length; i++) out[i] = { lemma: lemmas[i], pos: pos[i] };
  return out;
}

/** English lemma and POS per word (out of context, see lemmaOf). */
const enWords = new Map<string, { lemma: string; pos: string }>();

/** Sentence-initial English words lemmatised in lowercase: the lemma, or null when the word keeps its form. */
const enInitial = new Map<string, string | null>();

/** A capitalised English word at a clause start: its lowercase lemma when it is a common word, else null. */
function enInitialLemma(w: string): string | null {
  let hit = enInitial.get(w);
  if (hit === undefined) {
    const lower = w.toLowerCase();
    const low = lemmatizeEn(lower);
    hit = low !== lower || EN_FUNCTION_WORDS.has(low) ? low : null;
    if (enInitial.size > CACHE_MAX) enInitial.clear();
    enInitial.set(w, hit);
  }
  return hit;
}

/** Marks after which a word starts a clause as if at a sentence start (quotes, brackets, dashes). */
const OPENER = /^[«"“(—–-]$/;

/**
 * What the lemmatiser remembers of the words it has met in sentences (news repeats its words), in one table of
 * slots instead of an object per word: a Map from the word to its slot, and per slot its ambiguity class (an
 * interned id), whether it opens a clause, the tagger's three weight sums (one Float64Array for all words), and
 * its lemma and POS per context key (tag, runner-up tags, sentence start; the first context in arrays, any
 * further ones in a small Map). A repeated word costs one Map probe and no allocation; a word costs ≈ 0.5 KB
 * (it was ≈ 2 KB as objects and Maps), and a full table is emptied and refilled.
 */
class WordTable {
  static readonly MAX = 65_536;
  readonly ids = new Map<string, number>();
  size = 0;
  cap = 0;
  /** Ambiguity class per slot: an id into `ambNames` (the lemmatiser's) and the tagger's id of it. */
  amb = new Int32Array(0);
  tagAmb = new Int32Array(0);
  readonly ambNames: string[] = [];
  private readonly ambIds = new Map<string, number>();
  opens = new Uint8Array(0);
  /** The tagger's sums: `width` (3 × tag count) numbers per slot (none without a tagger). */
  vecs = new Float64Array(0);
  width = 0;
  /** The first context key met per slot (-1: none) and its result. */
  resKey = new Int32Array(0);
  resLemma: string[] = [];
  resPos: string[] = [];
  /** Results in further contexts: slot → context key → result. */
  readonly more = new Map<number, Map<number, { lemma: string; pos: string }>>();

  clear(): void {
    this.ids.clear();
    this.more.clear();
    this.size = 0;
    this.resLemma.fill("");
    this.resPos.fill("");
  }

  /** Room for `n` more words: a full table is emptied first (the table takes its full size, MAX words, at once). */
  reserve(n: number, width: number): void {
    if (width !== this.width) {
      // Another tagger (cross-validation): its sums have another width.
      this.clear();
      this.vecs = new Float64Array(this.cap * width);
      this.width = width;
    }
    if (this.size + n <= this.cap) return;
    if (this.cap >= WordTable.MAX && n <= this.cap) {
      this.clear();
      return;
    }
    // Straight to the full size: the arrays are zero-filled fresh pages, resident only as slots are used, and
    // no copies are left behind by doubling.
    let cap = Math.max(WordTable.MAX, this.cap);
    while (cap < this.size + n) cap *= 2;
    const grow = <A extends Int32Array | Uint8Array | Float64Array>(a: A, per: number): A => {
      const b = new (a.constructor as new (n: number) => A)(cap * per);
      b.set(a);
      return b;
    };
    this.amb = grow(this.amb, 1);
    this.tagAmb = grow(this.tagAmb, 1);
    this.opens = grow(this.opens, 1);
    this.resKey = grow(this.resKey, 1);
    if (width) this.vecs = grow(this.vecs, width);
    this.cap = cap;
  }

  ambId(amb: string): number {
    let id = this.ambIds.get(amb);
    if (id === undefined) this.ambIds.set(amb, (id = this.ambNames.push(amb) - 1));
    return id;
  }
}

/** The slot of a word in the table, filled on first sight (the caller has reserved room). */
function wordSlot(r: LangResources, word: string): number {
  const t = r.table;
  let s = t.ids.get(word);
  if (s !== undefined) return s;
  s = t.size++;
  t.ids.set(word, s);
  const amb = ambiguityClass(r, word);
  t.amb[s] = t.ambId(amb);
  t.opens[s] = OPENER.test(word) ? 1 : 0;
  t.resKey[s] = -1;
  if (r.tagger) {
    t.tagAmb[s] = r.tagger.ambIdOf(amb);
    r.tagger.fillWordVectors(word, word.toLowerCase(), amb, t.vecs, s * 3 * r.tagger.tagCount);
  }
  return s;
}

/** Work arrays of lemmatizeInto (slots, tags and runner-up masks of a sentence's words), reused. */
const scratch = { slots: new Int32Array(512), tags: new Int32Array(512), close: new Int32Array(512) };

/** The runner-up tags of a bit mask (bit t = tag t), as `choose` takes them. */
function closeTags(tagger: Tagger, mask: number): string[] {
  const out: string[] = [];
  for (let t = 0; mask !== 0; t++, mask >>>= 1) if (mask & 1) out.push(tagger.tagName(t));
  return out;
}

/**
 * The work of `lemmatizeSentence`, writing lemma i and POS i into `lemmas` and `pos` (the morph stage reads
 * them from there without an object per word).
 */
export function lemmatizeInto(words: readonly string[], lang: string, joined: readonly boolean[] | undefined, lemmas: string[], pos: string[]): void {
  const n = words.length;
  const r = lang === "uk" || lang === "ru" ? resources(lang) : null;
  const tagger = r?.tagger ?? null;
  let slots: Int32Array | null = null;
  let tagIdx: Int32Array | null = null;
  let closeMask: Int32Array | null = null;
  if (r) {
    const t = r.table;
    t.reserve(n, tagger ? 3 * tagger.tagCount : 0);
    slots = n <= scratch.slots.length ? scratch.slots : (scratch.slots = new Int32Array(2 * n));
    for (let i = 0; i < n; i++) slots[i] = wordSlot(r, words[i]);
    if (tagger) {
      if (scratch.tags.length < n) (scratch.tags = new Int32Array(2 * n)), (scratch.close = new Int32Array(2 * n));
      tagIdx = scratch.tags;
      closeMask = scratch.close;
      tagger.tagWords(words, slots, t.vecs, t.tagAmb, n, TAG_MARGIN, tagIdx, closeMask);
    }
  }
  for (let i = 0; i < n; i++) {
    const w = words[i];
    // English: a capitalised word inside a sentence is a name and keeps its form; at the start it may be
    // a common word (Officials said…), lemmatised in lowercase unless it is all capitals.
    if (lang === "en" && isCap(w) && (i === 0 || OPENER.test(words[i - 1])) && w !== w.toUpperCase()) {
      const low = enInitialLemma(w);
      if (low !== null) {
        lemmas[i] = low;
        pos[i] = "X";
        continue;
      }
    }
    if (r) {
      const initial = i === 0 || r.table.opens[slots![i - 1]] === 1;
      // Context key: tag index + 1 (0: no tagger), runner-up mask, sentence start.
      const key = tagger ? (tagIdx![i] + 1) | (closeMask![i] << 5) | (initial ? 1 << 23 : 0) : initial ? 1 << 23 : 0;
      const t = r.table;
      const s = slots![i];
      if (t.resKey[s] === key) {
        lemmas[i] = t.resLemma[s];
        pos[i] = t.resPos[s];
      } else {
        let hit = t.resKey[s] === -1 ? undefined : t.more.get(s)?.get(key);
        if (!hit) {
          hit = tagger ? lemmaOf(w, lang, tagger.tagName(tagIdx![i]), closeTags(tagger, closeMask![i]), initial) : lemmaOf(w, lang, null, [], initial);
          if (t.resKey[s] === -1) {
            t.resKey[s] = key;
            t.resLemma[s] = hit.lemma;
            t.resPos[s] = hit.pos;
          } else {
            let m = t.more.get(s);
            if (!m) t.more.set(s, (m = new Map()));
            m.set(key, hit);
          }
        }
        lemmas[i] = hit.lemma;
        pos[i] = hit.pos;
      }
    } else if (lang === "en") {
      // English needs no context: one result per word (lemmaOf does not look at `initial` for English).
      let hit = enWords.get(w);
      if (!hit) {
        hit = lemmaOf(w, lang, null);
        if (enWords.size > CACHE_MAX) enWords.clear();
        enWords.set(w, hit);
      }
      lemmas[i] = hit.lemma;
      pos[i] = hit.pos;
      continue;
    } else {
      const out = lemmaOf(w, lang, null, [], i === 0 || OPENER.test(words[i - 1]));
      lemmas[i] = out.lemma;
      pos[i] = out.pos;
      continue;
    }
    // The first part of a split hyphenated adjective (військово - політичний, медико - біологічний) is lemmatised
    // by UD to its own adjective: -о → -ий, -ико → -ичний.
    if (lang === "uk" && joined?.[i] && joined[i + 1] && i + 2 < n && /^[-‑]$/.test(words[i + 1]) && /^\p{Ll}{3,}о$/u.test(w)) {
      const adj = compoundPartAdjective(r, w);
      if (adj) {
        lemmas[i] = adj;
        pos[i] = "ADJ";
        continue;
      }
    }
    // An abbreviation split from its full stop takes the stop into its lemma (UD: р → р., initials А → А.).
    if (words[i + 1] === "." && (!joined || joined[i]) && isAbbreviation(r, w)) {
      lemmas[i] = w.length === 1 && isCap(w) ? w + "." : w.toLowerCase() === w ? w + "." : lemmas[i];
    }
  }
}

/** The adjective a compound's first part stands for: військово → військовий, медико → медичний. */
function compoundPartAdjective(r: LangResources, w: string): string | null {
  const stem = w.slice(0, -1);
  const options = /ик$/.test(stem) ? [stem.slice(0, -2) + "ичний", stem + "ий"] : [stem + "ий", stem + "ій", stem + "ний"];
  for (const o of options) if (r.lex?.hasLemma(o)) return o;
  return options[0];
}

function isAbbreviation(r: LangResources, w: string): boolean {
  if (!/^\p{L}{1,4}$/u.test(w)) return false;
  if (w.length === 1) return true;
  return ABBREVIATIONS.has(w.toLowerCase()) || (w === w.toLowerCase() && !!r.lex && dictCandidates(r, w).length === 0);
}

/** The distinct dictionary lemmas of a word (for building priors); empty when the dictionary lacks it. */
export function dictionaryLemmas(word: string, lang: string): string[] {
  const r = resources(lang);
  if (!r.lex || PUNCT.test(word) || NUMERIC.test(word)) return [];
  return [...new Set(dictCandidates(r, word).map((c) => c.lemma))];
}

/** The distinct parts of speech the dictionary (and closed-class table) gives a word; empty when it lacks it. */
export function dictionaryPos(word: string, lang: string): string[] {
  if (lang !== "uk" && lang !== "ru") return [];
  const r = resources(lang);
  if (!r.lex || PUNCT.test(word) || NUMERIC.test(word)) return [];
  return [...new Set(dictCandidates(r, word).map((c) => c.pos))];
}

/** Replaces a language's tagger and lemma memory (cross-validation in scripts/eval-lemma.ts). */
export function useTaggerModel(lang: string, model: TaggerModel): void {
  resources(lang).tagger = new Tagger(model);
  clearCaches(lang);
}

/** Forgets memoised results (after priors or models change). */
export function clearCaches(lang: string): void {
  const r = resources(lang);
  r.table.clear();
  r.cache.clear();
  analysisCache.delete(lang);
}
