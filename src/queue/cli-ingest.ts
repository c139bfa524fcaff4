/**
 * `dzherelo ingest` when the corpus is on PostgreSQL or a queue is given ($DZHERELO_QUEUE / --queue):
 * - with a queue: enqueue a run and show the progress of the whole run as workers complete it;
 * - without: analyse here (worker threads) and write to PostgreSQL, as the embedded ingest does for SQLite.
 * URLs of feeds, sitemaps and pages are fetched politely, their state kept in PostgreSQL (as `follow` does); with a
 * queue, the items of feeds and sitemaps become page jobs for the workers (per-host limits shared by all of them).
 */
import { randomBytes } from "node:crypto";
import cliProgress from "cli-progress";
import { openCorpusForWriting } from "../corpus/cli-support.js";
import { ingest, type IngestProgress } from "../corpus/ingest.js";
import { AnalyzerPool } from "../corpus/pool.js";
import { fetcherFromFlags } from "../cli/commands/follow.js";
import { ingestUrls } from "../follow/page.js";
import { waitIdle } from "../follow/queued.js";
import { isUrl } from "../follow/sources-file.js";
import { InputError } from "../pipeline/analyze.js";
import { PostgresStore } from "../store/postgres.js";
import { enqueueIngest } from "./enqueue.js";
import { openQueue } from "./index.js";

export interface ScaledIngestFlags {
  db?: string;
  json?: boolean;
  userAgent?: string;
}

export async function scaledIngest(paths: string[], flags: ScaledIngestFlags, queueUrl: string | null, opts: { workers: number; batchSize: number }): Promise<void> {
  const store = await openCorpusForWriting(flags.db);
  const queue = queueUrl ? openQueue(queueUrl) : null;
  const urls = paths.filter(isUrl);
  // URLs analysed here need an analyser even with a queue (a page URL itself is stored by this process).
  const pool = queue && !urls.length ? null : new AnalyzerPool(queue ? 0 : opts.workers);
  const signal = { stopped: false };
  const tty = !!process.stderr.isTTY && !flags.json;
  const t0 = Date.now();
  let bar: cliProgress.SingleBar | null = null;
  let lastLog = 0;
  const onSigint = () => {
    if (signal.stopped) process.exit(130);
    signal.stopped = true;
    process.stderr.write(queue ? "\ndzherelo: stopped following; queued jobs stay queued for the workers\n" : "\ndzherelo: stopping; committing what is being analysed\n");
  };
  process.on("SIGINT", onSigint);
  const onProgress = (p: IngestProgress & { queued?: number }) => {
    const done = p.stored + p.duplicates + p.failed;
    if (tty) {
      if (!bar) {
        bar = new cliProgress.SingleBar(
          { format: "ingest {bar} {value}/{total} | {speed}/s | stored {stored} dup {duplicates} failed {failed} | queued {queued}", stream: process.stderr, fps: 5 },
          cliProgress.Presets.shades_classic,
        );
        bar.start(p.total, 0, {});
      }
      bar.setTotal(p.total);
      bar.update(done, { speed: rate(done, t0), stored: p.stored, duplicates: p.duplicates, failed: p.failed, queued: p.queued ?? 0 });
    } else if (!flags.json && Date.now() - lastLog > 2000) {
      lastLog = Date.now();
      process.stderr.write(line(p, t0) + "\n");
    }
  };
  const errors: string[] = [];
  const onError = (origin: string, message: string) => errors.push(`dzherelo: ${origin}: ${message}`);
  try {
    const run = `${new Date().toISOString().replace(/[-:.TZ]/g, "").slice(0, 14)}${randomBytes(3).toString("hex")}`;
    const files = paths.filter((p) => !isUrl(p));
    let web: { stored: number; duplicates: number; failed: number } | null = null;
    if (urls.length) {
      if (!(store instanceof PostgresStore)) throw new InputError("URLs with a queue need a PostgreSQL corpus (the follow state is shared there)");
      const fetcher = fetcherFromFlags(flags);
      const policy = { userAgent: flags.userAgent ?? process.env.DZHERELO_USER_AGENT ?? null, intervalMs: 1000, concurrency: 2, timeoutMs: 30_000, everyMs: 600_000, maxNewPerPoll: 100, maxAgeDays: 7 };
      web = await ingestUrls(store, urls, pool!.analyzeForStore, {
        fetcher,
        onError,
        signal,
        pageSink: queue ? (pages) => queue.enqueueFetch(`${run}-web`, pages.map((p) => ({ kind: "page" as const, item: p.item, source: p.source, policy }))) : undefined,
      });
      if (queue) {
        // The pages are fetched, analysed and stored by the workers: wait for them, count this run's outcomes.
        await waitIdle(queue, signal);
        const p = await queue.progress(`${run}-web`);
        web = { stored: web.stored + p.stored, duplicates: web.duplicates + p.duplicates, failed: web.failed + p.failed };
      }
    }
    const res = queue
      ? await enqueueIngest(store, queue, files, run, { onProgress, onError, signal })
      : await ingest(store, files, { analyze: pool!.analyzeForStore, batchSize: opts.batchSize, onProgress, onError, signal });
    if (web) Object.assign(res, { seen: res.seen + web.stored + web.duplicates + web.failed, stored: res.stored + web.stored, duplicates: res.duplicates + web.duplicates, failed: res.failed + web.failed });
    (bar as cliProgress.SingleBar | null)?.stop();
    for (const e of errors.slice(0, 50)) process.stderr.write(e + "\n");
    if (errors.length > 50) process.stderr.write(`dzherelo: … and ${errors.length - 50} more errors\n`);
    const stats = await store.stats();
    if (flags.json) process.stdout.write(JSON.stringify({ ...res, db: store.path, corpus: stats }) + "\n");
    else {
      process.stderr.write(line(res, t0) + (res.interrupted ? " (interrupted; re-run to resume)" : "") + "\n");
      process.stderr.write(`corpus ${store.path}: ${stats.articles} articles, ${stats.entities} entities, ${stats.quotes} quotes, ${stats.stories} stories\n`);
    }
    process.exitCode = res.interrupted ? 130 : res.failed > 0 && res.stored + res.duplicates === 0 ? 1 : 0;
  } finally {
    (bar as cliProgress.SingleBar | null)?.stop();
    process.off("SIGINT", onSigint);
    await pool?.close();
    await queue?.close();
    await store.close();
  }
}

function rate(n: number, t0: number): string {
  const s = (Date.now() - t0) / 1000;
  return s > 0 ? (n / s).toFixed(0) : "0";
}

function line(p: IngestProgress, t0: number): string {
  const done = p.stored + p.duplicates + p.failed;
  return `ingest: ${done}/${p.total} inputs, ${rate(done, t0)}/s, stored ${p.stored}, duplicates ${p.duplicates}, failed ${p.failed}`;
}
