// Plain-text analysis speed on one core: articles/s, MB/s and peak memory.
//
//   npm run bench:analyze [-- --seconds 20]
//
// Articles: the quotes-dev texts in ../shared (60 real uk/ru/en articles) when present, else the samples in the repo.
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { join } from "node:path";
import os from "node:os";
import { analyze } from "../src/index.js";

const argSeconds = process.argv.indexOf("--seconds");
const seconds = argSeconds > 0 ? Number(process.argv[argSeconds + 1]) : 15;
const shared = process.env.DZHERELO_SHARED ?? join(process.cwd(), "..", "shared");
const dev = join(shared, "data", "quotes-dev");

let texts: Array<{ text: string; published: string | null }> = [];
let corpus: string;
if (existsSync(dev)) {
  for (const f of readdirSync(dev).filter((f) => f.endsWith(".json")).sort()) {
    const g = JSON.parse(readFileSync(join(dev, f), "utf8"));
    texts.push({ text: g.text, published: g.published ?? null });
  }
  texts.push({ text: readFileSync(join(shared, "seed", "article.txt"), "utf8"), published: "2024-06-19" });
  corpus = `../shared quotes-dev (${texts.length - 1} articles) + seed`;
} else {
  texts = [{ text: readFileSync("samples/seed/article.txt", "utf8"), published: "2024-06-19" }];
  corpus = "samples/seed/article.txt (../shared absent)";
}
const bytesPerRound = texts.reduce((n, t) => n + Buffer.byteLength(t.text), 0);

// Warm-up: loads lexicons and models once, as a long-running process would.
const t0 = performance.now();
for (const t of texts) analyze(t);
const warm = performance.now() - t0;

let articles = 0;
let bytes = 0;
let peakRss = process.memoryUsage().rss;
const start = performance.now();
while (performance.now() - start < seconds * 1000) {
  for (const t of texts) {
    analyze(t);
    articles++;
  }
  bytes += bytesPerRound;
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}
const elapsed = (performance.now() - start) / 1000;
console.log(`corpus: ${corpus}, mean ${(bytesPerRound / texts.length / 1024).toFixed(1)} KB/article`);
console.log(`machine: ${os.cpus()[0]?.model ?? "?"} (${os.cpus().length} cores), Node ${process.version}; one core`);
console.log(`first pass (incl. loading resources): ${warm.toFixed(0)} ms for ${texts.length} articles`);
console.log(`articles/s ${(articles / elapsed).toFixed(1)} | MB/s ${(bytes / elapsed / 1e6).toFixed(2)} | peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MB | ${articles} articles in ${elapsed.toFixed(1)} s`);
