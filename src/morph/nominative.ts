/**
 * Name phrases in the nominative, for canonical entity names: only the head noun and the adjectives that agree
 * with it change, its dependents stay as they are.
 *
 *   Російською Федерацією                → Російська Федерація
 *   Міністерства оборони Південної Кореї → Міністерство оборони Південної Кореї
 *   Путіним                              → Путін
 *   Володимира Путіна                    → Володимир Путін   (a personal name inflects in every part)
 *   Кім Чен Ина                          → Кім Чен Ин        (known names come from the gazetteer)
 *
 *   Азовському узбережжі                 → Азовське узбережжя (the head's gender decides: -ому is masculine or neuter)
 *   Чорного та Азовського морів          → Чорне та Азовське моря
 *
 * The dictionary gives lemmas, not case tags, so case, gender and number are read from the endings and the
 * paradigms: an adjective ending tells the genders it can agree with (-ою: feminine; -ого: masculine or neuter;
 * -их: plural), the head noun's gender comes from its lemma and its paradigm in the dictionary (a feminine -я noun
 * has an -ею form, управління has not), a plural ending counts only after the noun's own stem (програми is no
 * plural), and the nominative of the head is its lemma or its plural form found in the paradigm. A word that is
 * both an adjective and a noun (Донецька: донецький, Донецьк) is an adjective before a head that agrees with it.
 * Unknown words (foreign names) go through the learned suffix rules.
 */
import { lemmaKeys, lookup } from "../gazetteer/index.js";
import { analyzeWord, dictionaryLemmas, resources, type WordAnalysis } from "./lemmatizer.js";
import { isAllCapsWord } from "../text/match.js";

type Gender = "m" | "f" | "n" | "p";

const isCap = (w: string) => /^\p{Lu}/u.test(w);

/**
 * Gives `word` the letter case pattern of `model` (Міністерства → Міністерство, США stays); the parts of a
 * hyphenated word keep their own capitals (Івано-Франківської → Івано-Франківська).
 */
function withCaseOf(word: string, model: string): string {
  // The apostrophe as written (the dictionary's lemmas use ’).
  const apo = /['’ʼ]/.exec(model)?.[0];
  if (apo) word = word.replace(/['’ʼ]/g, apo);
  if (isAllCapsWord(model)) return word.toUpperCase();
  const mp = model.split("-");
  const wp = word.split("-");
  const parts = mp.length > 1 && mp.length === wp.length ? wp : [word];
  const models = parts === wp ? mp : [model];
  return parts.map((p, i) => (isCap(models[i]) ? p.charAt(0).toUpperCase() + p.slice(1) : p)).join("-");
}

const ADJ_POS = new Set(["ADJ", "DET", "NUM"]);
const NOUN_POS = new Set(["NOUN", "PROPN", "X"]);
/** Conjunctions between coordinated adjectives before one head (Чорного та Азовського морів). */
const CONJ = new Set(["та", "і", "й", "и"]);

/**
 * The genders/numbers an adjective form can show by its ending (empty: cannot tell). Oblique masculine and neuter
 * forms are alike (Азовського: Азовський or Азовське), so both are given; the head noun decides.
 */
function adjGenders(form: string, lemma: string | undefined, lang: string): Gender[] {
  const f = form.toLowerCase();
  const l = lemma?.toLowerCase();
  if (lang === "uk") {
    if (/(ого|ому)$/.test(f)) return ["m", "n"];
    if (/(ою|ої)$/.test(f)) return ["f"];
    if (/(им)$/.test(f)) return ["m", "n", "p"];
    if (/(ім)$/.test(f)) return ["m", "n"];
    if (/(их|іх|ими|іми|і|ї)$/.test(f)) return ["p"];
    if (/ій$/.test(f)) return l && /ий$/.test(l) ? ["f"] : ["m", "f"];
    if (/(ий|їй)$/.test(f)) return ["m"];
    if (/(ою|ої|ю|у|а|я)$/.test(f)) return ["f"];
    if (/(е|є)$/.test(f)) return ["n"];
    return [];
  }
  if (/(ого|его|ому|ему)$/.test(f)) return ["m", "n"];
  if (/(ым|им)$/.test(f)) return ["m", "n", "p"];
  if (/(ых|их|ыми|ими|ые|ие)$/.test(f)) return ["p"];
  if (/(ом|ем)$/.test(f)) return ["m", "n"];
  if (/(ый|ий)$/.test(f)) return ["m"];
  // -ой: a masculine nominative (Большой) or a feminine oblique form (Молодой гвардии): the head decides.
  if (/ой$/.test(f)) return f === l ? ["m", "f"] : ["f"];
  if (/(ей|ою|ею|ую|юю|ая|яя)$/.test(f)) return ["f"];
  if (/(ое|ее)$/.test(f)) return ["n"];
  return [];
}

/** The lemma without its final vowel or soft sign: the stem its case forms are built on. */
const stemOf = (lemma: string) => lemma.replace(/[аяоеєёиіїыьй]$/, "");

/**
 * Is `form` an oblique plural (genitive/dative/instrumental/locative) of `lemma`? Its ending must be a plural one
 * and what precedes it the lemma's stem (програми is not програм+ами; дворів is двір's, with і → о).
 */
function isPluralForm(form: string, lemma: string, lang: string): boolean {
  const f = form.toLowerCase();
  const l = lemma.toLowerCase();
  if (f === l) return false;
  const m = (lang === "uk" ? /(ів|їв|ей|ами|ями|ах|ях|ам|ям)$/ : /(ов|ев|ёв|ей|ами|ями|ах|ях|ам|ям)$/).exec(f);
  if (!m) return false;
  // Russian -ей after an -а/-я noun is its instrumental singular (Юлией, армией).
  if (lang === "ru" && m[0] === "ей" && /[ая]$/.test(l)) return false;
  const s = f.slice(0, f.length - m[0].length);
  const stem = stemOf(l);
  if (s === stem) return true;
  if (s.length === stem.length) {
    let diff = 0;
    for (let i = 0; i < s.length; i++) if (s[i] !== stem[i]) diff += /[оеі]/.test(s[i]) && /[оеі]/.test(stem[i]) ? 1 : 2;
    return diff === 1;
  }
  // A vowel of the lemma dropped in the other forms (день: днів).
  if (s.length === stem.length - 1) for (let i = 0; i < stem.length; i++) if (/[оеє]/.test(stem[i]) && stem.slice(0, i) + stem.slice(i + 1) === s) return true;
  return false;
}

/** Is `form` one of `lemma`'s forms by the dictionary? */
function formOf(form: string, lemma: string, lang: string): boolean {
  const l = lemma.toLowerCase();
  return analyzeWord(form, lang).some((a) => a.lemma.toLowerCase() === l && NOUN_POS.has(a.pos));
}

const genderMemo = new Map<string, Gender>();

/**
 * The gender of a noun lemma: by its ending, and where the ending does not tell, by its paradigm in the dictionary
 * (a feminine -я noun has -ею/-єю, управління has not; a masculine -ь or consonant noun has -ом/-ем, область has
 * not; a masculine -о noun has a plural in -и, місто has not).
 */
function nounGender(lemma: string, pos: string, lang: string): Gender {
  const key = lang + lemma;
  let g = genderMemo.get(key);
  if (g === undefined) {
    g = nounGenderUncached(lemma, pos, lang);
    if (genderMemo.size >= 20_000) genderMemo.clear();
    genderMemo.set(key, g);
  }
  return g;
}

function nounGenderUncached(lemma: string, pos: string, lang: string): Gender {
  const l = lemma.toLowerCase();
  const lex = resources(lang).lex;
  const forms = (): string[] => (lex && lex.hasLemma(lemma) ? [...lex.expand(lemma)].map((f) => f.form.toLowerCase()) : []);
  const stem = l.slice(0, -1);
  if (lang === "uk") {
    if (/[иії]$/.test(l)) return "p";
    if (/[еє]$/.test(l)) return "n";
    if (/а$/.test(l)) return "f";
    if (/я$/.test(l)) {
      if (/ія$/.test(l)) return "f";
      const fs = forms();
      if (fs.length) return fs.some((f) => f === stem + "ею" || f === stem + "єю") ? "f" : "n";
      return /([бвгґджзклмнпрстфхцчшщ])\1я$|['’ʼ]я$/.test(l) ? "n" : "f";
    }
    if (/о$/.test(l)) {
      const fs = forms();
      if (fs.includes(stem + "и")) return "m";
      return pos === "PROPN" && isCap(lemma) && fs.length > 1 ? "m" : "n";
    }
    if (/[ьчвл]$/.test(l)) {
      const fs = forms();
      if (fs.length) return fs.some((f) => f !== l && /(ом|ем|єм)$/.test(f)) ? "m" : "f";
      return /ість$/.test(l) ? "f" : "m";
    }
    return "m";
  }
  if (/[ыи]$/.test(l)) return "p";
  if (/мя$/.test(l) || /[оеё]$/.test(l)) return "n";
  if (/[ая]$/.test(l)) return "f";
  if (/ь$/.test(l)) {
    const fs = forms();
    if (fs.length) return fs.includes(stem + "ью") ? "f" : "m";
    return /(ость|есть)$/.test(l) ? "f" : "m";
  }
  return "m";
}

/** Nominative singular of an adjective lemma (masculine) in another gender or the plural. */
function adjectiveIn(lemma: string, g: Gender, lang: string): string {
  if (g === "m") return lemma;
  const stem = lemma.slice(0, -2);
  if (lang === "uk") {
    if (!/(ий|ій|їй)$/.test(lemma)) return lemma;
    const soft = /(ій|їй)$/.test(lemma);
    if (g === "f") return stem + (soft ? "я" : "а");
    if (g === "n") return stem + (soft ? "є" : "е");
    return stem + (lemma.endsWith("їй") ? "ї" : "і");
  }
  if (!/(ый|ий|ой)$/.test(lemma)) return lemma;
  const velar = /[гкх]$/.test(stem);
  const sibilant = /[жшчщц]$/.test(stem);
  // Soft adjectives (синий, нижний): -ий after a letter other than г к х ж ш ч щ.
  const soft = lemma.endsWith("ий") && !velar && !sibilant;
  if (g === "f") return stem + (soft ? "яя" : "ая");
  if (g === "n") return stem + (soft || (sibilant && !lemma.endsWith("ой")) ? "ее" : "ое");
  return stem + (soft || velar || sibilant ? "ие" : "ые");
}

/**
 * The nominative plural of a noun: its plural stem (from the plural form met, else the lemma's stem) with the
 * ending the dictionary knows for it (сил → сили, not силі; дворів → двори; морів → моря).
 */
function nounPlural(lemma: string, form: string, g: Gender, lang: string): string {
  const l = lemma.toLowerCase();
  if (g === "p" && (lang === "uk" ? /[иії]$/ : /[ыи]$/).test(l)) return lemma;
  const f = form.toLowerCase();
  const stems = [f.replace(lang === "uk" ? /(ів|їв|ей|ами|ями|ах|ях|ам|ям)$/ : /(ов|ев|ёв|ей|ами|ями|ах|ях|ам|ям)$/, ""), stemOf(l)];
  const neuter = g === "n" || (g === "p" && /[оеє]$/.test(l)) || (lang === "ru" && /(ие|мя)$/.test(l));
  // Soft and sibilant stems take -і (області, межі), hard ones -и (сили): the dictionary lists both -и and -і
  // forms for some of them.
  const soft = /[ьйя]$/.test(l) || /[жчшщ]$/.test(stemOf(l)) || (g === "f" && /[^аяо]$/.test(l));
  const endings = lang === "uk" ? (neuter ? ["а", "я"] : soft ? ["і", "ї", "и"] : ["и", "і", "ї"]) : neuter ? ["а", "я", "и"] : ["ы", "и", "а", "я"];
  for (const s of stems) for (const e of endings) if (formOf(s + e, lemma, lang)) return withCaseOf(s + e, lemma);
  return lemma;
}

/** Masculine lemmas of adjectives first: the dictionary also lists nouns made of adjectives (гостинне). */
const MASC_ADJ = /(ий|ій|їй|ый|ой)$/;

function pick(as: WordAnalysis[], allowed: Set<string>, word: string): WordAnalysis | null {
  let ok = as.filter((a) => allowed.has(a.pos));
  if (allowed === ADJ_POS) {
    ok = [...ok.filter((a) => MASC_ADJ.test(a.lemma)), ...ok.filter((a) => !MASC_ADJ.test(a.lemma))];
    return ok[0] ?? null;
  }
  if (!ok.length) return null;
  // A capitalised word keeps a capitalised (name) lemma when the dictionary has one.
  if (isCap(word)) return ok.find((a) => isCap(a.lemma) && a.lemma !== word) ?? ok.find((a) => isCap(a.lemma)) ?? ok[0];
  return ok[0];
}

/** The adjective reading of a word, or a noun made of an adjective (слідче: слідчий) that may stand as one. */
function adjReading(as: WordAnalysis[], word: string): WordAnalysis | null {
  return pick(as, ADJ_POS, word) ?? as.find((a) => a.pos === "NOUN" && MASC_ADJ.test(a.lemma) && a.lemma === a.lemma.toLowerCase()) ?? null;
}

/** The gazetteer's name for the phrase when it is a known entity written with the same words (any case). */
function fromGazetteer(phrase: string, lang: string): string | null {
  const e = lookup(phrase, lang);
  if (!e) return null;
  const n = phrase.split(/\s+/).length;
  const keys = new Set(lemmaKeys(phrase, lang));
  const names = [e.canonical[lang as "uk" | "ru" | "en"], ...e.aliases].filter(Boolean);
  for (const name of names) {
    if (name.split(/\s+/).length !== n) continue;
    if (lemmaKeys(name, lang).some((k) => keys.has(k))) return name;
  }
  return null;
}

/** Genders both lists allow (the first when the second is empty or they share none). */
function agree(a: Gender[], b: Gender[]): Gender[] {
  if (!b.length) return a;
  if (!a.length) return b;
  const both = a.filter((g) => b.includes(g));
  return both.length ? both : a;
}

/** Puts first the head readings whose gender the adjectives allow (штабу: штаб, not штаба; морі: море, not мора). */
function byGender(as: WordAnalysis[], allowed: Gender[], form: string, lang: string): WordAnalysis[] {
  if (!allowed.length) return as;
  const fits = (a: WordAnalysis) =>
    NOUN_POS.has(a.pos) && (allowed.includes(nounGender(a.lemma, a.pos, lang)) || (allowed.includes("p") && isPluralForm(form, a.lemma, lang)));
  const fit = as.filter(fits);
  return fit.length ? [...fit, ...as.filter((a) => !fit.includes(a))] : as;
}

/**
 * A word with both an adjective and a noun reading (Донецька: донецький or Донецьк; слідче: слідчий) is an
 * adjective of the head after it when the next word can carry on the name: a lower-case noun or adjective, or a
 * capitalised pure adjective of the same gender (Донецької Народної Республіки; not Богдана Хмельницького).
 */
function adjectiveBefore(words: string[], analyses: WordAnalysis[][], i: number, lang: string): boolean {
  const next = words[i + 1];
  if (!next || isAllCapsWord(next) || isAllCapsWord(words[i])) return false;
  // The adjective must be the likelier reading (Донецька), or the noun one only an adjective used as a noun
  // (слідче); not Раді (рада), простору (простір), парку (парк).
  const as = analyses[i];
  if (!ADJ_POS.has(as[0].pos) && as.some((a) => NOUN_POS.has(a.pos) && !(MASC_ADJ.test(a.lemma) && a.lemma === a.lemma.toLowerCase()))) return false;
  const own = adjGenders(words[i], adjReading(analyses[i], words[i])?.lemma, lang);
  if (!own.length) return false;
  const na = analyses[i + 1];
  const nextAdj = na.some((x) => ADJ_POS.has(x.pos));
  const nextNoun = na.some((x) => NOUN_POS.has(x.pos));
  if (!nextAdj && !nextNoun) return false;
  if (isCap(next) && (!nextAdj || nextNoun)) return false;
  if (nextAdj && !nextNoun) {
    const theirs = adjGenders(next, adjReading(na, next)?.lemma, lang);
    if (theirs.length && !own.some((g) => theirs.includes(g))) return false;
  }
  return true;
}

/**
 * With no adjective to agree with, a head in a case ending only feminine singular nouns have prefers its feminine
 * reading (Юлії Тимошенко: Юлія, not the plural of Юлій).
 */
function femininePreferred(form: string, lang: string): Gender[] {
  return (lang === "uk" ? /(ою|ею|єю|ії)$/ : /(ою|ею|ией)$/).test(form.toLowerCase()) ? ["f"] : [];
}

/** Is the adjective form a nominative (Донецька, Мінські, Великоднє)? Not Russian -ой, which is also oblique. */
function isNominativeAdj(form: string, lemma: string | undefined, lang: string): boolean {
  if (!lemma) return false;
  const f = form.toLowerCase();
  const l = lemma.toLowerCase();
  if (lang === "ru" && f.endsWith("ой")) return false;
  return (["m", "f", "n", "p"] as Gender[]).some((g) => adjectiveIn(l, g, lang) === f && (g !== "m" || MASC_ADJ.test(f)));
}

/**
 * A hyphenated noun whose parts both inflect (школою-інтернатом): the dictionary lacks the whole word and the guess
 * changes only its last part, so the first part takes its own nominative too (генерал-лейтенанта keeps генерал).
 */
function compoundLemma(word: string, lemma: string, lang: string): string {
  const parts = word.split("-");
  const lp = lemma.split("-");
  if (parts.length !== 2 || lp.length !== 2 || lp[0].toLowerCase() !== parts[0].toLowerCase() || lp[1] === parts[1]) return lemma;
  if (!/^\p{Ll}{3,}$/u.test(parts[0]) || !/^\p{L}{3,}$/u.test(parts[1])) return lemma;
  const first = analyzeWord(parts[0].toLowerCase(), lang).find((a) => a.pos === "NOUN");
  if (!first || first.lemma === parts[0].toLowerCase()) return lemma;
  return first.lemma + "-" + lp[1];
}

/**
 * Slavic surnames in -ін/-ин/-ов/-ев/-єв the dictionary lacks (Путіним, Путіна): their case endings are regular.
 */
function surnameNominative(word: string, lang: string): string | null {
  const re = lang === "uk" ? /^(\p{Lu}\p{Ll}+(?:ін|ин|їн|ов|ев|єв|ів))(а|у|ові|им|ім|і)$/u : /^(\p{Lu}\p{Ll}+(?:ин|ын|ов|ев|ёв))(а|у|ым|е)$/u;
  const m = word.match(re);
  return m ? m[1] : null;
}

/**
 * Puts a name phrase (an entity mention as it stands in the text) into the nominative. Words the phrase does
 * not inflect (a genitive dependent, an indeclinable name) are kept exactly as written.
 */
export function nominative(phrase: string, lang: string): string {
  const text = phrase.trim().replace(/\s+/g, " ");
  if (!text || (lang !== "uk" && lang !== "ru")) return text;
  const g = fromGazetteer(text, lang);
  if (g) return g;
  const words = text.split(" ");
  const analyses = words.map((w) => (/\p{L}/u.test(w) ? analyzeWord(w, lang) : []));

  // The head: the first word that can be a noun, after any agreeing adjectives (and conjunctions between them).
  let h = 0;
  let coordinated = false;
  while (h < words.length - 1) {
    const a = analyses[h];
    if (h > 0 && CONJ.has(words[h].toLowerCase())) {
      // A conjunction not between adjectives (Рівненської та АЕС): no simple name phrase, kept as written.
      if (!analyses[h + 1].some((x) => ADJ_POS.has(x.pos))) return text;
      coordinated = true;
      h++;
      continue;
    }
    const adj = adjReading(a, words[h]) !== null;
    const noun = a.some((x) => NOUN_POS.has(x.pos) && !isAllCapsWord(words[h]));
    if (adj && (!noun || adjectiveBefore(words, analyses, h, lang))) h++;
    else break;
  }
  const isConj = (i: number) => coordinated && CONJ.has(words[i].toLowerCase());
  const out = words.slice();
  let allowed: Gender[] = [];
  for (let i = 0; i < h; i++) if (!isConj(i)) allowed = agree(allowed, adjGenders(words[i], adjReading(analyses[i], words[i])?.lemma, lang));
  // A name followed by an adjectival surname agrees with it (Олександра Сирського: Олександр).
  if (!allowed.length && h + 1 < words.length && isCap(words[h]) && isCap(words[h + 1])) {
    const next = pick(analyses[h + 1], ADJ_POS, words[h + 1]);
    if (next) allowed = adjGenders(words[h + 1], next.lemma, lang);
  }
  const nomAdjs = h > 0 && !coordinated && words.slice(0, h).every((w, i) => isNominativeAdj(w, adjReading(analyses[i], w)?.lemma, lang));
  // After nominative adjectives a head that is its own lemma is kept (Суверенна європейська Україна).
  const head =
    (nomAdjs ? analyses[h].find((a) => NOUN_POS.has(a.pos) && a.lemma === words[h]) : undefined) ??
    pick(byGender(analyses[h], allowed.length ? allowed : femininePreferred(words[h], lang), words[h], lang), NOUN_POS, words[h]) ??
    analyses[h][0];
  if (!head) return text;
  if (head.lemma === words[h] && isCap(words[h]) && !dictionaryLemmas(words[h], lang).includes(words[h])) {
    const s = surnameNominative(words[h], lang);
    if (s) head.lemma = s;
  }
  const headGender = nounGender(head.lemma, head.pos, lang);
  // Adjectives that show a singular gender only make the head singular (Луганським облтервідділенням: the
  // instrumental singular, not the dative plural, which ends alike).
  const plural =
    (isPluralForm(words[h], head.lemma, lang) && (coordinated || !(allowed.length > 0 && !allowed.includes("p"))) && !(allowed.length > 1 && /ям$/.test(words[h]) && headGender === "n")) ||
    (allowed.length === 1 && allowed[0] === "p" && !coordinated) ||
    (headGender === "p" && !allowed.some((g) => g !== "p"));
  const single = allowed.filter((g) => g !== "p");
  // Coordinated adjectives each name one thing (Чорного та Азовського морів: Чорне та Азовське моря).
  const gender: Gender =
    plural && !coordinated ? "p" : headGender !== "p" && (!single.length || single.includes(headGender)) ? headGender : (single[0] ?? "m");
  // Adjectives all in the nominative already (Мінські домовленості, Донецька обл): the head is kept as written.
  // (A singular head the dictionary knows still goes to its lemma: a typo or a vocative after nominative adjectives.)
  const nominal = nomAdjs && (gender === "p" || !dictionaryLemmas(words[h], lang).length);
  // A phrase of adjectives only (Національне антикорупційне): the last one agrees like the others.
  const lastAdj = h > 0 && !analyses[h].some((a) => NOUN_POS.has(a.pos)) ? adjReading(analyses[h], words[h]) : null;
  const plain = /^\p{L}+(?:['’ʼ-]\p{L}+)*$/u.test(words[h]);
  if (lastAdj) out[h] = withCaseOf(adjectiveIn(lastAdj.lemma.toLowerCase(), gender, lang), words[h]);
  else if (!isAllCapsWord(words[h]) && plain && !nominal) out[h] = withCaseOf(plural ? nounPlural(head.lemma, words[h], headGender, lang) : compoundLemma(words[h], head.lemma, lang), words[h]);
  for (let i = 0; i < h; i++) {
    if (isConj(i)) continue;
    const adj = adjReading(analyses[i], words[i]);
    const lemma = adj?.lemma.toLowerCase();
    // (A word the rules cannot inflect, such as a possessive ваш or Дяків, stays as written but in the masculine.)
    if (lemma && (gender === "m" || adjectiveIn(lemma, gender, lang) !== lemma)) out[i] = withCaseOf(adjectiveIn(lemma, gender, lang), words[i]);
  }
  // A personal name inflects in every part (Володимира Путіна): following capitalised name words agree.
  const headIsName = isCap(words[h]) && (head.pos === "PROPN" || head.pos === "X");
  if (headIsName) {
    for (let i = h + 1; i < words.length; i++) {
      if (!isCap(words[i]) || isAllCapsWord(words[i])) break;
      const a = pick(analyses[i], NOUN_POS, words[i]) ?? pick(analyses[i], ADJ_POS, words[i]);
      if (!a || !(a.pos === "PROPN" || a.pos === "X" || ADJ_POS.has(a.pos))) break;
      let lemma = a.lemma === words[i] ? surnameNominative(words[i], lang) ?? a.lemma : a.lemma;
      // A woman's surname in -ова/-іна agrees with her first name (Марією Захаровою: Марія Захарова).
      if (gender === "f" && lemma !== words[i] && /(ов|ев|єв|ін|ин|їн|ын)$/.test(lemma) && /(ою|ої|ій|у|ой|ую)$/.test(words[i])) lemma += "а";
      out[i] = withCaseOf(ADJ_POS.has(a.pos) ? adjectiveIn(a.lemma.toLowerCase(), gender, lang) : lemma, words[i]);
    }
  }
  return out.join(" ");
}
