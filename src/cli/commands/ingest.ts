import cliProgress from "cli-progress";
import type { Command } from "commander";
import { checkInt, openForWriting, DB_HELP } from "../../corpus/cli-support.js";
import { ingest, INGEST_CACHE_MB, type IngestProgress } from "../../corpus/ingest.js";
import { AnalyzerPool, defaultWorkers } from "../../corpus/pool.js";
import { queueUrl } from "../../queue/url.js";
import { dbPath, isPostgresUrl } from "../../store/index.js";

/** An http(s) URL among the paths (fetched, not read from disk). */
const isUrl = (s: string) => /^https?:\/\//i.test(s.trim());

interface IngestFlags {
  db?: string;
  workers?: string;
  batch?: string;
  json?: boolean;
  userAgent?: string;
  queue?: string;
}

export function registerIngest(program: Command): void {
  program
    .command("ingest")
    .description("analyse news files and folders (.txt .html .json .jsonl, RSS/Atom, .warc/.warc.gz) into a corpus database")
    .argument("<paths...>", "files or folders (read recursively), or URLs of feeds, sitemaps or pages")
    .option("--db <file|url>", DB_HELP)
    .option("--workers <n>", `analysis threads (default: one per core, ${defaultWorkers()} here)`)
    .option("--batch <n>", "articles per transaction (default 200)")
    .option("--json", "print the summary as JSON")
    .option("--queue <url>", "enqueue for `dzherelo worker`s instead of analysing here (default: $DZHERELO_QUEUE), e.g. redis://host:6379")
    .option("--user-agent <ua>", "User-Agent for URLs (default: $DZHERELO_USER_AGENT or Dzherelo's own)")
    .action(async (paths: string[], flags: IngestFlags) => {
      const workers = checkInt("workers", flags.workers) ?? defaultWorkers();
      const batchSize = checkInt("batch", flags.batch, 1) ?? 200;
      // PostgreSQL corpus or a queue of workers: src/queue/cli-ingest.ts.
      const queue = queueUrl(flags.queue);
      // Imported when used: the queue's, fetcher's and PostgreSQL's modules stay out of a plain file ingest.
      if (queue || isPostgresUrl(dbPath(flags.db))) {
        const { scaledIngest } = await import("../../queue/cli-ingest.js");
        return scaledIngest(paths, flags, queue, { workers, batchSize });
      }
      const store = await openForWriting(flags.db, { cacheMB: INGEST_CACHE_MB });
      const pool = new AnalyzerPool(workers);
      const signal = { stopped: false };
      const tty = !!process.stderr.isTTY && !flags.json;
      const errors: string[] = [];
      let bar: cliProgress.SingleBar | null = null;
      let lastLog = 0;
      const t0 = Date.now();
      const onSigint = () => {
        if (signal.stopped) process.exit(130); // second Ctrl-C: committed batches are safe on disk
        signal.stopped = true;
        process.stderr.write("\ndzherelo: stopping; committing what is being analysed (Ctrl-C again to quit now)\n");
      };
      process.on("SIGINT", onSigint);
      const onProgress = (p: IngestProgress) => {
        if (tty) {
          if (!bar) {
            bar = new cliProgress.SingleBar(
              {
                format: "ingest {bar} {percentage}% | {value}/{total} | {speed}/s | ETA {eta_formatted} | stored {stored} dup {duplicates} failed {failed}",
                stream: process.stderr,
                etaBuffer: 200,
                fps: 5,
              },
              cliProgress.Presets.shades_classic,
            );
            bar.start(p.total, 0, { speed: "0", stored: 0, duplicates: 0, failed: 0 });
          }
          bar.setTotal(p.total);
          bar.update(p.seen, { speed: rate(p.seen, t0), stored: p.stored, duplicates: p.duplicates, failed: p.failed });
        } else if (!flags.json && Date.now() - lastLog > 2000) {
          lastLog = Date.now();
          process.stderr.write(line(p, t0) + "\n");
        }
      };
      const onError = (origin: string, message: string) => {
        const msg = `dzherelo: ${origin}: ${message}`;
        if (tty) errors.push(msg);
        else process.stderr.write(msg + "\n");
      };
      try {
        // URLs (feeds, sitemaps, pages) are fetched politely and stored first; files and folders as before.
        const urls = paths.filter(isUrl);
        let web: { stored: number; duplicates: number; failed: number } | null = null;
        if (urls.length) {
          const [{ ingestUrls }, { fetcherFromFlags }] = await Promise.all([import("../../follow/page.js"), import("./follow.js")]);
          web = await ingestUrls(store, urls, pool.analyzeForStore, { fetcher: fetcherFromFlags(flags), onError, signal });
        }
        const res = await ingest(store, paths.filter((p) => !isUrl(p)), { analyze: pool.analyzeForStore, batchSize, onProgress, onError, signal });
        if (web) Object.assign(res, { seen: res.seen + web.stored + web.duplicates + web.failed, stored: res.stored + web.stored, duplicates: res.duplicates + web.duplicates, failed: res.failed + web.failed });
        (bar as cliProgress.SingleBar | null)?.stop();
        for (const e of errors.slice(0, 50)) process.stderr.write(e + "\n");
        if (errors.length > 50) process.stderr.write(`dzherelo: … and ${errors.length - 50} more errors\n`);
        store.checkpoint();
        const stats = await store.stats();
        if (flags.json) process.stdout.write(JSON.stringify({ ...res, db: store.path, corpus: stats }) + "\n");
        else {
          process.stderr.write(line(res, t0) + (res.interrupted ? " (interrupted; re-run to resume)" : "") + "\n");
          process.stderr.write(
            `corpus ${store.path}: ${stats.articles} articles, ${stats.entities} entities, ${stats.quotes} quotes, ${stats.stories} stories\n`,
          );
        }
        // Exit 1 when nothing could be read at all (a mistyped path), so scripts notice; partial failures are
        // reported above and are not fatal.
        process.exitCode = res.interrupted ? 130 : res.failed > 0 && res.stored + res.duplicates === 0 ? 1 : 0;
      } finally {
        (bar as cliProgress.SingleBar | null)?.stop();
        process.off("SIGINT", onSigint);
        await pool.close();
        await store.close();
      }
    });
}

function rate(n: number, t0: number): string {
  const s = (Date.now() - t0) / 1000;
  return s > 0 ? (n / s).toFixed(0) : "0";
}

function line(p: IngestProgress, t0: number): string {
  return `ingest: ${p.seen}/${p.total} inputs, ${rate(p.seen, t0)}/s, stored ${p.stored}, duplicates ${p.duplicates}, failed ${p.failed}`;
}
