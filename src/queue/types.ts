/**
 * The job queue behind `dzherelo ingest` (producer) and `dzherelo worker` (consumers), kept behind this interface
 * so the broker can change (BullMQ on Redis now: src/queue/bullmq.ts; see docs/scale.md for why).
 *
 * A job is one raw input (an article to analyse and store). Jobs of one `ingest` invocation share a run id, so
 * that invocation can follow the progress of its own work while other runs share the same workers.
 */
import type { ListedItem } from "../follow/listing.js";
import type { RawInput } from "../store/types.js";

/** What one job did, as counted for its run ("failed": a fetched page with nothing to store, recorded as such). */
export type JobOutcome = "stored" | "duplicate" | "failed";

/** How politely to fetch: set by `follow`, carried by every fetch job so all workers apply the same limits. */
export interface FetchPolicy {
  userAgent: string | null;
  /** Minimum ms between request starts per host, over all workers. */
  intervalMs: number;
  /** Requests in flight per host, over all workers. */
  concurrency: number;
  timeoutMs: number;
  everyMs: number;
  maxNewPerPoll: number;
  maxAgeDays: number;
}

/** A fetch job: poll a followed source (feed, sitemap, outlet page), or fetch one article page it listed. */
export type FetchJob =
  | { kind: "poll"; url: string; policy: FetchPolicy }
  | { kind: "page"; item: ListedItem; source: string | null; policy: FetchPolicy };

/** What travels with an article job made from a fetched page (see Follower.storePage). */
export interface PageMeta {
  item: ListedItem;
  source: string | null;
  pageAuthors: string[];
  urls: string[];
}

export interface RunProgress {
  enqueued: number;
  stored: number;
  duplicates: number;
  /** Dead-lettered: analysis threw, or retries ran out. */
  failed: number;
}

export interface DeadLetter {
  id: string;
  origin: string | null;
  sha256: string;
  error: string;
  attempts: number;
  failedAt: string | null;
}

export interface QueueStatus {
  name: string;
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
  /** Jobs completed per minute over the last five minutes (0 when idle). */
  perMinute: number;
  workers: Array<{ name: string; addr: string; age: number | null }>;
  recentFailures: DeadLetter[];
  /** Fetch jobs of scale-out `follow` (polls and pages). */
  fetch?: { waiting: number; active: number; delayed: number };
}

export interface ProcessOptions {
  /** Jobs handled at once by this process. */
  concurrency: number;
  /** Called with structured events (one JSON object each): the worker logs them. */
  log?: (event: Record<string, unknown>) => void;
  /** Called when the queue has nothing left for this process (a good moment for cross-article work). */
  onIdle?: () => Promise<void>;
}

/** Analysis threw for this input: it is dead-lettered at once (retrying the same input fails the same way). */
export class PoisonError extends Error {
  override name = "PoisonError";
}

export interface JobQueue {
  readonly name: string;
  /** Adds jobs for a run (idempotent per run and content); `page`: the raw input is a page fetched by a fetch job. */
  enqueue(run: string, raws: RawInput[], page?: PageMeta): Promise<void>;
  progress(run: string): Promise<RunProgress>;
  /** Starts consuming; resolves once the consumer is connected. `handler` throws PoisonError for bad input. */
  process(handler: (raw: RawInput, run: string, page?: PageMeta) => Promise<JobOutcome>, opts: ProcessOptions): Promise<{ close(): Promise<void> }>;
  /** Adds fetch jobs (one per source or page URL at a time: a URL already waiting or in hand is not added twice). */
  enqueueFetch(run: string, jobs: FetchJob[]): Promise<void>;
  processFetch(handler: (job: FetchJob, run: string) => Promise<void>, opts: ProcessOptions): Promise<{ close(): Promise<void> }>;
  /** True when no job of either kind is waiting, delayed or in hand. */
  idle(): Promise<boolean>;
  status(): Promise<QueueStatus>;
  /** Dead letters of a run (or all), newest first. */
  deadLetters(limit?: number): Promise<DeadLetter[]>;
  close(): Promise<void>;
}
