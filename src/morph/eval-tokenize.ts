/**
 * Tokenises raw sentence text for the lemma evaluation with the product's own tokens stage, so the raw-text
 * score measures what `analyze` does. Until that stage yields tokens, a plain word/punctuation split stands in.
 */
import { ARTICLE_SCHEMA, type Article } from "../article.js";
import { tokensStage } from "../segment/tokens.js";

export function tokenizeForEval(text: string): { words: string[]; joined: boolean[] } {
  const doc: Article = {
    schema: ARTICLE_SCHEMA, id: "eval", lang: "uk", url: null, published: null, modified: null, publisher: null,
    authors: [], title: null, lead: null, text,
    input: { kind: "text", charset: "string", length: text.length, sha256: "" },
    offsets: [0, 0], meta: {}, blocks: [{ kind: "paragraph", start: 0, end: text.length }],
    sentences: [{ start: 0, end: text.length }], removed: [], entities: [], quotes: [], sources: [], figures: [],
    dates: [], warnings: [],
  };
  let toks = tokensStage.run(doc, { options: { tokens: true } }).tokens;
  if (!toks || !toks.length) {
    toks = [...text.matchAll(/\p{L}[\p{L}\p{M}'’ʼ-]*|\p{N}+(?:[.,]\p{N}+)*|\S/gu)].map((m) => ({ start: m.index!, end: m.index! + m[0].length, text: m[0] }));
  }
  return {
    words: toks.map((t) => text.slice(t.start, t.end)),
    joined: toks.map((t, i) => i + 1 < toks!.length && t.end === toks![i + 1].start),
  };
}
