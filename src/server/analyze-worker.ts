/**
 * Worker thread body: runs `analyze()` for the server, one job at a time. It lives in its own thread so the
 * HTTP process stays responsive while a long article is analysed, and so a runaway analysis can be stopped
 * (the pool terminates the thread when the time limit passes).
 */
import { parentPort } from "node:worker_threads";
import { analyze, InputError } from "../pipeline/analyze.js";
import type { AnalyzeInput, AnalyzeOptions } from "../pipeline/types.js";

export interface WorkerJob {
  id: number;
  input: AnalyzeInput;
  options: AnalyzeOptions;
}

export type WorkerReply =
  | { id: number; ok: true; article: unknown }
  | { id: number; ok: false; inputError: boolean; message: string };

parentPort?.on("message", (job: WorkerJob) => {
  let reply: WorkerReply;
  try {
    reply = { id: job.id, ok: true, article: analyze(job.input, job.options) };
  } catch (err) {
    reply = {
      id: job.id,
      ok: false,
      inputError: err instanceof InputError,
      message: err instanceof Error ? err.message : String(err),
    };
  }
  parentPort!.postMessage(reply);
});
