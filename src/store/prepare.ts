import { deflateRawSync } from "node:zlib";
import type { Article } from "../article.js";
import { signature, sigToBuffer } from "../corpus/minhash.js";
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
  sig: Uint8Array | null;
}

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
    sig: sig.length ? sigToBuffer(sig) : null,
  };
}

