import { eld } from "eld/small";

/**
 * The article's language (ISO 639-1), for uk / ru / en news first:
 *
 * - eld (n-gram language detector, the "small" database) on a sample of the text;
 * - for Cyrillic text, the letters only one of the two languages has settle uk against ru (і ї є ґ vs
 *   ы э ъ ё) when they are plentiful: eld confuses the two on short texts;
 * - a hint (the JSONL "lang" field, <html lang>) is kept unless the text clearly says otherwise: the script
 *   contradicts it, the uk/ru letters contradict it, or eld is sure of another language on a long sample and
 *   gives the hint almost no weight. Too little text to judge keeps the hint; with no hint it is "und".
 */
const SAMPLE = 1500;

export function detectLanguage(text: string, hint: string | null): string {
  const h = normalizeHint(hint);
  const sample = sampleText(text);
  const stats = letterStats(sample);
  if (stats.letters < 12) return h ?? "und";

  const cyrillic = stats.cyr > stats.lat * 2;
  const latin = stats.lat > stats.cyr * 2;
  const byLetters = cyrillic ? ukOrRu(stats) : null;

  if (h) {
    // The script settles it when the hint is a language written in another script.
    if (cyrillic && LATIN_SCRIPT.has(h)) return byLetters ?? eldGuess(sample) ?? h;
    if (latin && CYRILLIC_SCRIPT.has(h)) return eldGuess(sample) ?? "en";
    if ((h === "uk" || h === "ru") && byLetters && byLetters !== h) return byLetters;
    if (byLetters === h) return h;
    if (stats.letters >= 200) {
      const r = eld.detect(sample);
      const scores = r.getScores();
      const top = r.language;
      if (top && top !== h && r.isReliable() && (scores[h] ?? 0) < 0.5 * (scores[top] ?? 0)) return top;
    }
    return h;
  }
  if (byLetters) return byLetters;
  return eldGuess(sample) ?? (cyrillic ? "ru" : latin ? "en" : "und");
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
  const s = text.length <= SAMPLE ? text : text.slice(0, SAMPLE * 0.7) + " " + text.slice(text.length >> 1, (text.length >> 1) + SAMPLE * 0.3);
  return s.replace(/https?:\/\/\S+|\d+/g, " ");
}

interface LetterStats {
  letters: number;
  cyr: number;
  lat: number;
  ukOnly: number;
  ruOnly: number;
}

function letterStats(s: string): LetterStats {
  const st = { letters: 0, cyr: 0, lat: 0, ukOnly: 0, ruOnly: 0 };
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) {
      st.letters++;
      st.lat++;
    } else if (c >= 0x400 && c <= 0x4ff) {
      st.letters++;
      st.cyr++;
      // і ї є ґ (and capitals) are Ukrainian; ы э ъ ё Russian.
      if (c === 0x456 || c === 0x457 || c === 0x454 || c === 0x491 || c === 0x406 || c === 0x407 || c === 0x404 || c === 0x490) st.ukOnly++;
      else if (c === 0x44b || c === 0x44d || c === 0x44a || c === 0x451 || c === 0x42b || c === 0x42d || c === 0x42a || c === 0x401) st.ruOnly++;
    } else if (c > 127 && /\p{L}/u.test(s[i])) st.letters++;
  }
  return st;
}

/** uk or ru when the language-specific letters say so clearly; null otherwise. */
function ukOrRu(st: LetterStats): "uk" | "ru" | null {
  if (st.ukOnly >= 3 && st.ukOnly >= 4 * st.ruOnly) return "uk";
  if (st.ruOnly >= 3 && st.ruOnly >= 4 * st.ukOnly) return "ru";
  // Long Russian text has ы/э everywhere; long Ukrainian text і everywhere: on a long sample, absence speaks.
  if (st.cyr >= 300 && st.ukOnly === 0 && st.ruOnly > 0) return "ru";
  if (st.cyr >= 300 && st.ruOnly === 0 && st.ukOnly > 0) return "uk";
  return null;
}

function eldGuess(sample: string): string | null {
  const r = eld.detect(sample);
  return r.language || null;
}
