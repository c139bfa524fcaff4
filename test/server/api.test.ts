import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, DEFAULT_WEB_ROOT } from "../../src/server/app.js";
import { inlineAnalyzer, workerAnalyzer } from "../../src/server/analyzer.js";
import { openStore } from "../../src/store/index.js";
import type { Store } from "../../src/store/types.js";
import { ROOT } from "../helpers/shared.js";
import { validateArticle } from "../../src/validate.js";

const BASE = "http://127.0.0.1:8080";
const demo = join(ROOT, "samples", "demo");
const demoItems = readdirSync(demo)
  .filter((f) => f.endsWith(".json"))
  .sort()
  .map((f) => JSON.parse(readFileSync(join(demo, f), "utf8")) as Record<string, string>);

function post(app: { fetch: (r: Request) => Response | Promise<Response> }, path: string, body: BodyInit, type: string, headers: Record<string, string> = {}) {
  return app.fetch(new Request(BASE + path, { method: "POST", body, headers: { "content-type": type, ...headers } }));
}
const get = (app: { fetch: (r: Request) => Response | Promise<Response> }, path: string, headers: Record<string, string> = {}) =>
  app.fetch(new Request(BASE + path, { headers }));

describe("POST /api/analyze", () => {
  const app = createApp({ analyzer: inlineAnalyzer(), webRoot: null, maxAnalyzeBytes: 64 * 1024 });

  it("turns JSON text into an Article, keeping the metadata given", async () => {
    const res = await post(app, "/api/analyze", JSON.stringify({ text: demoItems[0].text, published: "2025-04-02", url: "https://example.org/a" }), "application/json");
    expect(res.status).toBe(200);
    const a = await res.json();
    expect(a.schema).toBe("dzherelo.article/1");
    expect(a.published).toBe("2025-04-02");
    expect(a.url).toBe("https://example.org/a");
    expect(a.text).toContain("flood barrier");
  });

  it("detects the charset of raw bytes (windows-1251 news)", async () => {
    const text = "Міська рада ухвалила бюджет. «Це важливе рішення», – сказала голова.";
    const res = await post(app, "/api/analyze?lang=uk", iconv.encode(text, "win1251"), "application/octet-stream");
    expect(res.status).toBe(200);
    const a = await res.json();
    expect(a.input.charset).toMatch(/1251/);
    expect(a.text).toContain("ухвалила бюджет");
  });

  it("accepts text/html bodies as HTML", async () => {
    const res = await post(app, "/api/analyze", "<html><body><article><h1>Заголовок</h1><p>Текст статті про бюджет міста.</p></article></body></html>", "text/html; charset=utf-8");
    expect(res.status).toBe(200);
    expect((await res.json()).input.kind).toBe("html");
  });

  it.each([
    ["no text or html", {}, /exactly one of "text" or "html"/],
    ["both text and html", { text: "a", html: "<p>a</p>" }, /exactly one/],
    ["an unknown field", { text: "a", colour: "red" }, /unknown field "colour"/],
    ["a bad date", { text: "a", published: "yesterday" }, /published: not an ISO 8601 date/],
    ["a wrong type", { text: 42 }, /text: must be string/],
  ])("refuses %s with 400 and a message naming the problem", async (_, body, msg) => {
    const res = await post(app, "/api/analyze", JSON.stringify(body), "application/json");
    expect(res.status).toBe(400);
    const e = await res.json();
    expect(e.error.code).toBe("invalid_body");
    expect(e.error.message).toMatch(msg);
  });

  it("refuses invalid JSON, unknown media types, empty and oversized bodies", async () => {
    expect((await post(app, "/api/analyze", "{text:", "application/json")).status).toBe(400);
    expect((await post(app, "/api/analyze", "a=b", "application/x-www-form-urlencoded")).status).toBe(415);
    expect((await post(app, "/api/analyze", "", "text/plain")).status).toBe(400);
    const big = await post(app, "/api/analyze", "я".repeat(64 * 1024), "text/plain");
    expect(big.status).toBe(413);
    expect((await big.json()).error.code).toBe("too_large");
  });

  it("runs the NER model when asked (ner: true in JSON, ?ner=true for raw bodies), and only then", async () => {
    const text = "Рішення ухвалили в Національному банку України. Правління Національного банку України зібралося в четвер.";
    const names = (a: { entities: { name: string }[] }) => a.entities.map((e) => e.name);
    const off = await (await post(app, "/api/analyze", JSON.stringify({ text, lang: "uk" }), "application/json")).json();
    expect(names(off)).not.toContain("Національний банк України");
    const on = await post(app, "/api/analyze", JSON.stringify({ text, lang: "uk", ner: true }), "application/json");
    expect(on.status).toBe(200);
    const a = await on.json();
    expect(validateArticle(a)).toEqual([]);
    expect(names(a)).toContain("Національний банк України");
    const raw = await (await post(app, "/api/analyze?lang=uk&ner=true", text, "text/plain; charset=utf-8")).json();
    expect(names(raw)).toContain("Національний банк України");
    const bad = await post(app, "/api/analyze", JSON.stringify({ text, ner: "yes" }), "application/json");
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/ner: must be boolean/);
  });

  it("answers 422 for input that cannot be analysed (binary data)", async () => {
    const res = await post(app, "/api/analyze", new Uint8Array([0, 1, 2, 0, 0, 5, 6, 0]), "application/octet-stream");
    expect(res.status).toBe(422);
    expect((await res.json()).error.code).toBe("cannot_analyze");
  });

  it("stops an analysis that runs past the time limit (503, the server stays up)", async () => {
    const analyzer = workerAnalyzer({ timeoutMs: 1 });
    const slow = createApp({ analyzer, webRoot: null });
    try {
      const res = await post(slow, "/api/analyze", JSON.stringify({ text: demoItems[0].text }), "application/json");
      expect(res.status).toBe(503);
      expect((await res.json()).error.code).toBe("analysis_timeout");
      expect((await get(slow, "/api/health")).status).toBe(200);
    } finally {
      await analyzer.close();
    }
  });

  it("refuses work beyond its queue with 503 busy and Retry-After, rather than queueing forever", async () => {
    const analyzer = workerAnalyzer({ timeoutMs: 60_000, maxQueue: 1 });
    const small = createApp({ analyzer, webRoot: null });
    try {
      const body = JSON.stringify({ text: demoItems[0].text });
      const answers = await Promise.all([1, 2, 3].map(() => post(small, "/api/analyze", body, "application/json")));
      const busy = answers.filter((r) => r.status === 503);
      expect(answers.filter((r) => r.status === 200)).toHaveLength(2);
      expect(busy).toHaveLength(1);
      expect(busy[0].headers.get("retry-after")).toBe("5");
      expect((await busy[0].json()).error.code).toBe("busy");
    } finally {
      await analyzer.close();
    }
  });

  it("answers 503 on corpus routes when no database is open", async () => {
    const res = await get(app, "/api/search?q=x");
    expect(res.status).toBe(503);
    expect((await res.json()).error.code).toBe("no_store");
  });
});

describe("corpus API over an SQLite store", () => {
  let dir: string;
  let store: Store;
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "dzherelo-api-"));
    store = await openStore(join(dir, "t.db"));
    await store.migrate();
    app = createApp({ store, analyzer: inlineAnalyzer(), webRoot: null });
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("ingests articles once (idempotent by content)", async () => {
    const body = JSON.stringify({ articles: demoItems.map(({ text, title, publisher, published, lang, url }) => ({ text, title, publisher, published, lang, url })) });
    const first = await (await post(app, "/api/articles", body, "application/json")).json();
    expect(first.created).toBe(demoItems.length);
    expect(first.results.every((r: { id: string }) => typeof r.id === "string")).toBe(true);
    const again = await (await post(app, "/api/articles", body, "application/json")).json();
    expect(again.created).toBe(0);
    expect(again.existing).toBe(demoItems.length);
    expect(again.results.map((r: { id: string }) => r.id)).toEqual(first.results.map((r: { id: string }) => r.id));

    const one = await get(app, `/api/articles/${first.results[0].id}`);
    expect(one.status).toBe(200);
    expect((await one.json()).id).toBe(first.results[0].id);
    expect((await get(app, "/api/articles/nope")).status).toBe(404);
  });

  it("validates ingest bodies", async () => {
    const bad = await post(app, "/api/articles", JSON.stringify({ articles: [{ url: "x" }] }), "application/json");
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/articles\.0.*exactly one of "text" or "html"/);
    expect((await post(app, "/api/articles", JSON.stringify({ articles: [] }), "application/json")).status).toBe(400);
    const blank = await (await post(app, "/api/articles", JSON.stringify({ articles: [{ text: "" }, { text: "  \n " }] }), "application/json")).json();
    expect(blank.created).toBe(0);
    expect(blank.results.map((r: { error?: string }) => r.error)).toEqual(["no article text found in the input", "no article text found in the input"]);
  });

  it("searches with filters and pages through the hits", async () => {
    const all = await (await get(app, "/api/search?q=" + encodeURIComponent("flood barrier"))).json();
    expect(all.total).toBe(2);
    expect(all.hits.map((h: { publisher: string }) => h.publisher).sort()).toEqual(["Coastal Times", "Harbor Gazette"]);
    expect(all.hits[0].snippet).toMatch(/\[/);

    const uk = await (await get(app, "/api/search?lang=uk&limit=2&offset=0")).json();
    const uk2 = await (await get(app, "/api/search?lang=uk&limit=2&offset=2")).json();
    expect(uk.total).toBe(demoItems.filter((d) => d.lang === "uk").length);
    expect(uk.hits).toHaveLength(2);
    expect(uk2.hits.map((h: { articleId: string }) => h.articleId)).not.toContain(uk.hits[0].articleId);

    const outlet = await (await get(app, "/api/search?outlet=" + encodeURIComponent("Вербівські вісті"))).json();
    expect(outlet.total).toBe(2);
    const dated = await (await get(app, "/api/search?from=2025-04-01&to=2025-04-02")).json();
    expect(dated.hits.map((h: { publisher: string }) => h.publisher)).toEqual(["Harbor Gazette"]);
  });

  it.each([
    ["/api/search?limit=1000", /limit: must be <= 100/],
    ["/api/search?limit=ten", /limit: must be integer/],
    ["/api/search?from=March", /from: not an ISO 8601 date/],
    ["/api/search?lang=ukrainian", /lang/],
    ["/api/search?sort=new", /unknown field "sort"/],
    ["/api/search?q=a&q=b", /"q" given more than once/],
    ["/api/stories?minSize=0", /minSize/],
    ["/api/entities?type=PERSON", /type/],
  ])("refuses %s with 400", async (path, msg) => {
    const res = await get(app, path);
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(msg);
  });

  it("lists stories and opens one with its articles across outlets", async () => {
    const list = await (await get(app, "/api/stories")).json();
    const solar = list.stories.find((s: { publishers: string[] }) => s.publishers.includes("Новини Полісся"));
    expect(solar).toBeTruthy();
    const story = await (await get(app, `/api/stories/${encodeURIComponent(solar.id)}`)).json();
    expect(story.articles.length).toBeGreaterThanOrEqual(3);
    expect(story.firstReport.published).toBe("2025-03-14");
    expect((await get(app, "/api/stories/999999")).status).toBe(404);
  });

  it("summarises a speaker's quotes by month, outlet and language", async () => {
    const { quotes } = await (await get(app, "/api/quotes?limit=100")).json();
    const named = quotes.find((q: { speakerName: string | null; published: string | null }) => q.speakerName && q.published);
    expect(named, "attribution finds named speakers in the demo articles").toBeTruthy();
    const res = await get(app, "/api/speakers/" + encodeURIComponent(named.speakerName));
    expect(res.status).toBe(200);
    const sum = await res.json();
    expect(sum.total).toBeGreaterThan(0);
    const months = sum.timeline.reduce((n: number, m: { count: number }) => n + m.count, 0);
    const outlets = sum.byOutlet.reduce((n: number, m: { count: number }) => n + m.count, 0);
    expect(outlets).toBe(sum.summarised);
    expect(months).toBeLessThanOrEqual(sum.summarised);
    expect(sum.timeline.map((m: { month: string }) => m.month)).toContain(named.published.slice(0, 7));
  });

  it("answers 404 for a speaker nobody quoted, and lists entities", async () => {
    expect((await get(app, "/api/speakers/" + encodeURIComponent("Ніхто Ніколи"))).status).toBe(404);
    const ents = await (await get(app, "/api/entities?limit=5")).json();
    expect(typeof ents.total).toBe("number");
  });

  it("publishes an OpenAPI document that covers every API route", async () => {
    const doc = await (await get(app, "/api/openapi.json")).json();
    expect(doc.openapi).toMatch(/^3\.1/);
    const documented = new Set(Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops as object).map((m) => `${m.toUpperCase()} ${p}`)));
    const routes = app.routes
      .filter((r) => r.path.startsWith("/api/") && r.method !== "ALL")
      .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, "{$1}")}`);
    expect(routes.length).toBeGreaterThan(10);
    for (const r of routes) expect(documented, r).toContain(r);
    // The analyze options are documented with the request.
    expect(doc.components.schemas.AnalyzeRequest.properties.ner.type).toBe("boolean");
    expect(doc.paths["/api/analyze"].post.parameters.map((p: { name: string }) => p.name)).toContain("ner");
  });
});

describe("security", () => {
  const token = "s3cret-token-for-tests-0123456789";
  const app = createApp({ analyzer: inlineAnalyzer(), webRoot: null, token, loopbackOnly: true });

  it("requires the token on the API (Bearer header or the cookie a browser gets from /?token=)", async () => {
    expect((await get(app, "/api/health")).status).toBe(401);
    expect((await get(app, "/api/health", { authorization: "Bearer wrong" })).status).toBe(401);
    expect((await get(app, "/api/health", { authorization: `Bearer ${token}` })).status).toBe(200);

    const login = await get(app, `/?token=${token}`);
    expect(login.status).toBe(303);
    const cookie = login.headers.get("set-cookie")!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect((await get(app, "/api/health", { cookie: cookie.split(";")[0] })).status).toBe(200);
    expect((await get(app, "/?token=wrong")).status).toBe(401);
  });

  it("refuses a Host that is not loopback (DNS rebinding)", async () => {
    const res = await get(app, "/api/health", { host: "attacker.example", authorization: `Bearer ${token}` });
    expect(res.status).toBe(421);
  });

  it.skipIf(!existsSync(join(DEFAULT_WEB_ROOT, "index.html")))("serves the built UI and nothing outside it (no path traversal)", async () => {
    const web = createApp({ analyzer: inlineAnalyzer(), webRoot: DEFAULT_WEB_ROOT });
    expect(await (await get(web, "/")).text()).toMatch(/<div id="app">/);
    for (const p of ["/../package.json", "/%2e%2e/package.json", "/assets/..%2f..%2fpackage.json", "/src/main.ts", "/vite.config.ts"]) {
      const res = await get(web, p);
      expect(res.status, p).toBe(404);
      expect(await res.text()).not.toMatch(/"name": "dzherelo"|defineConfig/);
    }
  });

  it("sends a strict Content-Security-Policy with every response", async () => {
    for (const res of [await get(app, "/"), await get(app, "/api/health")]) {
      const csp = res.headers.get("content-security-policy")!;
      expect(csp).toMatch(/script-src 'self'(;|$)/);
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
      expect(csp).toMatch(/object-src 'none'/);
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    }
  });
});
