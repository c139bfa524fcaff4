import { ARTICLE_SCHEMA, type Article, type Entity, type Quote } from "../../src/article.js";
import { makeRaw } from "../../src/ingest/sources/index.js";
import type { RawInput } from "../../src/store/types.js";

/** An Article as the pipeline would produce it, with only the fields a test cares about filled in. */
export function article(p: Partial<Article> & { text: string }): Article {
  return {
    schema: ARTICLE_SCHEMA,
    id: "x",
    lang: "uk",
    url: null,
    published: null,
    modified: null,
    publisher: null,
    authors: [],
    title: null,
    lead: null,
    input: { kind: "text", charset: "string", length: p.text.length, sha256: "" },
    offsets: [0, 0],
    meta: {},
    blocks: [],
    sentences: [],
    removed: [],
    entities: [],
    quotes: [],
    sources: [],
    figures: [],
    dates: [],
    warnings: [],
    ...p,
  };
}

/** An entity with one mention per listed form (found in the text when possible). */
export function entity(id: string, name: string, type: Entity["type"], forms: string[] = [name], key?: string): Entity {
  return { id, name, type, aliases: forms.filter((f) => f !== name), mentions: forms.map((f) => ({ start: 0, end: f.length, text: f, via: "name" })), ...(key ? { key } : {}) };
}

export function quote(id: string, text: string, speaker: string | null, entityId: string | null = null, via: string[] = []): Quote {
  return {
    id,
    kind: "direct",
    start: 0,
    end: text.length,
    text,
    speaker: speaker ? { name: speaker, entity: entityId, mention: null, resolvedBy: "name" } : null,
    cue: null,
    via,
  };
}

export function item(doc: Article): { raw: RawInput; article: Article } {
  return { raw: makeRaw(`${doc.title}\n${doc.text}\n${doc.publisher}`, "text", `test:${doc.title}`, { publisher: doc.publisher, published: doc.published }), article: doc };
}
