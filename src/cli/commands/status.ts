import type { Command } from "commander";
import { bold, openExisting, table, DB_HELP } from "../../corpus/cli-support.js";
import { openQueue, queueUrl } from "../../queue/index.js";

interface StatusFlags {
  db?: string;
  queue?: string;
  json?: boolean;
}

export function registerStatus(program: Command): void {
  program
    .command("status")
    .description("queue depth, rate, failures (dead letters with their errors) and connected workers, and the corpus size")
    .option("--db <file|url>", DB_HELP)
    .option("--queue <url>", "the job queue (default: $DZHERELO_QUEUE)")
    .option("--json", "print as JSON")
    .action(async (flags: StatusFlags) => {
      const url = queueUrl(flags.queue);
      const queue = url ? openQueue(url) : null;
      // A corpus that cannot be opened (a mistyped URL, the server down, no corpus there yet) is reported with
      // its reason, not left out: the queue part may still be worth seeing, but the user must learn why the
      // corpus line is missing, and the exit code says the status is incomplete.
      let corpusError: string | null = null;
      const store = await openExisting(flags.db).catch((err: unknown) => {
        corpusError = err instanceof Error ? err.message : String(err);
        return null;
      });
      try {
        const q = queue ? await queue.status() : null;
        const corpus = store ? await store.stats() : null;
        if (corpusError) process.exitCode = 1;
        if (flags.json) {
          process.stdout.write(JSON.stringify({ queue: q, corpus, db: store?.path ?? null, ...(corpusError ? { corpusError } : {}) }) + "\n");
          return;
        }
        let out = "";
        if (corpus) out += `${bold("corpus")} ${store!.path}: ${corpus.articles} articles, ${corpus.entities} entities, ${corpus.quotes} quotes, ${corpus.stories} stories\n`;
        else out += `${bold("corpus")} unavailable: ${corpusError}\n`;
        if (q) {
          out += `${bold("queue")} ${q.name}: ${q.waiting} waiting, ${q.active} active, ${q.delayed} delayed (retrying), ${q.failed} failed; ${q.perMinute.toFixed(0)} articles/min over the last 5 min\n`;
          if (q.fetch && q.fetch.waiting + q.fetch.active + q.fetch.delayed > 0) {
            out += `${bold("fetching")} ${q.fetch.waiting} waiting, ${q.fetch.active} active, ${q.fetch.delayed} delayed (polls and pages of \`follow\`)\n`;
          }
          out += `${bold("workers")} ${q.workers.length}${q.workers.length ? ": " + q.workers.map((w) => w.name).join(", ") : ""}\n`;
          if (q.recentFailures.length) {
            out += bold("dead letters (newest first)") + "\n";
            out += table(["job", "input", "error"], q.recentFailures.map((f) => [f.id.slice(0, 24), f.origin ?? f.sha256.slice(0, 12), f.error]));
          }
        } else out += "queue: none (set DZHERELO_QUEUE=redis://host:6379 or --queue)\n";
        process.stdout.write(out);
      } finally {
        await queue?.close();
        await store?.close();
      }
    });
}
