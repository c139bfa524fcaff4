/**
 * The job queue behind `dzherelo ingest` (producer) and `dzherelo worker` (consumers), kept behind this interface
 * so the broker can change (BullMQ on Redis now: src/queue/bullmq.ts; see docs/scale.md for why).
 *
 * A job is one raw input (an article to analyse and store). Jobs of one `ingest` invocation share a run id, so
 * that invocation can follow the progress of its own work while other runs share the same workers.
 */
import type { RawInput } from "../store/types.js";

/** What one job did, as counted for its run. */
export type JobOutcome = "stored" | "duplicate";

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
  /** Adds jobs for a run (idempotent per run and content). */
  enqueue(run: string, raws: RawInput[]): Promise<void>;
  progress(run: string): Promise<RunProgress>;
  /** Starts consuming; resolves once the consumer is connected. `handler` throws PoisonError for bad input. */
  process(handler: (raw: RawInput, run: string) => Promise<JobOutcome>, opts: ProcessOptions): Promise<{ close(): Promise<void> }>;
  status(): Promise<QueueStatus>;
  /** Dead letters of a run (or all), newest first. */
  deadLetters(limit?: number): Promise<DeadLetter[]>;
  close(): Promise<void>;
}
