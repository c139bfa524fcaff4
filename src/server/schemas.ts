/**
 * Request shapes of the HTTP API as JSON Schemas: one definition serves both validation (Ajv) and the
 * OpenAPI document, so the documentation cannot drift from what the server accepts.
 */
import { createRequire } from "node:module";
import type { ErrorObject, ValidateFunction } from "ajv";

const require = createRequire(import.meta.url);

type JsonSchema = Record<string, unknown>;

/** ISO 8601 date or date-time, the form the store compares on. */
const DATE = {
  type: "string",
  pattern: "^\\d{4}-\\d{2}-\\d{2}([T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:?\\d{2})?)?$",
  description: "ISO 8601 date (YYYY-MM-DD) or date-time",
} as const;
const LANG = { type: "string", pattern: "^[a-z]{2,3}$", description: "ISO 639-1 language code (uk, ru, en)" } as const;
/** Free-text filters are capped: they are user input and go to the store as data. */
const TEXT = (description: string, maxLength = 200) => ({ type: "string", minLength: 1, maxLength, description });
const LIMIT = { type: "integer", minimum: 1, maximum: 100, default: 20, description: "page size" } as const;
const OFFSET = { type: "integer", minimum: 0, maximum: 100000, default: 0, description: "items to skip" } as const;

/** Metadata that may accompany an article's content (analyze and ingest). */
const META = {
  id: TEXT("article id (default: a hash of the content)", 200),
  url: { type: "string", maxLength: 2000, description: "the article's URL" },
  published: { ...DATE, description: "publication date; anchors relative dates" },
  lang: LANG,
  publisher: TEXT("the outlet", 200),
  title: TEXT("the headline", 1000),
} as const;

/** The analyze option that runs the trained NER model (uk only) after the rules. */
const NER = {
  type: "boolean",
  default: false,
  description:
    "also run the trained Ukrainian NER model: more entities, fuller organisation names, better types (uk articles only; about 10 ms more per article)",
} as const;

export const analyzeBody: JsonSchema = {
  type: "object",
  additionalProperties: false,
  description: "Give exactly one of `text` or `html`.",
  properties: {
    text: { type: "string", description: "plain text (HTML is detected and treated as HTML)" },
    html: { type: "string", description: "an HTML page" },
    tokens: { type: "boolean", default: false, description: "include tokens with lemmas" },
    ner: NER,
    ...META,
  },
  oneOf: [{ required: ["text"] }, { required: ["html"] }],
};

/** Raw-content metadata for POST /api/analyze with a text/plain, text/html or octet-stream body. */
export const analyzeQuery: JsonSchema = {
  type: "object",
  additionalProperties: false,
  properties: { url: META.url, published: META.published, lang: LANG, title: META.title, publisher: META.publisher, ner: NER },
};

export const MAX_INGEST_ITEMS = 200;

export const ingestBody: JsonSchema = {
  type: "object",
  additionalProperties: false,
  required: ["articles"],
  properties: {
    articles: {
      type: "array",
      minItems: 1,
      maxItems: MAX_INGEST_ITEMS,
      items: {
        type: "object",
        additionalProperties: false,
        properties: {
          text: { type: "string" },
          html: { type: "string" },
          origin: { type: "string", maxLength: 2000, description: "where it came from (file, feed item)" },
          ...META,
        },
        oneOf: [{ required: ["text"] }, { required: ["html"] }],
      },
    },
  },
};

export const searchQuery: JsonSchema = {
  type: "object",
  additionalProperties: false,
  properties: {
    q: TEXT("free text; words match by lemma", 500),
    lang: LANG,
    from: { ...DATE, description: "published on or after (inclusive)" },
    to: { ...DATE, description: "published on or before (inclusive; a date covers the whole day)" },
    outlet: TEXT("publisher name"),
    speaker: TEXT("articles quoting this speaker (any alias or language)"),
    source: TEXT("articles citing this source"),
    entity: TEXT("articles mentioning this entity"),
    limit: LIMIT,
    offset: OFFSET,
  },
};

export const quotesQuery: JsonSchema = {
  type: "object",
  additionalProperties: false,
  properties: {
    speaker: TEXT("speaker by any alias or language"),
    about: TEXT("quotes mentioning this entity"),
    lang: LANG,
    from: DATE,
    to: DATE,
    limit: LIMIT,
    offset: OFFSET,
  },
};

export const entitiesQuery: JsonSchema = {
  type: "object",
  additionalProperties: false,
  properties: {
    q: TEXT("name prefix or alias"),
    type: { type: "string", enum: ["PER", "ORG", "LOC", "MISC"] },
    limit: LIMIT,
    offset: OFFSET,
  },
};

export const storiesQuery: JsonSchema = {
  type: "object",
  additionalProperties: false,
  properties: {
    from: DATE,
    to: DATE,
    minSize: { type: "integer", minimum: 1, maximum: 1000, default: 2, description: "at least this many articles" },
    limit: LIMIT,
    offset: OFFSET,
  },
};

/** Path parameters: a name or id, bounded. */
export const pathName = TEXT("name, alias or id", 300);

export interface Checked<T> {
  ok: boolean;
  value: T;
  errors: string[];
}

let ajvInstance: { compile(s: JsonSchema): ValidateFunction } | null = null;
function ajv() {
  if (!ajvInstance) {
    const Ajv2020 = require("ajv/dist/2020.js").default as typeof import("ajv").default;
    ajvInstance = new Ajv2020({ allErrors: true, strict: false, coerceTypes: false, useDefaults: true });
  }
  return ajvInstance;
}
let ajvCoerce: { compile(s: JsonSchema): ValidateFunction } | null = null;
function ajvForQuery() {
  if (!ajvCoerce) {
    const Ajv2020 = require("ajv/dist/2020.js").default as typeof import("ajv").default;
    // Query strings carry only strings: numbers are coerced ("20" → 20), nothing else.
    ajvCoerce = new Ajv2020({ allErrors: true, strict: false, coerceTypes: true, useDefaults: true });
  }
  return ajvCoerce;
}

const cache = new Map<JsonSchema, ValidateFunction>();

/** Validates (and fills defaults into) a JSON body or a query object; messages name the offending field. */
export function check<T>(schema: JsonSchema, data: unknown, fromQuery = false): Checked<T> {
  let v = cache.get(schema);
  if (!v) {
    v = (fromQuery ? ajvForQuery() : ajv()).compile(schema);
    cache.set(schema, v);
  }
  const copy = data && typeof data === "object" ? structuredClone(data) : data;
  const ok = v(copy) as boolean;
  return { ok, value: copy as T, errors: ok ? [] : formatErrors(v.errors ?? []) };
}

function formatErrors(errors: ErrorObject[]): string[] {
  const out: string[] = [];
  for (const e of errors) {
    const where = e.instancePath ? e.instancePath.slice(1).replace(/\//g, ".") : "";
    let msg: string;
    if (e.keyword === "additionalProperties") {
      msg = `unknown field "${(e.params as { additionalProperty: string }).additionalProperty}"${where ? ` in ${where}` : ""}`;
    } else if (e.keyword === "oneOf") {
      msg = `${where || "body"}: give exactly one of "text" or "html"`;
    } else if (e.keyword === "required" && e.schemaPath.includes("oneOf")) {
      continue; // reported by the oneOf message
    } else if (e.keyword === "pattern" && /date|from|to|published/.test(where)) {
      msg = `${where}: not an ISO 8601 date (want YYYY-MM-DD)`;
    } else {
      msg = `${where || "body"}: ${e.message}`;
    }
    if (!out.includes(msg)) out.push(msg);
  }
  return out;
}
