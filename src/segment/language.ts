import { createRequire } from "node:module";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { eld as EldInstance } from "eld/small";

/**
 * The article's language (ISO 639-1), for uk / ru / en news first.
 *
 * Script evidence decides most texts without any model:
 * - Cyrillic text: the letters only one of the two languages has (і ї є ґ and the apostrophe inside a word
 *   for Ukrainian; ы э ё for Russian) when they are plentiful and one side outweighs the other four to one,
 *   so a quoted word or sentence in the other language does not flip the article; on a long sample the
 *   absence of one side's letters speaks too. Letters of other Cyrillic alphabets (ў ј љ ә қ …) leave it undecided.
 * - Latin text: English when English function words (the, of, and, to, is …) are a good share of the words
 *   and letters with diacritics are rare.
 * Texts the script cannot settle (short Cyrillic text without those letters, other Latin languages, mixed
 * scripts) go to eld, an n-gram language detector, loaded only when first needed (the "extrasmall" database:
 * ~80 MB and ~160 ms of CPU to load, so a process that only meets uk/ru/en news never pays for it).
 *
 * A hint (the JSONL "lang" field, <html lang>) is kept unless the text clearly says otherwise: the script
 * contradicts it, the script evidence names another of uk/ru/en, or eld is sure of another language on a long
 * sample and gives the hint almost no weight. Too little text to judge keeps the hint; with no hint it is "und".
 */
const SAMPLE = 1500;
const ELD_DATABASE = "eld/extrasmall";

export type LanguageEvidence = "hint" | "script" | "eld" | "none";

export function detectLanguage(text: string, hint: string | null): string {
  return detectLanguageDetail(text, hint).lang;
}

/** The language and what decided it: the hint, the script evidence, eld, or nothing (too little text). */
export function detectLanguageDetail(text: string, hint: string | null): { lang: string; by: LanguageEvidence } {
  const h = normalizeHint(hint);
  // The script evidence needs only the URLs out (digits are no letters and split no words); the sample for eld,
  // without numbers too, is made only when eld is asked.
  const raw = sampleSlice(text);
  const scriptSample = raw.includes("http") ? raw.replace(/https?:\/\/\S+/g, " ") : raw;
  let eldSample: string | null = null;
  const sample = () => (eldSample ??= sampleText(text));
  const stats = letterStats(scriptSample);
  if (stats.letters < 12) return h ? { lang: h, by: "hint" } : { lang: "und", by: "none" };

  const cyrillic = stats.cyr > stats.lat * 2;
  const latin = stats.lat > stats.cyr * 2;
  const byScript = cyrillic ? ukOrRu(stats) : latin ? english(stats, scriptSample) : null;
  const script = (lang: string) => ({ lang, by: "script" as const });

  if (h) {
    // The script settles it when the hint is a language written in another script.
    if (cyrillic && LATIN_SCRIPT.has(h)) return byScript ? script(byScript) : fromEld(sample()) ?? { lang: h, by: "hint" };
    if (latin && CYRILLIC_SCRIPT.has(h)) return byScript ? script(byScript) : fromEld(sample()) ?? { lang: "en", by: "script" };
    if (byScript && (byScript === h || h === "uk" || h === "ru" || h === "en")) return byScript === h ? { lang: h, by: "hint" } : script(byScript);
    const detector = stats.letters >= 200 ? loadEld() : null;
    if (detector) {
      const r = detector.detect(sample());
      const scores = r.getScores();
      const top = r.language;
      if (top && top !== h && r.isReliable() && (scores[h] ?? 0) < 0.5 * (scores[top] ?? 0)) return { lang: top, by: "eld" };
    }
    return { lang: h, by: "hint" };
  }
  if (byScript) return script(byScript);
  if (cyrillic && ukOrRuAlphabet(stats)) return ukOrRuByEld(sample(), stats);
  return fromEld(sample()) ?? { lang: cyrillic ? "ru" : latin ? "en" : "und", by: "none" };
}

/** Whether this module has loaded eld (it does so on the first text the script evidence cannot settle). */
export function languageDetectorLoaded(): boolean {
  return eldInstance !== null;
}

const LATIN_SCRIPT = new Set(["en", "de", "fr", "es", "it", "pl", "pt", "nl", "cs", "sk", "ro", "hu", "tr", "lt", "lv", "et", "fi", "sv", "da", "no", "hr", "sl"]);
const CYRILLIC_SCRIPT = new Set(["uk", "ru", "be", "bg", "sr", "mk", "kk"]);

function normalizeHint(hint: string | null): string | null {
  if (!hint) return null;
  const h = hint.trim().toLowerCase().split(/[-_]/)[0];
  if (!/^[a-z]{2,3}$/.test(h)) return null;
  return h === "ua" ? "uk" : h;
}

/** A sample from the start and the middle of the text, without URLs and numbers. */
function sampleText(text: string): string {
  return sampleSlice(text).replace(/https?:\/\/\S+|\d+/g, " ");
}

/** The start and the middle of the text, as they are. */
function sampleSlice(text: string): string {
  return text.length <= SAMPLE ? text : text.slice(0, SAMPLE * 0.7) + " " + text.slice(text.length >> 1, (text.length >> 1) + SAMPLE * 0.3);
}

interface LetterStats {
  letters: number;
  cyr: number;
  lat: number;
  /** Latin letters with diacritics and letters of other scripts. */
  other: number;
  /** і ї є ґ, and apostrophes between Cyrillic letters. */
  ukOnly: number;
  /** ы э ё. */
  ruOnly: number;
  /** ъ (Russian, rare; Bulgarian, frequent). */
  hardSign: number;
  /** Cyrillic letters of neither the Ukrainian nor the Russian alphabet (ў ј љ њ ә қ ң ө ү …). */
  otherCyr: number;
}

function isCyr(c: number): boolean {
  return c >= 0x400 && c <= 0x4ff;
}

function letterStats(s: string): LetterStats {
  const st: LetterStats = { letters: 0, cyr: 0, lat: 0, other: 0, ukOnly: 0, ruOnly: 0, otherCyr: 0, hardSign: 0 };
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) {
      st.letters++;
      st.lat++;
    } else if (isCyr(c)) {
      st.letters++;
      st.cyr++;
      const l = c >= 0x400 && c <= 0x40f ? c + 0x50 : c >= 0x410 && c <= 0x42f ? c + 0x20 : c; // lower case
      if (l === 0x456 || l === 0x457 || l === 0x454 || c === 0x491 || c === 0x490) st.ukOnly++;
      else if (l === 0x44b || l === 0x44d || l === 0x451) st.ruOnly++;
      else if (l === 0x44a) st.hardSign++;
      else if (!(l >= 0x430 && l <= 0x44f)) st.otherCyr++;
    } else if (c === 0x27 || c === 0x2019 || c === 0x2bc) {
      // The Ukrainian apostrophe: between two Cyrillic letters (м'ясо, п’ять, сім'я).
      if (i > 0 && isCyr(s.charCodeAt(i - 1)) && i + 1 < s.length && isCyr(s.charCodeAt(i + 1))) st.ukOnly++;
    } else if (c > 127 && /\p{L}/u.test(s[i])) {
      st.letters++;
      st.other++;
    }
  }
  return st;
}

/** uk or ru when the language-specific letters say so clearly; null otherwise. */
function ukOrRu(st: LetterStats): "uk" | "ru" | null {
  // Belarusian, Bulgarian, Serbian, Kazakh … are for eld.
  if (st.otherCyr >= 2 && st.otherCyr >= 0.005 * st.cyr) return null;
  if (st.ukOnly >= 3 && st.ukOnly >= 4 * st.ruOnly) return "uk";
  if (st.ruOnly >= 3 && st.ruOnly >= 4 * st.ukOnly) return "ru";
  // Long Russian text has ы/э everywhere; long Ukrainian text і everywhere: on a long sample, absence speaks.
  if (st.cyr >= 300 && st.ukOnly === 0 && st.ruOnly > 0) return "ru";
  if (st.cyr >= 300 && st.ruOnly === 0 && st.ukOnly > 0) return "uk";
  return null;
}

/** Words that are frequent in English and are not words (or are rare) in the other Latin-script languages. */
const EN_WORDS = new Set(
  ("the of and to is that for with were are been by from it its he she his her they their this these has have had " +
    "said says not but which who would after about there what when than").split(" "),
);

/** "en" when English function words are a good share of the words and diacritics are rare; null otherwise. */
function english(st: LetterStats, sample: string): "en" | null {
  if (st.other > Math.max(2, 0.01 * st.letters)) return null;
  const words = sample.toLowerCase().match(/[a-z]+/g) ?? [];
  let en = 0;
  for (const w of words) if (EN_WORDS.has(w)) en++;
  // Two such words make a short title English when the words are all plain ASCII ("Former U.S. ambassador to
  // Ukraine … has"); longer text needs three and a 15 % share.
  if (en >= 3 && en >= 0.15 * words.length) return "en";
  return en === 2 && st.other === 0 && en >= 0.2 * words.length ? "en" : null;
}

/**
 * Cyrillic text written with the letters of the Ukrainian and Russian alphabets only: no letter of another
 * Cyrillic alphabet, and no ъ without ы/э/ё (Bulgarian writes ъ often and has no ы, э, ё).
 */
function ukOrRuAlphabet(st: LetterStats): boolean {
  return st.otherCyr === 0 && !(st.hardSign > 0 && st.ruOnly === 0);
}

/**
 * uk or ru, whichever eld scores higher (eld alone calls short Russian or Ukrainian text Bulgarian or
 * Belarusian), judged on the text outside quotation marks when enough is left: a short title quoting the other
 * language is in the language of its frame.
 */
function ukOrRuByEld(sample: string, st: LetterStats): { lang: string; by: LanguageEvidence } {
  const detector = loadEld();
  if (!detector) return { lang: st.ukOnly > st.ruOnly ? "uk" : "ru", by: "script" };
  const frame = sample.replace(/«[^»]*»|„[^“”"]*[“”"]|"[^"]*"|“[^”]*”/g, " ");
  const r = detector.detect(letterStats(frame).letters >= 12 ? frame : sample);
  const sc = r.getScores();
  const uk = sc.uk ?? 0;
  const ru = sc.ru ?? 0;
  if (uk === 0 && ru === 0) return { lang: r.language || "ru", by: "eld" };
  return { lang: uk > ru ? "uk" : "ru", by: "eld" };
}

// --- eld, loaded on first use ---

type Eld = typeof EldInstance;
let eldInstance: Eld | null = null;

function fromEld(sample: string): { lang: string; by: "eld" } | null {
  const lang = loadEld()?.detect(sample).language;
  return lang ? { lang, by: "eld" } : null;
}

let eldImport: Promise<void> | null = null;

/**
 * eld is an ES module package; it is loaded synchronously through require() of its file (Node ≥ 20.19 and
 * ≥ 22.12 load ES modules through require), so detectLanguage stays synchronous. An older Node refuses: eld is
 * then imported in the background, and until it is there the callers fall back on the script alone (null).
 */
function loadEld(): Eld | null {
  if (eldInstance || eldImport) return eldInstance;
  const require = createRequire(import.meta.url);
  try {
    eldInstance = (require(eldFile()) as { eld: Eld }).eld;
  } catch (e) {
    if ((e as { code?: string }).code !== "ERR_REQUIRE_ESM") throw e;
    // Should the import fail too, the script alone decides from then on.
    eldImport = import(ELD_DATABASE).then(
      (m: { eld: Eld }) => {
        eldInstance = m.eld;
      },
      () => undefined,
    );
  }
  return eldInstance;
}

/** The file of the eld database entry; the package exports it for import only, so require.resolve cannot find it. */
function eldFile(): string {
  const resolveUrl = (import.meta as { resolve?: (s: string) => string }).resolve;
  if (typeof resolveUrl === "function") {
    try {
      return fileURLToPath(resolveUrl(ELD_DATABASE));
    } catch {
      /* fall through to the node_modules search */
    }
  }
  const [pkg, sub] = [ELD_DATABASE.split("/")[0], "./" + ELD_DATABASE.split("/")[1]];
  for (const dir of createRequire(import.meta.url).resolve.paths(pkg) ?? []) {
    const manifest = join(dir, pkg, "package.json");
    if (!existsSync(manifest)) continue;
    const exp = (JSON.parse(readFileSync(manifest, "utf8")) as { exports: Record<string, { import: string }> }).exports[sub];
    return join(dir, pkg, exp.import);
  }
  throw new Error(`language detection: the ${pkg} package is not installed`);
}
