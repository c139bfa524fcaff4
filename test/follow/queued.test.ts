/**
 * Scale-out following, for real against local PostgreSQL and Redis and a local HTTP server: two workers share the
 * fetching through the queue, the per-host limits hold over both (measured by the server), robots.txt is obeyed,
 * duplicate items are stored once, and a restart of everything refetches nothing.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toAnalyzeInput } from "../../src/corpus/raw.js";
import { RedisHostGate } from "../../src/fetch/redis-gate.js";
import { PostgresFollowState } from "../../src/follow/postgres-state.js";
import { scheduleFollow } from "../../src/follow/queued.js";
import { analyze } from "../../src/pipeline/analyze.js";
import { BullQueue } from "../../src/queue/bullmq.js";
import { sharedHostGate } from "../../src/queue/index.js";
import type { FetchPolicy } from "../../src/queue/types.js";
import { startWorker } from "../../src/queue/worker.js";
import { PostgresStore } from "../../src/store/postgres.js";
import { cliIn } from "../corpus/helpers.js";
import { send, startServer, type TestServer } from "../fetch/server.js";
import { createDb, dropDbs, HAS_SERVERS, queueName, REDIS_URL } from "../scale/servers.js";

const STORIES = [
  ["Уряд схвалив програму відновлення енергетики", "Кабінет міністрів у вівторок схвалив програму відновлення енергетичної інфраструктури на наступний рік."],
  ["Львівська міська рада ухвалила бюджет", "Депутати Львівської міської ради ухвалили бюджет міста на наступний рік, найбільше отримають школи."],
  ["У Харкові відкрили новий пункт незламності", "У Харкові відкрили новий пункт незламності, де можна зігрітися та зарядити телефон цілодобово."],
  ["Національний банк зберіг облікову ставку", "Національний банк України зберіг облікову ставку на попередньому рівні, інфляція сповільнюється."],
  ["Одеський порт відновив роботу після атаки", "Одеський порт відновив роботу після нічної атаки дронів, пошкоджено два склади, постраждалих немає."],
  ["Школи готуються до зими", "Директори шкіл отримали генератори та запаси палива, щоб навчання тривало і під час відключень."],
  ["Київ відремонтував міст", "Міська влада Києва завершила ремонт мосту через Дніпро на два тижні раніше, ніж планували."],
];

const page = (i: number) =>
  `<!doctype html><html lang="uk"><head><meta charset="utf-8"><title>${STORIES[i][0]}</title></head><body><nav>Головна | Новини</nav>` +
  `<article><h1>${STORIES[i][0]}</h1><p>${STORIES[i][1]}</p><p>Про це повідомила пресслужба, додавши, що роботи тривають.</p></article></body></html>`;

/** A feed; items of /news/2 name an author (the page names none). */
const rss = (links: string[]) =>
  `<?xml version="1.0" encoding="utf-8"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Стрічка</title>${links
    .map(
      (l, i) =>
        `<item><title>item ${i}</title><link>${l}</link><pubDate>${new Date(Date.now() - (i + 1) * 3600_000).toUTCString()}</pubDate>` +
        `${l.endsWith("/news/2") ? "<dc:creator>Олена Петренко</dc:creator>" : ""}</item>`,
    )
    .join("")}</channel></rss>`;

/** The most requests the server saw start within any one second (arrival times; 30 ms allowed for jitter). */
function maxPerSecond(times: number[]): number {
  const t = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < t.length; i++) {
    while (t[i] - t[j] >= 970) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

describe.skipIf(!HAS_SERVERS)("RedisHostGate: per-host limits shared by processes (needs local Redis)", () => {
  it("three gates on one Redis space request starts and cap requests in flight together", async () => {
    const q = new BullQueue(REDIS_URL, queueName("gate"));
    const prefix = `dzherelo:test-gate-${randomBytes(4).toString("hex")}`;
    const gates = [0, 1, 2].map(() => new RedisHostGate(q.connection(), { intervalMs: 120, concurrency: 2, prefix }));
    const starts: number[] = [];
    let active = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 9 }, async (_, i) => {
        const release = await gates[i % 3].acquire("example.org");
        starts.push(Date.now());
        active++;
        most = Math.max(most, active);
        await new Promise((r) => setTimeout(r, 300));
        active--;
        release();
      }),
    );
    starts.sort((a, b) => a - b);
    for (let i = 1; i < starts.length; i++) expect(starts[i] - starts[i - 1]).toBeGreaterThanOrEqual(110);
    expect(most).toBeLessThanOrEqual(2);
    // A slot whose holder died (never released) comes back when its lease runs out.
    const short = new RedisHostGate(q.connection(), { intervalMs: 0, concurrency: 1, leaseMs: 1000, prefix });
    await short.acquire("dead.example"); // never released
    const t0 = Date.now();
    (await short.acquire("dead.example"))();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
    await q.obliterate();
    await q.close();
  });
});

describe.skipIf(!HAS_SERVERS)("follow through the queue: two workers, one corpus (needs local PostgreSQL and Redis)", () => {
  let server: TestServer;
  let url: string;
  let feedB: string[];
  let feedBVersion = 1;
  const name = queueName("follow");
  const RATE = 4;

  beforeAll(async () => {
    url = await createDb();
    const feedA = () => [`/news/0`, `/news/1?utm_source=rss`, `/news/2`, `/private/secret`, `/news/1`];
    feedB = [`/news/1`, `/news/2`, `/news/3`, `/news/4`];
    server = await startServer({
      "/robots.txt": send("User-agent: *\nDisallow: /private/\n", { "content-type": "text/plain" }),
      "/a.xml": (q, r) => {
        if (q.headers["if-none-match"] === '"a1"') return void (r.writeHead(304, { etag: '"a1"' }), r.end());
        r.writeHead(200, { "content-type": "application/rss+xml; charset=utf-8", etag: '"a1"' });
        r.end(rss(feedA().map((p) => server.base + p)));
      },
      "/b.xml": (q, r) => {
        const etag = `"b${feedBVersion}"`;
        if (q.headers["if-none-match"] === etag) return void (r.writeHead(304, { etag }), r.end());
        r.writeHead(200, { "content-type": "application/rss+xml; charset=utf-8", etag });
        r.end(rss(feedB.map((p) => server.base + p)));
      },
      "/private/secret": send(page(6)),
      // /news/4 is the same story as /news/0 under another URL (same text, other page furniture).
      "/news/4": send(page(0).replace("Головна | Новини", "Головна | Політика | Економіка")),
      "/c.xml": (_q, r) => {
        r.writeHead(200, { "content-type": "application/rss+xml; charset=utf-8" });
        r.end(rss([`/news/6`, `/news/1`].map((p) => server.base + p)));
      },
      ...Object.fromEntries([0, 1, 2, 3, 5, 6].map((i) => [`/news/${i}`, send(page(i))])),
    });
  });

  afterAll(async () => {
    await server?.close();
    const q = new BullQueue(REDIS_URL, name);
    await q.obliterate().catch(() => {});
    await q.close();
    await dropDbs();
  });

  const policy = (): FetchPolicy => ({ userAgent: "DzhereloTest/1.0", intervalMs: 1000 / RATE, concurrency: 2, timeoutMs: 10_000, everyMs: 500, maxNewPerPoll: 100, maxAgeDays: 7 });

  async function workers(n: number) {
    const out: Array<{ close(): Promise<void> }> = [];
    for (let i = 0; i < n; i++) {
      const store = await PostgresStore.open(url);
      const queue = new BullQueue(REDIS_URL, name);
      const w = await startWorker(store, queue, { concurrency: 2, threads: 0, fetch: { concurrency: 4, gate: sharedHostGate(queue)! } });
      out.push({
        close: async () => {
          await w.close();
          await queue.close();
          await store.close();
        },
      });
    }
    return out;
  }

  async function followOnce(store: PostgresStore) {
    const queue = new BullQueue(REDIS_URL, name);
    try {
      await scheduleFollow({ state: new PostgresFollowState(store.pool), queue, urls: [`${server.base}/a.xml`, `${server.base}/b.xml`], once: true, policy: policy() });
    } finally {
      await queue.close();
    }
  }

  it("fetches each page once within the host's rate, obeys robots.txt, stores duplicates once; a restart refetches nothing", { timeout: 120_000 }, async () => {
    const store = await PostgresStore.open(url);
    let ws = await workers(2);
    try {
      await followOnce(store);
      const pages = (p: string) => server.requests.filter((r) => r.path.split("?")[0] === p).length;
      // Politeness over both workers together, as the server saw it.
      expect(maxPerSecond(server.requests.map((r) => r.at))).toBeLessThanOrEqual(RATE);
      expect(server.requests.filter((r) => r.path.startsWith("/private/"))).toEqual([]);
      for (const p of ["/news/0", "/news/1", "/news/2", "/news/3", "/news/4"]) expect(pages(p), p).toBe(1);
      // news/1 listed three times (once with a tracking parameter) and news/4 (news/0's story) stored once each.
      const titles = (await store.pool.query("SELECT title FROM articles ORDER BY title")).rows.map((r) => r.title);
      expect(titles).toEqual([STORIES[0][0], STORIES[1][0], STORIES[2][0], STORIES[3][0]].sort());
      const seen = Object.fromEntries((await store.pool.query("SELECT url, status FROM follow_seen")).rows.map((r) => [new URL(r.url).pathname, r.status]));
      expect(seen).toMatchObject({ "/news/1": "stored", "/news/2": "stored", "/news/3": "stored", "/private/secret": "failed" });
      // One story under two URLs: whichever worker claimed its text first stored it, the other is a duplicate.
      expect([seen["/news/0"], seen["/news/4"]].sort()).toEqual(["duplicate", "stored"]);
      // The feed's author, kept with the raw input, survives reanalysis.
      const id2 = (await store.search({ q: "пункт незламності" })).hits[0].articleId;
      expect((await store.getArticle(id2))!.authors).toEqual(["Олена Петренко"]);
      await store.reindex(async (raw) => analyze(toAnalyzeInput(raw)));
      expect((await store.getArticle(id2))!.authors).toEqual(["Олена Петренко"]);
      const health = await new PostgresFollowState(store.pool).health();
      expect(health.map((h) => h.articles).reduce((a, b) => a + b, 0)).toBe(4);
      expect(health.every((h) => h.errors === 0 && h.lastSuccess)).toBe(true);

      // Restart everything: new workers (no memory), the feeds are due again; feed B has one new item.
      await Promise.all(ws.map((w) => w.close()));
      ws = await workers(2);
      feedB = [...feedB, "/news/5"];
      feedBVersion = 2;
      const before = server.requests.length;
      await new Promise((r) => setTimeout(r, 600));
      await followOnce(store);
      const again = server.requests.slice(before).map((r) => r.path);
      expect(again.filter((p) => p.startsWith("/news/"))).toEqual(["/news/5"]);
      // Feed A answered 304 to its stored ETag.
      expect(server.requests.slice(before).find((r) => r.path === "/a.xml")?.headers["if-none-match"]).toBe('"a1"');
      expect(Number((await store.pool.query("SELECT count(*) AS n FROM articles")).rows[0].n)).toBe(5);

      // `ingest URL` on the PostgreSQL corpus with a queue: the feed's new page is fetched and stored by the
      // workers, the page seen before is not fetched again.
      process.env.DZHERELO_QUEUE_NAME = name;
      const res = await cliIn(["ingest", `${server.base}/c.xml`, "--db", url, "--queue", REDIS_URL, "--json"]);
      expect(res.code, res.stderr).toBe(0);
      expect(JSON.parse(res.stdout)).toMatchObject({ stored: 1, corpus: { articles: 6 } });
      expect(pages("/news/6")).toBe(1);
      expect(pages("/news/1")).toBe(1);
      // Per-source health from the command line, read from PostgreSQL.
      const st = await cliIn(["follow", `${server.base}/a.xml`, `${server.base}/b.xml`, "--db", url, "--status", "--json"]);
      const cliHealth = st.stdout.trim().split("\n").map((l) => JSON.parse(l));
      expect(cliHealth.map((h) => h.articles).reduce((a, b) => a + b, 0)).toBe(5);
      expect(cliHealth.map((h) => [new URL(h.url).pathname, h.polls, h.notModified, h.errors])).toEqual([
        ["/a.xml", 2, 1, 0],
        ["/b.xml", 2, 0, 0],
      ]);
      expect(maxPerSecond(server.requests.map((r) => r.at))).toBeLessThanOrEqual(RATE);
    } finally {
      await Promise.all(ws.map((w) => w.close()));
      await store.close();
    }
  });
});
