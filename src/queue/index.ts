/**
 * Opening the job queue: `--queue URL` or $DZHERELO_QUEUE (redis://host:6379). Without one, ingest works in
 * this process as before (embedded mode).
 */
import { BullQueue } from "./bullmq.js";
import type { JobQueue } from "./types.js";

export * from "./types.js";
export { BullQueue };

export function queueUrl(flag?: string | null): string | null {
  return flag || process.env.DZHERELO_QUEUE || null;
}

export function openQueue(url: string): JobQueue {
  if (/^rediss?:\/\//i.test(url)) return new BullQueue(url);
  throw new Error(`unsupported queue URL ${url}: give redis://host:6379 (BullMQ on Redis)`);
}
