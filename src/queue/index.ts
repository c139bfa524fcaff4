/**
 * Opening the job queue: `--queue URL` or $DZHERELO_QUEUE (redis://host:6379). Without one, ingest works in
 * this process as before (embedded mode).
 */
import type { Gate } from "../fetch/host-gate.js";
import { RedisHostGate } from "../fetch/redis-gate.js";
import { BullQueue } from "./bullmq.js";
import type { FetchPolicy, JobQueue } from "./types.js";

export * from "./types.js";
export { BullQueue };

export { queueUrl } from "./url.js";

export function openQueue(url: string): JobQueue {
  if (/^rediss?:\/\//i.test(url)) return new BullQueue(url);
  throw new Error(`unsupported queue URL ${url}: give redis://host:6379 (BullMQ on Redis)`);
}

/**
 * The per-host politeness gate every worker of this queue shares (in the queue's Redis), for a fetch policy's
 * limits; null for a queue that cannot hold one.
 */
export function sharedHostGate(queue: JobQueue): ((policy: FetchPolicy) => Gate) | null {
  if (!(queue instanceof BullQueue)) return null;
  const redis = queue.connection();
  const gates = new Map<string, Gate>();
  return (p) => {
    const key = `${p.intervalMs}/${p.concurrency}/${p.timeoutMs}`;
    let g = gates.get(key);
    if (!g) {
      g = new RedisHostGate(redis, { intervalMs: p.intervalMs, concurrency: p.concurrency, leaseMs: p.timeoutMs + 30_000, prefix: `dzherelo:${queue.name}:host` });
      gates.set(key, g);
    }
    return g;
  };
}
