import { deflateRawSync } from "node:zlib";
import type { Article } from "../article.js";
import { hash32, signature, sigToBuffer } from "../corpus/minhash.js";
import { stemText, storyFeatures } from "../corpus/text.js";
import type { RawInput } from "./types.js";

/**
 * The CPU-heavy, database-free part of storing an article: compressed blobs, the stemmed index text and the
 * story signature. Ingest computes it in the analysis worker threads, so the writing thread only writes.
 */
export interface PreparedArticle {
  id: string;
  raw: Uint8Array;
  doc: Uint8Array;
  ftsTitle: string;
  ftsBody: string;
  /** Filter tags for the index's `tags` column (see `filterTags`). */
  ftsTags?: string;
  sig: Uint8Array | null;
}

/**
 * Filter values as index tokens (language, outlet, publication month), so a full-text query with filters
 * intersects posting lists inside the index instead of checking every match against the articles table.
 * Tokens are letters and digits only (one token each for the unicode61 tokenizer), prefixed "qq" to stay
 * apart from words.
 */
export function filterTags(a: { lang?: string | null; publisher?: string | null; published?: string | null }): string {
  const tags: string[] = [];
  if (a.lang) tags.push(langTag(a.lang));
  if (a.publisher) tags.push(outletTag(a.publisher));
  const m = a.published ? /^(\d{4})-(\d{2})/.exec(a.published) : null;
  if (m) tags.push(monthTag(m[1] + m[2]));
  return tags.join(" ");
}

export const langTag = (lang: string) => "qql" + lang.toLowerCase().replace(/[^a-z0-9]/g, "");
export const outletTag = (outlet: string) => "qqo" + hash32(outlet.trim().toLowerCase().replace(/\s+/g, " ")).toString(36);
export const monthTag = (yyyymm: string) => "qqm" + yyyymm;

export function prepareArticle(raw: RawInput, article: Article): PreparedArticle {
  const id = raw.sha256.slice(0, 16);
  const doc: Article = { ...article, id };
  const rawBytes = typeof raw.content === "string" ? Buffer.from(raw.content, "utf8") : Buffer.from(raw.content);
  const sig = signature(storyFeatures(`${doc.title ?? ""}\n${doc.text ?? ""}`));
  return {
    id,
    raw: deflateRawSync(rawBytes),
    doc: deflateRawSync(Buffer.from(JSON.stringify(doc), "utf8")),
    ftsTitle: stemText(doc.title ?? ""),
    ftsBody: stemText(doc.text ?? ""),
    ftsTags: filterTags(doc),
    sig: sig.length ? sigToBuffer(sig) : null,
  };
}

