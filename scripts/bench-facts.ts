// Speed of the facts stage (figures + dates) alone, on one core: articles/s and MB/s.
//
//   npx tsx scripts/bench-facts.ts [--seconds 10] [--stress]
//
// --stress also times one 1 MB synthetic text dense with numbers and date words and without sentence stops
// (the worst case for the look-arounds; the time must grow linearly with the size).
//
// Articles: the quotes-dev texts in ../shared (60 real uk/ru/en articles) + the seed, else the repo's sample.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { extractFacts } from "../src/facts/stage.js";

const argSeconds = process.argv.indexOf("--seconds");
const seconds = argSeconds > 0 ? Number(process.argv[argSeconds + 1]) : 10;
const shared = process.env.DZHERELO_SHARED ?? join(process.cwd(), "..", "shared");
const dev = join(shared, "data", "quotes-dev");

const docs: Array<{ text: string; lang: string; published: string | null }> = [];
if (existsSync(dev)) {
  for (const f of readdirSync(dev).filter((f) => f.endsWith(".json")).sort()) {
    const g = JSON.parse(readFileSync(join(dev, f), "utf8"));
    docs.push({ text: g.text, lang: g.lang, published: g.published ?? "2020-06-15" });
  }
  docs.push({ text: readFileSync(join(shared, "seed", "article.txt"), "utf8"), lang: "uk", published: "2024-06-19" });
} else {
  docs.push({ text: readFileSync("samples/seed/article.txt", "utf8"), lang: "uk", published: "2024-06-19" });
}
const bytesPerRound = docs.reduce((n, d) => n + Buffer.byteLength(d.text), 0);

let figures = 0;
let dates = 0;
for (const d of docs) {
  const r = extractFacts(d);
  figures += r.figures.length;
  dates += r.dates.length;
}
let articles = 0;
let bytes = 0;
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
const cpu0 = cpu();
const start = performance.now();
while (performance.now() - start < seconds * 1000) {
  for (const d of docs) {
    extractFacts(d);
    articles++;
  }
  bytes += bytesPerRound;
}
const elapsed = (performance.now() - start) / 1000;
const cpuSeconds = cpu() - cpu0;
console.log(`corpus: ${docs.length} articles, mean ${(bytesPerRound / docs.length / 1024).toFixed(1)} KB; ${figures} figures, ${dates} dates per round`);
console.log(`machine: ${os.cpus()[0]?.model ?? "?"} (${os.cpus().length} cores), Node ${process.version}; one core`);
console.log(`facts stage, wall clock: ${(articles / elapsed).toFixed(0)} articles/s, ${(bytes / elapsed / 1048576).toFixed(2)} MB/s`);
// On a shared machine the wall clock also counts time other processes held the core; CPU time does not.
console.log(`facts stage, CPU time:   ${(articles / cpuSeconds).toFixed(0)} articles/s, ${(bytes / cpuSeconds / 1048576).toFixed(2)} MB/s (${((cpuSeconds / articles) * 1000).toFixed(3)} ms/article)`);

if (process.argv.includes("--stress")) {
  const words = ["у", "понеділок", "вчора", "5", "тисяч", "людей", "в", "червні", "2019", "року", "і", "близько", "10%", "доларів", "$5m", "сьогодні", "текст", "без", "крапок"];
  for (const size of [250_000, 500_000, 1_000_000]) {
    let text = "";
    let seed = 1;
    while (text.length < size) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      text += words[seed % words.length] + " ";
    }
    const c0 = cpu();
    const r = extractFacts({ text, lang: "uk", published: "2024-06-19" });
    console.log(`stress ${(size / 1e6).toFixed(2)} MB dense, no stops: ${((cpu() - c0) * 1000).toFixed(0)} ms CPU, ${r.figures.length} figures, ${r.dates.length} dates`);
  }
}
