/**
 * `dzherelo ingest` with a queue: read the sources here, skip content already stored, enqueue the rest as one
 * run, then follow that run's progress until every job is stored, found duplicate or dead-lettered. Workers
 * (`dzherelo worker`, any number, anywhere) do the analysis and writing.
 */
import { resolve } from "node:path";
import { estimateInputs, type IngestProgress, type IngestResult } from "../corpus/ingest.js";
import { readSources } from "../ingest/sources/index.js";
import type { CorpusStore } from "../store/index.js";
import type { RawInput } from "../store/types.js";
import type { JobQueue } from "./types.js";

export interface EnqueueOptions {
  onProgress?: (p: IngestProgress & { queued: number }) => void;
  onError?: (origin: string, message: string) => void;
  signal?: { stopped: boolean };
  /** Inputs per enqueue round trip (default 500). */
  batchSize?: number;
  /** Stop waiting after this long (ms) with no progress at all (no workers?): the jobs stay queued. */
  idleTimeoutMs?: number;
}

export async function enqueueIngest(store: CorpusStore, queue: JobQueue, paths: string[], run: string, opts: EnqueueOptions = {}): Promise<IngestResult & { queued: number; run: string }> {
  const t0 = Date.now();
  const exclude = new Set<string>(/^postgres/i.test(store.path) ? [] : [resolve(store.path)]);
  const total = await estimateInputs(paths, exclude);
  let seen = 0;
  let readFailed = 0;
  let skipped = 0;
  let queued = 0;
  let batch: RawInput[] = [];
  const inRun = new Set<string>();
  const report = async () => {
    const r = await queue.progress(run);
    const p = { seen, total: Math.max(total, seen), stored: r.stored, duplicates: skipped + r.duplicates, failed: readFailed + r.failed, queued };
    opts.onProgress?.(p);
    return { p, done: r.stored + r.duplicates + r.failed };
  };
  const flush = async () => {
    if (!batch.length) return;
    const stored = "hasMany" in store ? await store.hasMany(batch.map((r) => r.sha256)) : new Set<string>();
    const fresh = batch.filter((r) => !stored.has(r.sha256));
    skipped += batch.length - fresh.length;
    await queue.enqueue(run, fresh);
    queued += fresh.length;
    batch = [];
    await report();
  };
  for await (const item of readSources(paths, exclude)) {
    if (opts.signal?.stopped) break;
    seen++;
    if (item.error !== undefined) {
      readFailed++;
      opts.onError?.(item.origin, item.error);
      continue;
    }
    if (inRun.has(item.raw.sha256)) {
      skipped++;
      continue;
    }
    inRun.add(item.raw.sha256);
    batch.push(item.raw);
    if (batch.length >= (opts.batchSize ?? 500)) await flush();
  }
  await flush();
  // Follow the run: the workers count each job's outcome in the run's counters.
  let last = -1;
  let lastChange = Date.now();
  let timedOut = false;
  for (;;) {
    const { done } = await report();
    if (done >= queued || opts.signal?.stopped) break;
    if (done !== last) {
      last = done;
      lastChange = Date.now();
    } else if (opts.idleTimeoutMs && Date.now() - lastChange > opts.idleTimeoutMs) {
      timedOut = true;
      break;
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  // Cross-article work over the whole run once every job is in (workers clustered opportunistically).
  await store.cluster();
  const { p } = await report();
  for (const d of (await queue.deadLetters(1000)).filter((d) => d.id.startsWith(`${run}-`))) opts.onError?.(d.origin ?? d.sha256, d.error);
  return { ...p, interrupted: !!opts.signal?.stopped || timedOut, seconds: (Date.now() - t0) / 1000, run };
}
