import type { Article, DateMention, Figure, Token } from "../article.js";
import type { Stage } from "../pipeline/types.js";
import { anchorDate } from "./calendar.js";
import { DATE_TRIGGERS, findDates } from "./dates.js";
import { FIGURE_TRIGGERS, findFigures } from "./figures.js";
import { scanStarts } from "./scan.js";

/**
 * Stage 8: figures and dates. Reads only `doc.text` (the cleaner's output, so figures in removed teasers
 * and ads never appear), `doc.lang`, `doc.published` (the anchor for relative dates), `doc.sentences`
 * (a year named earlier in a sentence dates "у червні" later in it) and, when the morph stage ran,
 * `doc.tokens` (lemmas and POS for the counted noun phrase).
 *
 * Dates are found first; their spans are then off limits to the figure finder, so "19 червня 2024" is a
 * date and not the figures 19 and 2024.
 */
export function extractFacts(doc: Pick<Article, "text" | "lang" | "published"> & Partial<Pick<Article, "sentences" | "tokens">>): {
  figures: Figure[];
  dates: DateMention[];
} {
  const lang = String(doc.lang ?? "");
  // One scan finds where dates and figures may start; dates go first and their spans are off limits to figures.
  const starts = scanStarts(doc.text, DATE_TRIGGERS, FIGURE_TRIGGERS);
  const dates = findDates(doc.text, { anchor: anchorDate(doc.published), lang, sentences: doc.sentences }, starts.dates);
  const figures = findFigures(doc.text, { lang, skip: dates, wordInfo: tokenLookup(doc.tokens) }, starts.figures);
  return { figures, dates };
}

/** Looks up the token starting at an offset (tokens are sorted by start). */
function tokenLookup(tokens: Token[] | undefined): ((start: number) => { lemma?: string; pos?: string } | undefined) | undefined {
  if (!tokens?.length || !tokens.some((t) => t.lemma || t.pos)) return undefined;
  return (start) => {
    let lo = 0;
    let hi = tokens.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const t = tokens[mid];
      if (t.start === start) return { lemma: t.lemma, pos: t.pos };
      if (t.start < start) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  };
}

export const factsStage: Stage = {
  name: "facts",
  run(doc) {
    return extractFacts(doc);
  },
};
