import type { Article, Block, Lang, OffsetMap, Removed } from "../article.js";

/** What `analyze` accepts: raw bytes (a file as read), or a string already decoded. */
export interface AnalyzeInput {
  /** The article as text or HTML. Give either `text`/`html` (strings) or `bytes`. */
  text?: string;
  html?: string;
  bytes?: Uint8Array;
  id?: string;
  url?: string | null;
  /** Publication date or date-time (ISO 8601); anchors relative dates. */
  published?: string | null;
  lang?: Lang | null;
  publisher?: string | null;
  title?: string | null;
  /** Authors known from elsewhere (a feed item): used when the input itself names none. */
  authors?: string[] | null;
}

export interface AnalyzeOptions {
  /** Keep tokens (with lemmas) in the output Article. */
  tokens?: boolean;
  /** Treat the input as this kind instead of detecting it from the content. */
  kind?: "text" | "html";
  /**
   * Run the trained Ukrainian NER model (src/ner) after the rules of the entities stage: more names, fuller
   * organisation names, better types. uk text only; costs about 10 ms per article more (see docs/article.md).
   */
  ner?: boolean;
}

/**
 * The output of an extractor (HTML main content, or plain-text cleaning): clean text, a map from it back to
 * the decoded input, what was cut, the block structure it found, and page metadata.
 */
export interface Extracted {
  text: string;
  /** Maps `text` offsets to offsets of the decoded input. */
  map: OffsetMap;
  removed: Removed[];
  blocks: Block[];
  meta: ExtractedMeta;
  warnings: string[];
}

export interface ExtractedMeta {
  title?: string | null;
  lead?: string | null;
  published?: string | null;
  modified?: string | null;
  authors?: string[];
  publisher?: string | null;
  url?: string | null;
  lang?: string | null;
  /** Anything else worth keeping: canonical URL, lead image, description, keywords. */
  extra?: Record<string, string>;
}

/** Resources shared by stages, loaded once and lazily. */
export interface AnalysisContext {
  options: AnalyzeOptions;
}

/**
 * A pipeline stage: reads the Article built so far and returns the fields it adds. It never mutates its input.
 */
export interface Stage {
  name: string;
  run(doc: Article, ctx: AnalysisContext): Partial<Article>;
}
