/**
 * Analysis with a time limit, for the server. `analyze()` is synchronous and CPU-bound; running it on the
 * request thread would stall every other request and could not be interrupted. The pool keeps a few worker
 * threads, queues jobs, and terminates (then replaces) a worker whose job runs past the limit.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { Article } from "../article.js";
import { analyze, InputError } from "../pipeline/analyze.js";
import type { AnalyzeInput, AnalyzeOptions } from "../pipeline/types.js";
import type { WorkerJob, WorkerReply } from "./analyze-worker.js";

/** Analysis ran past the limit and was stopped. */
export class AnalysisTimeout extends Error {
  override name = "AnalysisTimeout";
}

/** Too many analyses waiting: the caller should retry later. */
export class AnalyzerBusy extends Error {
  override name = "AnalyzerBusy";
}

export interface Analyzer {
  analyze(input: AnalyzeInput, options?: AnalyzeOptions): Promise<Article>;
  close(): Promise<void>;
}

export interface AnalyzerOptions {
  /** Milliseconds one analysis may take before it is stopped. */
  timeoutMs?: number;
  /** Worker threads (default 1: the machine is shared and analysis is CPU-bound). */
  workers?: number;
  /** Jobs allowed to wait for a worker (default 64); more are refused with AnalyzerBusy rather than queued forever. */
  maxQueue?: number;
}

/** Runs analysis on the calling thread: no time limit. For tests and tools that need no isolation. */
export function inlineAnalyzer(): Analyzer {
  return {
    analyze: async (input, options) => analyze(input, options ?? {}),
    close: async () => {},
  };
}

interface Pending {
  job: WorkerJob;
  resolve: (a: Article) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  busy: Pending | null;
  timer: NodeJS.Timeout | null;
}

/**
 * The worker script: the compiled `.js` beside this module; under a TypeScript runner (tests, tsx) the
 * `.ts` source, loaded through tsx's ESM hook.
 */
function spawnWorker(): Worker {
  const js = fileURLToPath(new URL("./analyze-worker.js", import.meta.url));
  if (existsSync(js)) return new Worker(js);
  const ts = new URL("./analyze-worker.ts", import.meta.url).href;
  const boot = `import { register } from "tsx/esm/api"; register(); await import(${JSON.stringify(ts)});`;
  return new Worker(boot, { eval: true, type: "module" } as ConstructorParameters<typeof Worker>[1]);
}

export function workerAnalyzer(opts: AnalyzerOptions = {}): Analyzer {
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const size = Math.max(1, opts.workers ?? 1);
  const maxQueue = opts.maxQueue ?? 64;
  const slots: Slot[] = [];
  const queue: Pending[] = [];
  let nextId = 1;
  let closed = false;

  const makeSlot = (): Slot => {
    const slot: Slot = { worker: spawnWorker(), busy: null, timer: null };
    slot.worker.unref();
    slot.worker.on("message", (reply: WorkerReply) => {
      const p = slot.busy;
      if (!p || p.job.id !== reply.id) return;
      finish(slot);
      if (reply.ok) p.resolve(reply.article as Article);
      else p.reject(reply.inputError ? new InputError(reply.message) : new Error(reply.message));
      pump();
    });
    slot.worker.on("error", (err) => {
      const p = slot.busy;
      finish(slot);
      replace(slot);
      p?.reject(err instanceof Error ? err : new Error(String(err)));
      pump();
    });
    return slot;
  };

  const finish = (slot: Slot) => {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.busy = null;
  };

  const replace = (slot: Slot) => {
    const i = slots.indexOf(slot);
    void slot.worker.terminate();
    if (i >= 0 && !closed) slots[i] = makeSlot();
  };

  const pump = () => {
    if (closed) return;
    while (queue.length) {
      let slot = slots.find((s) => !s.busy);
      if (!slot && slots.length < size) {
        slot = makeSlot();
        slots.push(slot);
      }
      if (!slot) return;
      const p = queue.shift()!;
      slot.busy = p;
      slot.worker.ref();
      const s = slot;
      s.timer = setTimeout(() => {
        finish(s);
        replace(s);
        p.reject(new AnalysisTimeout(`analysis took longer than ${timeoutMs} ms and was stopped`));
        pump();
      }, timeoutMs);
      s.worker.postMessage(p.job);
    }
    for (const s of slots) if (!s.busy) s.worker.unref();
  };

  return {
    analyze(input, options = {}) {
      if (closed) return Promise.reject(new Error("analyzer closed"));
      if (queue.length >= maxQueue) return Promise.reject(new AnalyzerBusy(`${queue.length} analyses are waiting; try again shortly`));
      return new Promise<Article>((resolve, reject) => {
        queue.push({ job: { id: nextId++, input, options }, resolve, reject });
        pump();
      });
    },
    async close() {
      closed = true;
      for (const p of queue.splice(0)) p.reject(new Error("analyzer closed"));
      await Promise.all(slots.map((s) => s.worker.terminate()));
      slots.length = 0;
    },
  };
}
