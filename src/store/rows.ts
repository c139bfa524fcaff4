/** Row → result mapping shared by the SQLite and PostgreSQL stores (both select the same column names). */
import type { StoredQuote } from "./types.js";

/** A quote row joined with its article's columns (`article_id`, `published`, `publisher`, `title`, `url`, `lang`). */
export function toStoredQuote(r: Record<string, any>): StoredQuote {
  return {
    articleId: r.article_id,
    quoteId: r.qid,
    kind: r.kind,
    text: r.text,
    speakerName: r.speaker_name,
    speakerEntity: r.speaker_entity === null ? null : String(r.speaker_entity),
    via: JSON.parse(r.via),
    published: r.published,
    publisher: r.publisher,
    title: r.title,
    url: r.url,
    lang: r.lang,
  };
}
