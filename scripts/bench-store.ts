/**
 * bench:store — load test of the corpus: ingest throughput, peak memory, database size and search latency at a
 * given corpus size. FOR LOAD TESTS ONLY: the articles are synthetic, made by recombining sentences of the real
 * texts in ../shared/data (quotes-dev, ner-uk) into N distinct articles (random outlet and date in 2024).
 *
 *   npm run bench:store -- --n 10000                 # full path: sources → worker-thread analysis → store
 *   npm run bench:store -- --n 100000 --mode store   # store path only: analysis replaced by the analyses of the
 *                                                    # source texts (entities, quotes, figures carried over)
 *   options: --workers K (full mode: analysis threads, default one per core; store mode: threads for the stand-in
 *            analysis and the store's preparation, default 0 = all in the main thread),
 *            --db FILE (default: a temp file), --queries Q (default 300),
 *            --keep (keep the database and input), --search-only DB (latency over an existing corpus)
 *
 * Prints one JSON line of results (docs/bench/store.md holds the figures).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, createWriteStream } from "node:fs";
import { availableParallelism, cpus, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Article } from "../src/article.js";
import { ingest, INGEST_CACHE_MB } from "../src/corpus/ingest.js";
import { AnalyzerPool, type Analyzed } from "../src/corpus/pool.js";
import { SqliteStore } from "../src/store/sqlite.js";
import type { RawInput } from "../src/store/types.js";
import { fakeAnalyzer, SRC_STRIDE, type FakeAnalysisData } from "./bench-store-worker.js";

const args = process.argv.slice(2);
const opt = (name: string, dflt?: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const N = Number(opt("n", "10000"));
const MODE = opt("mode", "full") as "full" | "store";
const WORKERS = Number(opt("workers", String(availableParallelism())));
/** Store mode: threads for the stand-in analysis and preparation (0: all in the main thread). */
const STORE_WORKERS = Number(opt("workers", "0"));
const QUERIES = Number(opt("queries", "300"));
const KEEP = args.includes("--keep");
const SHARED = resolve(process.env.DZHERELO_SHARED ?? join(import.meta.dirname, "..", "..", "shared"));

// ---------------------------------------------------------------- source texts

interface Doc {
  lang: string;
  text: string;
  sentences: string[];
}

function splitSentences(text: string): string[] {
  return text
    .split(/(?<=[.!?…»"])\s+(?=[«"A-ZА-ЯІЇЄҐ0-9])/u)
    .map((s) => s.replace(/\s+/g, " ").trim())
    .filter((s) => s.length >= 30 && s.length <= 400);
}

/** NER-UK texts are tokenised (spaces around punctuation): glue the punctuation back. */
function detokenize(s: string): string {
  return s
    .replace(/\s+([,.;:!?)»%])/g, "$1")
    .replace(/([«(])\s+/g, "$1")
    .replace(/\s+(['’])\s+/g, "$1");
}

function loadDocs(): Doc[] {
  const docs: Doc[] = [];
  const qd = join(SHARED, "data", "quotes-dev");
  for (const f of readdirSync(qd).filter((f) => f.endsWith(".json"))) {
    const j = JSON.parse(readFileSync(join(qd, f), "utf8"));
    if (typeof j.text === "string") docs.push({ lang: j.lang ?? "uk", text: j.text, sentences: splitSentences(j.text) });
  }
  for (const v of ["v1.0/data", "v2.0/data/bruk"]) {
    let dir = join(SHARED, "data", "ner-uk", v);
    try {
      statSync(dir);
    } catch {
      dir = "";
    }
    if (!dir) continue;
    for (const f of readdirSync(dir).filter((f) => f.endsWith(".txt")).slice(0, 400)) {
      const text = detokenize(readFileSync(join(dir, f), "utf8"));
      docs.push({ lang: "uk", text, sentences: splitSentences(text) });
    }
  }
  return docs.filter((d) => d.sentences.length >= 3);
}

const OUTLETS = ["УНН", "Укрінформ", "Українська правда", "Дзеркало тижня", "Суспільне", "РБК-Україна", "Інтерфакс-Україна", "ТАСС", "Reuters", "Kyiv Independent", "Економічна правда", "НВ"];

let seed = 20240619;
const rnd = (k: number) => {
  seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
  return seed % k;
};

/** The i-th synthetic article: a title sentence and 6–12 body sentences, mostly from one source text (so it reads
 * like one story) with a few from others. */
function synth(i: number, docs: Doc[]): { text: string; title: string; lang: string; publisher: string; published: string; src: number[] } {
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
  const day = new Date(Date.UTC(2024, 0, 1) + rnd(366) * 86400_000).toISOString().slice(0, 10);
  return { text: body.join(" ") + `\n\n(${i})`, title, lang: d.lang, publisher: OUTLETS[rnd(OUTLETS.length)], published: day, src };
}

// ---------------------------------------------------------------- run

/** CPU seconds of the main thread alone (Linux: /proc/self/task/PID/stat, utime + stime in clock ticks); NaN elsewhere. */
function mainThreadCpu(): number {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return NaN;
  }
}

/**
 * Where the resident memory is (Linux /proc/self/smaps, MB): "heap" is glibc's main arena (brk), "arenas" the
 * 64 MB-aligned mappings glibc gives other threads' arenas, "anon" other anonymous mappings (V8 heaps, large
 * mallocs, SQLite's page cache when malloc'ed big), "file" mapped files (code, ICU data). Null elsewhere.
 */
function rssBreakdown(): Record<string, number> | null {
  try {
    const out = { heap: 0, arenas: 0, anon: 0, file: 0 };
    let kind: keyof typeof out = "anon";
    for (const line of readFileSync("/proc/self/smaps", "utf8").split("\n")) {
      const m = /^([0-9a-f]+)-([0-9a-f]+) \S+ \S+ \S+ (\d+)\s*(.*)$/.exec(line);
      if (m) {
        const size = parseInt(m[2], 16) - parseInt(m[1], 16);
        const name = m[4];
        kind = name === "[heap]" ? "heap" : name.startsWith("/") ? "file" : name === "" && size <= 64 * 2 ** 20 && parseInt(m[1], 16) % (64 * 2 ** 20) === 0 ? "arenas" : "anon";
      } else if (line.startsWith("Rss:")) out[kind] += Number(line.slice(4).trim().split(" ")[0]) * 1024;
    }
    return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, Math.round(v / 2 ** 20)]));
  } catch {
    return null;
  }
}

function summary(times: Record<string, number[]>): Record<string, { p50: number; p95: number; max: number }> {
  const all = Object.values(times).flat();
  return Object.fromEntries(
    Object.entries({ all, ...times }).map(([k, v]) => [k, { p50: +percentile(v, 50).toFixed(2), p95: +percentile(v, 95).toFixed(2), max: +Math.max(...v).toFixed(2) }]),
  );
}

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

/** Search latency: single words, word pairs, filtered queries, filters only, quotes by speaker. */
/** CPU milliseconds of each query (this process's threads; the pool is closed by then), by kind. */
const searchCpu: Record<string, number[]> = { word: [], pair: [], filtered: [], filtersOnly: [], speaker: [] };

async function searchLatency(store: SqliteStore, docs: Doc[]): Promise<Record<string, number[]>> {
  const vocab = docs.flatMap((d) => d.text.match(/[\p{L}’']{5,}/gu) ?? []);
  const pick = () => vocab[rnd(vocab.length)];
  const times: Record<string, number[]> = { word: [], pair: [], filtered: [], filtersOnly: [], speaker: [] };
  for (let i = 0; i < QUERIES; i++) {
    const kind = (["word", "pair", "filtered", "filtersOnly", "speaker"] as const)[i % 5];
    const month = String(1 + rnd(12)).padStart(2, "0");
    const q =
      kind === "word"
        ? { q: pick() }
        : kind === "pair"
          ? { q: `${pick()} ${pick()}` }
          : kind === "filtered"
            ? { q: pick(), lang: "uk", from: "2024-03-01", to: "2024-08-31", outlet: OUTLETS[rnd(OUTLETS.length)] }
            : kind === "filtersOnly"
              ? { lang: "uk", from: `2024-${month}-01`, to: `2024-${month}-28`, offset: 20 * rnd(5) }
              : { speaker: pick() };
    const t = performance.now();
    const c0 = process.cpuUsage();
    if (kind === "speaker") await store.quotes(q);
    else await store.search(q);
    times[kind].push(performance.now() - t);
    const c = process.cpuUsage(c0);
    searchCpu[kind].push((c.user + c.system) / 1000);
  }
  return times;
}

async function main(): Promise<void> {
  const docs = loadDocs();
  if (!docs.length) throw new Error(`no source texts under ${SHARED}/data`);
  const only = opt("search-only");
  if (only) {
    // Latency only, over an existing corpus (e.g. one kept with --keep).
    const store = await SqliteStore.open(only);
    const times = await searchLatency(store, docs);
    const n = (await store.stats()).articles;
    await store.close();
    console.log(JSON.stringify({ n, searchMs: summary(times), searchCpuMs: summary(searchCpu) }));
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), "dz-bench-store-"));
  const dbFile = opt("db") ?? join(dir, "bench.db");
  // --input FILE: the input of an earlier run with the same --n (e.g. kept with --keep), to resume an interrupted
  // run into the same --db: stored articles are skipped as ingest skips them for a user.
  const given = opt("input");
  const input = given ?? join(dir, "input.jsonl");
  console.error(`bench:store: ${docs.length} source texts; ${given ? "reading" : "writing"} ${N} articles ${given ? "from" : "to"} ${input}`);
  const w = given ? null : createWriteStream(input);
  // Each article's source texts, for the store mode's stand-in analysis (shared with its worker threads).
  const srcShared = new SharedArrayBuffer(MODE === "store" ? N * SRC_STRIDE * 2 : 0);
  const srcOf = new Uint16Array(srcShared);
  for (let i = 0; i < N; i++) {
    const a = synth(i, docs);
    if (MODE === "store") {
      const k = Math.min(a.src.length, SRC_STRIDE - 1);
      srcOf[i * SRC_STRIDE] = k;
      for (let j = 0; j < k; j++) srcOf[i * SRC_STRIDE + 1 + j] = a.src[j];
    }
    if (w && !w.write(JSON.stringify({ text: a.text, title: a.title, lang: a.lang, publisher: a.publisher, published: a.published }) + "\n")) {
      await new Promise((r) => w.once("drain", r));
    }
  }
  if (w) await new Promise<void>((r) => w.end(r));

  // Store mode: each source text analysed once; a synthetic article gets the entities, quotes, sources and
  // figures of its source texts that occur in its own text (scripts/bench-store-worker.ts). With --workers K > 0
  // that runs in K worker threads together with the store's preparation, as real analysis does.
  let analyzer: (raw: RawInput) => Promise<Article | Analyzed>;
  let pool: AnalyzerPool | null = null;
  if (MODE === "store") {
    console.error("bench:store: analysing the source texts once (store mode)");
    // Cached between runs (same source texts, same analyser build) to save minutes when repeating the bench.
    const cache = join(tmpdir(), `dz-bench-store-analyses-${docs.length}.json`);
    let ok = false;
    try {
      ok = !args.includes("--fresh") && (JSON.parse(readFileSync(cache, "utf8")) as unknown[]).length === docs.length;
    } catch {
      ok = false;
    }
    if (!ok) {
      const { analyze } = await import("../src/pipeline/analyze.js");
      writeFileSync(cache, JSON.stringify(docs.map((d) => analyze({ text: d.text, lang: d.lang }))));
    }
    const data: FakeAnalysisData = { analysesFile: cache, sources: srcShared };
    if (STORE_WORKERS > 0) {
      pool = new AnalyzerPool(STORE_WORKERS, { module: new URL("./bench-store-worker.ts", import.meta.url), workerData: data });
      analyzer = pool.analyzeForStore;
    } else {
      const fake = fakeAnalyzer(data);
      analyzer = async (raw) => fake(raw);
    }
  } else {
    pool = new AnalyzerPool(WORKERS);
    analyzer = pool.analyzeForStore;
  }

  let peak = 0;
  const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 200);
  const store = await SqliteStore.open(dbFile, { cacheMB: INGEST_CACHE_MB });
  // CPU time of this process (all its threads): on a shared machine the wall clock also counts others' work.
  const cpu0 = process.cpuUsage();
  const main0 = mainThreadCpu();
  const t0 = performance.now();
  let last = 0;
  // Growth: one JSON line at 1k, 10k, 100k and every further 100k stored articles (time, CPU, RSS, file size).
  // Lines count the corpus (articles already there when resuming plus those stored now).
  const before = (await store.stats()).articles;
  if (before) console.error(`bench:store: resuming: ${before} articles already in ${dbFile}`);
  let milestone = 1000;
  while (milestone <= before) milestone = milestone < 100_000 ? milestone * 10 : milestone + 100_000;
  const res = await ingest(store, [input], {
    analyze: analyzer,
    onProgress: (p) => {
      if (before + p.stored >= milestone) {
        const c = process.cpuUsage(cpu0);
        const sec = (performance.now() - t0) / 1000;
        const dbBytes = statSync(dbFile).size + (existsSync(dbFile + "-wal") ? statSync(dbFile + "-wal").size : 0);
        const mem = process.memoryUsage();
        peak = Math.max(peak, mem.rss);
        const line = {
          stored: before + p.stored,
          seconds: +sec.toFixed(1),
          cpuSeconds: +((c.user + c.system) / 1e6).toFixed(1),
          mainCpuSeconds: +(mainThreadCpu() - main0).toFixed(1),
          rssMB: Math.round(mem.rss / 2 ** 20),
          peakRssMB: Math.round(peak / 2 ** 20),
          // What holds the memory: the main thread's heap, each worker's heap; the rest of RSS is native
          // (SQLite's page cache, code, buffers).
          mainHeapMB: Math.round(mem.heapUsed / 2 ** 20),
          rssParts: rssBreakdown(),
          dbBytes,
        };
        void (pool ? pool.heaps() : Promise.resolve([])).then((hs) =>
          console.error("bench:store: growth " + JSON.stringify({ ...line, workerHeapsMB: hs.map((h) => Math.round(h.heapUsed / 2 ** 20)) })),
        );
        milestone = milestone < 100_000 ? milestone * 10 : milestone + 100_000;
      }
      if (performance.now() - last > 10_000) {
        last = performance.now();
        console.error(`bench:store: ${p.seen}/${p.total}, ${((p.seen / (performance.now() - t0)) * 1000).toFixed(0)}/s, rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`);
      }
    },
  });
  const ingestSec = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSec = (cpu.user + cpu.system) / 1e6;
  const mainSec = mainThreadCpu() - main0;
  await pool?.close();
  store.checkpoint();
  clearInterval(sample);
  peak = Math.max(peak, process.memoryUsage().rss);
  const bytes = statSync(dbFile).size;

  const times = await searchLatency(store, docs);
  const stats = await store.stats();
  await store.close();
  const out = {
    n: N,
    mode: MODE,
    workers: MODE === "full" ? WORKERS : STORE_WORKERS,
    cpus: cpus().length,
    node: process.version,
    stored: res.stored,
    duplicates: res.duplicates,
    failed: res.failed,
    ingestSeconds: +ingestSec.toFixed(1),
    articlesPerSecond: +(res.stored / ingestSec).toFixed(0),
    cpuSeconds: +cpuSec.toFixed(1),
    articlesPerCpuSecond: +(res.stored / cpuSec).toFixed(0),
    // The main thread reads, dedupes, writes and clusters; analysis and preparation run in the workers.
    mainThreadCpuSeconds: +mainSec.toFixed(1),
    mainThreadMsPerArticle: +((mainSec * 1000) / Math.max(1, res.stored)).toFixed(3),
    peakRssMB: +(peak / 2 ** 20).toFixed(0),
    dbBytes: bytes,
    bytesPerArticle: +(bytes / Math.max(1, stats.articles)).toFixed(0),
    entities: stats.entities,
    quotes: stats.quotes,
    stories: stats.stories,
    searchMs: summary(times),
    searchCpuMs: summary(searchCpu),
  };
  console.log(JSON.stringify(out));
  if (!KEEP) rmSync(dir, { recursive: true, force: true });
  else console.error(`bench:store: kept ${dir}`);
  writeFileSync(join(tmpdir(), `dz-bench-store-${MODE}-${N}.json`), JSON.stringify(out, null, 1));
}

await main();
