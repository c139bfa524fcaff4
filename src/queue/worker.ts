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
import type { Gate } from "../fetch/host-gate.js";
import { PostgresFollowState } from "../follow/postgres-state.js";
import { FollowJobs } from "../follow/queued.js";
import type { CorpusStore } from "../store/index.js";
import { PostgresStore } from "../store/postgres.js";
import { PoisonError, type FetchPolicy, type JobQueue } from "./types.js";

export interface WorkerOptions {
  concurrency: number;
  /** Analysis threads; 0 analyses in the worker's own thread (run more worker processes to use more cores). */
  threads: number;
  log?: (event: Record<string, unknown>) => void;
  /**
   * Also take fetch jobs (scale-out `follow`, PostgreSQL corpus only): at most `concurrency` at once (they mostly
   * wait on the network and on the per-host gate), with the gate every worker shares.
   */
  fetch?: { concurrency: number; gate: (policy: FetchPolicy) => Gate };
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
  const follow =
    opts.fetch && store instanceof PostgresStore
      ? new FollowJobs({ store, state: new PostgresFollowState(store.pool), queue, analyze: pool.analyzeForStore, gate: opts.fetch.gate, log: opts.log })
      : null;
  const consumer = await queue.process(
    async (raw, _run, page) => {
      if (page) {
        // A page a fetch job brought in: dedup by URL, content and text, then analysed and recorded as seen.
        if (!follow) throw new Error("a fetched page needs a worker started with fetching on a PostgreSQL corpus");
        const outcome = await follow.storeArticle(raw, page);
        if (outcome === "stored") await clusterSoon().catch((err) => opts.log?.({ event: "cluster.error", level: "warn", error: (err as Error).message }));
        return outcome;
      }
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
  const fetcher = follow && opts.fetch ? await queue.processFetch((job, run) => follow.handle(job, run), { concurrency: opts.fetch.concurrency, log: opts.log }) : null;
  return {
    close: async () => {
      await fetcher?.close();
      await consumer.close();
      await pool.close();
    },
  };
}

/** One JSON object per line on stderr: what workers log (collectors parse it as is). */
export function jsonLog(base: Record<string, unknown> = {}): (event: Record<string, unknown>) => void {
  return (event) => process.stderr.write(JSON.stringify({ ts: new Date().toISOString(), level: "info", ...base, ...event }) + "\n");
}
