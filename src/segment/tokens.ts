import type { Token } from "../article.js";
import type { Stage } from "../pipeline/types.js";

/**
 * Tokens over the whole clean text, in one linear scan (this runs on every article):
 * - words with inner apostrophes of any kind (об’єкти, п'ять, обʼєкт, O'Brien) and inner hyphens
 *   (військово-технічної, Hwasong-11, 2019-му, ген.-лейт. is "ген", ".", "-", "лейт", ".");
 * - numbers with a decimal or thousands separator between digits (1,5  3.14  10,000); "5 000" is two
 *   tokens, the figures stage joins digit groups;
 * - every other non-space character is a punctuation token, except runs of the same mark ("...", "--", "!!").
 */
export const tokensStage: Stage = {
  name: "tokens",
  run(doc) {
    return { tokens: tokenize(doc.text) };
  },
};

/**
 * A hand-written scanner: the same tokens as the pattern
 *   \d+([.,]\d+)+(-word)* | [\p{L}\p{M}\p{N}]+(['’ʼ`-][\p{L}\p{M}\p{N}]+)* | ([^\s\p{L}\p{M}\p{N}])\1*
 * but several times faster than V8's Unicode-property regex, with fast paths for ASCII, Latin and Cyrillic
 * and a property test for other scripts.
 */
const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;
const SPACE = /\s/;

function isWordCode(c: number, s: string, i: number): boolean {
  if (c < 0x80) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  if (c >= 0x400 && c <= 0x52f) return c < 0x482 || c > 0x489 || c >= 0x483; // Cyrillic (incl. its combining marks)
  if (c >= 0xc0 && c <= 0x24f) return c !== 0xd7 && c !== 0xf7; // Latin-1 letters and Latin Extended
  if (c >= 0x300 && c <= 0x36f) return true; // combining diacritics
  if (c >= 0xd800 && c <= 0xdbff) return WORD_CHAR.test(s.slice(i, i + 2));
  return WORD_CHAR.test(s[i]);
}
const isDigit = (c: number) => c >= 48 && c <= 57;
/** Apostrophes and hyphens that join two word parts (об’єкти, п'ять, військово-технічної). */
const isJoiner = (c: number) =>
  c === 39 || c === 0x2019 || c === 0x2bc || c === 96 || c === 45 || c === 0x2010 || c === 0x2011;
const isSpace = (c: number, s: string, i: number) =>
  c === 32 || c === 10 || c === 9 || c === 13 || (c > 127 && SPACE.test(s[i]));

export function tokenize(text: string, from = 0, to = text.length): Token[] {
  const out: Token[] = [];
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (isSpace(c, text, i)) {
      i++;
      continue;
    }
    const start = i;
    if (isWordCode(c, text, i)) {
      const numeric = isDigit(c);
      let allDigits = numeric;
      i += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
      while (i < to) {
        const d = text.charCodeAt(i);
        if (isWordCode(d, text, i)) {
          if (!isDigit(d)) allDigits = false;
          i += d >= 0xd800 && d <= 0xdbff ? 2 : 1;
          continue;
        }
        const next = i + 1 < to ? text.charCodeAt(i + 1) : -1;
        // 1,5 and 3.14: a separator between digits of a number
        if ((d === 44 || d === 46) && allDigits && isDigit(text.charCodeAt(i - 1)) && isDigit(next)) {
          i++;
          continue;
        }
        if (isJoiner(d) && next >= 0 && isWordCode(next, text, i + 1)) {
          allDigits = false;
          i++;
          continue;
        }
        break;
      }
    } else {
      // punctuation: one mark, or a run of the same mark ("...", "--", "!!")
      const w = c >= 0xd800 && c <= 0xdbff ? 2 : 1;
      i += w;
      while (i + w <= to && text.startsWith(text.slice(start, start + w), i)) i += w;
    }
    out.push({ start, end: i, text: text.slice(start, i) });
  }
  return out;
}
