/**
 * The Store: where the corpus lives. One interface, several backends: SQLite (src/store/sqlite.ts, the default,
 * one file) now, PostgreSQL later. The CLI (`dzherelo ingest|search|quotes|entity|stories|story|reindex`) and the
 * HTTP API use only this interface, never a backend directly.
 *
 * Every method is async (returns a Promise) so that a networked backend can implement the same contract.
 *
 * Contract highlights:
 * - Articles are stored idempotently by the sha256 of their raw input (`RawInput.sha256`): putting the same
 *   content twice stores it once and returns the first id with `created: false`.
 * - The raw input is kept beside the analysed Article, so `reindex` can re-run analysis after the analyser
 *   improves, without the original files.
 * - Entities are global: one row per real-world entity across articles and languages (Путін = Путин = Putin),
 *   joined on `Entity.key` when the entities stage sets it, else on a normalised name and aliases.
 * - Every text filter (q, speaker, outlet, source, entity) is user input: backends must treat it as data, never
 *   as SQL or full-text query syntax.
 * - Dates (`from`, `to`) are ISO 8601 dates or date-times, both inclusive (`to: "2024-06-30"` covers that day).
 */
import type { Article, EntityType, Lang, QuoteKind } from "../article.js";

/** The raw input as ingested: kept so that analysis can be re-run (`reindex`). */
export interface RawInput {
  /** sha256 (hex) of the raw content; the idempotency key. */
  sha256: string;
  /** "text" or "html" as given, or "bytes" when the original bytes are kept undecoded. */
  kind: "text" | "html" | "bytes";
  /** The content: a string for text/html, bytes for "bytes". */
  content: string | Uint8Array;
  /** Where it came from: a file path, `file.warc.gz#record-3`, a feed item link. */
  origin: string | null;
  /** Metadata that came with the input (from a feed item, a JSONL line, a WARC header), passed to analyze(). */
  url?: string | null;
  published?: string | null;
  publisher?: string | null;
  title?: string | null;
  lang?: Lang | null;
  /** Authors named by the feed item the input came from, used when the page names none. */
  authors?: string[] | null;
}

export interface PutResult {
  /** The stored article id (the existing one when the content was already stored). */
  id: string;
  /** False when the same content (by sha256) was already stored. */
  created: boolean;
}

export interface DateRange {
  /** Inclusive lower bound on the publication date (ISO 8601). */
  from?: string | null;
  /** Inclusive upper bound on the publication date (ISO 8601; a bare date covers the whole day). */
  to?: string | null;
}

export interface Page {
  /** Default 20; backends cap it (SQLite: 1000). */
  limit?: number;
  offset?: number;
}

export interface SearchQuery extends DateRange, Page {
  /** Free text; words are matched by lemma/stem ("договору" finds "договір"). Empty or absent: filters only. */
  q?: string | null;
  lang?: Lang | null;
  /** Publisher name (as stored, case-insensitive exact match). */
  outlet?: string | null;
  /** Articles quoting this speaker (any alias or language). */
  speaker?: string | null;
  /** Articles citing this source (agency, outlet, person) by name or alias. */
  source?: string | null;
  /** Articles mentioning this entity (any alias or language). */
  entity?: string | null;
}

export interface SearchHit {
  articleId: string;
  title: string | null;
  url: string | null;
  published: string | null;
  publisher: string | null;
  lang: Lang;
  /** A short piece of the text around the best match; matched words wrapped in [ and ]. */
  snippet: string;
  /** Higher is better (negated bm25 for text queries; 0 for filter-only queries, newest first). */
  score: number;
}

export interface SearchResult {
  total: number;
  hits: SearchHit[];
  /** `total` is an estimate (a very large corpus: the PostgreSQL store counts exactly up to a few thousand). */
  approximate?: boolean;
}

export interface QuotesQuery extends DateRange, Page {
  /** Speaker by any alias or language ("Путін", "Путин", "Putin"). */
  speaker?: string | null;
  /** Quotes that mention this entity in their text or are about it. */
  about?: string | null;
  lang?: Lang | null;
}

export interface StoredQuote {
  articleId: string;
  /** Quote id inside its article (`q3`). */
  quoteId: string;
  kind: QuoteKind;
  text: string;
  /** Speaker name as the article gives it. */
  speakerName: string | null;
  /** Global entity id of the speaker, when resolved. */
  speakerEntity: string | null;
  /** Names of the sources the quote came through. */
  via: string[];
  published: string | null;
  publisher: string | null;
  title: string | null;
  url: string | null;
  lang: Lang;
}

export interface QuotesResult {
  total: number;
  quotes: StoredQuote[];
  /** `total` is an estimate (as SearchResult.approximate). */
  approximate?: boolean;
}

/** An entity across the corpus. */
export interface GlobalEntity {
  /** Global id (stable within one database). */
  id: string;
  /** Language-independent key when the entities stage gave one ("per:putin"), else derived from the name. */
  key: string;
  /** Preferred display name (the most frequent canonical name). */
  name: string;
  type: EntityType;
  /** All names seen, every language and form. */
  aliases: string[];
  /** Number of articles that mention it. */
  articles: number;
  /** Number of mentions over all articles. */
  mentions: number;
}

export interface EntityReport {
  entity: GlobalEntity;
  /** Recent quotes spoken by the entity. */
  quotesBy: StoredQuote[];
  quotesByTotal: number;
  /** Recent quotes whose text mentions the entity (spoken by others). */
  quotesAbout: StoredQuote[];
  quotesAboutTotal: number;
  /** Entities most often mentioned in the same articles. */
  cooccurring: Array<{ entity: GlobalEntity; articles: number }>;
}

export interface EntitiesQuery extends Page {
  /** Prefix/alias filter on the name. */
  q?: string | null;
  type?: EntityType | null;
}

export interface StoryArticle {
  articleId: string;
  title: string | null;
  url: string | null;
  published: string | null;
  publisher: string | null;
  lang: Lang;
  /** True when the article is a near duplicate of another in the story (same text, reworded slightly). */
  nearDuplicateOf: string | null;
}

export interface StorySummary {
  id: string;
  /** Title of the earliest article. */
  title: string | null;
  size: number;
  /** Earliest and latest publication dates. */
  first: string | null;
  last: string | null;
  langs: Lang[];
  publishers: string[];
}

export interface StoriesQuery extends DateRange, Page {
  /** Only stories with at least this many articles (default 2). */
  minSize?: number;
}

/** One outlet citing one source in a story: an edge of the citation graph. */
export interface CitationEdge {
  /** The citing outlet (the article's publisher, or "?" when unknown). */
  outlet: string;
  /** The cited source as named (global entity name when resolved). */
  source: string;
  /** Sources the cited source itself cites, giving chains (УНН → Укрінформ → Yonhap). */
  via: string[];
  articles: number;
}

/** How one figure is reported across a story's articles. */
export interface FigureVariant {
  /** The counted thing or unit, as a grouping key. */
  unit: string | null;
  /** Value (normalised number) the variants agree on or roughly on. */
  value: number | null;
  variants: Array<{ text: string; value: number | null; approx: boolean; articleId: string; publisher: string | null }>;
}

export interface StoryReport {
  story: StorySummary;
  articles: StoryArticle[];
  /** The earliest article (by publication date, then by ingest order). */
  firstReport: StoryArticle | null;
  citations: CitationEdge[];
  figures: FigureVariant[];
}

export interface StoreStats {
  articles: number;
  entities: number;
  quotes: number;
  stories: number;
  /** Size of the database in bytes, when the backend knows it. */
  bytes: number | null;
  schemaVersion: number;
}

/** An analyser: given a raw input, produce the Article (the pipeline's `analyze`, possibly in worker threads). */
export type Analyzer = (raw: RawInput) => Promise<Article>;

export interface ReindexProgress {
  done: number;
  total: number;
  failed: number;
}

export interface Store {
  /** Creates or upgrades the schema (versioned migrations). Safe to call on every open. */
  migrate(): Promise<void>;
  close(): Promise<void>;

  /** True when content with this sha256 is already stored (ingest skips it before analysing). */
  has(sha256: string): Promise<boolean>;
  /** Stores one analysed article with its raw input; idempotent by `raw.sha256`. */
  putArticle(raw: RawInput, article: Article): Promise<PutResult>;
  /** Stores many in one transaction (all or nothing): ingest commits per batch. */
  putArticles(items: Array<{ raw: RawInput; article: Article }>): Promise<PutResult[]>;
  getArticle(id: string): Promise<Article | null>;
  getRaw(id: string): Promise<RawInput | null>;

  search(query: SearchQuery): Promise<SearchResult>;
  quotes(query: QuotesQuery): Promise<QuotesResult>;
  /** An entity by any name or alias (any language); null when unknown. */
  entity(nameOrAlias: string): Promise<EntityReport | null>;
  entities(query: EntitiesQuery): Promise<{ total: number; entities: GlobalEntity[] }>;

  /** Recomputes story clusters over articles not yet clustered (ingest calls it after each run). */
  cluster(): Promise<void>;
  stories(query: StoriesQuery): Promise<{ total: number; stories: StorySummary[] }>;
  story(id: string): Promise<StoryReport | null>;

  /**
   * Re-analyses every stored raw input with `analyzer` and replaces the derived data (entities, quotes,
   * figures, index, clusters). Article ids stay the same.
   */
  reindex(analyzer: Analyzer, onProgress?: (p: ReindexProgress) => void): Promise<ReindexProgress>;
  stats(): Promise<StoreStats>;
}
