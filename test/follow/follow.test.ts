import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toAnalyzeInput } from "../../src/corpus/raw.js";
import { Fetcher } from "../../src/fetch/client.js";
import { Follower } from "../../src/follow/follow.js";
import { SqliteFollowState } from "../../src/follow/state.js";
import { ingestUrls } from "../../src/follow/page.js";
import { analyze } from "../../src/pipeline/analyze.js";
import { SqliteStore } from "../../src/store/sqlite.js";
import type { RawInput } from "../../src/store/types.js";
import { send, startServer, type TestServer } from "../fetch/server.js";

const HOUR = 3600_000;
const recent = (h: number) => new Date(Date.now() - h * HOUR).toUTCString();

const STORIES: Record<string, { title: string; paras: string[]; date?: string }> = {
  "1": {
    title: "Уряд схвалив програму відновлення енергетики",
    paras: ["Кабінет міністрів у вівторок схвалив програму відновлення енергетичної інфраструктури на наступний рік.", "Прем'єр-міністр заявив, що на ремонт підстанцій спрямують додаткові кошти."],
  },
  "2": {
    title: "Львівська міська рада ухвалила бюджет",
    paras: ["Депутати Львівської міської ради ухвалили бюджет міста на наступний рік.", "Міський голова сказав, що найбільше коштів отримають школи та лікарні."],
    date: "2026-11-20T09:00:00+02:00",
  },
  "4": {
    title: "У Харкові відкрили новий пункт незламності",
    paras: ["У Харкові відкрили новий пункт незламності, де можна зігрітися та зарядити телефон.", "За словами керівника області, пункт працюватиме цілодобово."],
  },
  "5": {
    title: "Національний банк зберіг облікову ставку",
    paras: ["Національний банк України зберіг облікову ставку на попередньому рівні.", "Голова НБУ пояснив, що інфляція сповільнюється повільніше, ніж очікували."],
  },
  "7": {
    title: "Одеський порт відновив роботу після атаки",
    paras: ["Одеський порт відновив роботу після нічної атаки дронів, повідомили в адміністрації.", "Пошкоджено два склади, постраждалих немає."],
  },
  "8": {
    title: "Нова стаття у стрічці",
    paras: ["Редакція опублікувала нову статтю про підготовку шкіл до зими.", "Директори шкіл отримали генератори та запаси палива."],
  },
};

/** An article page; `chrome` changes the page furniture (menus, footer) without touching the story. */
const page = (id: string, chrome = "Головна | Політика | Економіка") => {
  const s = STORIES[id];
  return `<!doctype html><html lang="uk"><head><meta charset="utf-8"><title>${s.title}</title>${s.date ? `<meta property="article:published_time" content="${s.date}">` : ""}</head>
<body><header><nav>${chrome}</nav></header><article><h1>${s.title}</h1>${s.paras.map((p) => `<p>${p}</p>`).join("\n")}</article><footer>${chrome} © Видання</footer></body></html>`;
};

const rss = (items: Array<{ link: string; date: string; title?: string; author?: string }>) =>
  `<?xml version="1.0" encoding="utf-8"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Стрічка Видання</title>${items
    .map((i) => `<item><title>${i.title ?? "t"}</title><link>${i.link}</link><pubDate>${i.date}</pubDate>${i.author ? `<dc:creator>${i.author}</dc:creator>` : ""}</item>`)
    .join("")}</channel></rss>`;

describe("following feeds and sitemaps", () => {
  let server: TestServer;
  let dir: string;
  let rssItems: Array<{ link: string; date: string; title?: string; author?: string }>;
  let rssVersion = 1;
  let news7Fails = true;
  let clock = Date.now();
  const analyzer = async (raw: RawInput) => analyze(toAnalyzeInput(raw));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "dz-follow-"));
    server = await startServer({
      "/robots.txt": send("User-agent: *\nDisallow: /private/\n", { "content-type": "text/plain" }),
      "/rss.xml": (q, r) => {
        const etag = `"rss-${rssVersion}"`;
        if (q.headers["if-none-match"] === etag) return void (r.writeHead(304, { etag }), r.end());
        r.writeHead(200, { "content-type": "application/rss+xml; charset=utf-8", etag });
        r.end(rss(rssItems));
      },
      "/feed.json": (q, r) => {
        if (q.headers["if-modified-since"] === "Tue, 24 Nov 2026 10:00:00 GMT") return void (r.writeHead(304), r.end());
        r.writeHead(200, { "content-type": "application/feed+json", "last-modified": "Tue, 24 Nov 2026 10:00:00 GMT" });
        r.end(
          JSON.stringify({
            version: "https://jsonfeed.org/version/1.1",
            title: "JSON-стрічка",
            items: [
              { id: "2", url: `${server.base}/news/2#comments`, date_published: new Date(Date.now() - HOUR).toISOString() },
              { id: "4", url: `${server.base}/news/4?fbclid=abc`, date_published: new Date(Date.now() - 2 * HOUR).toISOString(), authors: [{ name: "Марія Шевчук" }] },
            ],
          }),
        );
      },
      "/sitemap-index.xml": send(
        `<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
         <sitemap><loc>/sitemap-news.xml</loc><lastmod>2026-11-24T10:00:00Z</lastmod></sitemap>
         <sitemap><loc>/sitemap-2019.xml</loc><lastmod>2019-12-31</lastmod></sitemap></sitemapindex>`,
        { "content-type": "application/xml" },
      ),
      "/sitemap-news.xml": (_q, r) => {
        r.writeHead(200, { "content-type": "application/xml", etag: '"news-1"' });
        r.end(`<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
          ${["/news/5", "/news/copy-of-5", "/news/mirror-of-2", "/news/1"]
            .map((p) => `<url><loc>${server.base}${p}</loc><news:news><news:publication><news:name>Видання</news:name></news:publication><news:publication_date>${new Date(Date.now() - 3 * HOUR).toISOString()}</news:publication_date></news:news></url>`)
            .join("")}</urlset>`);
      },
      "/sitemap-2019.xml": send("<urlset/>", { "content-type": "application/xml" }),
      "/broken.xml": send(`<rss><channel><title>Broken</title><item><link>${"x"}</link></channel></rss>`, { "content-type": "application/rss+xml" }),
      "/down.xml": send("", {}, 500),
      "/news/1": send(page("1")),
      "/news/2": send(page("2")),
      "/news/4": send(page("4")),
      "/news/5": send(page("5")),
      "/news/copy-of-5": send(page("5")),
      "/news/mirror-of-2": send(page("2", "Інший сайт | Партнери | Реклама")),
      "/news/7": (_q, r) => (news7Fails ? (r.writeHead(503), r.end()) : (r.writeHead(200, { "content-type": "text/html; charset=utf-8" }), r.end(page("7")))),
      "/news/8": send(page("8")),
      "/news/old": send(page("1")),
      "/private/3": send(page("4")),
    });
    rssItems = [
      { link: `${server.base}/news/1?utm_source=rss&utm_medium=feed`, date: recent(1), title: "Уряд схвалив програму (RSS)", author: "Олена Петренко" },
      { link: `${server.base}/news/2`, date: recent(2) },
      { link: `${server.base}/private/3`, date: recent(3) },
      { link: `${server.base}/news/7`, date: recent(4) },
      { link: `${server.base}/news/old`, date: "Mon, 02 Jan 2023 10:00:00 GMT" },
    ];
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const sources = () => ["/rss.xml", "/feed.json", "/sitemap-index.xml", "/broken.xml", "/down.xml"].map((p) => server.base + p);
  const follower = (store: SqliteStore) =>
    new Follower({
      fetcher: new Fetcher({ intervalMs: 100, concurrency: 1, retries: 0, backoffMs: 10, timeoutMs: 5000 }),
      state: new SqliteFollowState(store.db),
      store,
      analyze: analyzer,
      everyMs: 10 * 60_000,
      maxChildSitemaps: 1,
      now: () => clock,
    });
  const pageFetches = () => server.requests.filter((r) => /^\/(news|private)\//.test(r.path)).map((r) => r.path.split("?")[0]);

  it("first poll: stores each new article once, deduplicated by URL, redirect target, bytes and text; obeys robots.txt", async () => {
    const store = await SqliteStore.open(join(dir, "c.db"));
    const results = await follower(store).pollDue(sources());
    const by = Object.fromEntries(results.map((r) => [new URL(r.source).pathname, r]));
    expect(by["/rss.xml"]).toMatchObject({ status: "ok", kind: "rss" });
    expect(by["/feed.json"]).toMatchObject({ status: "ok", kind: "jsonfeed" });
    expect(by["/sitemap-index.xml"]).toMatchObject({ status: "ok", kind: "sitemapindex" });
    expect(by["/broken.xml"]).toMatchObject({ status: "error", error: expect.stringMatching(/XML/) });
    expect(by["/down.xml"]).toMatchObject({ status: "error", error: expect.stringMatching(/500/) });

    const fetched = pageFetches();
    // Every page at most once, however many listings name it; never a forbidden or too old one.
    expect(new Set(fetched).size).toBe(fetched.length);
    expect(fetched).not.toContain("/private/3");
    expect(fetched).not.toContain("/news/old");
    expect(server.count("/sitemap-2019.xml")).toBe(0);
    expect((await store.stats()).articles).toBe(4); // 1, 2, 4, 5 (copy-of-5 and mirror-of-2 are duplicates; 7 is down)

    const one = await store.search({ q: "енергетичної інфраструктури" });
    expect(one.hits).toHaveLength(1);
    expect(one.hits[0].url).toBe(`${server.base}/news/1`); // tracking parameters dropped
    const a1 = (await store.getArticle(one.hits[0].articleId))!;
    expect(a1.published).toBeTruthy(); // the page has no date: the feed's
    expect(Date.parse(a1.published!)).toBe(Date.parse(rssItems[0].date));
    expect(a1.title).toBe(STORIES["1"].title); // the page's own title wins over the feed's
    expect(a1.publisher).toBe("Стрічка Видання");
    const a4 = (await store.getArticle((await store.search({ q: "пункт незламності" })).hits[0].articleId))!;
    expect(a4.authors).toEqual(["Марія Шевчук"]); // the feed's author, the page names none
    const a2 = (await store.getArticle((await store.search({ q: "бюджет міста" })).hits[0].articleId))!;
    expect(a2.published?.slice(0, 10)).toBe("2026-11-20"); // the page's own date wins

    // Reanalysis keeps what the feed filled in (it is kept with the raw input): author, date, publisher.
    await store.reindex(analyzer);
    const r1 = (await store.getArticle(a1.id))!;
    expect(Date.parse(r1.published!)).toBe(Date.parse(rssItems[0].date));
    expect(r1.publisher).toBe("Стрічка Видання");
    expect((await store.getArticle(a4.id))!.authors).toEqual(["Марія Шевчук"]);
    expect((await store.getArticle(a2.id))!.published?.slice(0, 10)).toBe("2026-11-20");

    // Politeness inside the loop, as the server saw it: with 100 ms between starts, never more than 10 requests
    // in any 900 ms (a little under a second, for network jitter), and one at a time.
    const t = server.requests.map((r) => r.at).sort((a, b) => a - b);
    expect(t.length).toBeGreaterThan(10);
    for (let i = 0; i < t.length; i++) expect(t.filter((x) => x >= t[i] && x < t[i] + 900).length).toBeLessThanOrEqual(10);
    expect(server.maxInFlight).toBe(1);

    const health = Object.fromEntries((await new SqliteFollowState(store.db).health(clock)).map((h) => [new URL(h.url).pathname, h]));
    expect(health["/rss.xml"]).toMatchObject({ errors: 0, articles: 2, lastError: null });
    expect(health["/rss.xml"].articlesPerDay).toBeGreaterThan(0);
    expect(health["/broken.xml"]).toMatchObject({ errors: 1, lastSuccess: null });
    expect(health["/down.xml"].nextPoll).toBeGreaterThan(clock);
    await store.close();
  });

  it("next poll: unchanged feeds cost a 304, nothing is refetched, a page that failed is tried again", async () => {
    const store = await SqliteStore.open(join(dir, "c.db"));
    news7Fails = false;
    const before = pageFetches().length;
    const rssBefore = server.count("/rss.xml");
    clock += 11 * 60_000;
    const results = await follower(store).pollDue(sources());
    const by = Object.fromEntries(results.map((r) => [new URL(r.source).pathname, r]));
    expect(by["/rss.xml"].status).toBe("not-modified");
    expect(by["/feed.json"].status).toBe("not-modified");
    expect(server.requests.filter((r) => r.path === "/rss.xml").at(-1)!.headers["if-none-match"]).toBe('"rss-1"');
    expect(server.count("/rss.xml")).toBe(rssBefore + 1);
    // The down source was due again (10 min after one failure) and failed again.
    expect(by["/down.xml"]).toMatchObject({ status: "error" });
    // Nothing new in the 304 listings; the sitemap is re-read, its pages are all seen.
    expect(pageFetches().slice(before)).toEqual([]);
    await store.close();
  });

  it("survives a restart without refetching; a new feed item is the only page fetched", async () => {
    rssVersion = 2;
    rssItems.unshift({ link: `${server.base}/news/8?utm_campaign=x`, date: recent(0.5) });
    const store = await SqliteStore.open(join(dir, "c.db"));
    const before = pageFetches().length;
    clock += 11 * 60_000;
    const res = await follower(store).pollDue(sources());
    const rssRes = res.find((r) => r.source.endsWith("/rss.xml"))!;
    // After two failures the down source waits 20 minutes: not polled 11 minutes later.
    expect(res.find((r) => r.source.endsWith("/down.xml"))).toBeUndefined();
    // /news/8 is new; /news/7 was failing (503) and is retried now that it works.
    expect(pageFetches().slice(before).sort()).toEqual(["/news/7", "/news/8"]);
    expect(rssRes).toMatchObject({ status: "ok", stored: 2 });
    expect((await store.stats()).articles).toBe(6);
    await store.close();
  });
});

describe("the follow loop", () => {
  it("polls, sleeps until the next source is due, polls again, and stops when asked", async () => {
    const when = new Date().toUTCString();
    const server = await startServer({
      "/f.xml": (q, r) => {
        if (q.headers["if-none-match"] === '"x"') return void (r.writeHead(304), r.end());
        r.writeHead(200, { etag: '"x"', "content-type": "application/rss+xml" });
        r.end(rss([{ link: `${server.base}/a`, date: when }]));
      },
      "/a": send(page("8")),
    });
    const dir = mkdtempSync(join(tmpdir(), "dz-loop-"));
    const store = await SqliteStore.open(join(dir, "l.db"));
    let clock = Date.now();
    const signal = { stopped: false };
    const sleeps: number[] = [];
    const follower = new Follower({
      fetcher: new Fetcher({ intervalMs: 0, retries: 0 }),
      state: new SqliteFollowState(store.db),
      store,
      analyze: async (raw) => analyze(toAnalyzeInput(raw)),
      everyMs: 60_000,
      signal,
      now: () => clock,
    });
    await follower.run([`${server.base}/f.xml`], async (ms) => {
      sleeps.push(ms);
      clock += ms;
      if (sleeps.length === 2) signal.stopped = true;
    });
    expect(sleeps).toEqual([60_000, 60_000]);
    expect(server.count("/f.xml")).toBe(2); // the second poll a 304
    expect(server.count("/a")).toBe(1);
    expect((await store.stats()).articles).toBe(1);
    await store.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });
});

describe("follow edge cases", () => {
  it("a source answering 429 with a long Retry-After is not polled before then; PDFs are recorded, not analysed", async () => {
    const when = new Date().toUTCString();
    // Another host: a 429 pauses its whole host (the server asked us to back off), not other sites.
    const busyHost = await startServer({ "/busy.xml": send("", { "retry-after": "7200" }, 429) });
    const server = await startServer({
      "/f.xml": send(rss([{ link: "/report.pdf", date: when }, { link: "/news/8", date: when }]), { "content-type": "application/rss+xml" }),
      "/report.pdf": send(Buffer.from("%PDF-1.4 binary"), { "content-type": "application/pdf" }),
      "/news/8": send(page("8")),
    });
    const dir = mkdtempSync(join(tmpdir(), "dz-edge-"));
    const store = await SqliteStore.open(join(dir, "e.db"));
    const clock = Date.now();
    let analysed = 0;
    const follower = new Follower({
      fetcher: new Fetcher({ intervalMs: 0, retries: 1, backoffMs: 10 }),
      state: new SqliteFollowState(store.db),
      store,
      analyze: async (raw) => (analysed++, analyze(toAnalyzeInput(raw))),
      everyMs: 60_000,
      now: () => clock,
    });
    const res = await follower.pollDue([`${busyHost.base}/busy.xml`, `${server.base}/f.xml`]);
    expect(res[0]).toMatchObject({ status: "error", error: expect.stringMatching(/429/) });
    expect(busyHost.count("/busy.xml")).toBe(1); // a long Retry-After is not waited for in place
    const busy = (await new SqliteFollowState(store.db).getSource(`${busyHost.base}/busy.xml`))!;
    expect(busy.nextPoll).toBeGreaterThanOrEqual(clock + 7200_000);
    expect(res[1]).toMatchObject({ status: "ok", stored: 1, failed: 1 });
    expect(analysed).toBe(1);
    const seen = await new SqliteFollowState(store.db).seen([`${server.base}/report.pdf`]);
    expect(seen.size).toBe(1);
    await store.close();
    await server.close();
    await busyHost.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("following an outlet's home page follows the feed it names", async () => {
    const when = new Date().toUTCString();
    const server = await startServer({
      "/": send(`<!doctype html><html><head><title>Видання</title><link rel="alternate" type="application/rss+xml" href="/rss.xml"></head><body>Головна</body></html>`),
      "/rss.xml": send(rss([{ link: "/news/4", date: when }, { link: "/news/5", date: when }]), { "content-type": "application/rss+xml" }),
      "/news/4": send(page("4")),
      "/news/5": send(page("5")),
    });
    const dir = mkdtempSync(join(tmpdir(), "dz-home-"));
    const store = await SqliteStore.open(join(dir, "h.db"));
    const state = new SqliteFollowState(store.db);
    const follower = new Follower({ fetcher: new Fetcher({ intervalMs: 0 }), state, store, analyze: async (raw) => analyze(toAnalyzeInput(raw)) });
    const [res] = await follower.pollDue([`${server.base}/`]);
    expect(res).toMatchObject({ status: "ok", kind: "page", listed: 2, stored: 2 });
    expect((await state.health()).find((h) => h.url === `${server.base}/`)).toMatchObject({ kind: "page", articles: 2 });
    await store.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("ingest of a sitemap index URL reads every child sitemap once", async () => {
    const server = await startServer({
      "/index.xml": send(`<sitemapindex><sitemap><loc>/s1.xml</loc></sitemap><sitemap><loc>/s2.xml.gz</loc></sitemap></sitemapindex>`, { "content-type": "application/xml" }),
      "/s1.xml": send(`<urlset><url><loc>/news/4</loc></url></urlset>`, { "content-type": "application/xml" }),
      // A gzip file served as such (no Content-Encoding): unpacked by content.
      "/s2.xml.gz": send(gzipSync(`<urlset><url><loc>/news/5</loc></url><url><loc>/news/4?utm_source=x</loc></url></urlset>`), { "content-type": "application/x-gzip" }),
      "/news/4": send(page("4")),
      "/news/5": send(page("5")),
    });
    const dir = mkdtempSync(join(tmpdir(), "dz-idx-"));
    const store = await SqliteStore.open(join(dir, "i.db"));
    const r = await ingestUrls(store, [`${server.base}/index.xml`], async (raw) => analyze(toAnalyzeInput(raw)), { fetcher: new Fetcher({ intervalMs: 0 }) });
    expect(r).toEqual({ stored: 2, duplicates: 0, failed: 0 });
    expect(server.count("/news/4")).toBe(1);
    await store.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
