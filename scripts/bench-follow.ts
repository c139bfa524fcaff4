/**
 * Live-source overheads, against a local HTTP server (no network): raw fetch throughput, the cost of a poll
 * round over unchanged feeds (conditional GET → 304, state in SQLite), and listing parse times.
 * Analysis is not included (see bench:analyze). Run: npx tsx scripts/bench-follow.ts
 */
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

server.close();
server.closeAllConnections();
