import type { Command } from "commander";
import { checkInt, cut, day, openCorpusForWriting, table } from "../../corpus/cli-support.js";
import { AnalyzerPool, defaultWorkers } from "../../corpus/pool.js";
import { Fetcher } from "../../fetch/client.js";
import { Follower, type FollowEvent } from "../../follow/follow.js";
import { parseDuration, readSourceList } from "../../follow/sources-file.js";
import { PostgresFollowState } from "../../follow/postgres-state.js";
import { scheduleFollow } from "../../follow/queued.js";
import { SqliteFollowState, type FollowState, type SourceHealth } from "../../follow/state.js";
import { InputError } from "../../pipeline/analyze.js";
import { openQueue, queueUrl } from "../../queue/index.js";
import { jsonLog } from "../../queue/worker.js";
import { PostgresStore } from "../../store/postgres.js";

interface FollowFlags {
  db?: string;
  queue?: string;
  every: string;
  once?: boolean;
  status?: boolean;
  workers?: string;
  userAgent?: string;
  rate: string;
  concurrency: string;
  timeout: string;
  maxNew: string;
  maxAge: string;
  json?: boolean;
}

/** Options shared by `follow` and `ingest URL…`: how politely to fetch. */
export function fetcherFromFlags(flags: { userAgent?: string; rate?: string; concurrency?: string; timeout?: string }): Fetcher {
  const rate = Number(flags.rate ?? "1");
  if (!(rate > 0)) throw new InputError(`--rate: want requests per second per host > 0, got ${flags.rate}`);
  return new Fetcher({
    userAgent: flags.userAgent ?? process.env.DZHERELO_USER_AGENT,
    intervalMs: 1000 / rate,
    concurrency: checkInt("concurrency", flags.concurrency, 1) ?? 2,
    timeoutMs: parseDuration(flags.timeout ?? "30s"),
  });
}

export function registerFollow(program: Command): void {
  program
    .command("follow")
    .description("keep following feeds and sitemaps (RSS, Atom, JSON Feed, news sitemaps): fetch, analyse and store new articles")
    .argument("<sources...>", "files listing one feed, sitemap or outlet home-page URL per line ('#' comments), or URLs")
    .option("--db <file|url>", "the corpus: an SQLite file or postgres://… (default: $DZHERELO_DB or ./dzherelo.db)")
    .option("--queue <url>", "with a PostgreSQL corpus: fetch through the workers of this queue (default: $DZHERELO_QUEUE)")
    .option("--every <duration>", "poll interval per source (30s, 10m, 1h)", "10m")
    .option("--once", "poll every due source once, then exit")
    .option("--status", "print each source's health (last success, errors, articles/day) and exit")
    .option("--workers <n>", `analysis threads (default: one per core, ${defaultWorkers()} here)`)
    .option("--user-agent <ua>", "User-Agent to send (default: $DZHERELO_USER_AGENT or Dzherelo's own)")
    .option("--rate <n>", "requests per second per host, at most", "1")
    .option("--concurrency <n>", "requests in flight per host, at most", "2")
    .option("--timeout <duration>", "time limit per request", "30s")
    .option("--max-new <n>", "new articles per source per poll, newest first", "100")
    .option("--max-age <days>", "skip listed items dated older than this", "7")
    .option("--json", "print one JSON line per poll and per article")
    .action(async (args: string[], flags: FollowFlags) => {
      const urls = readSourceList(args);
      if (!urls.length) throw new InputError("no sources: give a file of feed/sitemap URLs, or URLs");
      const store = await openCorpusForWriting(flags.db);
      const state: FollowState = store instanceof PostgresStore ? new PostgresFollowState(store.pool) : new SqliteFollowState(store.db);
      if (flags.status) {
        try {
          await state.addSources(urls);
          const health = (await state.health()).filter((h) => urls.includes(h.url));
          if (flags.json) for (const h of health) process.stdout.write(JSON.stringify(h) + "\n");
          else process.stdout.write(healthTable(health));
        } finally {
          await store.close();
        }
        return;
      }
      const everyMs = parseDuration(flags.every);
      if (everyMs < 1000) throw new InputError("--every: at least 1s");
      const qurl = store instanceof PostgresStore ? queueUrl(flags.queue) : null;
      const signal = { stopped: false };
      if (qurl) {
        // Scale-out: polls and page fetches become queue jobs for `dzherelo worker` processes on any machine; the
        // per-host limits below hold over all of them together.
        const queue = openQueue(qurl);
        const onStop = () => {
          if (signal.stopped) process.exit(130);
          signal.stopped = true;
        };
        process.on("SIGINT", onStop);
        process.on("SIGTERM", onStop);
        const rate = Number(flags.rate ?? "1");
        if (!(rate > 0)) throw new InputError(`--rate: want requests per second per host > 0, got ${flags.rate}`);
        try {
          await scheduleFollow({
            state,
            queue,
            urls,
            once: !!flags.once,
            signal,
            log: flags.json
              ? jsonLog()
              : (e) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${e.polls} source(s) due: polls queued for the workers\n`),
            policy: {
              userAgent: flags.userAgent ?? process.env.DZHERELO_USER_AGENT ?? null,
              intervalMs: 1000 / rate,
              concurrency: checkInt("concurrency", flags.concurrency, 1) ?? 2,
              timeoutMs: parseDuration(flags.timeout ?? "30s"),
              everyMs,
              maxNewPerPoll: checkInt("max-new", flags.maxNew, 1) ?? 100,
              maxAgeDays: Number(flags.maxAge) > 0 ? Number(flags.maxAge) : 7,
            },
          });
          const health = (await state.health()).filter((h) => urls.includes(h.url));
          if (flags.json) for (const h of health) process.stdout.write(JSON.stringify({ type: "health", ...h }) + "\n");
          else process.stderr.write(healthTable(health));
        } finally {
          process.off("SIGINT", onStop);
          process.off("SIGTERM", onStop);
          await queue.close();
          await store.close();
        }
        return;
      }
      const pool = new AnalyzerPool(checkInt("workers", flags.workers) ?? defaultWorkers());
      const onSigint = () => {
        if (signal.stopped) process.exit(130);
        signal.stopped = true;
        process.stderr.write("\ndzherelo: stopping after the articles in hand are stored (Ctrl-C again to quit now)\n");
      };
      process.on("SIGINT", onSigint);
      process.on("SIGTERM", onSigint);
      const follower = new Follower({
        fetcher: fetcherFromFlags(flags),
        state,
        store,
        analyze: pool.analyzeForStore,
        everyMs,
        maxNewPerPoll: checkInt("max-new", flags.maxNew, 1),
        maxAgeDays: Number(flags.maxAge) > 0 ? Number(flags.maxAge) : 7,
        signal,
        onEvent: (e) => report(e, !!flags.json),
      });
      try {
        if (flags.once) await follower.pollDue(urls);
        else await follower.run(urls);
        store.checkpoint();
      } finally {
        process.off("SIGINT", onSigint);
        process.off("SIGTERM", onSigint);
        await pool.close();
        await store.close();
      }
    });
}

function report(e: FollowEvent, json: boolean): void {
  if (json) {
    process.stdout.write(JSON.stringify(e) + "\n");
    return;
  }
  const stamp = new Date().toISOString().slice(11, 19);
  if (e.type === "poll") {
    const r = e.result;
    const what =
      r.status === "error"
        ? `error: ${r.error}`
        : r.status === "not-modified" && !r.fresh
          ? "not modified"
          : `${r.kind ?? "?"}, ${r.listed} listed, ${r.fresh} new: stored ${r.stored}, duplicates ${r.duplicates}, failed ${r.failed}`;
    process.stderr.write(`${stamp} ${e.source}: ${what}\n`);
  } else if (e.status === "failed" || e.status === "retry") {
    process.stderr.write(`${stamp}   ${e.url}: ${e.status === "retry" ? "will retry" : "failed"}: ${e.error ?? ""}\n`);
  }
}

function healthTable(rows: SourceHealth[]): string {
  const when = (s: string | null) => (s ? `${day(s)} ${s.slice(11, 16)}` : "never");
  return table(
    ["source", "kind", "last success", "errors", "articles", "per day", "next poll", "last error"],
    rows.map((h) => [
      h.url,
      h.kind ?? "—",
      when(h.lastSuccess),
      String(h.errors),
      String(h.articles),
      String(h.articlesPerDay),
      h.nextPoll ? when(new Date(h.nextPoll).toISOString()) : "now",
      cut(h.lastError ?? "", 60),
    ]),
  );
}
