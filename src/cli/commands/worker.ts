import type { Command } from "commander";
import { checkInt, openCorpusForWriting } from "../../corpus/cli-support.js";
import { openQueue, queueUrl, sharedHostGate } from "../../queue/index.js";
import { jsonLog, startWorker } from "../../queue/worker.js";
import { StoreError } from "../../store/index.js";

interface WorkerFlags {
  db?: string;
  queue?: string;
  concurrency?: string;
  threads?: string;
  fetchConcurrency?: string;
}

export function registerWorker(program: Command): void {
  program
    .command("worker")
    .description("take article jobs from the queue, analyse and store them (run any number, on any machine); logs JSON lines")
    .option("--db <url>", "the shared corpus (default: $DZHERELO_DB), e.g. postgres://user@host/dzherelo")
    .option("--queue <url>", "the job queue (default: $DZHERELO_QUEUE), e.g. redis://host:6379")
    .option("--concurrency <n>", "jobs in flight in this process (default 2: one analyses while the other is written)")
    .option("--threads <n>", "analysis threads (default 0: analyse in this process's own thread)")
    .option("--fetch-concurrency <n>", "fetch jobs of `follow` in flight in this process (default 8; 0: take none)")
    .action(async (flags: WorkerFlags) => {
      const url = queueUrl(flags.queue);
      if (!url) throw new StoreError("no queue: give --queue redis://host:6379 or set DZHERELO_QUEUE");
      const concurrency = checkInt("concurrency", flags.concurrency, 1) ?? 2;
      const threads = checkInt("threads", flags.threads, 0) ?? 0;
      const log = jsonLog({ worker: process.pid });
      const store = await openCorpusForWriting(flags.db);
      const queue = openQueue(url);
      const fetchConcurrency = checkInt("fetch-concurrency", flags.fetchConcurrency, 0) ?? 8;
      const gate = fetchConcurrency > 0 ? sharedHostGate(queue) : null;
      const fetch = gate ? { concurrency: fetchConcurrency, gate } : undefined;
      const w = await startWorker(store, queue, { concurrency, threads, log, fetch });
      log({ event: "worker.start", db: store.path, queue: url.replace(/:[^:@/]*@/, ":***@"), concurrency, threads, fetchConcurrency });
      // Graceful stop: finish the jobs in flight, then exit (a kill -9 instead leaves them to be retried).
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
      });
      log({ event: "worker.stopping" });
      await w.close();
      await queue.close();
      await store.close();
      log({ event: "worker.stopped" });
    });
}
