#!/usr/bin/env node
// `npm start`: build (done by the npm script), make or update the demo database from the shipped samples
// (and ../shared/data/quotes-dev when present), then serve the UI at http://127.0.0.1:8080.
// Environment: DZHERELO_DB (database file, default ./demo.db), PORT (default 8080), HOST, DZHERELO_TOKEN.
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const { openStore } = await import("../dist/store/index.js");
const { workerAnalyzer } = await import("../dist/server/analyzer.js");
const { demoSources, ingestPaths } = await import("../dist/server/demo.js");
const { startServer } = await import("../dist/server/serve.js");

const db = process.env.DZHERELO_DB || join(root, "demo.db");
const port = Number(process.env.PORT || 8080);
const host = process.env.HOST || "127.0.0.1";

try {
  const store = await openStore(db);
  await store.migrate();
  const analyzer = workerAnalyzer({ timeoutMs: 60_000 });
  const sources = demoSources();
  process.stdout.write(`dzherelo: demo database ${db}\ndzherelo: reading ${sources.join(", ")}\n`);
  const report = await ingestPaths(store, analyzer, sources, (n) => {
    if (n % 10 === 0) process.stdout.write(`dzherelo: analysed ${n} new articles\r`);
  });
  const stats = await store.stats();
  process.stdout.write(
    `dzherelo: ${report.added} new, ${report.skipped} already there, ${report.failed.length} failed; ` +
      `${stats.articles} articles, ${stats.quotes} quotes, ${stats.stories} stories\n`,
  );
  for (const f of report.failed.slice(0, 5)) process.stdout.write(`  ${f.origin}: ${f.error}\n`);
  await analyzer.close();
  await store.close();

  const running = await startServer({ db, port, host, token: process.env.DZHERELO_TOKEN || null });
  const open = running.token ? `${running.url}/?token=${encodeURIComponent(running.token)}` : running.url;
  process.stdout.write(`dzherelo: open ${open}  (Ctrl+C stops)\n`);
  const stop = () => void running.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
} catch (err) {
  console.error(`dzherelo: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
