/**
 * The OpenAPI 3.1 description of the HTTP API, built from the same JSON Schemas the server validates with.
 */
import { existsSync, readFileSync } from "node:fs";
import * as S from "./schemas.js";

type Obj = Record<string, unknown>;

/** Query parameters from an object schema (one parameter per property). */
function params(schema: Obj): Obj[] {
  const props = (schema.properties ?? {}) as Record<string, Obj>;
  return Object.entries(props).map(([name, s]) => ({
    name,
    in: "query",
    required: false,
    description: s.description,
    schema: s,
  }));
}

const pathParam = (name: string, description: string): Obj => ({
  name,
  in: "path",
  required: true,
  description,
  schema: S.pathName,
});

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: Obj, description = "OK") => ({ description, content: { "application/json": { schema } } });
const errors = (...codes: number[]) =>
  Object.fromEntries(
    codes.map((code) => [String(code), json(ref("Error"), ERROR_TEXT[code] ?? "error")]),
  );
const ERROR_TEXT: Record<number, string> = {
  400: "invalid request (the message names the field)",
  401: "token missing or wrong",
  404: "not found",
  413: "request body too large",
  415: "unsupported content type",
  422: "the input cannot be analysed",
  503: "no corpus database open, analysis ran past its time limit, or too many analyses waiting (busy; see Retry-After)",
};

/** The Article schema shipped in schema/, when present (it is the contract of every analysis). */
function articleSchema(): Obj {
  const file = new URL("../../schema/article.schema.json", import.meta.url);
  if (existsSync(file)) {
    try {
      const s = JSON.parse(readFileSync(file, "utf8")) as Obj;
      delete s.$schema;
      delete s.$id;
      return s;
    } catch {
      /* fall through */
    }
  }
  return { type: "object", description: "A dzherelo.article/1 Article (see schema/article.schema.json)" };
}

let cached: Obj | null = null;

export function openApiDocument(): Obj {
  if (cached) return cached;
  const loose = (description: string): Obj => ({ type: "object", description });
  cached = {
    openapi: "3.1.0",
    info: {
      title: "Dzherelo API",
      version: "1",
      description:
        "Who said what, citing whom, about whom, and when. Analyse news (uk/ru/en) into Articles and query the " +
        "corpus. When the server was started with a token, every /api request needs `Authorization: Bearer <token>`.",
    },
    servers: [{ url: "/" }],
    components: {
      securitySchemes: { token: { type: "http", scheme: "bearer" } },
      schemas: {
        Article: articleSchema(),
        Error: {
          type: "object",
          required: ["error"],
          properties: {
            error: {
              type: "object",
              required: ["code", "message"],
              properties: { code: { type: "string" }, message: { type: "string" }, details: { type: "array", items: { type: "string" } } },
            },
          },
        },
        AnalyzeRequest: S.analyzeBody,
        IngestRequest: S.ingestBody,
        SearchResult: loose("{ total, hits: [{ articleId, title, url, published, publisher, lang, snippet, score }] }"),
        QuotesResult: loose("{ total, quotes: [{ articleId, quoteId, kind, text, speakerName, speakerEntity, via, published, publisher, title, url, lang }] }"),
        EntityReport: loose("{ entity, quotesBy, quotesByTotal, quotesAbout, quotesAboutTotal, cooccurring }"),
        StoryReport: loose("{ story, articles, firstReport, citations: [{ outlet, source, via, articles }], figures }"),
      },
    },
    security: [{}, { token: [] }],
    paths: {
      "/api/analyze": {
        post: {
          summary: "Analyse one article (text or HTML) into an Article; nothing is stored",
          parameters: params(S.analyzeQuery).map((p) => ({ ...p, description: `${p.description ?? ""} (raw bodies only)` })),
          requestBody: {
            required: true,
            content: {
              "application/json": { schema: ref("AnalyzeRequest") },
              "text/plain": { schema: { type: "string" } },
              "text/html": { schema: { type: "string" } },
              "application/octet-stream": { schema: { type: "string", format: "binary" }, description: "bytes; the charset is detected" },
            },
          },
          responses: { "200": json(ref("Article")), ...errors(400, 401, 413, 415, 422, 503) },
        },
      },
      "/api/articles": {
        post: {
          summary: `Analyse and store articles (at most ${S.MAX_INGEST_ITEMS} per request); idempotent by content`,
          requestBody: { required: true, content: { "application/json": { schema: ref("IngestRequest") } } },
          responses: {
            "200": json({ type: "object", description: "{ created, existing, failed, results: [{ id, created, error? }] }" }),
            ...errors(400, 401, 413, 415, 422, 503),
          },
        },
      },
      "/api/articles/{id}": {
        get: { summary: "A stored Article", parameters: [pathParam("id", "article id")], responses: { "200": json(ref("Article")), ...errors(400, 401, 404, 503) } },
      },
      "/api/search": {
        get: { summary: "Full-text search with filters", parameters: params(S.searchQuery), responses: { "200": json(ref("SearchResult")), ...errors(400, 401, 503) } },
      },
      "/api/quotes": {
        get: { summary: "Quotes by speaker or about an entity", parameters: params(S.quotesQuery), responses: { "200": json(ref("QuotesResult")), ...errors(400, 401, 503) } },
      },
      "/api/speakers/{name}": {
        get: {
          summary: "A speaker's quotes summarised: by month, outlet and language",
          parameters: [pathParam("name", "any name or alias")],
          responses: { "200": json(loose("{ name, entity, total, timeline: [{ month, count }], byOutlet, byLang, names }")), ...errors(400, 401, 404, 503) },
        },
      },
      "/api/entities": {
        get: { summary: "Entities across the corpus", parameters: params(S.entitiesQuery), responses: { "200": json(loose("{ total, entities }")), ...errors(400, 401, 503) } },
      },
      "/api/entities/{name}": {
        get: { summary: "One entity by any name or alias", parameters: [pathParam("name", "any name or alias")], responses: { "200": json(ref("EntityReport")), ...errors(400, 401, 404, 503) } },
      },
      "/api/stories": {
        get: { summary: "Story clusters", parameters: params(S.storiesQuery), responses: { "200": json(loose("{ total, stories }")), ...errors(400, 401, 503) } },
      },
      "/api/stories/{id}": {
        get: { summary: "One story: articles, citation graph, figure variants", parameters: [pathParam("id", "story id")], responses: { "200": json(ref("StoryReport")), ...errors(400, 401, 404, 503) } },
      },
      "/api/stats": { get: { summary: "Corpus counts", responses: { "200": json(loose("StoreStats")), ...errors(401, 503) } } },
      "/api/health": { get: { summary: "Liveness", responses: { "200": json(loose("{ ok, store }")) } } },
      "/api/openapi.json": { get: { summary: "This document", responses: { "200": json(loose("OpenAPI 3.1")) } } },
    },
  };
  return cached;
}
