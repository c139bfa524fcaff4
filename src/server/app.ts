/**
 * The HTTP API and the web UI's host, as a Hono app. `createApp` returns the app; its `fetch` handler can be
 * called directly (tests) or served on a port (`startServer` in ./serve.ts).
 *
 * Every request is validated against the JSON Schemas in ./schemas.ts (the same ones the OpenAPI document at
 * /api/openapi.json publishes); errors are `{ error: { code, message, details? } }` with a 4xx status.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { serveStatic } from "@hono/node-server/serve-static";
import type { Article } from "../article.js";
import { InputError } from "../pipeline/analyze.js";
import type { AnalyzeInput } from "../pipeline/types.js";
import type { RawInput, Store, StoredQuote } from "../store/types.js";
import { AnalysisTimeout, AnalyzerBusy, type Analyzer } from "./analyzer.js";
import { openApiDocument } from "./openapi.js";
import * as S from "./schemas.js";
import { loopbackHostOnly, securityHeaders, tokenGate } from "./security.js";

export interface AppOptions {
  /** The corpus; without one, only analysis works and corpus routes answer 503. */
  store?: Store | null;
  analyzer: Analyzer;
  /** Required on every /api request when set. */
  token?: string | null;
  /** Refuse requests whose Host header is not a loopback name (set when listening on loopback). */
  loopbackOnly?: boolean;
  /** The built web UI (index.html and assets); default: web/dist in the package. */
  webRoot?: string | null;
  /** Request body limit for POST /api/analyze, bytes (default 5 MB). */
  maxAnalyzeBytes?: number;
  /** Request body limit for POST /api/articles, bytes (default 20 MB). */
  maxIngestBytes?: number;
}

export const DEFAULT_WEB_ROOT = fileURLToPath(new URL("../../web/dist", import.meta.url));

type ErrorStatus = 400 | 401 | 404 | 413 | 415 | 422 | 503;

function fail(c: Context, status: ErrorStatus, code: string, message: string, details?: string[]) {
  return c.json({ error: { code, message, ...(details?.length ? { details } : {}) } }, status);
}

/** The query string as a plain object; a repeated parameter is an error rather than silently merged. */
function queryObject(c: Context): { value: Record<string, string>; dup: string | null } {
  const all = c.req.queries();
  const value: Record<string, string> = {};
  for (const [k, v] of Object.entries(all)) {
    if (v.length > 1) return { value, dup: k };
    if (v[0] !== "") value[k] = v[0];
  }
  return { value, dup: null };
}

function parseQuery<T>(c: Context, schema: Record<string, unknown>): { ok: true; value: T } | { ok: false; res: Response } {
  const { value, dup } = queryObject(c);
  if (dup) return { ok: false, res: fail(c, 400, "invalid_query", `parameter "${dup}" given more than once`) };
  const r = S.check<T>(schema, value, true);
  if (!r.ok) return { ok: false, res: fail(c, 400, "invalid_query", r.errors.join("; "), r.errors) };
  return { ok: true, value: r.value };
}

async function readJson(c: Context): Promise<{ ok: true; value: unknown } | { ok: false; res: Response }> {
  let text: string;
  try {
    text = await c.req.text();
  } catch {
    return { ok: false, res: fail(c, 400, "invalid_body", "could not read the request body") };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, res: fail(c, 400, "invalid_json", "the body is not valid JSON") };
  }
}

/** A path parameter, checked like any other input. */
function pathParam(c: Context, name: string): string | null {
  const v = c.req.param(name);
  if (!v || v.length > 300) return null;
  return v;
}

const sha256 = (s: string | Uint8Array) => createHash("sha256").update(s).digest("hex");

/** Input for analyze() from a stored raw input (ingest and re-analysis agree on it). */
export function rawToInput(raw: RawInput, id?: string): AnalyzeInput {
  const base = {
    id,
    url: raw.url ?? null,
    published: raw.published ?? null,
    publisher: raw.publisher ?? null,
    title: raw.title ?? null,
    lang: raw.lang ?? null,
  };
  if (raw.kind === "html") return { ...base, html: String(raw.content) };
  if (raw.kind === "bytes") return { ...base, bytes: raw.content as Uint8Array };
  return { ...base, text: String(raw.content) };
}

/** Speaker page summary: quotes counted by month, outlet and language. */
export function speakerSummary(quotes: StoredQuote[]) {
  const count = (key: (q: StoredQuote) => string) => {
    const m = new Map<string, number>();
    for (const q of quotes) m.set(key(q), (m.get(key(q)) ?? 0) + 1);
    return [...m].map(([name, n]) => ({ name, count: n }));
  };
  const timeline = count((q) => (q.published ? q.published.slice(0, 7) : "?"))
    .filter((x) => x.name !== "?")
    .sort((a, b) => a.name.localeCompare(b.name))
    .map(({ name, count: n }) => ({ month: name, count: n }));
  const byOutlet = count((q) => q.publisher ?? "?").sort((a, b) => b.count - a.count);
  const byLang = count((q) => q.lang).sort((a, b) => b.count - a.count);
  const names = count((q) => q.speakerName ?? "?").sort((a, b) => b.count - a.count);
  return { timeline, byOutlet, byLang, names: names.map((x) => x.name).filter((n) => n !== "?") };
}

/** How many quotes the speaker page summarises at most (the list itself pages through /api/quotes). */
const SPEAKER_SUMMARY_MAX = 1000;

export function createApp(opts: AppOptions): Hono {
  const app = new Hono();
  const store = opts.store ?? null;
  const analyzer = opts.analyzer;
  const webRoot = opts.webRoot === undefined ? DEFAULT_WEB_ROOT : opts.webRoot;
  const maxAnalyze = opts.maxAnalyzeBytes ?? 5 * 1024 * 1024;
  const maxIngest = opts.maxIngestBytes ?? 20 * 1024 * 1024;

  app.use("*", securityHeaders);
  if (opts.loopbackOnly) app.use("*", loopbackHostOnly());
  const gate = opts.token ? tokenGate(opts.token) : null;
  if (gate) app.use("/api/*", gate.api);

  app.onError((err, c) => {
    console.error(`dzherelo serve: ${c.req.method} ${c.req.path}: ${err instanceof Error ? err.stack : String(err)}`);
    return c.json({ error: { code: "internal", message: "internal error" } }, 500);
  });

  const api = new Hono();
  api.notFound((c) => fail(c, 404, "not_found", `no such API route: ${c.req.method} ${c.req.path}`));
  const needStore = (c: Context): Response | null =>
    store ? null : fail(c, 503, "no_store", "no corpus database is open (start with --db)");
  const tooLarge = (limit: number) => (c: Context) =>
    fail(c, 413, "too_large", `the request body is larger than ${Math.round(limit / 1024)} KiB`);

  api.get("/health", (c) => c.json({ ok: true, store: !!store }));
  api.get("/openapi.json", (c) => c.json(openApiDocument()));

  api.post("/analyze", bodyLimit({ maxSize: maxAnalyze, onError: tooLarge(maxAnalyze) }), async (c) => {
    const type = (c.req.header("content-type") ?? "").split(";")[0].trim().toLowerCase();
    let input: AnalyzeInput;
    let tokens = false;
    let ner = false;
    if (type === "application/json") {
      const body = await readJson(c);
      if (!body.ok) return body.res;
      const r = S.check<AnalyzeInput & { tokens?: boolean; ner?: boolean }>(S.analyzeBody, body.value);
      if (!r.ok) return fail(c, 400, "invalid_body", r.errors.join("; "), r.errors);
      const { tokens: t, ner: n, ...rest } = r.value;
      tokens = !!t;
      ner = !!n;
      input = rest;
    } else if (type === "text/plain" || type === "text/html" || type === "application/octet-stream") {
      const parsed = parseQuery<Omit<AnalyzeInput, "text" | "html" | "bytes"> & { ner?: boolean }>(c, S.analyzeQuery);
      if (!parsed.ok) return parsed.res;
      const { ner: n, ...meta } = parsed.value;
      ner = !!n;
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      if (!bytes.length) return fail(c, 400, "invalid_body", "the body is empty");
      // Text bodies are decoded here only when the client named a charset; otherwise the analyser detects it
      // (news in windows-1251 or koi8-u still arrives without one).
      const charset = /charset=([\w-]+)/i.exec(c.req.header("content-type") ?? "")?.[1];
      if (type !== "application/octet-stream" && charset && /^utf-?8$/i.test(charset)) {
        const s = new TextDecoder().decode(bytes);
        input = type === "text/html" ? { ...meta, html: s } : { ...meta, text: s };
      } else {
        input = { ...meta, bytes };
      }
    } else {
      return fail(c, 415, "unsupported_media_type", "send application/json, text/plain, text/html or application/octet-stream");
    }
    try {
      const article = await analyzer.analyze(input, { tokens, ner });
      return c.json(article);
    } catch (err) {
      if (err instanceof InputError) return fail(c, 422, "cannot_analyze", err.message);
      if (err instanceof AnalysisTimeout) return fail(c, 503, "analysis_timeout", err.message);
      if (err instanceof AnalyzerBusy) {
        c.header("Retry-After", "5");
        return fail(c, 503, "busy", err.message);
      }
      throw err;
    }
  });

  api.post("/articles", bodyLimit({ maxSize: maxIngest, onError: tooLarge(maxIngest) }), async (c) => {
    const missing = needStore(c);
    if (missing) return missing;
    if ((c.req.header("content-type") ?? "").split(";")[0].trim().toLowerCase() !== "application/json") {
      return fail(c, 415, "unsupported_media_type", "send application/json: { articles: [ { text | html, url?, published?, … } ] }");
    }
    const body = await readJson(c);
    if (!body.ok) return body.res;
    type Item = { text?: string; html?: string; id?: string; origin?: string; url?: string; published?: string; lang?: string; publisher?: string; title?: string };
    const r = S.check<{ articles: Item[] }>(S.ingestBody, body.value);
    if (!r.ok) return fail(c, 400, "invalid_body", r.errors.join("; "), r.errors);
    const results: Array<{ id: string | null; created: boolean; error?: string }> = [];
    const toStore: Array<{ raw: RawInput; article: Article; index: number }> = [];
    for (const [index, it] of r.value.articles.entries()) {
      const content = it.html ?? it.text ?? "";
      const raw: RawInput = {
        sha256: sha256(content),
        kind: it.html !== undefined ? "html" : "text",
        content,
        origin: it.origin ?? "api",
        url: it.url ?? null,
        published: it.published ?? null,
        publisher: it.publisher ?? null,
        title: it.title ?? null,
        lang: it.lang ?? null,
      };
      results.push({ id: null, created: false });
      try {
        const article = await analyzer.analyze(rawToInput(raw, it.id));
        if (!article.text.trim()) {
          results[index] = { id: null, created: false, error: "no article text found in the input" };
          continue;
        }
        toStore.push({ raw, article, index });
      } catch (err) {
        if (err instanceof AnalyzerBusy) {
          c.header("Retry-After", "5");
          return fail(c, 503, "busy", err.message);
        }
        if (!(err instanceof InputError || err instanceof AnalysisTimeout)) throw err;
        results[index] = { id: null, created: false, error: err.message };
      }
    }
    if (toStore.length) {
      const put = await store!.putArticles(toStore.map(({ raw, article }) => ({ raw, article })));
      put.forEach((p, i) => (results[toStore[i].index] = { id: p.id, created: p.created }));
      await store!.cluster();
    }
    const created = results.filter((x) => x.created).length;
    const failed = results.filter((x) => x.error).length;
    return c.json({ created, existing: results.length - created - failed, failed, results }, failed === results.length ? 422 : 200);
  });

  api.get("/articles/:id", async (c) => {
    const missing = needStore(c);
    if (missing) return missing;
    const id = pathParam(c, "id");
    if (!id) return fail(c, 400, "invalid_path", "article id too long");
    const a = await store!.getArticle(id);
    return a ? c.json(a) : fail(c, 404, "not_found", `no article with id "${id}"`);
  });

  api.get("/search", async (c) => {
    const missing = needStore(c);
    if (missing) return missing;
    const q = parseQuery<Parameters<Store["search"]>[0]>(c, S.searchQuery);
    if (!q.ok) return q.res;
    return c.json(await store!.search(q.value));
  });

  api.get("/quotes", async (c) => {
    const missing = needStore(c);
    if (missing) return missing;
    const q = parseQuery<Parameters<Store["quotes"]>[0]>(c, S.quotesQuery);
    if (!q.ok) return q.res;
    return c.json(await store!.quotes(q.value));
  });

  api.get("/speakers/:name", async (c) => {
    const missing = needStore(c);
    if (missing) return missing;
    const name = pathParam(c, "name");
    if (!name) return fail(c, 400, "invalid_path", "speaker name too long");
    const [report, all] = await Promise.all([
      store!.entity(name),
      store!.quotes({ speaker: name, limit: SPEAKER_SUMMARY_MAX }),
    ]);
    if (!report && all.total === 0) return fail(c, 404, "not_found", `no quotes by "${name}"`);
    return c.json({
      name: report?.entity.name ?? name,
      entity: report?.entity ?? null,
      total: all.total,
      summarised: all.quotes.length,
      ...speakerSummary(all.quotes),
    });
  });

  api.get("/entities", async (c) => {
    const missing = needStore(c);
    if (missing) return missing;
    const q = parseQuery<Parameters<Store["entities"]>[0]>(c, S.entitiesQuery);
    if (!q.ok) return q.res;
    return c.json(await store!.entities(q.value));
  });

  api.get("/entities/:name", async (c) => {
    const missing = needStore(c);
    if (missing) return missing;
    const name = pathParam(c, "name");
    if (!name) return fail(c, 400, "invalid_path", "entity name too long");
    const r = await store!.entity(name);
    return r ? c.json(r) : fail(c, 404, "not_found", `no entity "${name}"`);
  });

  api.get("/stories", async (c) => {
    const missing = needStore(c);
    if (missing) return missing;
    const q = parseQuery<Parameters<Store["stories"]>[0]>(c, S.storiesQuery);
    if (!q.ok) return q.res;
    return c.json(await store!.stories(q.value));
  });

  api.get("/stories/:id", async (c) => {
    const missing = needStore(c);
    if (missing) return missing;
    const id = pathParam(c, "id");
    if (!id) return fail(c, 400, "invalid_path", "story id too long");
    const r = await store!.story(id);
    return r ? c.json(r) : fail(c, 404, "not_found", `no story "${id}"`);
  });

  api.get("/stats", async (c) => {
    const missing = needStore(c);
    if (missing) return missing;
    return c.json(await store!.stats());
  });

  app.route("/api", api);

  // The web UI: a static single-page app (hash routes), so only index.html and hashed assets are served.
  if (gate) app.use("/", gate.page);
  if (webRoot && existsSync(join(webRoot, "index.html"))) {
    app.use("/assets/*", async (c, next) => {
      await next();
      if (c.res.status === 200) c.res.headers.set("Cache-Control", "public, max-age=31536000, immutable");
    });
    app.use("/*", serveStatic({ root: webRoot }));
    const index = readFileSync(join(webRoot, "index.html"), "utf8");
    app.get("/", (c) => c.html(index));
  } else {
    app.get("/", (c) =>
      c.text("Dzherelo API is running (see /api/openapi.json). The web UI is not built: run `npm run build`.\n"),
    );
  }
  app.notFound((c) => c.text("not found", 404));
  return app;
}
