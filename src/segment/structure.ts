import type { Article, Block } from "../article.js";
import type { Stage } from "../pipeline/types.js";
import { sameText } from "../text/match.js";
import { STORY_HEADING } from "../extract/text/boilerplate.js";

/**
 * Structure: which block is the title, the lead, a heading or a paragraph.
 *
 * HTML extractors already know headings, lists and quotes from the markup; their kinds are kept, and only a
 * lead is chosen (the first paragraph) when none is marked. Plain text has only lines, so the kinds come
 * from shape:
 * - title: a short first line with no final period, followed by a longer paragraph (or the line equal to a
 *   title the caller gave);
 * - lead: the first paragraph after the title;
 * - heading: a short line without a final period with a paragraph after it, a line ending in a section
 *   formula ("… – що відомо", "… - подробиці"), or a line in capitals.
 */
export const structureStage: Stage = {
  name: "structure",
  run(doc) {
    const blocks = classifyBlocks(doc);
    const title = blocks.find((b) => b.kind === "title");
    const lead = blocks.find((b) => b.kind === "lead");
    const out: Partial<Article> = { blocks };
    if (!doc.title && title) out.title = doc.text.slice(title.start, title.end);
    if (!doc.lead && lead) out.lead = doc.text.slice(lead.start, lead.end);
    return out;
  },
};

const MAX_HEADING = 150;

/** A line shaped like a heading: short, not ending as a sentence, not reported speech. */
function headingShaped(t: string): boolean {
  if (t.length < 3 || t.length > MAX_HEADING) return false;
  const words = t.split(/\s+/).length;
  if (words > 18) return false;
  // A final period counts also inside closing quotes: 'Weinberger said, "Nothing."' is a sentence.
  const bare = t.replace(/[»"”’')\]]+$/, "");
  if (/[.,;:]$/.test(bare) && !/\.\.\.$/.test(bare)) return false;
  if (!/^[\p{Lu}\d«"„“'(]/u.test(t)) return false;
  if (/[»"”]\s*,?\s*[-–—]\s*\p{Ll}/u.test(t)) return false; // «…», – сказав він
  if (/^[-–—]/.test(t)) return false; // a dialogue line
  return true;
}

/** A line in capitals (at least two words of letters), as sites print section heads. */
export function allCaps(t: string): boolean {
  if (t.length > MAX_HEADING) return false;
  // Letters (code points) and those without a lower-case form other than themselves (not capitals). Read by
  // code point for ASCII and basic Cyrillic; a line stops being read once it has too many non-capitals to pass.
  let letters = 0;
  let other = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if ((c >= 65 && c <= 90) || (c >= 0x400 && c <= 0x42f)) letters++;
    else if ((c >= 97 && c <= 122) || (c >= 0x430 && c <= 0x45f)) {
      letters++;
      other++;
    } else if (c >= 0x80) {
      const cp = t.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      if (cp > 0xffff) i++;
      if (!LETTER.test(ch)) continue;
      letters++;
      if (ch === ch.toLowerCase()) other++;
    } else continue;
    // upper / letters > 0.9 needs other < letters / 10 ≤ t.length / 10.
    if (other * 10 >= t.length) return false;
  }
  if (letters < 6) return false;
  return (letters - other) / letters > 0.9 && /\p{L}\s+\p{L}/u.test(t);
}
const LETTER = /^\p{L}$/u;

export function classifyBlocks(doc: Pick<Article, "text" | "blocks" | "title" | "input">): Block[] {
  const text = doc.text;
  const blocks = doc.blocks.map((b) => ({ ...b }));
  if (!blocks.length) return blocks;
  const slice = (b: Block) => text.slice(b.start, b.end);
  const fromMarkup = doc.input.kind === "html" && blocks.some((b) => b.kind !== "paragraph");

  let first = 0;
  if (!fromMarkup) {
    const t0 = slice(blocks[0]);
    const next = blocks[1] ? slice(blocks[1]) : "";
    const givenTitle = doc.title && sameText(doc.title, t0);
    // A title may end in "?" or "!"; it is followed by a longer paragraph.
    if (givenTitle || (headingShaped(t0) && next.length > t0.length * 1.5)) {
      blocks[0].kind = "title";
      first = 1;
    }
    for (let i = first; i < blocks.length; i++) {
      const b = blocks[i];
      if (b.kind !== "paragraph") continue;
      const t = slice(b);
      const isLast = i === blocks.length - 1;
      const nextT = isLast ? "" : slice(blocks[i + 1]);
      if (i > first && t.length <= MAX_HEADING && STORY_HEADING.test(t) && !/[.;]$/.test(t)) b.kind = "heading";
      else if (i > first && allCaps(t)) b.kind = "heading";
      else if (i > first && !isLast && headingShaped(t) && nextT.length > t.length && !/[!?]$/.test(t)) b.kind = "heading";
    }
  } else if (blocks[0].kind === "heading" && (blocks[0].level ?? 1) === 1) {
    blocks[0].kind = "title";
    first = 1;
  }
  // The lead: the first paragraph after the title (and before any heading), unless the markup named one.
  if (!blocks.some((b) => b.kind === "lead")) {
    for (let i = first; i < blocks.length; i++) {
      if (blocks[i].kind === "paragraph") {
        blocks[i].kind = "lead";
        break;
      }
      if (blocks[i].kind === "heading") break;
    }
  }
  return blocks;
}
