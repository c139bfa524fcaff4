/**
 * Proper-name rules for uk / ru / en: stems that group the inflected forms of one name (Путін, Путіна,
 * Путіним; Росія, Росії, Росією), a nominative guess for forms seen only in oblique cases, and the gender a
 * name form shows.
 *
 * Our own rules rather than a dictionary: names in news are open-class (foreign names, new people), so
 * declension endings are what we can rely on.
 */
import { endingTrie, type EndingTrie } from "../text/ending-trie.js";

// Case endings of uk/ru nouns, adjectives and surnames, longest first. Stripping them leaves a stem shared by
// all forms of a name. Surnames in -ов/-ев/-ів/-ін (Лавров, Медведєв, Путін) keep that suffix in the stem, so
// every form of one surname, masculine or feminine, meets there (Лавров, Лаврова, Лавровим; Захарова, Захаровой,
// Захаровою → лавров-, захаров-); the genitive plurals -ов/-ев/-ів are therefore not stripped.
const ENDINGS = [
  "ськими", "ською", "ського", "ському", "ської", "ськім", "ських", "ская", "ской", "ского", "скому", "ским", "ских",
  "ового", "овому", "овими", "евого", "евому", "ових",
  "ими", "ами", "ями", "ого", "ому", "ому", "ему", "его",
  "ові", "еві", "єві", "ою", "ею", "єю", "ой", "ей", "ої", "ій", "ий", "ый", "ой", "ім", "им", "ым", "ом", "ем", "ам", "ям", "ах", "ях",
  "их", "іх",
  "а", "я", "у", "ю", "і", "ї", "и", "ы", "е", "є", "о", "й", "ь",
];

/** The endings as a trie read from the word's end: a word's endings are found in one walk. */
const ENDING_TRIE: EndingTrie = endingTrie(ENDINGS);

/**
 * A lower-case stem shared by the inflected forms of a proper name. Asked for every word of every article, so it
 * is computed straight from the letters: no memo (a probe into a large memo cost more than the work), no
 * regular expressions for words without apostrophes or ё.
 */
export function nameStem(word: string): string {
  return lowerNameStem(word.toLowerCase());
}

/** `nameStem` of a word already in lower case (the word finder keeps each word's lower-case form). */
export function lowerNameStem(lower: string): string {
  let w = lower;
  let cyr = false;
  let fold = false;
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if ((c >= 0x430 && c <= 0x44f) || c === 0x456 || c === 0x457 || c === 0x454 || c === 0x491) cyr = true;
    else if (c === 0x2019 || c === 0x2bc || c === 0x60 || c === 0x451) fold = true;
  }
  if (fold) {
    w = w.replace(/[’ʼ`']/g, "'").replace(/ё/g, "е");
    cyr = /[а-яіїєґ]/.test(w);
  }
  if (!cyr) return w.replace(/'s$/, "");
  // The longest ending that leaves a stem of 3+ letters (ENDINGS lists every ending before its own suffixes, so
  // this is the first match in list order).
  let cut = 0;
  let node: EndingTrie | undefined = ENDING_TRIE;
  for (let n = 1; n <= w.length - 3; n++) {
    node = node.next.get(w.charCodeAt(w.length - n));
    if (!node) break;
    if (node.end) cut = n;
  }
  if (cut) return w.slice(0, -cut);
  // Short names (Кім, Ин, Лі): only the one-letter endings.
  for (const e of ["а", "я", "у", "ю", "і", "е", "ом", "ем", "ым", "им", "ові"]) {
    if (w.length - e.length >= 2 && w.endsWith(e)) return w.slice(0, -e.length);
  }
  return w;
}

/** Stems of a multi-word name, joined by spaces. */
const keyMemo = new Map<string, string>();
export function nameKey(name: string): string {
  // Remembered: attribution compares a new name against every entity's name and aliases, so the same
  // names are keyed over and over.
  let r = keyMemo.get(name);
  if (r === undefined) {
    r = name
      .split(/\s+/)
      .filter(Boolean)
      .map(nameStem)
      .join(" ");
    if (keyMemo.size > 50_000) keyMemo.clear();
    keyMemo.set(name, r);
  }
  return r;
}

/**
 * Guesses the nominative of one Cyrillic name word seen in an oblique case. Masculine consonant-stem names
 * (Путіним → Путін, Мааса → Маас, Буту → Бут) lose the ending; feminine -а/-я names (Алла, Росія, Кореї →
 * Корея) get -а/-я back. `gender` (from a verb or pronoun) settles -а: "Алла сказала" keeps it.
 */
export function guessNominative(word: string, gender?: "m" | "f" | "n" | "pl" | null): string {
  // Remembered per word and gender: the entity and attribution rules ask about the same name forms many times
  // in one article, and the same names recur across articles.
  const key = gender ? word + "\u0000" + gender : word;
  let r = nominativeMemo.get(key);
  if (r === undefined) {
    r = guessNominativeOf(word, gender);
    if (nominativeMemo.size >= 50_000) nominativeMemo.clear();
    nominativeMemo.set(key, r);
  }
  return r;
}
const nominativeMemo = new Map<string, string>();

function guessNominativeOf(word: string, gender?: "m" | "f" | "n" | "pl" | null): string {
  if (!/[А-Яа-яІЇЄҐіїєґЁё]/.test(word)) return word.replace(/['’]s$/, "");
  const m = (re: RegExp) => re.exec(word);
  let r: RegExpExecArray | null;
  // Adjectival surnames and place names: -ського/-ському/-ським → -ський; -ської/-ською → -ська.
  if ((r = m(/^(.+)(ськ|цьк|зьк)(ого|ому|им|ім)$/u))) return r[1] + r[2] + "ий";
  if ((r = m(/^(.+)(ськ|цьк|зьк)(ої|ою|ій)$/u))) return r[1] + r[2] + "а";
  if ((r = m(/^(.+)(ск|цк)(ого|ому|им|ом)$/u))) return r[1] + r[2] + "ий";
  if ((r = m(/^(.+)(ск|цк)(ой|ую)$/u))) return r[1] + r[2] + "ая";
  // Feminine adjectival surnames and names: -ової/-евої/-іної/-ої → -ова/-ева/-іна/-а (Шевцової → Шевцова).
  if ((r = m(/^(.+)(ої|ою)$/u)) && r[1].length >= 3) return r[1] + "а";
  // -ова/-ева/-іна/-ина surnames (Петрова, Ільїна) in oblique feminine cases.
  if ((r = m(/^(.+)(ов|ев|ін|ин|ын)(ої|ою|ій|ой|у)$/u)) && gender === "f") return r[1] + r[2] + "а";
  if ((r = m(/^(.+)(ов|ев|ін|ин|ын|ів)(им|ым|ому|у|а|ові)$/u))) {
    if (r[3] === "а" && gender === "f") return word;
    return r[1] + r[2];
  }
  // Feminine -а/-я nouns: Росії/Росією → Росія, Кореї/Кореєю → Корея, Москві/Москвою → Москва.
  if ((r = m(/^(.+[аеєіоуи])(ї|єю|ю)$/u)) && r[2] !== "ю") return r[1] + "я";
  if ((r = m(/^(.+)(ією|ії)$/u))) return r[1] + "ія";
  if ((r = m(/^(.+)(ией|ии)$/u))) return r[1] + "ия";
  if ((r = m(/^(.+[^аеєіоуияюї])(ою|ой|ей)$/u)) && gender !== "m") return r[1] + "а";
  // Feminine -а nouns in the genitive: Наталки → Наталка, Олени → Олена (uk -и after a hard consonant).
  if ((r = m(/^(.+[бвгґдзклмнпрстфхцчшщж])и$/u)) && /[іїєґ]|^[А-ЯІЇЄҐ]/.test(word) && gender !== "m") return r[1] + "а";
  // Russian masculine -ей names in the genitive: Алексея → Алексей, Сергея → Сергей.
  if ((r = m(/^(.+е)я$/u)) && !/[іїєґ]/.test(word) && gender !== "f") return r[1] + "й";
  // Russian feminine genitive: Украины → Украина, Москвы → Москва.
  if ((r = m(/^(.+[бвдзлмнпрстфхц])ы$/u)) && gender !== "m") return r[1] + "а";
  // Masculine consonant stems: -ом/-ем/-ові/-у/-ю/-а/-я endings off (Хомчаком, Маасу, Мааса).
  // "-ем" only after soft or hushing consonants (Ігорем, Шмигалем), so Артем stays Артем.
  if ((r = m(/^(.+[бвгґджзклмнпрстфхцчшщ])(ові|еві|ом|ем|у|ю|а|е)$/u)) && r[1].length >= 3) {
    if ((r[2] === "а" || r[2] === "е") && gender === "f") return word;
    if (r[2] === "ем" && !/[жчшщцйрл]$/.test(r[1])) return word;
    return r[1];
  }
  return word;
}

/** The gender a first name or surname form suggests, or null. */
export function nameGender(word: string): "m" | "f" | null {
  const w = word.toLowerCase();
  if (!/[а-яіїєґё]/.test(w)) return null;
  if (/(ова|ева|єва|іна|ина|ына|ська|цька|ская|цкая|ая)$/.test(w)) return "f";
  // (-ич, -ко, -ук surnames serve both genders in Ukrainian: no guess.)
  if (/(ов|ев|єв|ін|ин|ын|ський|цький|ский|цкий|ий)$/.test(w)) return "m";
  return null;
}
