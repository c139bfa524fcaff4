/**
 * `npm run bench:web`: latency of the HTTP API on a real port of 127.0.0.1, sequential requests (one client),
 * over a fresh database holding the demo articles, the fixture corpus and ../shared/data/quotes-dev when
 * present. Prints a Markdown table (median and p95 in ms).
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { workerAnalyzer } from "../src/server/analyzer.js";
import { demoSources, ingestPaths } from "../src/server/demo.js";
import { startServer } from "../src/server/serve.js";
import { openStore } from "../src/store/index.js";
import { ROOT } from "../test/helpers/shared.js";

const dir = mkdtempSync(join(tmpdir(), "dzherelo-bench-web-"));
const db = join(dir, "bench.db");
const store = await openStore(db);
await store.migrate();
const analyzer = workerAnalyzer({ timeoutMs: 120_000 });
const t0 = performance.now();
const report = await ingestPaths(store, analyzer, demoSources());
const ingestMs = performance.now() - t0;
const stats = await store.stats();
await analyzer.close();
await store.close();

const server = await startServer({ db, port: 0, host: "127.0.0.1", webRoot: join(ROOT, "web", "dist") });
const rows: string[] = [];
async function measure(label: string, n: number, req: (i: number) => Promise<Response>) {
  await (await req(0)).arrayBuffer(); // warm-up (first analysis loads models in the worker)
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const res = await req(i);
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${label}: HTTP ${res.status}`);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))];
  rows.push(`| ${label} | ${n} | ${q(0.5).toFixed(1)} | ${q(0.95).toFixed(1)} |`);
}
try {
  const u = server.url;
  const seed = readFileSync(join(ROOT, "samples", "seed", "article.txt"), "utf8");
  await measure(`POST /api/analyze (seed article, ${seed.length} chars)`, 20, () =>
    fetch(`${u}/api/analyze`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text: seed, published: "2024-06-19" }) }),
  );
  const queries = ["договір", "сонячна станція", "уряд", "flood barrier", "президент", "заявив"];
  await measure("GET /api/search?q=… (6 queries)", 120, (i) => fetch(`${u}/api/search?q=${encodeURIComponent(queries[i % queries.length])}`));
  await measure("GET /api/search?lang=uk&page 2 (filters only)", 60, () => fetch(`${u}/api/search?lang=uk&limit=10&offset=10`));
  const { stories } = (await (await fetch(`${u}/api/stories`)).json()) as { stories: Array<{ id: string }> };
  await measure("GET /api/stories/{id}", 60, (i) => fetch(`${u}/api/stories/${stories[i % stories.length].id}`));
  const { quotes } = (await (await fetch(`${u}/api/quotes?limit=50`)).json()) as { quotes: Array<{ speakerName: string | null }> };
  const names = [...new Set(quotes.map((q) => q.speakerName).filter((x): x is string => !!x))].slice(0, 10);
  await measure("GET /api/speakers/{name}", 60, (i) => fetch(`${u}/api/speakers/${encodeURIComponent(names[i % names.length])}`));
  await measure("GET / (index.html)", 100, () => fetch(`${u}/`));

  console.log(`Machine: ${cpus().length} cores (${cpus()[0]?.model ?? "?"}), Node ${process.version}`);
  console.log(`Corpus: ${stats.articles} articles, ${stats.quotes} quotes, ${stats.stories} stories; ingest ${(ingestMs / 1000).toFixed(1)} s (${report.added} analysed, 1 worker)`);
  console.log("");
  console.log("| request | n | median ms | p95 ms |");
  console.log("|---|---|---|---|");
  for (const r of rows) console.log(r);
} finally {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
