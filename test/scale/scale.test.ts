/**
 * Scale-out against real local servers: the PostgreSQL store passes the store suite, gives the same answers as
 * SQLite for the same corpus, and the queue of workers survives faults (kill -9, Redis and PostgreSQL restarts,
 * poison input). One file, run in order: the fault tests restart the servers every other test here uses.
 */
import { execFileSync, execSync, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { article, entity, item, quote } from "../store/make.js";
import { EN_KREMLIN, RU_TREATY, storeSuite, UK_ENERGY, UK_TREATY } from "../store/suite.js";
import { ingest } from "../../src/corpus/ingest.js";
import { AnalyzerPool } from "../../src/corpus/pool.js";
import { queryTerms } from "../../src/corpus/text.js";
import { makeRaw } from "../../src/ingest/sources/index.js";
import { BullQueue } from "../../src/queue/bullmq.js";
import { enqueueIngest } from "../../src/queue/enqueue.js";
import { startWorker } from "../../src/queue/worker.js";
import type { RawInput } from "../../src/store/types.js";
import { PostgresStore } from "../../src/store/postgres.js";
import { PG_SCHEMA_VERSION } from "../../src/store/postgres-migrations.js";
import { SqliteStore } from "../../src/store/sqlite.js";
import { ROOT } from "../helpers/shared.js";
import { createDb, dropDbs, HAS_PG, HAS_SERVERS, queueName, REDIS_URL } from "./servers.js";

const FIXTURES = join(ROOT, "test", "fixtures", "corpus");
const ENTRY = join(ROOT, "test", "corpus", "cli-entry.ts");

/** Short news items of a few kinds, each distinct content (a generator, not real articles). */
function news(n: number, tag: string): RawInput[] {
  const people = ["Денис Шмигаль", "Ольга Стефанішина", "Дмитро Кулеба", "Віталій Кличко"];
  const topics = ["ремонт мостів", "енергетичні об'єкти", "закупівлю генераторів", "відновлення шкіл"];
  return Array.from({ length: n }, (_, i) =>
    makeRaw(
      `${topics[i % 4]}: рішення ${tag}-${i}\n\n${people[i % 4]} заявив, що уряд виділить ${i + 3} мільйонів гривень на ${topics[i % 4]}. ` +
        `«Ми завершимо роботи до кінця року», – сказав ${people[i % 4]}. Про це повідомляє Укрінформ.`,
      "text",
      `gen:${tag}/${i}`,
      { publisher: i % 2 ? "УНН" : "Укрінформ", published: `2024-06-${String(10 + (i % 15)).padStart(2, "0")}` },
    ),
  );
}

async function until(what: string, check: () => Promise<boolean>, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const count = async (s: PostgresStore, sql: string) => Number((await s.pool.query(sql)).rows[0].n);

function restartRedis(): void {
  try {
    execSync("redis-cli shutdown nosave", { stdio: "ignore" });
  } catch {
    /* already down */
  }
}

function startRedis(): void {
  execSync(`redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log`, { stdio: "ignore" });
  for (let i = 0; i < 50; i++) {
    try {
      execSync("redis-cli ping", { stdio: "ignore" });
      return;
    } catch {
      execSync("sleep 0.1");
    }
  }
}

describe.skipIf(!HAS_PG)("PostgreSQL store (needs local PostgreSQL)", () => {
  const urls = new Map<string, string>();
  afterAll(() => dropDbs());
  storeSuite("PostgreSQL", {
    async open(name) {
      const url = await createDb();
      urls.set(name, url);
      return PostgresStore.open(url);
    },
    reopen: (name) => PostgresStore.open(urls.get(name)!),
    schemaVersion: PG_SCHEMA_VERSION,
  });

  it("refuses a database holding another application's tables", async () => {
    const url = await createDb();
    const s = await PostgresStore.open(url);
    await s.pool.query("DROP TABLE dzherelo_schema");
    await s.close();
    await expect(PostgresStore.open(url)).rejects.toThrow(/another application/);
  });

  it("gives the same search, quotes, entities and stories as SQLite for the same corpus", async () => {
    const sqlite = await SqliteStore.open(join(mkdtempSync(join(tmpdir(), "dz-parity-")), "c.db"));
    const pgs = await PostgresStore.open(await createDb());
    const pool = new AnalyzerPool(0);
    try {
      for (const s of [sqlite, pgs]) {
        await ingest(s, [FIXTURES], { analyze: pool.analyzeForStore });
        for (const raw of news(12, "parity")) await s.putArticle(raw, (await pool.analyzeForStore(raw)).article);
        await s.cluster();
      }
      const a = await sqlite.stats();
      const b = await pgs.stats();
      expect({ ...b, bytes: 0, schemaVersion: 0 }).toEqual({ ...a, bytes: 0, schemaVersion: 0 });
      // Queries taken from the corpus itself: every entity's name, speakers, and words of the titles.
      const ents = (await sqlite.entities({ limit: 1000 })).entities;
      expect((await pgs.entities({ limit: 1000 })).entities.map((e) => [e.name, e.type, e.articles, e.mentions, e.aliases.sort()])).toEqual(
        ents.map((e) => [e.name, e.type, e.articles, e.mentions, e.aliases.sort()]),
      );
      const ids = (r: { hits: Array<{ articleId: string }> }) => r.hits.map((h) => h.articleId);
      const words = [...new Set(ents.slice(0, 15).map((e) => e.name.split(" ")[0]))].concat(["уряд", "мільйонів", "Київ", "weather", "рішення"]);
      for (const q of words) {
        const [x, y] = [await sqlite.search({ q, limit: 100 }), await pgs.search({ q, limit: 100 })];
        expect(y.total, q).toBe(x.total);
        expect(ids(y).sort(), q).toEqual(ids(x).sort());
        expect(y.hits.map((h) => h.snippet).sort(), q).toEqual(x.hits.map((h) => h.snippet).sort());
      }
      expect(ids(await pgs.search({ outlet: "УНН", limit: 100 }))).toEqual(ids(await sqlite.search({ outlet: "УНН", limit: 100 })));
      expect(ids(await pgs.search({ from: "2024-06-12", to: "2024-06-14", limit: 100 }))).toEqual(ids(await sqlite.search({ from: "2024-06-12", to: "2024-06-14", limit: 100 })));
      for (const e of ents.slice(0, 10)) {
        const [x, y] = [await sqlite.quotes({ speaker: e.name, limit: 100 }), await pgs.quotes({ speaker: e.name, limit: 100 })];
        expect(y.quotes.map((q) => [q.articleId, q.quoteId, q.text]), e.name).toEqual(x.quotes.map((q) => [q.articleId, q.quoteId, q.text]));
        const [ex, ey] = [await sqlite.entity(e.name), await pgs.entity(e.name)];
        expect(ey!.quotesAboutTotal, e.name).toBe(ex!.quotesAboutTotal);
        expect(ey!.cooccurring.map((c) => c.entity.name).sort(), e.name).toEqual(ex!.cooccurring.map((c) => c.entity.name).sort());
      }
      const [sx, sy] = [await sqlite.stories({ minSize: 1, limit: 100 }), await pgs.stories({ minSize: 1, limit: 100 })];
      const shape = (r: typeof sx) => r.stories.map((s) => [s.title, s.size, s.first, s.langs]);
      expect(shape(sy)).toEqual(shape(sx));
    } finally {
      await pool.close();
      await sqlite.close();
      await pgs.close();
    }
  });

  it("answers exactly as SQLite for a corpus ingested in the same order: entity reports (aliases in order), a story's citation graph, search pages, quotes, stories", { timeout: 120_000 }, async () => {
    const sqlite = await SqliteStore.open(join(mkdtempSync(join(tmpdir(), "dz-exact-")), "c.db"));
    const pgs = await PostgresStore.open(await createDb());
    const pool = new AnalyzerPool(0);
    // Ids are each store's own (sequences); everything a reader sees besides them must be equal. Scores are
    // each engine's (bm25 vs ts_rank); only the order they give is compared.
    const bare = (v: unknown): unknown =>
      Array.isArray(v) ? v.map(bare) : v && typeof v === "object" ? Object.fromEntries(Object.entries(v).filter(([k]) => k !== "id" && k !== "speakerEntity" && k !== "score").map(([k, x]) => [k, bare(x)])) : v;
    try {
      const demo = join(ROOT, "samples", "demo");
      const files = [...readdirSync(demo).sort().map((f) => join(demo, f)), ...readdirSync(FIXTURES).sort().map((f) => join(FIXTURES, f))];
      for (const s of [sqlite, pgs]) {
        for (const f of files) await ingest(s, [f], { analyze: pool.analyzeForStore });
        await s.cluster();
      }
      const names = (await sqlite.entities({ limit: 1000 })).entities.map((e) => e.name);
      expect(names.length).toBeGreaterThan(20);
      const many = (await sqlite.entities({ limit: 1000 })).entities.filter((e) => e.aliases.length >= 3);
      expect(many.length, "entities with several names").toBeGreaterThan(0);
      for (const n of names) expect(bare(await pgs.entity(n)), n).toEqual(bare(await sqlite.entity(n)));
      const [sx, sy] = [await sqlite.stories({ minSize: 1, limit: 100 }), await pgs.stories({ minSize: 1, limit: 100 })];
      expect(bare(sy)).toEqual(bare(sx));
      let relayed = 0;
      for (let i = 0; i < sx.stories.length; i++) {
        const [x, y] = [await sqlite.story(sx.stories[i].id), await pgs.story(sy.stories[i].id)];
        relayed += x!.citations.filter((c) => c.via.length).length;
        expect(bare(y), sx.stories[i].title ?? "").toEqual(bare(x));
      }
      expect(relayed, "a story whose outlets cite a source through another").toBeGreaterThan(0);
      for (const q of ["сонячна", "електростанція", "Port Alder", "уряд", ""]) {
        for (const extra of [{}, { lang: "uk" }, { from: "2025-03-15" }, { limit: 2, offset: 1 }]) {
          const [x, y] = [await sqlite.search({ q, ...extra }), await pgs.search({ q, ...extra })];
          expect(bare(y), `${q} ${JSON.stringify(extra)}`).toEqual(bare(x));
        }
      }
      for (const n of names.slice(0, 30)) expect(bare(await pgs.quotes({ speaker: n, limit: 100 })), n).toEqual(bare(await sqlite.quotes({ speaker: n, limit: 100 })));
    } finally {
      await pool.close();
      await sqlite.close();
      await pgs.close();
    }
  });

  it("`status` says why the corpus is unavailable (an empty database, a missing file) and exits non-zero", async () => {
    const { cliIn } = await import("../corpus/helpers.js");
    const url = await createDb();
    const r = await cliIn(["status", "--db", url, "--json"]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ corpus: null, corpusError: expect.stringMatching(/no Dzherelo corpus.*migrate/) });
    const missing = join(mkdtempSync(join(tmpdir(), "dz-status-")), "none.db");
    const t = await cliIn(["status", "--db", missing]);
    expect(t.code).toBe(1);
    expect(t.stdout).toMatch(/corpus unavailable: no corpus at .*none\.db/);
  });

  it("a read command on a corpus of the previous schema brings it up to date first (`story` reads the new figure order)", async () => {
    const { cliIn } = await import("../corpus/helpers.js");
    const url = await createDb();
    const s = await PostgresStore.open(url);
    let story: string;
    try {
      await s.putArticles([UK_ENERGY, UK_TREATY].map(item));
      await s.cluster();
      story = (await s.stories({ minSize: 1 })).stories[0].id;
      // The corpus as the previous version left it.
      await s.pool.query(`ALTER TABLE figures DROP COLUMN seq; CREATE INDEX figures_article ON figures(article);
        DELETE FROM dzherelo_schema WHERE version = ${PG_SCHEMA_VERSION}`);
    } finally {
      await s.close();
    }
    const r = await cliIn(["story", story, "--db", url, "--json"]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).articles.length).toBeGreaterThan(0);
    const st = JSON.parse((await cliIn(["status", "--db", url, "--json"])).stdout);
    expect(st.corpus.schemaVersion).toBe(PG_SCHEMA_VERSION);
  });

  it("`serve` on a database URL with a password does not print the password", { timeout: 60_000 }, async () => {
    const u = new URL(await createDb());
    u.password = "pw-not-for-logs"; // the local server trusts local connections: any password gets in
    const s = await PostgresStore.open(u.toString());
    await s.close();
    const child = spawn(process.execPath, ["--import", "tsx", ENTRY, "serve", "--db", u.toString(), "--port", "0"], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    try {
      let out = "";
      await new Promise<void>((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`serve printed no address: ${out}`)), 50_000);
        const take = (b: Buffer) => {
          out += b.toString();
          if (/serving .* at http/.test(out)) (clearTimeout(t), resolve());
        };
        child.stdout!.on("data", take);
        child.stderr!.on("data", take);
        child.on("exit", () => (clearTimeout(t), reject(new Error(`serve exited: ${out}`))));
      });
      expect(out).not.toContain("pw-not-for-logs");
      expect(out).toMatch(/serving postgres:\/\/[^:\s]+:\*\*\*@/);
    } finally {
      child.kill("SIGTERM");
    }
  });

  it("migrate --from FILE --to URL moves an SQLite corpus up, keeping ids; a second run copies nothing", async () => {
    const sqlite = await SqliteStore.open(join(mkdtempSync(join(tmpdir(), "dz-copy-")), "c.db"));
    const url = await createDb();
    try {
      const ids = (await sqlite.putArticles([UK_TREATY, RU_TREATY, EN_KREMLIN, UK_ENERGY].map(item))).map((r) => r.id);
      await sqlite.cluster();
      const { cliIn } = await import("../corpus/helpers.js");
      const r = await cliIn(["migrate", "--from", sqlite.path, "--to", url, "--json"]);
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ total: 4, copied: 4 });
      const again = await cliIn(["migrate", "--from", sqlite.path, "--to", url, "--json"]);
      expect(JSON.parse(again.stdout)).toMatchObject({ total: 4, copied: 0 });
      const pgs = await PostgresStore.open(url);
      try {
        expect((await pgs.getArticle(ids[1]))!.title).toBe(RU_TREATY.title);
        expect((await pgs.entity("Putin"))!.entity.articles).toBe(3);
        const st = await pgs.stories({});
        expect(st.stories.map((s) => s.size)).toEqual([2]);
        // The read commands take the URL as --db.
        const hits = async (db: string) => JSON.parse((await cliIn(["search", "договору", "--db", db, "--json"])).stdout).hits.map((h: { articleId: string }) => h.articleId).sort();
        expect(await hits(url)).toEqual(await hits(sqlite.path));
        expect(await hits(url)).toContain(ids[0]);
      } finally {
        await pgs.close();
      }
    } finally {
      await sqlite.close();
    }
  });

  it("large results: only the newest window is ranked (also when looked for among the newest rows), big totals are estimates, a speaker's pages come in order", { timeout: 120_000 }, async () => {
    const url = await createDb();
    const store = await PostgresStore.open(url);
    try {
      // 1,200 articles: "бюджет" in every 10th (a tenth of the corpus, repeated 1–3 times so ranks differ),
      // "субвенції" in 30 of them; 40 quotes of one speaker on 40 dates.
      const docs = Array.from({ length: 1200 }, (_, i) => {
        const budget = i % 10 === 0 ? " бюджет".repeat(1 + ((i / 10) % 3)) : "";
        const rare = i % 40 === 5 ? " субвенції громадам" : "";
        const quotes = i % 30 === 7 ? [quote("q1", `Ми виконаємо план номер ${i}`, "Денис Шмигаль")] : [];
        const day = String(1 + (i % 28)).padStart(2, "0");
        return article({ title: `Новина ${i}`, text: `Міська рада обговорила питання ${i}.${budget}${rare}`, published: `2024-0${1 + (i % 9)}-${day}`, quotes });
      });
      for (let i = 0; i < docs.length; i += 200) await store.putArticles(docs.slice(i, i + 200).map(item));
      await store.pool.query("ANALYZE");
      store.rankWindow = 10;
      store.exactCount = 50;
      const sqls: string[] = [];
      const query = store.pool.query.bind(store.pool);
      (store.pool as any).query = (text: any, ...rest: any[]) => (sqls.push(String(text)), (query as any)(text, ...rest));
      const res = await store.search({ q: "бюджет", limit: 5 });
      // The window was looked for among the newest rows only, and it is the newest 10 matches, ranked.
      expect(sqls.some((q) => /AND a\.rowid > \d+/.test(q))).toBe(true);
      const want = await store.pool.query(
        `SELECT id FROM (SELECT rowid, id, ts_rank('{0, 0, 0.25, 1}', fts, plainto_tsquery('simple', $1), 1) AS r FROM articles
         WHERE fts @@ plainto_tsquery('simple', $1) ORDER BY rowid DESC LIMIT 10) w ORDER BY r DESC, rowid LIMIT 5`,
        [queryTerms("бюджет").join(" ")],
      );
      expect(res.hits.map((h) => h.articleId)).toEqual(want.rows.map((r) => r.id));
      // 120 matches, over the exact-count limit: the planner's estimate, said to be one.
      expect(res.approximate).toBe(true);
      expect(res.total).toBeGreaterThan(80);
      expect(res.total).toBeLessThan(180);
      // A small result is counted exactly.
      const rare = await store.search({ q: "субвенції", limit: 5 });
      expect(rare.total).toBe(30);
      expect(rare.approximate).toBeUndefined();
      // A speaker's quotes page by page: newest first, no quote twice or missed, exact total.
      const all = await store.pool.query("SELECT q.qid, a.id FROM quotes q JOIN articles a ON a.rowid = q.article ORDER BY a.published DESC NULLS LAST, q.rowid DESC");
      const pages = [];
      for (let offset = 0; offset < 40; offset += 15) {
        const p = await store.quotes({ speaker: "Денис Шмигаль", limit: 15, offset });
        expect(p.total).toBe(40);
        pages.push(...p.quotes.map((q) => q.articleId));
      }
      expect(pages).toEqual(all.rows.map((r) => r.id));
    } finally {
      await store.close();
    }
  });

  it("concurrent writers share one entity and lose no counter update", async () => {
    const url = await createDb();
    const stores = await Promise.all([0, 1, 2, 3].map(() => PostgresStore.open(url)));
    try {
      const docs = Array.from({ length: 24 }, (_, i) =>
        article({ title: `Заява ${i}`, text: `Володимир Зеленський провів нараду номер ${i}.`, published: "2024-06-01", entities: [entity("e1", "Володимир Зеленський", "PER", ["Володимир Зеленський", "Зеленський"])] }),
      );
      await Promise.all(docs.map((d, i) => stores[i % 4].putArticles([item(d)])));
      // The same content from another writer at once: stored once.
      await Promise.all(stores.map((s) => s.putArticles([item(docs[0])])));
      await Promise.all(stores.map((s) => s.cluster()));
      const rep = (await stores[0].entity("Зеленський"))!;
      expect(rep.entity.articles).toBe(24);
      expect(rep.entity.mentions).toBe(48);
      expect(await count(stores[0], "SELECT count(*) AS n FROM entities")).toBe(1);
      expect(await count(stores[0], "SELECT count(*) AS n FROM articles")).toBe(24);
      expect(await count(stores[0], "SELECT count(*) AS n FROM articles WHERE NOT clustered")).toBe(0);
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });
});

describe.skipIf(!HAS_SERVERS)("queue of workers on PostgreSQL + Redis, with faults (needs local PostgreSQL and Redis)", () => {
  afterAll(() => dropDbs());

  it("a run is analysed by workers, stored once, and a poison article is dead-lettered with its error", async () => {
    const url = await createDb();
    const store = await PostgresStore.open(url);
    const queue = new BullQueue(REDIS_URL, queueName("run"));
    const w = await startWorker(store, queue, { concurrency: 2, threads: 0 });
    try {
      const res = await enqueueIngest(store, queue, [FIXTURES], "r1");
      expect(res.failed).toBe(0);
      expect(res.stored).toBe(res.queued);
      const before = (await store.stats()).articles;
      expect(before).toBe(res.stored);
      // Poison: binary bytes make analysis throw; it goes to the dead letters at once, the rest is stored.
      const poison: RawInput = { sha256: "f".repeat(64), kind: "bytes", content: new Uint8Array(4000).fill(1), origin: "poison.bin" };
      await queue.enqueue("r2", [poison, ...news(3, "after-poison")]);
      await until("run r2", async () => {
        const p = await queue.progress("r2");
        return p.stored + p.failed >= 4;
      }, 60_000);
      expect(await queue.progress("r2")).toMatchObject({ stored: 3, failed: 1 });
      const dead = (await queue.deadLetters()).find((d) => d.origin === "poison.bin")!;
      expect(dead.error).toMatch(/binary/);
      expect(dead.attempts).toBe(1);
      // The same run again: nothing new is stored.
      const again = await enqueueIngest(store, queue, [FIXTURES], "r3");
      expect(again.stored).toBe(0);
      expect((await store.stats()).articles).toBe(before + 3);
      const st = await queue.status();
      expect(st.workers.length).toBeGreaterThanOrEqual(1);
      expect(st.failed).toBe(1);
    } finally {
      await w.close();
      await queue.obliterate();
      await queue.close();
      await store.close();
    }
  });

  it("`ingest --queue` follows its run to the end; `status` shows the queue, its workers and the corpus", async () => {
    const url = await createDb();
    const name = queueName("cli");
    const saved = process.env.DZHERELO_QUEUE_NAME;
    process.env.DZHERELO_QUEUE_NAME = name;
    const store = await PostgresStore.open(url);
    const queue = new BullQueue(REDIS_URL, name);
    const w = await startWorker(store, queue, { concurrency: 2, threads: 0 });
    try {
      const { cliIn } = await import("../corpus/helpers.js");
      const r = await cliIn(["ingest", FIXTURES, "--db", url, "--queue", REDIS_URL, "--json"]);
      expect(r.code, r.stderr).toBe(0);
      const out = JSON.parse(r.stdout);
      expect(out.stored).toBeGreaterThan(0);
      expect(out.corpus.articles).toBe(out.stored);
      const st = JSON.parse((await cliIn(["status", "--db", url, "--queue", REDIS_URL, "--json"])).stdout);
      expect(st.queue).toMatchObject({ name, waiting: 0, active: 0, failed: 0 });
      // The run just stored its articles: the last 5 minutes' rate counts them (it read 0 until a later minute).
      expect(st.queue.perMinute).toBeGreaterThanOrEqual(out.stored / 5);
      expect(st.queue.workers.length).toBe(1);
      expect(st.corpus.articles).toBe(out.stored);
    } finally {
      if (saved === undefined) delete process.env.DZHERELO_QUEUE_NAME;
      else process.env.DZHERELO_QUEUE_NAME = saved;
      await w.close();
      await queue.obliterate().catch(() => {});
      await queue.close();
      await store.close();
    }
  });

  it("kill -9 of a worker mid-job: its job is retried by another and stored once", async () => {
    const url = await createDb();
    const name = queueName("kill");
    const env = { ...process.env, DZHERELO_DB: url, DZHERELO_QUEUE: REDIS_URL, DZHERELO_QUEUE_NAME: name, DZHERELO_QUEUE_LOCK_MS: "3000", NO_COLOR: "1" };
    const spawnWorker = () => spawn(process.execPath, ["--import", "tsx", ENTRY, "worker"], { cwd: ROOT, env, stdio: ["ignore", "ignore", "pipe"] });
    const store = await PostgresStore.open(url);
    const queue = new BullQueue(REDIS_URL, name);
    const procs: ChildProcess[] = [];
    try {
      const victim = spawnWorker();
      procs.push(victim);
      let log = "";
      victim.stderr!.on("data", (d) => (log += d));
      const items = news(16, "kill");
      await queue.enqueue("k", items);
      // Kill it while it holds a job (started, not finished).
      await until("the victim to start a job", async () => (log.match(/"job\.start"/g) ?? []).length > (log.match(/"job\.done"/g) ?? []).length + 0 && /job\.start/.test(log), 60_000);
      victim.kill("SIGKILL");
      const started = (log.match(/"job\.start"/g) ?? []).length;
      const done = (log.match(/"job\.done"/g) ?? []).length;
      expect(started).toBeGreaterThan(done);
      const survivor = spawnWorker();
      procs.push(survivor);
      // The killed job may be counted twice (stored by the victim, then a duplicate on its retry), so the
      // counters can reach 16 while the last job is still being stored: wait for the articles as well.
      await until("all jobs", async () => {
        const p = await queue.progress("k");
        return p.stored + p.duplicates + p.failed >= 16 && (await count(store, "SELECT count(*) AS n FROM articles")) >= 16;
      }, 90_000);
      const p = await queue.progress("k");
      expect(p.failed).toBe(0);
      expect(await count(store, "SELECT count(*) AS n FROM articles")).toBe(16);
      expect(await count(store, "SELECT count(DISTINCT sha256) AS n FROM articles")).toBe(16);
    } finally {
      for (const c of procs) c.kill("SIGKILL");
      await queue.obliterate().catch(() => {});
      await queue.close();
      await store.close();
    }
  });

  it("Redis stopped for a few seconds: workers reconnect and carry on", async () => {
    const url = await createDb();
    const store = await PostgresStore.open(url);
    const name = queueName("redis");
    const queue = new BullQueue(REDIS_URL, name);
    const w = await startWorker(store, queue, { concurrency: 2, threads: 0 });
    try {
      await queue.enqueue("a", news(3, "before-redis"));
      await until("run a", async () => (await queue.progress("a")).stored >= 3, 60_000);
      try {
        restartRedis();
        await new Promise((r) => setTimeout(r, 3000));
      } finally {
        startRedis();
      }
      // Redis here keeps nothing across a restart (no persistence): new work after it must still flow.
      const producer = new BullQueue(REDIS_URL, name);
      try {
        await producer.enqueue("b", news(3, "after-redis"));
        await until("run b after the restart", async () => (await producer.progress("b")).stored >= 3, 60_000);
      } finally {
        await producer.close();
      }
      expect((await store.stats()).articles).toBe(6);
    } finally {
      startRedis();
      await w.close();
      await queue.obliterate().catch(() => {});
      await queue.close();
      await store.close();
    }
  });

  it("PostgreSQL restarted mid-ingest: nothing lost, nothing duplicated", async () => {
    const url = await createDb();
    const store = await PostgresStore.open(url);
    const queue = new BullQueue(REDIS_URL, queueName("pg"));
    const w = await startWorker(store, queue, { concurrency: 2, threads: 0 });
    const pgVersion = execFileSync("ls", ["/etc/postgresql"]).toString().trim().split("\n")[0];
    try {
      const items = news(30, "pg-restart");
      await queue.enqueue("p", items);
      await until("some stored", async () => (await queue.progress("p")).stored >= 3, 60_000);
      execSync(`pg_ctlcluster --skip-systemctl-redirect ${pgVersion} main restart`, { stdio: "ignore" });
      await until("all jobs", async () => {
        const p = await queue.progress("p");
        return p.stored + p.duplicates + p.failed >= 30;
      }, 90_000);
      expect((await queue.progress("p")).failed).toBe(0);
      expect(await count(store, "SELECT count(*) AS n FROM articles")).toBe(30);
      expect(await count(store, "SELECT count(DISTINCT sha256) AS n FROM articles")).toBe(30);
      const z = (await store.entity("Кулеба"))!;
      expect(z.entity.articles).toBe(await count(store, `SELECT count(*) AS n FROM mentions WHERE entity = ${Number(z.entity.id)}`));
    } finally {
      try {
        execSync("pg_isready -h 127.0.0.1 -t 30", { stdio: "ignore" });
      } catch {
        execSync(`pg_ctlcluster --skip-systemctl-redirect ${pgVersion} main start`, { stdio: "ignore" });
      }
      await w.close();
      await queue.obliterate().catch(() => {});
      await queue.close();
      await store.close();
    }
  });
});
