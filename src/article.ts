/**
 * The Article: one plain, JSON-serialisable document per news item.
 *
 * Every span (`start`, `end`) is a pair of UTF-16 offsets into `Article.text`, the clean article text.
 * `Article.offsets` maps any offset of `text` back to the decoded input, so a span (and every `removed`
 * piece, which carries input offsets itself) can be shown where it came from.
 *
 * Stages add fields; none mutates another stage's output. Ids are short strings unique inside one
 * Article (`e1`, `q3`, `s2`).
 */

export const ARTICLE_SCHEMA = "dzherelo.article/1" as const;

export type Lang = "uk" | "ru" | "en" | (string & {});

export interface Span {
  start: number;
  end: number;
}

export type BlockKind = "title" | "lead" | "heading" | "paragraph" | "list-item" | "blockquote" | "table" | "preformatted";

export interface Block extends Span {
  kind: BlockKind;
  /** Heading level (1–6) where the source gives one. */
  level?: number;
}

export interface Sentence extends Span {}

export interface Token extends Span {
  text: string;
  /** Lemma (dictionary form), when morphology ran. */
  lemma?: string;
  /** Universal POS tag, when morphology ran. */
  pos?: string;
}

/** What a removed piece was: the reason it is not article text. */
export type RemovedKind =
  | "ad"
  | "related"
  | "share"
  | "caption"
  | "nav"
  | "comments"
  | "banner"
  | "byline"
  | "meta"
  | "other";

/** A piece of the input that is not in `text`. Offsets are into the decoded input. */
export interface Removed {
  kind: RemovedKind;
  text: string;
  inputStart: number;
  inputEnd: number;
  /** Which rule removed it, for people debugging the cleaner. */
  rule?: string;
}

export type EntityType = "PER" | "ORG" | "LOC" | "MISC";

export interface Mention extends Span {
  text: string;
  /** How this mention was tied to its entity. */
  via?: "name" | "alias" | "role" | "pronoun";
}

export interface Entity {
  id: string;
  /** Canonical name, nominative, in the article's language where known. */
  name: string;
  type: EntityType;
  /** Other names: inflected forms seen, abbreviations, other scripts and languages. */
  aliases: string[];
  mentions: Mention[];
  /** Role phrases the article gives the entity ("президент РФ", "російський лідер"). */
  roles?: string[];
  /** Language-independent key for joining entities across articles (e.g. "per:putin", "loc:RU"). */
  key?: string;
}

export type ResolvedBy = "name" | "role" | "pronoun" | "context";

export interface Speaker {
  /** Canonical name of who speaks. */
  name: string;
  /** The entity id in `entities`, when linked. */
  entity: string | null;
  /** Where the speaker is named or referred to in this attribution (the name, role or pronoun). */
  mention: Mention | null;
  resolvedBy: ResolvedBy;
}

export interface Cue extends Span {
  text: string;
}

export type QuoteKind = "direct" | "indirect" | "mixed";

export interface Quote extends Span {
  id: string;
  kind: QuoteKind;
  /** The quoted or reported words: `text.slice(start, end)`. */
  text: string;
  speaker: Speaker | null;
  cue: Cue | null;
  /** Sources (ids in `sources`) through which the quote reached the article. */
  via: string[];
}

export interface Source {
  id: string;
  name: string;
  entity: string | null;
  cue: Cue | null;
  /** Sources this one cites (Укрінформ cites Yonhap). */
  cites: string[];
}

export interface Figure extends Span {
  text: string;
  value: number | null;
  /** The counted thing, lemmatised where possible ("артилерійські снаряди"), or a unit ("%", "грн"). */
  unit: string | null;
  approx: boolean;
  /** ISO 4217 code ("UAH", "USD", "EUR", "RUB" …) when the figure is an amount of money. */
  currency?: string;
  /** Upper bound of a range ("5–7 тисяч", "від 25 до 60 гривень"); `value` is then the lower bound. */
  max?: number;
}

export interface DateMention extends Span {
  text: string;
  /** ISO 8601 date or partial date (YYYY, YYYY-MM, YYYY-MM-DD); null when it cannot be resolved. */
  value: string | null;
  relative: boolean;
}

export interface InputInfo {
  kind: "text" | "html";
  /** Charset the input bytes were decoded from ("utf-8", "windows-1251", …); "string" when given as a string. */
  charset: string;
  /** Length of the decoded input, in UTF-16 code units. */
  length: number;
  /** sha256 of the decoded input, hex. */
  sha256: string;
}

/**
 * Maps `text` offsets back to the decoded input: a flat list of anchor pairs
 * [textOffset0, inputOffset0, textOffset1, inputOffset1, …], sorted by text offset. Between two anchors
 * text and input advance together, one code unit for one.
 */
export type OffsetMap = number[];

export interface Article {
  schema: typeof ARTICLE_SCHEMA;
  id: string;
  lang: Lang;
  url: string | null;
  /** Publication time, ISO 8601 (date or date-time). */
  published: string | null;
  modified: string | null;
  publisher: string | null;
  authors: string[];
  title: string | null;
  lead: string | null;
  /** The clean article text; every span points into it. */
  text: string;
  input: InputInfo;
  offsets: OffsetMap;
  /** Extra page metadata (canonical URL, lead image, keywords…), when the input carried it. */
  meta: Record<string, string>;
  blocks: Block[];
  sentences: Sentence[];
  /** Tokens with lemmas; included in output on request (`--tokens`). */
  tokens?: Token[];
  removed: Removed[];
  entities: Entity[];
  quotes: Quote[];
  sources: Source[];
  figures: Figure[];
  dates: DateMention[];
  warnings: string[];
}
