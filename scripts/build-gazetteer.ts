/**
 * npm run build:gazetteer — builds data/gazetteer/gazetteer.json from
 *
 *   - i18n-iso-countries (npm, MIT): country names in uk/ru/en with their alternative names;
 *   - data/gazetteer/src/*.json (hand-kept, sources noted in each file): short country names, capitals and
 *     major cities, organisations, news agencies and outlets, heads of state and government;
 *   - the lexicon (data/lexicon, `npm run build:lexicon`): every inflected form of single-word names
 *     (Росія → Росії, Росією…) and the lemma keys of multiword names (Російська Федерація → російський федерація).
 *
 * Needs data/lexicon built first. Output is deterministic for the same inputs.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { EntityType } from "../src/article.js";
import { analyzeWord, resources } from "../src/morph/lemmatizer.js";
import { lemmaKeys, normalizeName, type GazetteerEntry } from "../src/gazetteer/index.js";
import { latinKey, transliterate } from "../src/gazetteer/translit.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const SRC = join(ROOT, "data", "gazetteer", "src");
const OUT = join(ROOT, "data", "gazetteer", "gazetteer.json");
const require = createRequire(import.meta.url);

type Names = string | string[];
const countryLang = (l: string) => require(`i18n-iso-countries/langs/${l}.json`).countries as Record<string, Names>;

function splitNames(n: Names): string[] {
  const arr = Array.isArray(n) ? n : [n];
  const out: string[] = [];
  // "КНДР (Корейская Народно-Демократическая Республика)": both the short and the long name.
  for (const s of arr) {
    const m = s.match(/^(.*?)\s*\((.*)\)\s*$/);
    if (m) out.push(m[1], m[2]);
    else out.push(s);
  }
  return out.map((s) => s.trim()).filter(Boolean);
}

const entries: GazetteerEntry[] = [];
/** Names that come from the ISO lists only (not hand-kept), per entry id. */
const isoNames = new Map<string, Set<string>>();

// Countries.
const uk = countryLang("uk");
const ru = countryLang("ru");
const en = countryLang("en");
const extrasFile = JSON.parse(readFileSync(join(SRC, "country-extras.json"), "utf8"));
const extras = extrasFile.extras as Record<string, string[]>;
const canonicalOverride = extrasFile.canonical as Record<string, { uk: string; ru: string; en: string }>;
for (const code of Object.keys(en).sort()) {
  const u = splitNames(uk[code] ?? en[code]);
  const r = splitNames(ru[code] ?? en[code]);
  const e = splitNames(en[code]);
  // The canonical name is the short common one: Росія over Російська Федерація; where ISO gives a long
  // official form first, the extras list starts with the short one.
  const pick = (names: string[], lang: "uk" | "ru" | "en") => {
    const ex = (extras[code] ?? []).filter((x) => names.includes(x) || scriptOf(x) === lang);
    const short = [...names, ...ex].filter((x) => !/\s/.test(x) && !/^\p{Lu}{2,}$/u.test(x));
    return short[0] ?? names[0];
  };
  const canonical = canonicalOverride[code] ?? { uk: pick(u, "uk"), ru: pick(r, "ru"), en: pick(e, "en") };
  const aliases = uniq([...u, ...r, ...e, ...(extras[code] ?? [])]).filter((a) => !Object.values(canonical).includes(a));
  entries.push({ id: `loc:${code}`, type: "LOC", canonical, aliases, kind: "country", country: code });
  isoNames.set(`loc:${code}`, new Set([...u, ...r, ...e].filter((x) => !(extras[code] ?? []).includes(x))));
}

function scriptOf(s: string): "uk" | "ru" | "en" {
  if (/[іїєґ]/i.test(s)) return "uk";
  if (/[ыэёъ]/i.test(s)) return "ru";
  if (/[\u0400-\u04ff]/.test(s)) return "uk";
  return "en";
}

// Hand-kept lists: "id | uk | ru | en | aliases | extra".
function readList(file: string, type: EntityType, extraField: "kind" | "country") {
  const data = JSON.parse(readFileSync(join(SRC, file), "utf8")) as { entries: string[] };
  for (const line of data.entries) {
    const [id, u, r, e, al, extra] = line.split("|").map((x) => x.trim());
    const aliases = uniq((al ?? "").split(",").map((x) => x.trim()).filter(Boolean)).filter((a) => a !== u && a !== r && a !== e);
    const entry: GazetteerEntry = { id, type, canonical: { uk: u, ru: r, en: e }, aliases };
    if (extra) entry[extraField] = extra;
    if (extraField === "country") entry.kind = extra ? "city" : "region";
    entries.push(entry);
  }
}
readList("places.json", "LOC", "country");
readList("organizations.json", "ORG", "kind");
readList("outlets.json", "ORG", "kind");
readList("leaders.json", "PER", "kind");

/** True when the lemma key of a one-word name comes from a capitalised (proper-noun) reading of it. */
function nameReading(name: string, key: string, lang: string): boolean {
  return analyzeWord(name, lang).some((a) => /^\p{Lu}/u.test(a.lemma) && normalizeName(a.lemma) === key);
}

function uniq<T>(a: T[]): T[] {
  return [...new Set(a)];
}

// Indexes.
const forms = new Map<string, number[]>();
const caseSensitive = new Map<string, number[]>();
const lemmaKeyIdx = new Map<string, number[]>();
const latin = new Map<string, number[]>();
// Each key remembers (entry, rank); an entry's canonical names rank 0, hand-kept aliases 1, names from the ISO
// lists 2, generated forms and keys 3. A key shared by entries points first to the best-ranked one
// (США is the United States, not the US Minor Outlying Islands whose ISO name contains it).
const ranks = new Map<Map<string, number[]>, Map<string, Map<number, number>>>();
let curRank = 0;
const add = (m: Map<string, number[]>, k: string, i: number) => {
  if (!k) return;
  let rm = ranks.get(m);
  if (!rm) ranks.set(m, (rm = new Map()));
  const r = rm.get(k) ?? new Map<number, number>();
  r.set(i, Math.min(r.get(i) ?? 9, curRank));
  rm.set(k, r);
  m.set(k, [...r].sort((a, b) => a[1] - b[1] || a[0] - b[0]).map(([idx]) => idx));
};


const ukLex = resources("uk").lex;
const ruLex = resources("ru").lex;
entries.forEach((e, i) => {
  const names = uniq([e.canonical.uk, e.canonical.ru, e.canonical.en, ...e.aliases]);
  for (const name of names) {
    const canon = name === e.canonical.uk || name === e.canonical.ru || name === e.canonical.en;
    curRank = canon ? 0 : isoNames.get(e.id)?.has(name) ? 2 : 1;
    // Two or three capital Latin letters (US, AP, UN) are common words in lowercase: match them as written.
    if (/^[A-Z.]{2,4}$/.test(name) && name.replace(/\./g, "").length <= 3) {
      add(caseSensitive, name, i);
      continue;
    }
    add(forms, normalizeName(name), i);
    curRank = Math.max(curRank, 1) + 2;
    const lang = scriptOf(name);
    if (lang === "en") {
      if (e.type !== "ORG" || name.length >= 5) add(latin, latinKey(name), i);
      continue;
    }
    const lex = lang === "uk" ? ukLex : ruLex;
    const words = name.split(/\s+/);
    if (words.length === 1 && lex) {
      // Every inflected form of a one-word name the dictionary knows (Росія → Росії, Росією, Росію…).
      for (const variant of [name, name.toLowerCase()]) {
        if (!lex.hasLemma(variant)) continue;
        for (const f of lex.expand(variant)) add(forms, normalizeName(f.form), i);
      }
    }
    // Lemma keys cover inflected multiword names and one-word names the dictionary lacks. A one-word name is
    // keyed only by itself and by capitalised (name) readings: Того (Togo) must not be found through той.
    const keys = (l: string, limit: number) =>
      words.length > 1 ? lemmaKeys(name, l, limit) : lemmaKeys(name, l, limit).filter((k) => k === normalizeName(name) || nameReading(name, k, l));
    for (const k of keys(lang, 8)) add(lemmaKeyIdx, k, i);
    if (lang === "ru" || lang === "uk") for (const k of keys(lang === "uk" ? "ru" : "uk", 4)) add(lemmaKeyIdx, k, i);
    if (e.type !== "ORG") add(latin, latinKey(name), i);
  }
  // Each person's uk/ru names transliterated into the other script, for spellings the list lacks.
  if (e.type === "PER") {
    curRank = 5;
    add(forms, normalizeName(transliterate(e.canonical.uk, "uk", "ru")), i);
    add(forms, normalizeName(transliterate(e.canonical.ru, "ru", "uk")), i);
  }
});

// A key shared by several entries: the earlier list wins (countries, places, organisations, outlets,
// leaders), except that a person's own name beats a place's inflected form.
const obj = (m: Map<string, number[]>) => Object.fromEntries([...m].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
const file = { entries, forms: obj(forms), caseSensitive: obj(caseSensitive), lemmaKeys: obj(lemmaKeyIdx), latin: obj(latin) };
writeFileSync(OUT, JSON.stringify(file) + "\n");
const card = {
  built: "npm run build:gazetteer",
  entries: entries.length,
  byType: entries.reduce<Record<string, number>>((a, e) => ((a[e.type] = (a[e.type] ?? 0) + 1), a), {}),
  forms: forms.size,
  lemmaKeys: lemmaKeyIdx.size,
  latinKeys: latin.size,
  bytes: Buffer.byteLength(JSON.stringify(file)),
};
writeFileSync(join(ROOT, "data", "gazetteer", "card.json"), JSON.stringify(card, null, 2) + "\n");
console.log(card);
