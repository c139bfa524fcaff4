/**
 * The gazetteer: countries, capitals and major cities, international bodies and state organs, news agencies
 * and outlets, heads of state and government — each with canonical names in uk/ru/en and aliases.
 *
 *   lookup("Росією")                  → { id: "loc:RU", type: "LOC", canonical: { uk: "Росія", ru: "Россия", en: "Russia" }, … }
 *   lookup("Російською Федерацією")   → the same entry (inflected multiword alias)
 *   lookup("Рейтерс") / lookup("Reuters") → org:reuters
 *   lookup("Путіна", "uk")            → per:putin
 *   lookup("Zelenskyy")               → per:zelensky (spelling-insensitive Latin key)
 *   transliterate("Путін", "uk", "ru") → "Путин"
 *
 * Matching, in order: the surface as written (case-insensitive; inflected single-word forms were generated
 * from the lexicon at build time; aliases of 2–3 capital Latin letters such as US and AP match only in
 * capitals); then the sequence of the words' lemmas (Російською Федерацією → російський федерація), which
 * covers inflected multiword names; then, for names, a Latin key that ignores transliteration differences.
 *
 * Data: data/gazetteer/gazetteer.json, built by `npm run build:gazetteer` (sources and licences in
 * data/gazetteer/README.md); loaded lazily once.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { EntityType } from "../article.js";
import { analysesOf } from "../morph/lemmatizer.js";
import { latinKey } from "./translit.js";

export { transliterate, latinKey, type TranslitLang } from "./translit.js";

export interface GazetteerEntry {
  /** Stable, language-independent id: "loc:RU" (ISO 3166 alpha-2 for countries), "per:putin", "org:reuters". */
  id: string;
  canonical: { uk: string; ru: string; en: string };
  type: EntityType;
  /** Every other name: short forms, abbreviations, other spellings and scripts (nominative). */
  aliases: string[];
  /** What the entry is, in English: "country", "city", "agency", "President of Russia"… */
  kind?: string;
  /** ISO 3166 alpha-2 code of the country (for countries and places). */
  country?: string;
}

interface GazetteerFile {
  entries: GazetteerEntry[];
  forms: Record<string, number[]>;
  caseSensitive: Record<string, number[]>;
  lemmaKeys: Record<string, number[]>;
  latin: Record<string, number[]>;
}

export const GAZETTEER_FILE = resolve(
  process.env.DZHERELO_GAZETTEER ?? join(dirname(fileURLToPath(import.meta.url)), "..", "..", "data", "gazetteer", "gazetteer.json"),
);

let data: GazetteerFile | null = null;
let maps: {
  /** First words of every lemma key and form: a phrase whose first word has no such lemma matches no key. */
  firstWords: Set<string>;
  forms: Map<string, number[]>;
  caseSensitive: Map<string, number[]>;
  lemmaKeys: Map<string, number[]>;
  latin: Map<string, number[]>;
} | null = null;

function load() {
  if (maps) return maps;
  data = existsSync(GAZETTEER_FILE)
    ? (JSON.parse(readFileSync(GAZETTEER_FILE, "utf8")) as GazetteerFile)
    : { entries: [], forms: {}, caseSensitive: {}, lemmaKeys: {}, latin: {} };
  const firstWords = new Set<string>();
  for (const k of [...Object.keys(data.forms), ...Object.keys(data.lemmaKeys)]) firstWords.add(k.split(" ")[0]);
  maps = {
    firstWords,
    forms: new Map(Object.entries(data.forms)),
    caseSensitive: new Map(Object.entries(data.caseSensitive)),
    lemmaKeys: new Map(Object.entries(data.lemmaKeys)),
    latin: new Map(Object.entries(data.latin)),
  };
  return maps;
}

/** Every entry (for indexing by other stages). */
export function entries(): readonly GazetteerEntry[] {
  load();
  return data!.entries;
}

/** The entry with this id, or null. */
export function byId(id: string): GazetteerEntry | null {
  return entries().find((e) => e.id === id) ?? null;
}

/** Surface normalisation shared with the build: NFC, one apostrophe, no quotes, single spaces, lowercase. */
export function normalizeName(s: string): string {
  if (plainWord(s)) return s.toLowerCase();
  return s
    .normalize("NFC")
    .replace(/\u0301/g, "")
    .replace(/[’ʼ`‘]/g, "'")
    .replace(/[«»"“”„]/g, "")
    .replace(/[‐‑–—]/g, "-")
    .replace(/\s*-\s*/g, "-")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
}

/**
 * Only Latin or Cyrillic letters and digits (most words), or such words with single spaces between them: what
 * normalizeName does to it is lowercasing (such a string is already NFC and has no marks, apostrophes, quotes,
 * dashes, or spaces to fold or trim).
 */
function plainWord(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x410 && c <= 0x44f) continue;
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57)) continue;
    if (c >= 0x400 && c <= 0x45f) continue;
    // Words of a name, one space between them (Кім Чен Ин): also left as they are but for the case.
    if (c === 32 && i > 0 && i < s.length - 1 && s.charCodeAt(i - 1) !== 32) continue;
    return false;
  }
  return true;
}

/** Script guess for choosing the lemmatiser: Ukrainian-only letters, Russian-only letters, else both. */
function langsFor(s: string, lang?: string): string[] {
  if (lang === "uk" || lang === "ru") return [lang];
  if (lang === "en" || !/[\u0400-\u04ff]/.test(s)) return [];
  if (/[іїєґ]/i.test(s)) return ["uk"];
  if (/[ыэёъ]/i.test(s)) return ["ru"];
  return ["uk", "ru"];
}

/** Case endings a name the dictionary lacks may carry (Кім Чен Ина, Йонхапом): stripped to find its key. */
const NAME_ENDINGS = /(ові|еві|ом|ем|ою|ею|ої|ей|ам|ах|ами|а|у|ю|і|и|е|я|ым|ой)$/;

/** Lemma candidates of one word, normalised (at most a few). */
function wordLemmas(w: string, lang: string): string[] {
  const out = new Set<string>();
  const as = analysesOf(w, lang);
  for (let i = 0; i < as.length && i < 4; i++) out.add(normalizeName(as[i].lemma));
  const low = normalizeName(w);
  out.add(low);
  if (/^\p{Lu}/u.test(w) && w.length > 3) {
    const m = low.match(NAME_ENDINGS);
    if (m) out.add(low.slice(0, low.length - m[0].length));
  }
  return [...out];
}

/** All lemma-sequence keys of a phrase (bounded). Exported for the build, which indexes aliases with it. */
export function lemmaKeys(phrase: string, lang: string, limit = 32): string[] {
  const words = phrase.replace(/[«»"“”„]/g, "").split(/\s+/).filter(Boolean);
  let keys = [""];
  for (const w of words) {
    const ls = wordLemmas(w, lang);
    const next: string[] = [];
    for (const k of keys) for (const l of ls) if (next.length < limit) next.push(k ? `${k} ${l}` : l);
    keys = next;
  }
  return keys.filter(Boolean);
}

function best(idx: number[] | undefined): GazetteerEntry | null {
  return idx && idx.length ? data!.entries[idx[0]] : null;
}

/**
 * The gazetteer entry a name refers to, in any inflected form, alias, script or common transliteration;
 * null when the name is not in the gazetteer. `lang` (uk, ru, en) picks the lemmatiser; without it the
 * script decides.
 */
export function lookup(surface: string, lang?: string): GazetteerEntry | null {
  const m = load();
  const s = surface.trim().replace(/[.,;:!?)»"”]+$/, "").replace(/^[«"“(]+/, "");
  // Every name in the gazetteer has a capital letter; a surface without one is a common word (того, та).
  if (!s || !/\p{Lu}/u.test(s)) return null;
  const cs = m.caseSensitive.get(s);
  if (cs) return best(cs);
  const key = normalizeName(s);
  const f = m.forms.get(key);
  if (f) return best(f);
  for (const l of langsFor(s, lang)) {
    // A phrase of several words: its first word's lemmas must begin some key, else none of its keys can match.
    if (/\s/.test(s)) {
      const words = s.replace(/[«»"“”„]/g, "").split(/\s+/).filter(Boolean);
      if (words.length > 1 && !wordLemmas(words[0], l).some((w) => m.firstWords.has(w) || w.includes(" "))) continue;
    }
    for (const k of lemmaKeys(s, l)) {
      const hit = m.lemmaKeys.get(k) ?? m.forms.get(k);
      if (hit) return best(hit);
    }
  }
  // Names across transliteration systems (Zelenskyy, Зеленский): Latin input, or Cyrillic long enough to be
  // specific (a short Cyrillic word folds onto unrelated names: Крім → krim → Крим).
  const letters = s.replace(/\s/g, "").length;
  if ((/[A-Za-z]/.test(s) && letters >= 4) || letters >= 7) {
    const lk = latinKey(s);
    const hit = m.latin.get(lk);
    if (hit) return best(hit);
  }
  return null;
}
