/**
 * A worker thread that analyses raw inputs: the main thread of an ingest only reads sources and writes the
 * database, while analysis (the costly part) runs here, one worker per core.
 */
import { parentPort } from "node:worker_threads";
import { analyze } from "../pipeline/analyze.js";
import type { RawInput } from "../store/types.js";
import { toAnalyzeInput } from "./raw.js";

interface Task {
  id: number;
  raw: RawInput;
}

parentPort!.on("message", (task: Task) => {
  try {
    const article = analyze(toAnalyzeInput(task.raw));
    parentPort!.postMessage({ id: task.id, article });
  } catch (err) {
    parentPort!.postMessage({ id: task.id, error: err instanceof Error ? err.message : String(err) });
  }
});
