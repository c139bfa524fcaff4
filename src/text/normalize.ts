import type { OffsetMap } from "../article.js";
import { TextBuilder } from "./offsets.js";

/**
 * Normalisation of decoded input into clean text, always through a `TextBuilder` so every offset of the
 * result maps back to the input:
 *
 * - CRLF and lone CR become LF; the Unicode line and paragraph separators, vertical tab and form feed too;
 * - no-break space, narrow no-break space, the typographic spaces (U+2000–U+200A), tab and ideographic space
 *   become a plain space (scrapers leave them everywhere and they break matching on " ");
 * - soft hyphens, zero-width spaces/joiners, word joiners, bidi marks and stray BOMs are removed: invisible,
 *   and they split words for every later matcher;
 * - decomposed letters are composed (NFC), so й and ї typed as и + ̆ and і + ̈ match the dictionaries.
 *
 * Quote marks, apostrophes and dashes are kept as the author typed them (see `match.ts` for matching them).
 */

/** Characters normalisation changes, and combining marks (which may need composing with their base). */
// The combining marks listed are the blocks that occur in uk/ru/en text (Latin and Cyrillic diacritics,
// their extensions, marks for symbols, half marks). Plain ranges without the u flag keep this scan — which
// runs over every character of every input — several times faster than \p{M}.
const SPECIAL =
  /[\r\t\v\f\u00a0\u00ad\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u2064\u206a-\u206f\u3000\ufeff\u0300-\u036f\u0483-\u0489\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;
const MARK = /\p{M}/u;

/** What one special character becomes ("" = removed, null = combining mark, handled by composition). */
function replacement(c: string, next: string | undefined): string | null {
  switch (c) {
    case "\r":
      return next === "\n" ? "" : "\n";
    case "\v":
    case "\f":
    case "\u2028":
    case "\u2029":
      return "\n";
    case "\t":
    case "\u00a0":
    case "\u1680":
    case "\u202f":
    case "\u205f":
    case "\u3000":
      return " ";
  }
  const code = c.charCodeAt(0);
  if (code >= 0x2000 && code <= 0x200a) return " ";
  if (MARK.test(c)) return null;
  return ""; // soft hyphen, zero-width characters, bidi controls, BOM, Mongolian vowel separator
}

/**
 * Appends `src[start..end)` to `b`, normalised. Runs with nothing to change are copied in one piece, so the
 * map stays small and the cost is one regex scan.
 */
export function appendNormalized(b: TextBuilder, src: string, start: number, end: number): void {
  // Scan a slice: a regex over the whole source would run past `end` to the next special character, which
  // makes many small appends quadratic.
  const part = start === 0 && end === src.length ? src : src.slice(start, end);
  SPECIAL.lastIndex = 0;
  let from = start;
  for (;;) {
    const m = SPECIAL.exec(part);
    if (!m) break;
    const i = m.index + start;
    const c = m[0];
    const rep = replacement(c, src[i + 1]);
    if (rep !== null) {
      // (For CRLF the CR is dropped and the LF is copied with the next run.)
      b.copy(src, from, i);
      b.replace(rep, i, i + 1);
      from = i + 1;
      continue;
    }
    // A combining mark: compose it with its base (the character before, if it is in this run) and any marks
    // that follow.
    let j = i + c.length;
    while (j < end) {
      const cp = src.codePointAt(j)!;
      const ch = String.fromCodePoint(cp);
      if (!MARK.test(ch)) break;
      j += ch.length;
    }
    let base = i - 1;
    if (base > from && /[\udc00-\udfff]/.test(src[base]) && /[\ud800-\udbff]/.test(src[base - 1])) base--;
    if (base < from) base = i; // no base in this run: the marks alone
    const cluster = src.slice(base, j);
    const composed = cluster.normalize("NFC");
    if (composed !== cluster) {
      b.copy(src, from, base);
      b.replace(composed, base, j);
      from = j;
    }
    SPECIAL.lastIndex = j - start;
  }
  b.copy(src, from, end);
}

/** Normalises a whole string: the clean text and its map back to `s`. */
export function normalizeText(s: string): { text: string; map: OffsetMap } {
  const b = new TextBuilder();
  appendNormalized(b, s, 0, s.length);
  return b.finish();
}

/** The same normalisation as a plain string (no map), for classifying lines and comparing. */
export function normalizeString(s: string): string {
  SPECIAL.lastIndex = 0;
  if (!SPECIAL.test(s)) return s;
  return normalizeText(s).text;
}

/** White space as the cleaners see it: ASCII space and tab plus what `appendNormalized` turns into a space. */
export const SPACE_RE_SRC = "[ \\t\\u00a0\\u1680\\u2000-\\u200a\\u202f\\u205f\\u3000]";
/** Characters that vanish in normalisation (soft hyphen, zero-width, bidi marks, BOM). */
export const INVISIBLE_RE_SRC = "[\\u00ad\\u180e\\u200b-\\u200f\\u202a-\\u202e\\u2060-\\u2064\\u206a-\\u206f\\ufeff]";

/** True for a character that is white space or invisible after normalisation (for trimming raw lines). */
export function isBlankChar(code: number): boolean {
  return (
    code === 32 ||
    code === 9 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200f) ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xad ||
    code === 0x180e ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2060 && code <= 0x2064) ||
    (code >= 0x206a && code <= 0x206f) ||
    code === 0xfeff
  );
}
