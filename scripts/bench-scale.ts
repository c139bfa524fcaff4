/**
 * bench:scale — the scale-out path measured on this machine against local PostgreSQL and Redis.
 *
 *   npm run bench:scale                                  # both parts below
 *   npm run bench:scale -- --part throughput --n 160 --workers 1,2,4
 *   npm run bench:scale -- --part search --sizes 10000,30000,100000 --queries 300 [--passes 2]
 *   npm run bench:scale -- --part search --sizes 1000000 --db postgres://…/corpus   # add to / measure a kept corpus
 *   options: --pg postgres://postgres@127.0.0.1/postgres (admin URL; a database dzherelo_bench_* is created and
 *            dropped), --redis redis://127.0.0.1:6379, --keep (keep the search database), --loader bulk|put
 *            (search part: direct multi-row inserts, the default, or the store's own putArticles)
 *
 * Throughput: N distinct synthetic articles (sentences of ../shared/data/quotes-dev recombined, FOR LOAD TESTS
 * ONLY), analysed for real, (a) embedded: one process, analysis in its own thread, into SQLite and into
 * PostgreSQL; (b) queued: `dzherelo worker` processes (1, 2, 4; each one analysis thread) taking jobs from
 * BullMQ/Redis and writing PostgreSQL. Queue overhead per article = 1/rate(queued, 1 worker) − 1/rate(embedded
 * PostgreSQL); both analyse in one thread, so the difference is the enqueue, job hand-off and per-job commit.
 *
 * Search: M synthetic articles written straight to PostgreSQL (analyses of the source texts carried over, as
 * bench:store's store mode does; stories are not clustered — search does not use them), then search latency
 * (single words, pairs, filtered, filters only, quotes by speaker) at each size.
 *
 * Prints JSON lines of results (docs/bench/scale.md holds the figures).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { deflateRawSync } from "node:zlib";
import { cpus, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import pg from "pg";
import type { Article } from "../src/article.js";
import { ingest } from "../src/corpus/ingest.js";
import { AnalyzerPool } from "../src/corpus/pool.js";
import { analyze } from "../src/pipeline/analyze.js";
import { BullQueue } from "../src/queue/bullmq.js";
import { enqueueIngest } from "../src/queue/enqueue.js";
import { nameSkeleton, nameStemSkeleton, stemText } from "../src/corpus/text.js";
import { PostgresStore } from "../src/store/postgres.js";
import { normOutlet } from "../src/store/sqlite.js";
import { SqliteStore } from "../src/store/sqlite.js";
import type { RawInput } from "../src/store/types.js";

const args = process.argv.slice(2);
const opt = (name: string, dflt?: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const PART = opt("part", "all");
const N = Number(opt("n", "160"));
const WORKERS = opt("workers", "1,2,4")!.split(",").map(Number);
const SIZES = opt("sizes", "10000,30000,100000")!.split(",").map(Number);
const QUERIES = Number(opt("queries", "300"));
/** Search part: run the query mix this many times (pass 1 meets a cold cache after loading or migrating). */
const PASSES = Number(opt("passes", "1"));
const PG_ADMIN = opt("pg", "postgres://postgres@127.0.0.1:5432/postgres")!;
const REDIS = opt("redis", "redis://127.0.0.1:6379")!;
const ROOT = resolve(import.meta.dirname, "..");
const SHARED = resolve(process.env.DZHERELO_SHARED ?? join(ROOT, "..", "shared"));
const ENTRY = join(ROOT, "test", "corpus", "cli-entry.ts");
/** Search part: "bulk" writes rows directly (multi-row INSERT … SELECT FROM unnest, indexes built after the
 * load); "put" goes through PostgresStore.putArticles (the workers' write path, ~100–200 articles/s here). */
const LOADER = opt("loader", "bulk") as "bulk" | "put";
/** Search part: an existing database to add to (kept); without it a fresh one is created (and dropped). */
const DB_URL = opt("db");

const log = (s: string) => process.stderr.write(`bench:scale: ${s}\n`);

// ---------------------------------------------------------------- synthetic articles (load tests only)

interface Doc {
  lang: string;
  text: string;
  sentences: string[];
}

function loadDocs(): Doc[] {
  const qd = join(SHARED, "data", "quotes-dev");
  const docs: Doc[] = [];
  for (const f of readdirSync(qd).filter((f) => f.endsWith(".json")).sort()) {
    const j = JSON.parse(readFileSync(join(qd, f), "utf8"));
    if (typeof j.text !== "string") continue;
    const sentences = j.text
      .split(/(?<=[.!?…»"])\s+(?=[«"A-ZА-ЯІЇЄҐ0-9])/u)
      .map((s: string) => s.replace(/\s+/g, " ").trim())
      .filter((s: string) => s.length >= 30 && s.length <= 400);
    if (sentences.length >= 3) docs.push({ lang: j.lang ?? "uk", text: j.text, sentences });
  }
  return docs;
}

const OUTLETS = ["УНН", "Укрінформ", "Українська правда", "Дзеркало тижня", "Суспільне", "РБК-Україна", "Інтерфакс-Україна", "ТАСС", "Reuters", "Kyiv Independent", "Економічна правда", "НВ"];
let seed = 20241125;
const rnd = (k: number) => {
  seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
  return seed % k;
};

/** The i-th synthetic article: 6–12 sentences, mostly of one source text, and which texts it drew from. */
function synth(i: number, docs: Doc[]): { raw: RawInput; src: number[] } {
  const main = rnd(docs.length);
  const d = docs[main];
  const k = 6 + rnd(7);
  const src = [main];
  const body: string[] = [];
  for (let j = 0; j < k; j++) {
    if (rnd(4) === 0) {
      const o = rnd(docs.length);
      src.push(o);
      body.push(docs[o].sentences[rnd(docs[o].sentences.length)]);
    } else body.push(d.sentences[rnd(d.sentences.length)]);
  }
  const title = d.sentences[rnd(d.sentences.length)].slice(0, 140);
  const published = new Date(Date.UTC(2024, 0, 1) + rnd(366) * 86400_000).toISOString().slice(0, 10);
  const text = `${title}\n\n${body.join(" ")}\n\n(${i})`;
  const raw: RawInput = {
    sha256: createHash("sha256").update(text).digest("hex"),
    kind: "text",
    content: text,
    origin: `synthetic:${i}`,
    publisher: OUTLETS[rnd(OUTLETS.length)],
    published,
    lang: d.lang as RawInput["lang"],
  };
  return { raw, src };
}

// ---------------------------------------------------------------- servers

async function createDb(prefix: string): Promise<string> {
  const name = `${prefix}_${randomBytes(4).toString("hex")}`;
  const c = new pg.Client(PG_ADMIN);
  await c.connect();
  for (let i = 0; ; i++) {
    try {
      await c.query(`CREATE DATABASE ${name}`);
      break;
    } catch (err) {
      // template1 busy (another CREATE DATABASE at the same moment): retry briefly.
      if ((err as { code?: string }).code !== "55006" || i >= 20) throw err;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  await c.end();
  const u = new URL(PG_ADMIN);
  u.pathname = `/${name}`;
  return u.toString();
}

async function dropDb(url: string): Promise<void> {
  const c = new pg.Client(PG_ADMIN);
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS ${new URL(url).pathname.slice(1)} WITH (FORCE)`);
  await c.end();
}

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

// ---------------------------------------------------------------- throughput

async function throughput(docs: Doc[]): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "dz-bench-scale-"));
  const input = join(dir, "input.jsonl");
  const items = Array.from({ length: N }, (_, i) => synth(i, docs).raw);
  writeFileSync(input, items.map((r) => JSON.stringify({ text: r.content, publisher: r.publisher, published: r.published, lang: r.lang })).join("\n") + "\n");
  const results: Record<string, unknown>[] = [];

  // The analyser's one-off loading (lexicons, models) is paid here, not by the first configuration measured.
  const warm = new AnalyzerPool(0);
  for (let i = 0; i < 3; i++) await warm.analyze(synth(2_000_000 + i, docs).raw);
  await warm.close();

  // (a) embedded: one process, analysis in its own thread.
  for (const backend of ["sqlite", "postgres"] as const) {
    const url = backend === "postgres" ? await createDb("dzherelo_bench") : join(dir, "embedded.db");
    const store = backend === "postgres" ? await PostgresStore.open(url) : await SqliteStore.open(url);
    const pool = new AnalyzerPool(0);
    const t0 = performance.now();
    const res = await ingest(store, [input], { analyze: pool.analyzeForStore });
    const sec = (performance.now() - t0) / 1000;
    await store.close();
    await pool.close();
    if (backend === "postgres") await dropDb(url);
    const r = { mode: `embedded-${backend}`, workers: 1, n: res.stored, seconds: +sec.toFixed(1), perSec: +(res.stored / sec).toFixed(2), load: +loadavg()[0].toFixed(1) };
    log(JSON.stringify(r));
    results.push(r);
  }

  // (b) queued: k worker processes.
  for (const k of WORKERS) {
    const url = await createDb("dzherelo_bench");
    const name = `dzherelo-bench-${randomBytes(4).toString("hex")}`;
    const store = await PostgresStore.open(url);
    const queue = new BullQueue(REDIS, name);
    const env = { ...process.env, DZHERELO_DB: url, DZHERELO_QUEUE: REDIS, DZHERELO_QUEUE_NAME: name, NO_COLOR: "1" };
    const procs: ChildProcess[] = [];
    let ready = 0;
    for (let i = 0; i < k; i++) {
      const p = spawn(process.execPath, ["--import", "tsx", ENTRY, "worker"], { cwd: ROOT, env, stdio: ["ignore", "ignore", "pipe"] });
      p.stderr!.on("data", (d: Buffer) => {
        if (String(d).includes('"worker.ready"')) ready++;
      });
      p.on("exit", (code) => {
        if (code !== null && code !== 0) log(`a worker exited with code ${code}`);
      });
      procs.push(p);
    }
    for (let t = 0; ready < k; t++) {
      if (t > 1200) throw new Error("workers did not start within 2 minutes");
      await new Promise((r) => setTimeout(r, 100));
    }
    // Warm-up jobs (module loading, lexicon in each worker) outside the timed run.
    await queue.enqueue("warm", Array.from({ length: 2 * k }, (_, i) => synth(1_000_000 + i, docs).raw));
    for (;;) {
      const p = await queue.progress("warm");
      if (p.stored + p.duplicates + p.failed >= 2 * k) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const t0 = performance.now();
    const res = await enqueueIngest(store, queue, [input], `run${k}`);
    const sec = (performance.now() - t0) / 1000;
    for (const p of procs) p.kill("SIGTERM");
    await queue.obliterate().catch(() => {});
    await queue.close();
    await store.close();
    await dropDb(url);
    const r = { mode: "queued-postgres", workers: k, n: res.stored, failed: res.failed, seconds: +sec.toFixed(1), perSec: +(res.stored / sec).toFixed(2), load: +loadavg()[0].toFixed(1) };
    log(JSON.stringify(r));
    results.push(r);
  }
  const emb = results.find((r) => r.mode === "embedded-postgres")!.perSec as number;
  const q1 = results.find((r) => r.mode === "queued-postgres" && r.workers === 1)?.perSec as number | undefined;
  console.log(
    JSON.stringify({
      part: "throughput",
      machine: `${cpus().length} cores, Node ${process.versions.node}`,
      n: N,
      results,
      queueOverheadMsPerArticle: q1 ? +(1000 / q1 - 1000 / emb).toFixed(1) : null,
    }),
  );
}

// ---------------------------------------------------------------- bulk loader (search part)

/**
 * Writes synthetic articles straight into the PostgreSQL tables, 1,000 per statement (INSERT … SELECT FROM
 * unnest of column arrays; the tsvector is built by the server with the same expression as PostgresStore), with
 * the tables' secondary indexes dropped during the load and rebuilt after it. The same rows as putArticles
 * writes for these articles except: no story signature (search does not read it; rows are marked clustered),
 * and no per-article entity resolution — the source texts are stored first through putArticles, and a
 * synthetic article's entities are those source entities, by name and type.
 */
class BulkLoader {
  private dropped: Array<{ name: string; def: string }> = [];
  private stems = new Map<string, string>();
  private skels = new Map<string, string>();
  private pending: Promise<unknown> = Promise.resolve();
  private constructor(
    private store: PostgresStore,
    private entityIds: Map<string, number>,
  ) {}

  static async create(store: PostgresStore, docs: Doc[], analyses: Article[]): Promise<BulkLoader> {
    // The source texts themselves, through the ordinary write path: their entities become the global ones.
    const seeds = docs.map((d, i) => {
      const text = d.text;
      const raw: RawInput = { sha256: createHash("sha256").update(text).digest("hex"), kind: "text", content: text, origin: `source:${i}`, lang: d.lang as RawInput["lang"] };
      return { raw, article: analyses[i] };
    });
    await store.putArticles(seeds);
    const ids = new Map<string, number>();
    for (const a of analyses)
      for (const e of a.entities) {
        const k = `${e.type}\u0000${e.name}`;
        if (ids.has(k)) continue;
        const r = await store.pool.query(
          `SELECT e.id FROM entity_names n JOIN entities e ON e.id = n.entity WHERE n.skel = ANY($1) AND e.type = $2
           ORDER BY e.articles DESC, e.id LIMIT 1`,
          [[nameSkeleton(e.name), nameStemSkeleton(e.name)].filter(Boolean), e.type],
        );
        if (r.rows.length) ids.set(k, Number(r.rows[0].id));
      }
    return new BulkLoader(store, ids);
  }

  private stem(s: string): string {
    let v = this.stems.get(s);
    if (v === undefined) {
      v = stemText(s);
      if (this.stems.size < 200_000) this.stems.set(s, v);
    }
    return v;
  }

  private skel(s: string): string {
    let v = this.skels.get(s);
    if (v === undefined) this.skels.set(s, (v = nameStemSkeleton(s)));
    return v;
  }

  /** Secondary indexes of the tables written, dropped (their definitions kept) until finish(). */
  async dropIndexes(): Promise<void> {
    const r = await this.store.pool.query(
      `SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i JOIN pg_class c ON c.relname = i.indexname
       JOIN pg_index x ON x.indexrelid = c.oid
       WHERE i.schemaname = current_schema() AND i.tablename IN ('articles', 'mentions', 'quotes') AND NOT x.indisunique`,
    );
    for (const row of r.rows) await this.store.pool.query(`DROP INDEX ${row.name}`);
    this.dropped.push(...r.rows);
  }

  async write(batch: Array<{ raw: RawInput; src: number[]; article: Article }>): Promise<void> {
    const cols: unknown[][] = Array.from({ length: 14 }, () => []);
    const ment: unknown[][] = [[], [], []];
    const quo: unknown[][] = [[], [], [], [], [], [], []];
    const base = Number((await this.store.pool.query("SELECT nextval('articles_rowid_seq') AS v")).rows[0].v);
    await this.store.pool.query("SELECT setval('articles_rowid_seq', $1)", [base + batch.length]);
    const now = new Date().toISOString();
    batch.forEach(({ raw, article }, j) => {
      const rowid = base + j;
      const id = raw.sha256.slice(0, 16);
      const doc: Article = { ...article, id };
      const text = String(raw.content);
      const [title, body, tail] = text.split("\n\n");
      const ftsBody = [this.stem(title), ...(body.match(/[^ ].*?(?:[.!?…»"](?= )|$)/gu) ?? [body]).map((x) => this.stem(x)), stemText(tail ?? "")].filter(Boolean).join(" ");
      const row = [rowid, id, raw.sha256, doc.lang ?? "und", doc.published ?? null, doc.publisher ?? null, normOutlet(doc.publisher), doc.title ?? null, raw.origin ?? null,
        deflateRawSync(Buffer.from(text, "utf8")), JSON.stringify({ url: null, published: raw.published ?? null, publisher: raw.publisher ?? null, title: null, lang: raw.lang ?? null }),
        deflateRawSync(Buffer.from(JSON.stringify(doc), "utf8")), this.stem(doc.title ?? ""), ftsBody];
      if (j === 0 && ftsBody !== stemText(text)) throw new Error("bulk loader: cached stems differ from stemText");
      row.forEach((v, k) => cols[k].push(v));
      const seen = new Set<number>();
      for (const e of doc.entities) {
        const gid = this.entityIds.get(`${e.type}\u0000${e.name}`);
        if (gid === undefined || seen.has(gid)) continue;
        seen.add(gid);
        ment[0].push(rowid);
        ment[1].push(gid);
        ment[2].push(Math.max(1, e.mentions?.length ?? 0));
      }
      for (const q of doc.quotes) {
        quo[0].push(rowid);
        quo[1].push(q.id);
        quo[2].push(q.kind);
        quo[3].push(q.text);
        quo[4].push(q.speaker?.name ?? null);
        quo[5].push(q.speaker?.name ? this.skel(q.speaker.name) : null);
        quo[6].push(doc.published ?? null);
      }
    });
    // One batch in flight while the next is built (the server's work overlaps ours).
    await this.pending;
    const pool = this.store.pool;
    this.pending = (async () => {
      const c = await pool.connect();
      try {
        await c.query("BEGIN");
        await c.query(
          `INSERT INTO articles (rowid, id, sha256, lang, published, publisher, publisher_norm, title, origin, raw_kind, raw, raw_meta, doc,
             fts, clustered, ingested_at)
           SELECT r, i, h, l, p, pb, pn, t, o, 'text', rw, rm, d,
             setweight(to_tsvector('simple', ft), 'A') || setweight(to_tsvector('simple', fb), 'B'), true, $15
           FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
             $10::bytea[], $11::text[], $12::bytea[], $13::text[], $14::text[]) AS x(r, i, h, l, p, pb, pn, t, o, rw, rm, d, ft, fb)`,
          [...cols, now],
        );
        await c.query("INSERT INTO mentions (article, entity, count) SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::int[])", ment);
        await c.query(
          "INSERT INTO quotes (article, qid, kind, text, speaker_name, speaker_skel, published, via) SELECT a, q, k, t, sn, ss, p, '[]' FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) AS x(a, q, k, t, sn, ss, p)",
          quo,
        );
        await c.query("COMMIT");
      } catch (err) {
        await c.query("ROLLBACK").catch(() => {});
        throw err;
      } finally {
        c.release();
      }
    })();
    this.pending.catch(() => {});
  }

  /** Waits for the last batch, rebuilds the dropped indexes, sets the entity counters, VACUUM ANALYZE. */
  async finish(): Promise<void> {
    await this.pending;
    const c = await this.store.pool.connect();
    try {
      await c.query("SET maintenance_work_mem = '1GB'");
      for (const { name, def } of this.dropped.splice(0)) {
        const t = performance.now();
        await c.query(def);
        log(`index ${name} built in ${((performance.now() - t) / 1000).toFixed(0)} s`);
      }
      await c.query(`UPDATE entities e SET articles = m.a, mentions = m.n FROM (SELECT entity, count(*) AS a, sum(count) AS n FROM mentions GROUP BY entity) m
        WHERE e.id = m.entity AND (e.articles, e.mentions) IS DISTINCT FROM (m.a::int, m.n::int)`);
      await c.query("VACUUM ANALYZE");
    } finally {
      c.release();
    }
  }
}

// ---------------------------------------------------------------- search at size

async function search(docs: Doc[]): Promise<void> {
  const cache = join(tmpdir(), `dz-bench-scale-analyses-${docs.length}.json`);
  let analyses: Article[];
  try {
    analyses = JSON.parse(readFileSync(cache, "utf8"));
    if (analyses.length !== docs.length) throw new Error("stale");
  } catch {
    log(`analysing the ${docs.length} source texts once`);
    analyses = docs.map((d) => analyze({ text: d.text, lang: d.lang as RawInput["lang"] }));
    writeFileSync(cache, JSON.stringify(analyses));
  }
  /** The analyses of its source texts carried over to a synthetic article (what occurs in its text). */
  const carry = (raw: RawInput, src: number[]): Article => {
    const text = String(raw.content);
    const ents = new Map<string, Article["entities"][number]>();
    const quotes: Article["quotes"] = [];
    for (const s of src) {
      const a = analyses[s];
      for (const e of a.entities) if (text.includes(e.name) && !ents.has(e.name)) ents.set(e.name, { ...e, id: `e${ents.size + 1}` });
      for (const q of a.quotes) if (text.includes(q.text)) quotes.push({ ...q, id: `q${quotes.length + 1}`, via: [], speaker: q.speaker && { ...q.speaker, entity: null } });
    }
    const title = text.split("\n")[0];
    return { ...analyses[src[0]], text, title, lang: raw.lang ?? "uk", publisher: raw.publisher ?? null, published: raw.published ?? null, entities: [...ents.values()], quotes, sources: [], figures: [] };
  };
  const url = DB_URL ?? (await createDb("dzherelo_bench_search"));
  // One connection, so each query's server CPU is one backend's (read from /proc/<pid>/schedstat, same machine);
  // no parallel workers (their CPU would not be counted; on 2 busy cores they do not help either).
  process.env.DZHERELO_PG_OPTIONS ??= "-c jit=off -c work_mem=32MB -c max_parallel_workers_per_gather=0";
  const store = await PostgresStore.open(url, { max: 1 });
  const vocab = docs.flatMap((d) => d.text.match(/[\p{L}’']{5,}/gu) ?? []);
  const speakers = [...new Set(analyses.flatMap((a) => a.quotes.map((q) => q.speaker?.name).filter((x): x is string => !!x)))];
  const bulk = LOADER === "bulk" ? await BulkLoader.create(store, docs, analyses) : null;
  // Article i's text ends in "(i)", so articles added to an existing corpus (--db) are new ones.
  let n = (await store.stats()).articles;
  if (n) log(`starting from ${n} stored articles`);
  const t0 = performance.now();
  const n0 = n;
  try {
    for (const size of SIZES) {
      if (n < size && bulk) await bulk.dropIndexes();
      while (n < size) {
        const m = Math.min(bulk ? 1000 : 500, size - n);
        const batch = Array.from({ length: m }, (_, j) => {
          const { raw, src } = synth(n + j, docs);
          return { raw, src, article: carry(raw, src) };
        });
        if (bulk) await bulk.write(batch);
        else await store.putArticles(batch);
        n += batch.length;
        if (Math.floor(n / 50000) > Math.floor((n - batch.length) / 50000)) log(`loaded ${n} (${(((n - n0) / (performance.now() - t0)) * 1000).toFixed(0)}/s)`);
      }
      if (bulk) await bulk.finish();
      if (!bulk) await store.pool.query("ANALYZE");
      for (let pass = 1; pass <= PASSES; pass++) {
        const times: Record<string, number[]> = { word: [], pair: [], filtered: [], filtersOnly: [], speaker: [] };
        const cpu: Record<string, number[]> = { word: [], pair: [], filtered: [], filtersOnly: [], speaker: [] };
        const backend = Number((await store.pool.query("SELECT pg_backend_pid() AS p")).rows[0].p);
        const serverNs = () => {
          try {
            return Number(readFileSync(`/proc/${backend}/schedstat`, "utf8").split(" ")[0]);
          } catch {
            return NaN;
          }
        };
        const approx = { word: 0, pair: 0, filtered: 0, filtersOnly: 0, speaker: 0 };
        // The same queries at every size, pass and run (their own random sequence).
        const saved = seed;
        seed = 4242;
        for (let i = 0; i < QUERIES; i++) {
          const kind = (["word", "pair", "filtered", "filtersOnly", "speaker"] as const)[i % 5];
          const pick = () => vocab[rnd(vocab.length)];
          const month = String(1 + rnd(12)).padStart(2, "0");
          const t = performance.now();
          const c0 = process.cpuUsage();
          const s0 = serverNs();
          let res: { approximate?: boolean };
          if (kind === "word") res = await store.search({ q: pick() });
          else if (kind === "pair") res = await store.search({ q: `${pick()} ${pick()}` });
          else if (kind === "filtered") res = await store.search({ q: pick(), lang: "uk", from: "2024-03-01", to: "2024-08-31", outlet: OUTLETS[rnd(OUTLETS.length)] });
          else if (kind === "filtersOnly") res = await store.search({ lang: "uk", from: `2024-${month}-01`, to: `2024-${month}-28`, offset: 20 * rnd(5) });
          else res = await store.quotes({ speaker: speakers[rnd(speakers.length)] });
          times[kind].push(performance.now() - t);
          const c = process.cpuUsage(c0);
          cpu[kind].push((serverNs() - s0) / 1e6 + (c.user + c.system) / 1000);
          if (res.approximate) approx[kind]++;
        }
        seed = saved;
        const all = Object.values(times).flat();
        const summary = Object.fromEntries(
          Object.entries({ all, ...times }).map(([k, v]) => [k, { p50: +percentile(v, 50).toFixed(1), p95: +percentile(v, 95).toFixed(1), max: +Math.max(...v).toFixed(1) }]),
        );
        const cpuSummary = Object.fromEntries(
          Object.entries({ all: Object.values(cpu).flat(), ...cpu }).map(([k, v]) => [k, { p50: +percentile(v, 50).toFixed(1), p95: +percentile(v, 95).toFixed(1) }]),
        );
        const stats = await store.stats();
        const r = {
          part: "search",
          articles: n,
          pass,
          loader: LOADER,
          loadPerSec: +(((n - n0) / (performance.now() - t0)) * 1000).toFixed(0),
          bytes: stats.bytes,
          queries: QUERIES,
          searchMs: summary,
          /** CPU per query: the database backend's (schedstat) plus this process's; independent of the machine's load. */
          cpuMs: cpuSummary,
          approximateTotals: approx,
          load: +loadavg()[0].toFixed(1),
        };
        console.log(JSON.stringify(r));
      }
    }
  } finally {
    await store.close();
    if (!args.includes("--keep") && !DB_URL) await dropDb(url);
    else log(`kept ${url}`);
  }
}

async function main(): Promise<void> {
  const docs = loadDocs();
  if (!docs.length) throw new Error(`no source texts under ${SHARED}/data/quotes-dev`);
  if (PART === "all" || PART === "throughput") await throughput(docs);
  if (PART === "all" || PART === "search") await search(docs);
}

await main();
