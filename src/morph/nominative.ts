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
 * The dictionary gives lemmas, not case tags, so case, gender and number are read from the endings: an adjective
 * ending tells its gender and number (-ою: feminine; -их: plural), a noun's plural endings (-ів, -ами, -ах) tell
 * number, and the nominative of the head is its lemma (or the plural form of its paradigm). Unknown words
 * (foreign names) go through the learned suffix rules.
 */
import { lemmaKeys, lookup } from "../gazetteer/index.js";
import { analyzeWord, resources, type WordAnalysis } from "./lemmatizer.js";

type Gender = "m" | "f" | "n" | "p";

const isCap = (w: string) => /^\p{Lu}/u.test(w);
const isUpper = (w: string) => w.length > 1 && w === w.toUpperCase() && /\p{Lu}/u.test(w);

/** Gives `word` the letter case pattern of `model` (Міністерства → Міністерство, США stays). */
function withCaseOf(word: string, model: string): string {
  if (isUpper(model)) return word.toUpperCase();
  if (isCap(model)) return word.charAt(0).toUpperCase() + word.slice(1);
  return word;
}

const ADJ_POS = new Set(["ADJ", "DET", "NUM"]);
const NOUN_POS = new Set(["NOUN", "PROPN", "X"]);

/** Gender/number an adjective form shows by its ending (null: cannot tell, or masculine/neuter). */
function adjGender(form: string, lang: string): Gender | null {
  const f = form.toLowerCase();
  if (lang === "uk") {
    if (/(ою|ої|ю|у|а|я)$/.test(f) && !/(ого|ому)$/.test(f)) return "f";
    if (/(их|ими|і)$/.test(f)) return "p";
    if (/(е|є)$/.test(f)) return "n";
    return null;
  }
  if (/(ой|ою|ую|юю|ая|яя)$/.test(f)) return "f";
  if (/(ых|их|ыми|ими|ые|ие)$/.test(f)) return "p";
  if (/(ое|ее)$/.test(f)) return "n";
  return null;
}

/** Plural noun endings (genitive/dative/instrumental/locative plural), which singular forms do not share. */
function nounLooksPlural(form: string, lang: string): boolean {
  const f = form.toLowerCase();
  return lang === "uk" ? /(ів|їв|ами|ями|ах|ях|ам|ям)$/.test(f) : /(ов|ев|ами|ями|ах|ях|ам|ям)$/.test(f);
}

/** Nominative singular of an adjective lemma (masculine) in another gender or the plural. */
function adjectiveIn(lemma: string, g: Gender, lang: string): string {
  if (g === "m") return lemma;
  if (lang === "uk") {
    const soft = /ій$/.test(lemma) || /їй$/.test(lemma);
    const stem = lemma.slice(0, -2);
    if (g === "f") return stem + (soft ? (lemma.endsWith("їй") ? "я" : "я") : "а");
    if (g === "n") return stem + (soft ? "є" : "е");
    return stem + "і";
  }
  const stem = lemma.slice(0, -2);
  const soft = /ний$/.test(lemma) && /[^к]ий$/.test(lemma) ? false : /[гкхжшчщ]ий$/.test(lemma) || /ний$/.test(lemma);
  if (g === "f") return stem + (lemma.endsWith("ой") || !soft ? "ая" : "яя");
  if (g === "n") return stem + (lemma.endsWith("ой") || !soft ? "ое" : "ее");
  return stem + (/[гкхжшчщ]$/.test(stem) || !lemma.endsWith("ый") ? "ие" : "ые");
}

/** The nominative plural of a noun lemma: the form of its paradigm that ends like one. */
function nounPlural(lemma: string, lang: string): string {
  const lex = resources(lang).lex;
  const neuter = /(о|е|я)$/.test(lemma) && !/(ія|ка|а)$/.test(lemma);
  const want = neuter ? /(а|я)$/ : lang === "uk" ? /(и|і|ї)$/ : /(ы|и)$/;
  if (lex) {
    for (const variant of [lemma, lemma.toLowerCase()]) {
      if (!lex.hasLemma(variant)) continue;
      const seen = new Set<string>();
      for (const f of lex.expand(variant)) {
        if (f.form === variant || seen.has(f.form)) continue;
        seen.add(f.form);
        if (want.test(f.form) && !nounLooksPlural(f.form, lang)) return withCaseOf(f.form, lemma);
      }
    }
  }
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

/** Gender an adjective form shows, refined by its lemma: -ій of a hard (-ий) adjective is feminine (Харківській). */
function adjGenderOf(form: string, lemma: string | undefined, lang: string): Gender | null {
  const g = adjGender(form, lang);
  if (g) return g;
  const f = form.toLowerCase();
  if (lang === "uk" && /ій$/.test(f) && lemma && /ий$/.test(lemma)) return "f";
  if (lang === "uk" && /(ого|ому|им|ім)$/.test(f)) return "m";
  if (lang === "ru" && /(ого|его|ому|ему|ым|им)$/.test(f)) return "m";
  return null;
}

/** Prefers the head reading whose lemma fits the gender the adjectives show (штабу: штаб, not штаба). */
function byGender(as: WordAnalysis[], g: Gender | null): WordAnalysis[] {
  if (!g || g === "p") return as;
  const fem = (l: string) => /(а|я|ь)$/.test(l);
  const fit = as.filter((a) => (g === "f" ? fem(a.lemma) : !/(а|я)$/.test(a.lemma)));
  return fit.length ? [...fit, ...as.filter((a) => !fit.includes(a))] : as;
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

  // The head: the first word that can be a noun, after any agreeing adjectives.
  let h = 0;
  while (h < words.length - 1) {
    const a = analyses[h];
    const adj = a.some((x) => ADJ_POS.has(x.pos));
    const noun = a.some((x) => NOUN_POS.has(x.pos) && !isUpper(words[h]));
    if (adj && !noun) h++;
    else break;
  }
  const out = words.slice();
  let gender: Gender | null = null;
  for (let i = 0; i < h; i++) gender ??= adjGenderOf(words[i], pick(analyses[i], ADJ_POS, words[i])?.lemma, lang);
  // A name followed by an adjectival surname agrees with it (Олександра Сирського: Олександр).
  if (!gender && h + 1 < words.length && isCap(words[h]) && isCap(words[h + 1])) {
    const next = pick(analyses[h + 1], ADJ_POS, words[h + 1]);
    if (next) gender = adjGenderOf(words[h + 1], next.lemma, lang);
  }
  const head = pick(byGender(analyses[h], gender), NOUN_POS, words[h]) ?? analyses[h][0];
  if (!head) return text;
  if (head.lemma === words[h] && isCap(words[h])) {
    const s = surnameNominative(words[h], lang);
    if (s) head.lemma = s;
  }
  const plural = gender === "p" || nounLooksPlural(words[h], lang);
  if (!isUpper(words[h])) out[h] = withCaseOf(plural ? nounPlural(head.lemma, lang) : head.lemma, words[h]);
  if (!gender) gender = plural ? "p" : /(о|е|я)$/.test(head.lemma) && !/(ія|ля|ня)$/.test(head.lemma) ? "n" : /(а|я)$/.test(head.lemma) ? "f" : "m";
  for (let i = 0; i < h; i++) {
    const adj = pick(analyses[i], ADJ_POS, words[i]);
    if (adj) out[i] = withCaseOf(adjectiveIn(adj.lemma.toLowerCase(), gender, lang), words[i]);
  }
  // A personal name inflects in every part (Володимира Путіна): following capitalised name words agree.
  const headIsName = isCap(words[h]) && (head.pos === "PROPN" || head.pos === "X");
  if (headIsName) {
    for (let i = h + 1; i < words.length; i++) {
      if (!isCap(words[i]) || isUpper(words[i])) break;
      const a = pick(analyses[i], NOUN_POS, words[i]) ?? pick(analyses[i], ADJ_POS, words[i]);
      if (!a || !(a.pos === "PROPN" || a.pos === "X" || ADJ_POS.has(a.pos))) break;
      const lemma = a.lemma === words[i] ? surnameNominative(words[i], lang) ?? a.lemma : a.lemma;
      out[i] = withCaseOf(ADJ_POS.has(a.pos) ? adjectiveIn(a.lemma.toLowerCase(), gender, lang) : lemma, words[i]);
    }
  }
  return out.join(" ");
}
