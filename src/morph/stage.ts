import type { Token } from "../article.js";
import type { Stage } from "../pipeline/types.js";
import { lemmatizeInto } from "./lemmatizer.js";

/** Languages with a lemmatiser; other languages' tokens pass through without lemmas. */
const LANGS = new Set(["uk", "ru", "en"]);

/**
 * The morph stage: fills `lemma` and `pos` (Universal POS) of every token from the tokens stage, one sentence at
 * a time so the tagger sees each word's neighbours. Returns new token objects; the input is not mutated.
 */
export const morphStage: Stage = {
  name: "morph",
  run(doc) {
    const tokens = doc.tokens;
    if (!tokens?.length || !LANGS.has(doc.lang)) return {};
    const out: Token[] = new Array(tokens.length);
    const sentences = doc.sentences.length ? doc.sentences : [{ start: 0, end: doc.text.length }];
    let ti = 0;
    // Work arrays shared by all sentences of the article (sized for the longest piece: 300 tokens).
    const words: string[] = [];
    const joined: boolean[] = [];
    const lemmas: string[] = [];
    const pos: string[] = [];
    const flush = (from: number, to: number) => {
      if (to <= from) return;
      const n = to - from;
      words.length = joined.length = n;
      for (let i = from; i < to; i++) {
        words[i - from] = tokens[i].text;
        joined[i - from] = i + 1 < tokens.length && tokens[i].end === tokens[i + 1].start;
      }
      lemmatizeInto(words, doc.lang, joined, lemmas, pos);
      for (let i = from; i < to; i++) {
        const t = tokens[i];
        out[i] = { start: t.start, end: t.end, text: t.text, lemma: lemmas[i - from], pos: pos[i - from] };
      }
    };
    for (const s of sentences) {
      // Tokens before this sentence (between sentences, e.g. in a heading the splitter skipped) go alone.
      let from = ti;
      while (ti < tokens.length && tokens[ti].start < s.start) ti++;
      flush(from, ti);
      from = ti;
      while (ti < tokens.length && tokens[ti].start < s.end) ti++;
      // Very long "sentences" (tables, lists without punctuation) are cut: the tagger looks two words back.
      for (let a = from; a < ti; a += 300) flush(a, Math.min(ti, a + 300));
    }
    flush(ti, tokens.length);
    return { tokens: out };
  },
};
