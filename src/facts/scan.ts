/**
 * One pass over the text that finds where a date or a figure may start: every digit run, every currency
 * sign, and every word listed as a trigger (month and weekday names, relative-date words, number words …).
 * Patterns are then tried only at those offsets, so the ordinary words of a text cost one Set lookup each.
 *
 * A hand-written character loop rather than a word regex: it allocates nothing for words that are not
 * triggers except the slice to look up, and it lower-cases only words that start with a capital letter.
 */

export interface Starts {
  dates: number[];
  figures: number[];
}

const isLetter = (c: number): boolean =>
  (c >= 97 && c <= 122) ||
  (c >= 65 && c <= 90) ||
  (c >= 0x400 && c <= 0x52f) ||
  (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) ||
  (c > 0x24f && c !== 0x2bc && /\p{L}/u.test(String.fromCharCode(c)));
/** Apostrophes joining a word (п'ять, п’ять, пʼять, Monday's). */
const isApostrophe = (c: number): boolean => c === 39 || c === 0x2019 || c === 0x2bc || c === 96 || c === 0x2bb;
const isUpperStart = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 0x400 && c <= 0x42f) || c === 0x404 || c === 0x406 || c === 0x407 || c === 0x490 || (c >= 0xc0 && c <= 0xde);
const CURRENCY_SIGNS = new Set([36, 0x20ac, 0xa3, 0x20b4, 0x20bd, 0xa5]); // $ € £ ₴ ₽ ¥

/** Folds a word as the lexicon does (lower case, one apostrophe, е for ё). */
function foldWord(w: string, needsCase: boolean, needsChars: boolean): string {
  let f = needsCase ? w.toLowerCase() : w;
  if (needsChars) f = f.replace(/['’ʼ`ʻ]/g, "'").replace(/ё/g, "е");
  return f;
}

/**
 * Folded trigger word → 1 (a date may start here) | 2 (a figure may), and the words' first letters: `one` holds
 * the one-letter triggers, `two` the first two letters of the others (as numbers), so most words are passed over
 * without a slice or a lookup.
 */
interface Triggers {
  map: Map<string, number>;
  one: Set<number>;
  two: Set<number>;
}
const cache = new WeakMap<Set<string>, WeakMap<Set<string>, Triggers>>();
function triggerMap(dateWords: Set<string>, figureWords: Set<string>): Triggers {
  let inner = cache.get(dateWords);
  if (!inner) cache.set(dateWords, (inner = new WeakMap()));
  let t = inner.get(figureWords);
  if (!t) {
    const map = new Map<string, number>();
    for (const w of dateWords) map.set(w, 1);
    for (const w of figureWords) map.set(w, (map.get(w) ?? 0) | 2);
    const one = new Set<number>();
    const two = new Set<number>();
    for (const w of map.keys()) {
      if (w.length === 1) one.add(w.charCodeAt(0));
      else if (w.length > 1) two.add(w.charCodeAt(0) * 65536 + w.charCodeAt(1));
    }
    t = { map, one, two };
    inner.set(figureWords, t);
  }
  return t;
}

/**
 * A letter folded as `foldWord` folds it when it is among the first two of a word (lower case, е for ё, one
 * apostrophe), for ASCII and basic Cyrillic; -1 for other characters (their words are looked up in full).
 */
function foldFirst(c: number): number {
  if (c < 0x80) return c >= 65 && c <= 90 ? c + 32 : c === 96 ? 39 : c;
  if (c >= 0x410 && c <= 0x42f) return c === 0x415 ? 0x435 : c + 0x20;
  if (c === 0x401 || c === 0x451) return 0x435;
  if (c >= 0x430 && c <= 0x44f) return c;
  if (c >= 0x400 && c <= 0x40f) return c + 0x50;
  if (c >= 0x452 && c <= 0x45f) return c;
  if (c === 0x2019 || c === 0x2bc || c === 0x2bb) return 39;
  return -1;
}

/** The trigger flags of a folded word, or of its part before an apostrophe ("monday's" → "monday"). */
function flags(map: Map<string, number>, f: string, apostrophe: boolean): number {
  const v = map.get(f);
  if (v !== undefined) return v;
  if (!apostrophe) return 0;
  const i = f.indexOf("'");
  return i > 0 ? (map.get(f.slice(0, i)) ?? 0) : 0;
}

export function scanStarts(text: string, dateWords: Set<string>, figureWords: Set<string>): Starts {
  const { map, one, two } = triggerMap(dateWords, figureWords);
  const dates: number[] = [];
  const figures: number[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      dates.push(i);
      figures.push(i);
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d < 48 || d > 57) break;
        i++;
      }
      continue;
    }
    if (isLetter(c)) {
      let j = i + 1;
      let apostrophe = false;
      let yo = false;
      let upperInside = false;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (isLetter(d)) {
          if (d === 0x451 || d === 0x401) yo = true;
          else if (!upperInside && isUpperStart(d)) upperInside = true;
          j++;
        } else if (isApostrophe(d) && j + 1 < n && isLetter(text.charCodeAt(j + 1))) {
          apostrophe = true;
          j++;
        } else break;
      }
      if (c === 0x451 || c === 0x401) yo = true;
      // Passed over when its first letters begin no trigger (a word with an apostrophe after its first letter
      // may also be the one-letter trigger before it).
      const k0 = foldFirst(c);
      if (k0 >= 0) {
        if (j - i === 1) {
          if (!one.has(k0)) {
            i = j;
            continue;
          }
        } else {
          const k1 = foldFirst(text.charCodeAt(i + 1));
          if (k1 >= 0 && !two.has(k0 * 65536 + k1) && !(k1 === 39 && one.has(k0))) {
            i = j;
            continue;
          }
        }
      }
      const f = foldWord(text.slice(i, j), upperInside || isUpperStart(c), apostrophe || yo);
      const fl = flags(map, f, apostrophe);
      if (fl & 1) dates.push(i);
      if (fl & 2) figures.push(i);
      i = j;
      continue;
    }
    if (CURRENCY_SIGNS.has(c)) figures.push(i);
    i++;
  }
  return { dates, figures };
}
