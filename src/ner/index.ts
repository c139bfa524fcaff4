/**
 * Named-entity recognition for Ukrainian: `recognize` tags one article's tokens with the recogniser trained
 * on NER-UK (see docs/ner.md and models/ner/card.json). The model loads lazily, once per process.
 *
 * Types are NER-UK v2.0's 13 classes, with PERS written as PER (the Article's name for it): PER ORG LOC
 * MISC DATE TIME PERIOD MON PCT QUANT JOB DOC ART. For ru/en there is no training data here, so those get
 * a documented capitalisation fallback (see capitalisedRuns), typed MISC.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { lemmatizeSentence } from "../morph/lemmatizer.js";
import type { MorphInfo } from "./features.js";
import { Recognizer } from "./recognizer.js";
import { tokenize, units, type TokenSpan } from "./tokenize.js";
import { bioSpans } from "./viterbi.js";

export { tokenize } from "./tokenize.js";

export interface NerToken {
  start: number;
  end: number;
  text: string;
  /** Lemma and Universal POS from the morph stage; computed here when absent. */
  lemma?: string;
  pos?: string;
}

export interface NerEntity {
  start: number;
  end: number;
  type: string;
  text: string;
}

export interface RecognizeOptions {
  /** Sentence spans (offsets into `text`); without them units are lines and sentence-final punctuation. */
  sentences?: readonly { start: number; end: number }[];
  /** "v2" (13 classes, default) or "v1" (PER/LOC/ORG/MISC). */
  model?: "v2" | "v1";
}

export const MODEL_DIR = resolve(
  process.env.DZHERELO_NER_MODELS ?? join(dirname(fileURLToPath(import.meta.url)), "..", "..", "models", "ner"),
);

export const MODEL_FILES = { v2: "uk-ner-v2-13class.bin.gz", v1: "uk-ner-v1-4class.bin.gz" } as const;

const loaded = new Map<string, Recognizer>();

/** The recogniser stored in models/ner, loaded on first use. */
export function loadRecognizer(which: "v2" | "v1" = "v2"): Recognizer {
  let r = loaded.get(which);
  if (!r) {
    const file = join(MODEL_DIR, MODEL_FILES[which]);
    if (!existsSync(file)) throw new Error(`NER model missing: ${file} (run npm run train:ner)`);
    r = Recognizer.deserialize(readFileSync(file));
    loaded.set(which, r);
  }
  return r;
}

/** Morphology for a unit's words, from the tokens when the morph stage filled them, else computed. */
function morphFor(tokens: readonly NerToken[], from: number, to: number): MorphInfo[] {
  let complete = true;
  for (let i = from; i < to; i++) if (!tokens[i].lemma || !tokens[i].pos) complete = false;
  if (complete) return tokens.slice(from, to).map((t) => ({ lemma: t.lemma, pos: t.pos }));
  return lemmatizeSentence(tokens.slice(from, to).map((t) => t.text), "uk");
}

/**
 * Entities in `text` over its `tokens` (offsets into `text`, in order). Returns spans in text order, each
 * starting at a token start and ending at a token end.
 */
export function recognize(text: string, tokens: readonly NerToken[], lang: string, opts: RecognizeOptions = {}): NerEntity[] {
  if (tokens.length === 0) return [];
  if (lang !== "uk") return capitalisedRuns(text, tokens, opts.sentences);
  const rec = loadRecognizer(opts.model ?? "v2");
  const us = units(text, tokens, opts.sentences);
  const morph = us.flatMap(([a, b]) => morphFor(tokens, a, b));
  const path = rec.tagDoc({ texts: tokens.map((t) => t.text), units: us, morph });
  const out: NerEntity[] = [];
  for (const [a, b] of us) {
    for (const [s, e, type] of bioSpans(path.subarray(a, b), rec.tags)) {
      const start = tokens[a + s].start;
      const end = tokens[a + e - 1].end;
      out.push({ start, end, type: type === "PERS" ? "PER" : type, text: text.slice(start, end) });
    }
  }
  return out;
}

/** Tokenises `text` with the recogniser's own tokeniser and recognises entities in it. */
export function recognizeText(text: string, lang: string, opts: RecognizeOptions = {}): NerEntity[] {
  return recognize(text, tokenize(text), lang, opts);
}

/**
 * Fallback for languages without a trained model (ru, en): runs of capitalised words that do not start a
 * sentence, joined across the lowercase connectors that occur inside names ("de", "van", "фон"), typed
 * MISC. It finds names, not their types; the entities stage decides what they are. A sentence-initial
 * capitalised word counts only when it continues into another capitalised word ("Владимир Путин сказал")
 * and is not one of the common words that start sentences ("The", "Then", "Вчера", "В").
 */
export function capitalisedRuns(
  text: string,
  tokens: readonly TokenSpan[],
  sentences?: readonly { start: number; end: number }[],
): NerEntity[] {
  // One capital letter alone is an initial or a sentence-initial preposition ("В"), not a name by itself.
  const isCap = (t: string) => t.length > 1 && /^\p{Lu}/u.test(t);
  const out: NerEntity[] = [];
  for (const [a, b] of units(text, tokens, sentences)) {
    let i = a;
    while (i < b && SENTENCE_STARTERS.has(tokens[i].text.toLowerCase())) i++;
    const firstWord = i;
    while (i < b) {
      if (!isCap(tokens[i].text)) {
        i++;
        continue;
      }
      let j = i + 1;
      for (;;) {
        if (j < b && isCap(tokens[j].text)) j++;
        else {
          let k = j;
          while (k < b && CONNECTORS.has(tokens[k].text)) k++;
          if (k > j && k < b && isCap(tokens[k].text)) j = k + 1;
          else break;
        }
      }
      if (i !== firstWord || j - i > 1) {
        const start = tokens[i].start;
        const end = tokens[j - 1].end;
        out.push({ start, end, type: "MISC", text: text.slice(start, end) });
      }
      i = j;
    }
  }
  return out;
}

const CONNECTORS = new Set(["de", "van", "von", "der", "da", "di", "bin", "al", "фон", "де", "ван", "дер", "да", "ибн", "аль"]);

/** Common words that start sentences capitalised without being names (en, ru). */
const SENTENCE_STARTERS = new Set(
  (
    "the a an in on at to of for from by with and but or so then this that these those it he she we they i you " +
    "his her their our its there here when while after before as if yesterday today on however also " +
    "в во на по с со к о об от из за у и а но или как это он она они мы я вы его ее их там здесь когда " +
    "после до если вчера сегодня также однако при для между"
  ).split(" "),
);
