/**
 * Live-source overheads, against a local HTTP server (no network): raw fetch throughput, the cost of a poll
 * round over unchanged feeds (conditional GET → 304, state in SQLite), and listing parse times.
 * Analysis is not included (see bench:analyze). Run: npx tsx scripts/bench-follow.ts
 * With a local Redis (redis://127.0.0.1:6379, or $DZHERELO_TEST_REDIS) it also measures the per-host gate shared
 * by workers (RedisHostGate): CPU per request turn (this process and the Redis server) against the in-process
 * gate, and the request rate three gates together let through to one host.
 */
import { readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { Redis } from "ioredis";
import { HostGate } from "../src/fetch/host-gate.js";
import { RedisHostGate } from "../src/fetch/redis-gate.js";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { Fetcher } from "../src/fetch/client.js";
import { Follower } from "../src/follow/follow.js";
import { parseListing } from "../src/follow/listing.js";
import { SqliteFollowState } from "../src/follow/state.js";
import { SqliteStore } from "../src/store/sqlite.js";

const para = "Прем'єр-міністр заявив, що уряд підготував нові рішення щодо енергетики та відновлення мереж. ";
const HTML = Buffer.from(`<!doctype html><html><head><meta charset="utf-8"><title>T</title></head><body>${`<p>${para.repeat(4)}</p>`.repeat(80)}</body></html>`);
const PAGE = gzipSync(HTML);
const PAGE_BYTES = HTML.length;
const rss = (n: number) =>
  `<?xml version="1.0"?><rss><channel><title>F</title>${Array.from({ length: n }, (_, i) => `<item><title>Item ${i}</title><link>https://o.example/news/${i}?utm_source=rss</link><pubDate>${new Date(Date.now() - i * 60_000).toUTCString()}</pubDate><description>${para}</description></item>`).join("")}</channel></rss>`;
const sitemap = (n: number) =>
  `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">${Array.from({ length: n }, (_, i) => `<url><loc>https://o.example/a/${i}</loc><news:news><news:publication><news:name>O</news:name></news:publication><news:publication_date>2026-11-24T10:00:00Z</news:publication_date><news:title>Title ${i}</news:title></news:news></url>`).join("")}</urlset>`;

const server = createServer((q, r) => {
  if (q.url!.startsWith("/feed/")) {
    if (q.headers["if-none-match"] === '"v"') return void (r.writeHead(304), r.end());
    r.writeHead(200, { etag: '"v"', "content-type": "application/rss+xml" });
    return void r.end(rss(20));
  }
  r.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-encoding": "gzip" });
  r.end(PAGE);
});
await new Promise<void>((res) => server.listen(0, "127.0.0.1", () => res()));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const lines: string[] = [];
const log = (s: string) => (console.log(s), lines.push(s));

// 1. fetch throughput, no politeness delay (one local host), 8 at once
{
  const f = new Fetcher({ intervalMs: 0, concurrency: 8, robots: false });
  const n = 400;
  await Promise.all(Array.from({ length: 20 }, (_, i) => f.fetch(`${base}/warm/${i}`)));
  const t0 = performance.now();
  await Promise.all(Array.from({ length: n }, (_, i) => f.fetch(`${base}/p/${i}`)));
  const s = (performance.now() - t0) / 1000;
  log(`fetch: ${n} gzip pages of ${(PAGE_BYTES / 1024).toFixed(0)} KB: ${(n / s).toFixed(0)} pages/s, ${((n * PAGE_BYTES) / s / 1e6).toFixed(1)} MB/s decoded`);
}

// 2. a poll round over 40 unchanged feeds (304) with state in SQLite
{
  const dir = mkdtempSync(join(tmpdir(), "bench-follow-"));
  const store = await SqliteStore.open(join(dir, "b.db"));
  let clock = Date.now();
  const follower = new Follower({
    fetcher: new Fetcher({ intervalMs: 0, concurrency: 8, robots: false }),
    state: new SqliteFollowState(store.db),
    store,
    analyze: async () => {
      throw new Error("not analysed in this bench");
    },
    maxNewPerPoll: 0,
    now: () => clock,
  });
  const urls = Array.from({ length: 40 }, (_, i) => `${base}/feed/${i}`);
  await follower.pollDue(urls); // first poll: 200s, validators stored
  const rounds = 10;
  const t0 = performance.now();
  for (let i = 0; i < rounds; i++) {
    clock += 11 * 60_000;
    await follower.pollDue(urls);
  }
  log(`poll round, 40 unchanged feeds (304): ${((performance.now() - t0) / rounds).toFixed(1)} ms per round`);
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}

// 3. listing parse times
for (const [name, text, reps] of [["RSS, 100 items", rss(100), 50], ["news sitemap, 1000 URLs", sitemap(1000), 10]] as const) {
  parseListing(text, "https://o.example/");
  const t0 = performance.now();
  for (let i = 0; i < reps; i++) parseListing(text, "https://o.example/");
  log(`parse ${name} (${(text.length / 1024).toFixed(0)} KB): ${((performance.now() - t0) / reps).toFixed(1)} ms`);
}

// 4. the per-host gate shared through Redis (scale-out follow)
{
  const url = process.env.DZHERELO_TEST_REDIS ?? "redis://127.0.0.1:6379";
  let redisPid = 0;
  try {
    redisPid = Number(execFileSync("redis-cli", ["-u", url, "info", "server"], { encoding: "utf8" }).match(/process_id:(\d+)/)?.[1] ?? 0);
  } catch {
    log("gate: no Redis at " + url + "; skipped");
  }
  if (redisPid) {
    const redisNs = () => Number(readFileSync(`/proc/${redisPid}/schedstat`, "utf8").split(" ")[0]);
    const prefix = `dzherelo:bench-gate-${process.pid}`;
    const conns = [0, 1, 2].map(() => new Redis(url));
    // CPU per turn (acquire + release), hosts with no interval: the gate's own cost.
    const n = 3000;
    for (const [name, gates] of [
      ["in-process HostGate", [0, 1, 2].map(() => new HostGate({ intervalMs: 0, concurrency: 4 }))],
      ["RedisHostGate", conns.map((c) => new RedisHostGate(c, { intervalMs: 0, concurrency: 4, prefix }))],
    ] as const) {
      const c0 = process.cpuUsage();
      const r0 = redisNs();
      const t0 = performance.now();
      await Promise.all(
        Array.from({ length: 30 }, async (_, w) => {
          for (let i = 0; i < n / 30; i++) (await gates[w % 3].acquire(`h${w % 10}.example`))();
        }),
      );
      const c = process.cpuUsage(c0);
      const ms = performance.now() - t0;
      log(
        `gate ${name}: ${n} turns, ${(((c.user + c.system) / n)).toFixed(0)} µs CPU here + ${((redisNs() - r0) / 1000 / n).toFixed(0)} µs in Redis per turn, ${((n / ms) * 1000).toFixed(0)} turns/s`,
      );
    }
    // Three gates (three workers) at 10 requests/s to one host for 3 s: starts per second as let through.
    const rate = conns.map((c) => new RedisHostGate(c, { intervalMs: 100, concurrency: 2, prefix: prefix + "r" }));
    const starts: number[] = [];
    const end = Date.now() + 3000;
    await Promise.all(
      Array.from({ length: 9 }, async (_, w) => {
        while (Date.now() < end) {
          const release = await rate[w % 3].acquire("one.example");
          starts.push(Date.now());
          await new Promise((r) => setTimeout(r, 30));
          release();
        }
      }),
    );
    starts.sort((a, b) => a - b);
    const gaps = starts.slice(1).map((t, i) => t - starts[i]);
    log(`gate RedisHostGate, 3 gates, 9 requesters, limit 10/s: ${((starts.length - 1) / ((starts.at(-1)! - starts[0]) / 1000)).toFixed(2)} starts/s, smallest gap ${Math.min(...gaps)} ms`);
    for (const c of conns) c.disconnect();
  }
}

server.close();
server.closeAllConnections();
