/**
 * Ingest: read sources, skip what is already stored (by content hash), analyse the rest in worker threads,
 * write the results in batches (one transaction each), then cluster the new articles into stories.
 *
 * Durability: a batch is committed or not at all, so a crash, Ctrl-C or kill -9 loses at most the batches in
 * flight; a re-run skips the stored hashes and completes the rest, never storing anything twice. Ctrl-C (via
 * `stop()`) stops reading, finishes and commits what is being analysed, and returns.
 */
import { createReadStream, statSync } from "node:fs";
import { resolve } from "node:path";
import type { Article } from "../article.js";
import { readSources, walk } from "../ingest/sources/index.js";
import type { PreparedArticle } from "../store/sqlite.js";
import type { CorpusStore } from "../store/index.js";
import type { Analyzed } from "./pool.js";
import type { RawInput } from "../store/types.js";

/**
 * The most SQLite's page cache may grow to in a bulk ingest (see SqliteStore.open: an eighth of the file, at
 * least 64 MB): a large corpus's index pages stay in memory, a small one's ingest pays nothing for it.
 */
export const INGEST_CACHE_MB = 256;

export interface IngestOptions {
  /**
   * Analyser: a worker pool's `analyzeForStore` (Article plus the store's precomputed part, made in the
   * worker), or anything returning an Article for a raw input.
   */
  analyze: (raw: RawInput) => Promise<Article | Analyzed>;
  /** Articles per transaction (default 200). */
  batchSize?: number;
  /** Analyses in flight at once (default 64): bounds memory while keeping every worker busy. */
  inflight?: number;
  onProgress?: (p: IngestProgress) => void;
  /** Called for every input that could not be read or analysed (ingest goes on). */
  onError?: (origin: string, message: string) => void;
  /** Set by the caller (Ctrl-C) to stop reading new inputs. */
  signal?: { stopped: boolean };
}

/** The database file and its WAL/journal companions: never read as inputs (`dzherelo ingest .` beside the db). */
export function databaseFiles(dbPath: string): Set<string> {
  const p = resolve(dbPath);
  return new Set([p, `${p}-wal`, `${p}-shm`, `${p}-journal`]);
}

export interface IngestProgress {
  /** Inputs seen so far (stored, skipped as duplicates, failed). */
  seen: number;
  /** Estimated number of inputs in all the sources (grows when a feed or WARC holds more than one). */
  total: number;
  stored: number;
  duplicates: number;
  failed: number;
}

export interface IngestResult extends IngestProgress {
  interrupted: boolean;
  seconds: number;
}

/** Rough count of inputs: one per file, one per non-empty line of a JSONL file (counted by scanning bytes). */
export async function estimateInputs(paths: string[], exclude: ReadonlySet<string> = new Set()): Promise<number> {
  let n = 0;
  for (const f of walk(paths)) {
    if (typeof f !== "string" || exclude.has(resolve(f))) continue;
    if (/\.(jsonl|ndjson)$/i.test(f)) {
      try {
        if (statSync(f).size === 0) continue;
        let lines = 0;
        let last = 10;
        for await (const chunk of createReadStream(f, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
          // Newlines found by indexOf (memchr), not a byte loop: a 1 GB file is counted in about a second.
          for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) {
            if ((i > 0 ? chunk[i - 1] : last) !== 10) lines++;
          }
          if (chunk.length) last = chunk[chunk.length - 1];
        }
        n += lines + (last !== 10 ? 1 : 0);
      } catch {
        n++;
      }
    } else {
      n++;
    }
  }
  return n;
}

export async function ingest(store: CorpusStore, paths: string[], opts: IngestOptions): Promise<IngestResult> {
  const t0 = Date.now();
  const batchSize = opts.batchSize ?? 200;
  const maxInflight = opts.inflight ?? 64;
  const exclude = databaseFiles(store.path);
  const p: IngestProgress = { seen: 0, total: await estimateInputs(paths, exclude), stored: 0, duplicates: 0, failed: 0 };
  // Hashes being analysed or waiting in the batch: a repeat among them is a duplicate the store cannot see yet.
  // Entries leave once their batch is written (then `store.has` knows them), so memory does not grow with the run.
  const pending = new Set<string>();
  const inflight = new Set<Promise<void>>();
  let batch: Array<{ raw: RawInput; article: Article; prepared?: PreparedArticle }> = [];
  let fatal: unknown = null;
  const report = () => {
    if (p.seen > p.total) p.total = p.seen;
    opts.onProgress?.({ ...p });
  };

  const flush = async () => {
    if (!batch.length || fatal) return;
    const items = batch;
    batch = [];
    try {
      // SQLite stores and clusters a batch in one transaction; PostgreSQL clusters under its own lock after.
      const res = "putArticlesClustered" in store ? await store.putArticlesClustered(items) : await store.putArticles(items);
      for (const r of res) if (r.created) p.stored++;
      else p.duplicates++;
      for (const it of items) pending.delete(it.raw.sha256);
      if (!("putArticlesClustered" in store)) await store.cluster();
    } catch (err) {
      fatal = err;
    }
    report();
  };

  for await (const item of readSources(paths, exclude)) {
    if (fatal || opts.signal?.stopped) break;
    p.seen++;
    if (item.error !== undefined) {
      p.failed++;
      opts.onError?.(item.origin, item.error);
      report();
      continue;
    }
    const raw = item.raw;
    if (pending.has(raw.sha256) || (await store.has(raw.sha256))) {
      p.duplicates++;
      report();
      continue;
    }
    pending.add(raw.sha256);
    const task: Promise<void> = opts
      .analyze(raw)
      .then(
        async (res) => {
          if ("schema" in res) batch.push({ raw, article: res });
          else batch.push({ raw, article: res.article, prepared: res.prepared });
          if (batch.length >= batchSize) await flush();
        },
        (err: unknown) => {
          pending.delete(raw.sha256);
          p.failed++;
          opts.onError?.(raw.origin ?? raw.sha256, err instanceof Error ? err.message : String(err));
          report();
        },
      )
      .finally(() => inflight.delete(task));
    inflight.add(task);
    if (inflight.size >= maxInflight) await Promise.race(inflight);
  }
  await Promise.all(inflight);
  await flush();
  if (fatal) throw fatal;
  report();
  return { ...p, interrupted: !!opts.signal?.stopped, seconds: (Date.now() - t0) / 1000 };
}
