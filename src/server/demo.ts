/**
 * The demo corpus behind `npm start`: the sample articles shipped in the repo (samples/, the test fixture
 * corpus) and, when present beside the repo, the quotes-dev data set. Ingest is idempotent (the store skips
 * content it holds), so starting again only analyses what is new.
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Article } from "../article.js";
import { readSources } from "../ingest/sources/index.js";
import type { RawInput, Store } from "../store/types.js";
import { rawToInput } from "./app.js";
import type { Analyzer } from "./analyzer.js";

export const PACKAGE_ROOT = resolve(fileURLToPath(new URL("../..", import.meta.url)));

/** Folders the demo database is built from, those that exist. */
export function demoSources(root = PACKAGE_ROOT, shared = process.env.DZHERELO_SHARED ?? join(root, "..", "shared")): string[] {
  return [join(root, "samples"), join(root, "test", "fixtures", "corpus"), join(shared, "data", "quotes-dev")].filter((p) => existsSync(p));
}

export interface IngestReport {
  added: number;
  skipped: number;
  failed: Array<{ origin: string; error: string }>;
}

/** Reads, analyses and stores every article under `paths`, in batches; then recomputes story clusters. */
export async function ingestPaths(
  store: Store,
  analyzer: Analyzer,
  paths: string[],
  onProgress?: (done: number) => void,
): Promise<IngestReport> {
  const report: IngestReport = { added: 0, skipped: 0, failed: [] };
  let batch: Array<{ raw: RawInput; article: Article }> = [];
  const flush = async () => {
    if (!batch.length) return;
    const put = await store.putArticles(batch);
    for (const p of put) p.created ? report.added++ : report.skipped++;
    batch = [];
  };
  let done = 0;
  for await (const item of readSources(paths)) {
    if (item.error !== undefined) {
      report.failed.push({ origin: item.origin, error: item.error });
      continue;
    }
    const raw = item.raw;
    if (await store.has(raw.sha256)) {
      report.skipped++;
      continue;
    }
    try {
      batch.push({ raw, article: await analyzer.analyze(rawToInput(raw)) });
    } catch (err) {
      report.failed.push({ origin: raw.origin ?? "?", error: err instanceof Error ? err.message : String(err) });
    }
    if (batch.length >= 25) await flush();
    onProgress?.(++done);
  }
  await flush();
  await store.cluster();
  return report;
}
