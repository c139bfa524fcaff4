/**
 * Helpers for matching text the way a reader would: news writes the same apostrophe, quote mark or dash in
 * several code points (об’єкт / об'єкт / обʼєкт; «…» / „…“ / "…"; - / – / —), and the clean text keeps
 * whatever the author typed. Stages that compare strings or look for punctuation use these classes and
 * `foldForMatch`, never one literal character.
 */

/** Apostrophes, and characters typed in their place inside words. */
export const APOSTROPHES = "'’ʼ`ʻ′‘";
/** Opening quote marks of all families (the straight " and ' open and close both). */
export const OPEN_QUOTES = "«„“‚‘‹\"'‟";
/** Closing quote marks of all families. */
export const CLOSE_QUOTES = "»“”‘’›\"'";
/** Every quote mark character. */
export const QUOTES = "«»„“”‚‘’‹›\"'‟";
/** Hyphen and dash family: hyphen-minus, hyphen, non-breaking hyphen, figure dash, en dash, em dash, bar, minus. */
export const DASHES = "-‐‑‒–—―−";

/** Escapes a character class body for use inside `[...]` of a RegExp. */
export function classBody(chars: string): string {
  return chars.replace(/[\\\]\[^-]/g, (c) => "\\" + c);
}

/** RegExp sources for the classes above (for building patterns: `new RegExp(`[${RE_DASH}]`)`). */
export const RE_APOSTROPHE = classBody(APOSTROPHES);
export const RE_OPEN_QUOTE = classBody(OPEN_QUOTES);
export const RE_CLOSE_QUOTE = classBody(CLOSE_QUOTES);
export const RE_QUOTE = classBody(QUOTES);
export const RE_DASH = classBody(DASHES);

const FOLD = new Map<string, string>();
for (const c of APOSTROPHES) FOLD.set(c, "'");
for (const c of "«»„“”‟‹›\"") FOLD.set(c, '"');
FOLD.set("‚", "'");
for (const c of DASHES) FOLD.set(c, "-");
// ‘ and ’ are apostrophes inside words and single quotes elsewhere: both fold to ', which is what a
// matcher wants either way.
const FOLD_RE = new RegExp(`[${classBody([...FOLD.keys()].join(""))}]`, "g");

/**
 * Folds apostrophes to ', quote marks to ", dashes to - and letters to lower case, keeping the length, so
 * an index found in the folded string is an index into the original. (Lower-casing keeps the length for
 * Cyrillic and Latin letters; the rare letters whose lower case is longer are left as they are.)
 */
export function foldForMatch(s: string): string {
  let out = s.replace(FOLD_RE, (c) => FOLD.get(c)!);
  const lower = out.toLowerCase();
  if (lower.length === out.length) return lower;
  // Keep the length: lower-case character by character, leaving the odd ones (İ → i̇) alone.
  let r = "";
  for (const ch of out) {
    const l = ch.toLowerCase();
    r += l.length === ch.length ? l : ch;
  }
  out = r;
  return out;
}

/** True when `c` (one character) is an apostrophe of any kind. */
export const isApostrophe = (c: string): boolean => c.length > 0 && APOSTROPHES.includes(c);
/** True when `c` (one character) is a hyphen or dash of any kind. */
export const isDash = (c: string): boolean => c.length > 0 && DASHES.includes(c);
/** True when `c` (one character) is a quote mark of any kind. */
export const isQuote = (c: string): boolean => c.length > 0 && QUOTES.includes(c);

/** Two strings equal after folding (and with runs of white space made one space, ends trimmed). */
export function sameText(a: string, b: string): boolean {
  const f = (s: string) => foldForMatch(s.replace(/\s+/g, " ").trim());
  return f(a) === f(b);
}

/** A word of two or more characters written wholly in capitals ("РОМАНЧУК", "NATO"; not "Київ", not "42"). */
export function isAllCapsWord(w: string): boolean {
  return w.length > 1 && w === w.toUpperCase() && /\p{Lu}/u.test(w);
}
