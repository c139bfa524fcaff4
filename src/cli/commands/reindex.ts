import type { Command } from "commander";
import { checkInt, openExisting, DB_HELP } from "../../corpus/cli-support.js";
import { AnalyzerPool, defaultWorkers } from "../../corpus/pool.js";

interface ReindexFlags {
  db?: string;
  workers?: string;
  json?: boolean;
}

export function registerReindex(program: Command): void {
  program
    .command("reindex")
    .description("re-analyse every stored raw input with the current analyser and rebuild entities, quotes, index and stories")
    .option("--workers <n>", `analysis threads (default: one per core, ${defaultWorkers()} here)`)
    .option("--db <file|url>", DB_HELP)
    .option("--json", "print the summary as JSON")
    .action(async (f: ReindexFlags) => {
      const store = await openExisting(f.db);
      const pool = new AnalyzerPool(checkInt("workers", f.workers) ?? defaultWorkers());
      let last = 0;
      try {
        const res = await store.reindex(pool.analyze, (p) => {
          if (!f.json && Date.now() - last > 2000) {
            last = Date.now();
            process.stderr.write(`reindex: ${p.done}/${p.total}, failed ${p.failed}\n`);
          }
        });
        store.checkpoint();
        const stats = await store.stats();
        if (f.json) process.stdout.write(JSON.stringify({ ...res, corpus: stats }) + "\n");
        else process.stderr.write(`reindex: ${res.done}/${res.total} re-analysed, failed ${res.failed}; ${stats.entities} entities, ${stats.quotes} quotes, ${stats.stories} stories\n`);
      } finally {
        await pool.close();
        await store.close();
      }
    });
}
