/**
 * The job queue on BullMQ (Redis). Why BullMQ: it is installed and maintained, runs on Redis (already a common
 * service next to PostgreSQL), and gives what the workers need without code of our own: at-least-once delivery
 * with a lock per active job (a killed worker's job is found stalled and handed to another), retries with
 * backoff, a failed set that keeps the error (the dead letters), per-minute metrics and a list of connected
 * workers for `dzherelo status`.
 *
 * Jobs: one per raw input, id `<run>-<sha256>` (the same content twice in one run is one job); raw bytes are
 * base64 in the job data. Completed jobs are removed (the article is in the database); failed ones are kept.
 * Per-run counters live in a Redis hash `dzherelo:<queue>:run:<run>`, so an `ingest` can show its own progress.
 */
import { createHash } from "node:crypto";
import { hostname } from "node:os";
import { Queue, UnrecoverableError, Worker, type Job } from "bullmq";
import { Redis } from "ioredis";
import type { RawInput } from "../store/types.js";
import {
  PoisonError,
  type DeadLetter,
  type FetchJob,
  type JobOutcome,
  type JobQueue,
  type PageMeta,
  type ProcessOptions,
  type QueueStatus,
  type RunProgress,
} from "./types.js";

interface JobData {
  run: string;
  raw: Omit<RawInput, "content"> & { content: string; base64?: boolean };
  page?: PageMeta;
}

interface FetchData {
  run: string;
  job: FetchJob;
}

const urlId = (url: string) => createHash("sha256").update(url).digest("hex").slice(0, 32);

/** Tuning from the environment (tests shorten the lock so a killed worker's job comes back in seconds). */
const LOCK_MS = Number(process.env.DZHERELO_QUEUE_LOCK_MS) || 30_000;
const ATTEMPTS = Number(process.env.DZHERELO_QUEUE_ATTEMPTS) || 5;
const RUN_TTL_S = 7 * 24 * 3600;

function connect(url: string): Redis {
  // maxRetriesPerRequest: null — BullMQ's blocking commands must wait through a Redis restart, not fail.
  const r = new Redis(url, { maxRetriesPerRequest: null, retryStrategy: (n) => Math.min(n * 200, 2000) });
  r.on("error", () => {}); // reconnecting is logged by the worker's own events; no unhandled 'error' crash
  return r;
}

function encode(raw: RawInput): JobData["raw"] {
  const { content, ...meta } = raw;
  return typeof content === "string" ? { ...meta, content } : { ...meta, content: Buffer.from(content).toString("base64"), base64: true };
}

function decode(d: JobData["raw"]): RawInput {
  const { content, base64, ...meta } = d;
  return { ...meta, content: base64 ? new Uint8Array(Buffer.from(content, "base64")) : content };
}

export class BullQueue implements JobQueue {
  private readonly queue: Queue;
  /** Fetch jobs (scale-out `follow`): a queue of their own, so a backlog of articles never delays polling. */
  private readonly fetchQueue: Queue;
  private readonly redis: Redis;
  private readonly conns: Redis[] = [];

  constructor(private readonly url: string, readonly name = process.env.DZHERELO_QUEUE_NAME || "dzherelo-ingest") {
    this.redis = connect(url);
    this.queue = new Queue(name, { connection: this.conn() });
    this.queue.on("error", () => {});
    this.fetchQueue = new Queue(`${name}-fetch`, { connection: this.conn() });
    this.fetchQueue.on("error", () => {});
  }

  /** A Redis connection for callers that share this queue's server (the per-host politeness gate). */
  connection(): Redis {
    return this.conn();
  }

  private conn(): Redis {
    const c = connect(this.url);
    this.conns.push(c);
    return c;
  }

  /** The run's counters: per queue, so runs of different queues never mix. */
  private runKey(run: string): string {
    return `dzherelo:${this.name}:run:${run}`;
  }

  async enqueue(run: string, raws: RawInput[], page?: PageMeta): Promise<void> {
    if (!raws.length) return;
    await this.queue.addBulk(
      raws.map((raw) => ({
        name: "article",
        data: (page ? { run, raw: encode(raw), page } : { run, raw: encode(raw) }) satisfies JobData,
        opts: {
          jobId: `${run}-${raw.sha256}`,
          attempts: ATTEMPTS,
          backoff: { type: "exponential", delay: 1000 },
          removeOnComplete: true,
          removeOnFail: false,
        },
      })),
    );
    const key = this.runKey(run);
    await this.redis.multi().hincrby(key, "enqueued", raws.length).expire(key, RUN_TTL_S).exec();
  }

  async progress(run: string): Promise<RunProgress> {
    const h = await this.redis.hgetall(this.runKey(run));
    const n = (k: string) => Number(h[k] ?? 0);
    return { enqueued: n("enqueued"), stored: n("stored"), duplicates: n("duplicates"), failed: n("failed") };
  }

  async enqueueFetch(run: string, jobs: FetchJob[]): Promise<void> {
    if (!jobs.length) return;
    await this.fetchQueue.addBulk(
      jobs.map((job) => ({
        name: job.kind,
        data: { run, job } satisfies FetchData,
        opts: {
          // One job per URL while it waits or runs: two polls listing one page, or a poll asked for twice, fetch once.
          jobId: `${job.kind}-${urlId(job.kind === "poll" ? job.url : job.item.url)}`,
          attempts: ATTEMPTS,
          backoff: { type: "exponential", delay: 1000 },
          // Fetch outcomes (errors included) are kept in the follow state, not in the queue.
          removeOnComplete: true,
          removeOnFail: true,
        },
      })),
    );
  }

  async processFetch(handler: (job: FetchJob, run: string) => Promise<void>, opts: ProcessOptions): Promise<{ close(): Promise<void> }> {
    const log = opts.log ?? (() => {});
    const worker = new Worker<FetchData, void>(
      this.fetchQueue.name,
      async (job: Job<FetchData>) => {
        const t0 = Date.now();
        const what = job.data.job.kind === "poll" ? job.data.job.url : job.data.job.item.url;
        await handler(job.data.job, job.data.run);
        log({ event: "fetch.done", kind: job.data.job.kind, url: what, ms: Date.now() - t0 });
      },
      {
        connection: this.conn(),
        concurrency: opts.concurrency,
        name: `${hostname()}:${process.pid}`,
        lockDuration: Math.max(LOCK_MS, 120_000),
        stalledInterval: 30_000,
        maxStalledCount: 3,
      },
    );
    worker.on("failed", (job, err) => {
      if (job) log({ event: "fetch.failed", level: "warn", job: job.id, attempt: job.attemptsMade, error: err.message });
    });
    worker.on("error", (err) => log({ event: "worker.error", level: "warn", error: err.message }));
    await worker.waitUntilReady();
    log({ event: "fetcher.ready", queue: this.fetchQueue.name, concurrency: opts.concurrency });
    return { close: () => worker.close() };
  }

  async idle(): Promise<boolean> {
    for (const q of [this.fetchQueue, this.queue]) {
      const c = await q.getJobCounts("waiting", "active", "delayed", "prioritized", "waiting-children");
      if (Object.values(c).some((n) => n > 0)) return false;
    }
    return true;
  }

  async process(handler: (raw: RawInput, run: string, page?: PageMeta) => Promise<JobOutcome>, opts: ProcessOptions): Promise<{ close(): Promise<void> }> {
    const log = opts.log ?? (() => {});
    const counters = this.redis;
    const count = async (run: string, field: string) => {
      const key = this.runKey(run);
      await counters.multi().hincrby(key, field, 1).expire(key, RUN_TTL_S).exec();
    };
    const worker = new Worker<JobData, JobOutcome>(
      this.name,
      async (job: Job<JobData>) => {
        const t0 = Date.now();
        const raw = decode(job.data.raw);
        log({ event: "job.start", job: job.id, origin: raw.origin ?? null, attempt: job.attemptsMade + 1 });
        let outcome: JobOutcome;
        try {
          outcome = await handler(raw, job.data.run, job.data.page);
        } catch (err) {
          // Bad input fails the same way every time: straight to the dead letters, with its error.
          if (err instanceof PoisonError) throw new UnrecoverableError(err.message);
          throw err;
        }
        await count(job.data.run, outcome === "stored" ? "stored" : outcome === "duplicate" ? "duplicates" : "failed");
        log({ event: "job.done", job: job.id, outcome, ms: Date.now() - t0 });
        return outcome;
      },
      {
        connection: this.conn(),
        concurrency: opts.concurrency,
        name: `${hostname()}:${process.pid}`,
        lockDuration: LOCK_MS,
        stalledInterval: Math.max(1000, Math.floor(LOCK_MS / 2)),
        maxStalledCount: 3,
        metrics: { maxDataPoints: 60 * 24 },
      },
    );
    worker.on("failed", (job, err) => {
      if (!job) return;
      const final = err.name === "UnrecoverableError" || job.attemptsMade >= (job.opts.attempts ?? 1);
      log({ event: final ? "job.dead" : "job.retry", level: final ? "error" : "warn", job: job.id, attempt: job.attemptsMade, error: err.message });
      if (final) void count(job.data.run, "failed").catch(() => {});
    });
    worker.on("error", (err) => log({ event: "worker.error", level: "warn", error: err.message }));
    worker.on("stalled", (id) => log({ event: "job.stalled", level: "warn", job: id }));
    worker.on("drained", () => void opts.onIdle?.().catch((err) => log({ event: "idle.error", level: "warn", error: (err as Error).message })));
    await worker.waitUntilReady();
    log({ event: "worker.ready", queue: this.name, concurrency: opts.concurrency });
    return {
      close: async () => {
        await worker.close();
      },
    };
  }

  async status(): Promise<QueueStatus> {
    const c = await this.queue.getJobCounts("waiting", "active", "delayed", "failed", "prioritized");
    const m = await this.queue.getMetrics("completed", 0, 5).catch(() => null);
    const workers = await this.queue.getWorkers().catch(() => []);
    return {
      name: this.name,
      waiting: (c.waiting ?? 0) + (c.prioritized ?? 0),
      active: c.active ?? 0,
      delayed: c.delayed ?? 0,
      failed: c.failed ?? 0,
      perMinute: m ? completedPerMinute(m, Date.now()) : 0,
      // One entry per worker process (BullMQ lists each of its connections; the name after ":w:" is ours).
      workers: [...new Map(workers.map((w) => [(w.rawname ?? "").split(":w:")[1] || w.addr, w])).entries()].map(([name, w]) => ({
        name,
        addr: w.addr ?? "?",
        age: w.age ? Number(w.age) : null,
      })),
      recentFailures: await this.deadLetters(10),
      fetch: await this.fetchQueue
        .getJobCounts("waiting", "active", "delayed", "prioritized")
        .then((f) => ({ waiting: (f.waiting ?? 0) + (f.prioritized ?? 0), active: f.active ?? 0, delayed: f.delayed ?? 0 }))
        .catch(() => undefined),
    };
  }

  async deadLetters(limit = 100): Promise<DeadLetter[]> {
    const jobs = await this.queue.getFailed(0, limit - 1);
    return jobs.map((j) => ({
      id: String(j.id),
      origin: j.data.raw.origin ?? null,
      sha256: j.data.raw.sha256,
      error: j.failedReason,
      attempts: j.attemptsMade,
      failedAt: j.finishedOn ? new Date(j.finishedOn).toISOString() : null,
    }));
  }

  /** Removes every job and counter of this queue (tests, benchmarks). */
  async obliterate(): Promise<void> {
    await this.queue.obliterate({ force: true });
    await this.fetchQueue.obliterate({ force: true });
    const keys: string[] = [];
    for await (const batch of this.redis.scanStream({ match: `dzherelo:${this.name}:run:*`, count: 500 })) keys.push(...(batch as string[]));
    if (keys.length) await this.redis.del(...keys);
  }

  async close(): Promise<void> {
    await this.queue.close().catch(() => {});
    await this.fetchQueue.close().catch(() => {});
    for (const c of this.conns) c.disconnect();
    this.redis.disconnect();
  }
}

/**
 * Jobs completed per minute over the last 5 minutes, from BullMQ's metrics. Its list holds one point per *past*
 * minute and is written only when a job completes in a later minute: the jobs of the minute of the last
 * completion wait in the counters (count − prevCount). Read from the list alone, a run that ended (or ran
 * within one minute) showed 0/min, and a running one lagged a minute behind.
 */
export function completedPerMinute(m: { meta: { count: number; prevTS: number; prevCount: number }; data: number[] }, now: number): number {
  if (!m.meta.prevTS) return 0;
  const nowMin = Math.floor(now / 60000);
  const last = Math.floor(m.meta.prevTS / 60000);
  let sum = 0;
  if (nowMin - last < 5) sum += m.meta.count - m.meta.prevCount;
  m.data.forEach((n, i) => {
    if (nowMin - (last - 1 - i) < 5) sum += n;
  });
  // The window is the 4 whole minutes before this one and the part of this one gone by.
  return sum / (4 + (now % 60000) / 60000);
}
