/**
 * A pool of analysis worker threads (see analyze-worker.ts). `analyze(raw)` sends the task to the least busy
 * worker; a worker that dies (out of memory, a crash in a stage) fails its own tasks and is replaced.
 */
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { Article } from "../article.js";
import { prepareArticle, type PreparedArticle } from "../store/prepare.js";
import type { RawInput } from "../store/types.js";
import { toAnalyzeInput } from "./raw.js";

interface Pending {
  resolve: (a: Analyzed) => void;
  reject: (e: Error) => void;
}

/** A worker thread's V8 heap, in bytes. */
export interface WorkerHeap {
  heapUsed: number;
  heapTotal: number;
}

/** An analysed article, with the store's precomputed part when asked for (`analyzeForStore`). */
export interface Analyzed {
  article: Article;
  prepared?: PreparedArticle;
}

interface Slot {
  worker: Worker;
  pending: Map<number, Pending>;
  /** Tasks this worker finished: a worker that dies before its first cannot load the analyser at all. */
  done: number;
  /** Tasks sent to it; after `recycleAfter` it is replaced and ends once its queue drains. */
  sent: number;
  retired: boolean;
}

/**
 * Tasks after which a worker is replaced by a fresh one: a guard for very long runs against anything in the
 * analysers that grows with the text seen (caches, leaks). It costs one model load per 20,000 articles. In a
 * pool of two or more, a replacement starts only after the worker it replaces has ended (the others carry on),
 * so the analysers' memory is never held twice for one slot.
 */
function recycleAfter(): number {
  const env = Number(process.env.DZHERELO_WORKER_RECYCLE);
  return Number.isInteger(env) && env > 0 ? env : 20_000;
}

export class AnalysisError extends Error {
  override name = "AnalysisError";
}

/**
 * A new analysis worker: the compiled worker beside this module, or (running from sources under tsx: tests,
 * scripts) a small bootstrap that registers tsx inside the worker and then imports the .ts worker.
 */
function newWorker(module?: URL, workerData?: unknown): Worker {
  const resourceLimits = workerLimits();
  const js = module ?? new URL("./analyze-worker.js", import.meta.url);
  if (!js.pathname.endsWith(".ts") && existsSync(fileURLToPath(js))) return new Worker(js, { workerData, resourceLimits });
  const ts = module?.href ?? new URL("./analyze-worker.ts", import.meta.url).href;
  const boot = `import("tsx/esm/api").then(({ register }) => { register(); return import(${JSON.stringify(ts)}); })`;
  return new Worker(boot, { eval: true, workerData, resourceLimits });
}

/**
 * A worker's V8 young generation, MB (DZHERELO_WORKER_YOUNG_MB overrides; 0 keeps V8's default, 3 × 16 MB on
 * 64-bit). Analysis makes mostly short-lived garbage, and each worker holds its young generation's pages at
 * their peak for the run; a smaller one costs a few more (cheap) scavenges.
 */
function workerLimits(): { maxYoungGenerationSizeMb?: number } {
  const env = process.env.DZHERELO_WORKER_YOUNG_MB;
  const mb = env !== undefined && env !== "" ? Number(env) : WORKER_YOUNG_MB;
  return Number.isFinite(mb) && mb > 0 ? { maxYoungGenerationSizeMb: mb } : {};
}

const WORKER_YOUNG_MB = 16;

/**
 * Another worker module speaking the same protocol (a `{ id, raw, prepare }` message in, `{ id, article,
 * prepared }` or `{ id, error }` out), e.g. a load generator's stand-in for analysis; `workerData` is passed to it.
 */
export interface PoolWorker {
  module: URL;
  workerData?: unknown;
}

export class AnalyzerPool {
  private slots: Slot[] = [];
  private nextId = 1;
  private closed = false;
  /** Set when workers keep dying before finishing any task (the analyser cannot load): every task fails fast. */
  private broken: Error | null = null;
  private startupFailures = 0;
  private readonly recycle = recycleAfter();
  /** Replaced workers still finishing their queued tasks. */
  private draining = new Set<Slot>();

  /** `size` 0 analyses in the calling thread (tests, tiny runs). */
  constructor(
    readonly size = defaultWorkers(),
    private readonly custom?: PoolWorker,
  ) {
    // Quotas are staggered (the first worker is replaced after recycle/size tasks, the next after 2·recycle/size…)
    // so that replacements come one at a time.
    for (let i = 0; i < size; i++) {
      const slot = this.spawn();
      slot.sent = Math.floor(((size - 1 - i) * this.recycle) / size);
      this.slots.push(slot);
    }
  }

  private spawn(): Slot {
    const worker = newWorker(this.custom?.module, this.custom?.workerData);
    const slot: Slot = { worker, pending: new Map(), done: 0, sent: 0, retired: false };
    slot.worker.on("message", (m: { id: number; article?: Article; prepared?: PreparedArticle; error?: string; memory?: WorkerHeap }) => {
      if (m.memory) {
        this.heapAsks.get(m.id)?.(m.memory);
        this.heapAsks.delete(m.id);
        return;
      }
      const p = slot.pending.get(m.id);
      if (!p) return;
      slot.pending.delete(m.id);
      slot.done++;
      this.startupFailures = 0;
      if (m.article) p.resolve({ article: m.article, prepared: m.prepared });
      else p.reject(new AnalysisError(m.error ?? "analysis failed"));
      if (slot.retired && slot.pending.size === 0) this.endRetired(slot);
    });
    const fail = (err: Error) => {
      for (const p of slot.pending.values()) p.reject(new AnalysisError(`analysis worker died: ${err.message}`));
      slot.pending.clear();
      if (slot.done === 0 && ++this.startupFailures >= 3 * Math.max(1, this.size)) {
        this.broken = new AnalysisError(`the analyser cannot start in a worker thread: ${err.message}`);
      }
      const i = this.slots.indexOf(slot);
      if (i >= 0 && !this.closed && !this.broken) this.slots[i] = this.spawn();
      else if (slot.retired && this.draining.has(slot)) this.endRetired(slot);
    };
    slot.worker.on("error", fail);
    slot.worker.on("exit", (code) => {
      if (!this.closed && code !== 0 && !(slot.retired && slot.pending.size === 0)) fail(new Error(`exit code ${code}`));
    });
    return slot;
  }

  /** Tasks queued or running. */
  get busy(): number {
    return this.slots.reduce((n, s) => n + s.pending.size, 0);
  }

  /** The Article for a raw input. */
  analyze = (raw: RawInput): Promise<Article> => this.run(raw, false).then((a) => a.article);

  /** The Article plus the store's precomputed part (see `prepareArticle`), both made in the worker. */
  analyzeForStore = (raw: RawInput): Promise<Analyzed> => this.run(raw, true);

  private run(raw: RawInput, prepare: boolean): Promise<Analyzed> {
    return this.runTask(raw, prepare).then(requireText);
  }

  private runTask(raw: RawInput, prepare: boolean): Promise<Analyzed> {
    if (this.broken) return Promise.reject(this.broken);
    if (this.size === 0) {
      // Loaded only here: with workers, the analyser (its modules and data) lives in the workers alone.
      return import("../pipeline/analyze.js").then(({ analyze }) => {
        const article = analyze(toAnalyzeInput(raw));
        return { article, prepared: prepare ? prepareArticle(raw, article) : undefined };
      });
    }
    const slot = this.slots.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    const id = this.nextId++;
    const done = new Promise<Analyzed>((resolve, reject) => {
      slot.pending.set(id, { resolve, reject });
      slot.worker.postMessage({ id, raw, prepare });
    });
    if (++slot.sent >= this.recycle) {
      // It gets no more tasks; it finishes what it was sent, then ends (see the message handler). With other
      // workers to carry on, its replacement starts only once it has ended, so that two analysers' memory is
      // never held for one slot; a single worker is replaced at once.
      slot.retired = true;
      this.draining.add(slot);
      const i = this.slots.indexOf(slot);
      if (this.slots.length > 1) this.slots.splice(i, 1);
      else this.slots[i] = this.spawn();
    }
    return done;
  }

  /** Ends a retired worker; its replacement starts if the pool is short of workers. */
  private endRetired(slot: Slot): void {
    this.draining.delete(slot);
    void slot.worker.terminate();
    if (!this.closed && !this.broken && this.slots.length < this.size) this.slots.push(this.spawn());
  }

  /** Worker threads alive now (serving, or finishing their last tasks before being replaced). */
  get threads(): number {
    return this.slots.length + this.draining.size;
  }

  private heapAsks = new Map<number, (h: WorkerHeap) => void>();

  /**
   * Each worker's heap (answered between tasks; a worker that does not answer within `timeoutMs` is left out).
   * Tells what the analysers hold apart from the main thread.
   */
  async heaps(timeoutMs = 5000): Promise<WorkerHeap[]> {
    const asks = this.slots.map(
      (slot) =>
        new Promise<WorkerHeap | null>((resolve) => {
          const id = this.nextId++;
          const timer = setTimeout(() => {
            this.heapAsks.delete(id);
            resolve(null);
          }, timeoutMs);
          this.heapAsks.set(id, (h) => {
            clearTimeout(timer);
            resolve(h);
          });
          slot.worker.postMessage({ id, memory: true });
        }),
    );
    return (await Promise.all(asks)).filter((h): h is WorkerHeap => h !== null);
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.slots, ...this.draining].map((s) => s.worker.terminate()));
    this.slots = [];
    this.draining.clear();
  }
}

/** One worker per core; the main thread (reading and writing) shares them. */
export function defaultWorkers(): number {
  const env = Number(process.env.DZHERELO_WORKERS);
  if (Number.isInteger(env) && env >= 0) return env;
  return Math.max(1, availableParallelism());
}

/** An input with no article text (empty, blank, a page with nothing to extract) is not an article to store. */
export class NoTextError extends Error {
  override name = "NoTextError";
}

function requireText(a: Analyzed): Analyzed {
  if (!a.article.text.trim()) throw new NoTextError("no article text found in the input");
  return a;
}
