/**
 * bench:store's stand-in for analysis (`--mode store`), FOR LOAD TESTS ONLY: a synthetic article gets the
 * entities, quotes and figures of the source texts it was recombined from that occur in its own text. The source
 * texts' real analyses are computed once (scripts/bench-store.ts) and read from a file.
 *
 * Runs in the bench's main thread (`--workers 0`) or, as a worker of the analysis pool, in worker threads: then
 * it also does the store's preparation (`prepareArticle`), like the real analysis worker, so the main thread only
 * reads and writes.
 */
import { readFileSync } from "node:fs";
import { parentPort, workerData } from "node:worker_threads";
import type { Article } from "../src/article.js";
import { prepareArticle } from "../src/store/prepare.js";
import type { RawInput } from "../src/store/types.js";

/** Source texts per synthetic article: a count then up to SRC_STRIDE - 1 indices, article i at i * SRC_STRIDE. */
export const SRC_STRIDE = 16;

export interface FakeAnalysisData {
  /** JSON file of the source texts' Articles. */
  analysesFile: string;
  /** Shared Uint16Array (see SRC_STRIDE). */
  sources: SharedArrayBuffer;
}

export function fakeAnalyzer(data: FakeAnalysisData): (raw: RawInput) => Article {
  const analyses = JSON.parse(readFileSync(data.analysesFile, "utf8")) as Article[];
  const srcOf = new Uint16Array(data.sources);
  return (raw) => {
    const text = String(raw.content);
    // The generator ends every article with "(i)", its index.
    const m = /\((\d+)\)$/.exec(text);
    const i = m ? Number(m[1]) : -1;
    const src: number[] = [];
    if (i >= 0 && (i + 1) * SRC_STRIDE <= srcOf.length) {
      for (let k = 0; k < srcOf[i * SRC_STRIDE]; k++) src.push(srcOf[i * SRC_STRIDE + 1 + k]);
    }
    const ents = new Map<string, Article["entities"][number]>();
    const quotes: Article["quotes"] = [];
    const figures: Article["figures"] = [];
    for (const s of src) {
      const a = analyses[s];
      for (const e of a.entities) if (text.includes(e.name) && !ents.has(e.name)) ents.set(e.name, { ...e, id: `e${ents.size + 1}` });
      for (const q of a.quotes) if (text.includes(q.text)) quotes.push({ ...q, id: `q${quotes.length + 1}`, speaker: q.speaker && { ...q.speaker, entity: null } });
      for (const f of a.figures) if (text.includes(f.text)) figures.push(f);
    }
    return {
      ...analyses[src[0] ?? 0],
      id: raw.sha256.slice(0, 16),
      text,
      title: raw.title ?? null,
      lang: raw.lang ?? "uk",
      publisher: raw.publisher ?? null,
      published: raw.published ?? null,
      entities: [...ents.values()],
      quotes,
      sources: [],
      figures,
    };
  };
}

if (parentPort && workerData && (workerData as FakeAnalysisData).analysesFile) {
  const analyze = fakeAnalyzer(workerData as FakeAnalysisData);
  const port = parentPort;
  port.on("message", (task: { id: number; raw: RawInput; prepare?: boolean; memory?: boolean }) => {
    if (task.memory) {
      const m = process.memoryUsage();
      port.postMessage({ id: task.id, memory: { heapUsed: m.heapUsed, heapTotal: m.heapTotal } });
      return;
    }
    try {
      const article = analyze(task.raw);
      const prepared = task.prepare ? prepareArticle(task.raw, article) : undefined;
      port.postMessage({ id: task.id, article, prepared });
    } catch (err) {
      port.postMessage({ id: task.id, error: err instanceof Error ? err.message : String(err) });
    }
  });
}
