import type { Token } from "../article.js";
import type { Stage } from "../pipeline/types.js";

/**
 * Tokens over the whole clean text, by one sticky regular expression (this runs on every article, so it is
 * a single linear scan):
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

const WORD = "[\\p{L}\\p{M}\\p{N}]+(?:(?:['’ʼ`]|[-‐‑])[\\p{L}\\p{M}\\p{N}]+)*";
const NUMBER = "\\p{Nd}+(?:[.,]\\p{Nd}+)+";
const TOKEN = new RegExp(`${NUMBER}(?:[-‐‑][\\p{L}\\p{N}]+)*|${WORD}|\\.{2,}|([^\\s\\p{L}\\p{M}\\p{N}])\\1*`, "gu");

export function tokenize(text: string, from = 0, to = text.length): Token[] {
  const out: Token[] = [];
  const re = TOKEN;
  re.lastIndex = from;
  for (let m = re.exec(text); m && m.index < to; m = re.exec(text)) {
    const end = Math.min(m.index + m[0].length, to);
    out.push({ start: m.index, end, text: text.slice(m.index, end) });
  }
  return out;
}
