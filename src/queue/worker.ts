/**
 * A stateless ingest worker: takes article jobs from the queue, analyses each (in this process, or in analysis
 * threads), and stores it with everything derived from it in one transaction. Any number of workers on any
 * number of machines share one queue and one database; what makes that safe lives in the store
 * (src/store/postgres.ts: idempotent insert by content hash, advisory locks for entities and clustering).
 *
 * Clustering into stories needs the articles stored so far: each worker clusters at most once a second when no
 * other worker is clustering (`clusterIfFree`), and when the queue drains; `ingest` clusters once more at the end.
 */
import { AnalyzerPool } from "../corpus/pool.js";
import type { CorpusStore } from "../store/index.js";
import { PoisonError, type JobQueue } from "./types.js";

export interface WorkerOptions {
  concurrency: number;
  /** Analysis threads; 0 analyses in the worker's own thread (run more worker processes to use more cores). */
  threads: number;
  log?: (event: Record<string, unknown>) => void;
}

export async function startWorker(store: CorpusStore, queue: JobQueue, opts: WorkerOptions): Promise<{ close(): Promise<void> }> {
  const pool = new AnalyzerPool(opts.threads);
  // Clustering is a transaction of its own: at most once a second per worker (stories stay about a second
  // behind), and whenever the queue drains.
  let lastCluster = 0;
  const cluster = async () => {
    lastCluster = Date.now();
    if ("clusterIfFree" in store) await store.clusterIfFree();
    else await store.cluster();
  };
  const clusterSoon = async () => {
    if (Date.now() - lastCluster >= 1000) await cluster();
  };
  const consumer = await queue.process(
    async (raw) => {
      if (await store.has(raw.sha256)) return "duplicate";
      let analysed;
      try {
        analysed = await pool.analyzeForStore(raw);
      } catch (err) {
        // The analyser rejected the input (InputError) or crashed on it: the same input will do it again.
        throw new PoisonError(err instanceof Error ? err.message : String(err));
      }
      const [res] = await store.putArticles([{ raw, article: analysed.article, prepared: analysed.prepared }]);
      await clusterSoon().catch((err) => opts.log?.({ event: "cluster.error", level: "warn", error: (err as Error).message }));
      return res.created ? "stored" : "duplicate";
    },
    { concurrency: opts.concurrency, log: opts.log, onIdle: cluster },
  );
  return {
    close: async () => {
      await consumer.close();
      await pool.close();
    },
  };
}

/** One JSON object per line on stderr: what workers log (collectors parse it as is). */
export function jsonLog(base: Record<string, unknown> = {}): (event: Record<string, unknown>) => void {
  return (event) => process.stderr.write(JSON.stringify({ ts: new Date().toISOString(), level: "info", ...base, ...event }) + "\n");
}
