/**
 * A worker thread that analyses raw inputs: the main thread of an ingest only reads sources and writes the
 * database, while analysis (the costly part) runs here, one worker per core.
 */
import { parentPort } from "node:worker_threads";
import { analyze } from "../pipeline/analyze.js";
import { prepareArticle } from "../store/prepare.js";
import type { RawInput } from "../store/types.js";
import { toAnalyzeInput } from "./raw.js";

interface Task {
  id: number;
  raw: RawInput;
  /** Also do the store's CPU work (compression, index text, signature) here rather than in the writer. */
  prepare?: boolean;
}

parentPort!.on("message", (task: Task & { memory?: boolean }) => {
  if (task.memory) {
    // This thread's heap (process.memoryUsage's heap figures are per thread; rss is the whole process's).
    const m = process.memoryUsage();
    parentPort!.postMessage({ id: task.id, memory: { heapUsed: m.heapUsed, heapTotal: m.heapTotal } });
    return;
  }
  try {
    const article = analyze(toAnalyzeInput(task.raw));
    const prepared = task.prepare ? prepareArticle(task.raw, article) : undefined;
    parentPort!.postMessage({ id: task.id, article, prepared });
  } catch (err) {
    parentPort!.postMessage({ id: task.id, error: err instanceof Error ? err.message : String(err) });
  }
});
