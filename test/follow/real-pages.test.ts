import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { toAnalyzeInput } from "../../src/corpus/raw.js";
import { Fetcher } from "../../src/fetch/client.js";
import { Follower } from "../../src/follow/follow.js";
import { SqliteFollowState } from "../../src/follow/state.js";
import { analyze } from "../../src/pipeline/analyze.js";
import { SqliteStore } from "../../src/store/sqlite.js";
import { HAS_SHARED, sharedPath } from "../helpers/shared.js";
import { startServer } from "../fetch/server.js";

describe.skipIf(!HAS_SHARED)("following real news pages served with a wrong charset label (needs ../shared)", () => {
  it("stores the same text as analysing the page itself, whatever the header claims", async () => {
    const dir = sharedPath("data", "extraction", "daniel-waddle-ru", "html");
    const files = readdirSync(dir).filter((f) => f.endsWith(".gz")).sort().slice(0, 10);
    // The pages (Russian and Ukrainian news, stored as UTF-8) re-encoded as windows-1251, the way many such
    // sites serve them; the expected text is the analysis of the same page as a decoded string.
    const html = new Map(files.map((f, i) => [`/p/${i}`, iconv.decode(iconv.encode(gunzipSync(readFileSync(join(dir, f))).toString("utf8"), "windows-1251"), "windows-1251")]));
    const pages = new Map([...html].map(([p, h]) => [p, gzipSync(iconv.encode(h, "windows-1251"))]));
    const server = await startServer({
      "/feed.xml": (_q, r) => {
        r.writeHead(200, { "content-type": "application/rss+xml" });
        r.end(`<rss><channel><title>Стрічка</title>${[...pages.keys()].map((p) => `<item><link>${p}</link></item>`).join("")}</channel></rss>`);
      },
    });
    // Every page gzip-encoded on the wire and labelled UTF-8, which it is not.
    for (const [path, gz] of pages) server.route(path, (_q, r) => (r.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-encoding": "gzip" }), r.end(gz)));
    const tmp = mkdtempSync(join(tmpdir(), "dz-real-"));
    const store = await SqliteStore.open(join(tmp, "r.db"));
    const follower = new Follower({
      fetcher: new Fetcher({ intervalMs: 0, concurrency: 4 }),
      state: new SqliteFollowState(store.db),
      store,
      analyze: async (raw) => analyze(toAnalyzeInput(raw)),
    });
    const [res] = await follower.pollDue([`${server.base}/feed.xml`]);
    expect(res.status).toBe("ok");
    let same = 0;
    let compared = 0;
    for (const path of pages.keys()) {
      const expected = analyze({ html: html.get(path)! });
      if (!expected.text.trim()) continue;
      compared++;
      const hit = (await store.search({ q: null, limit: 100 })).hits.find((h) => h.url === `${server.base}${path}`);
      const got = hit ? await store.getArticle(hit.articleId) : null;
      if (got && got.text === expected.text) same++;
    }
    expect(compared).toBeGreaterThanOrEqual(8);
    expect(same).toBe(compared);
    await store.close();
    await server.close();
    rmSync(tmp, { recursive: true, force: true });
  }, 120_000);
});
