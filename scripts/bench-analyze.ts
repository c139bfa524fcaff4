// Plain-text analysis speed on one core, on articles the process has not seen before: articles per CPU-second,
// MB per CPU-second, peak RSS, and CPU ms per article for each stage.
//
//   npm run bench:analyze [-- --limit 400] [--warm 20] [--repeat] [--stages] [--threads 2]
//
// Articles (../shared, real news, each analysed exactly once in the timed pass):
//   quotes-dev (uk/ru/en) and the seed; NER-UK v2.0 training-split documents (uk; the test split is not read);
//   DAnIEL reference texts (ru); the Scrapinghub extraction benchmark's gold article bodies (en).
// A warm-up pass over other articles (every `warm`-th article, excluded from the timed pass) loads the lexicons,
// gazetteer and models and warms the JIT first, as in a long-running process; the timed articles are new to the
// process, so per-word and per-name caches hold only other articles' words.
// --repeat adds a second, warm figure: the quotes-dev texts analysed again and again (caches full).
// --threads N: N worker threads in one process, each with its own analyser, share the unseen articles (the shape of
// an N-worker ingest without the store); prints the process's peak RSS and articles per CPU-second of all threads.
// Without ../shared: the repository's samples, a few articles only.
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";
import os from "node:os";
import { analyze, STAGES } from "../src/index.js";
import { loadBenchCorpus } from "./lib/bench-corpus.js";

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const limit = arg("--limit", Infinity);
const warmEvery = arg("--warm", 20);

// --stages: per-stage CPU time, each stage's run wrapped with a CPU timer (the timer calls add ≈ 0.5 ms per
// article, so the totals are taken without them).
const stageCpu = new Map<string, number>();
if (process.argv.includes("--stages")) for (const s of STAGES as Array<{ name: string; run: (...a: unknown[]) => unknown }>) {
  const run = s.run;
  s.run = (...a: unknown[]) => {
    const c0 = process.cpuUsage();
    const r = run.apply(s, a);
    const c = process.cpuUsage(c0);
    stageCpu.set(s.name, (stageCpu.get(s.name) ?? 0) + (c.user + c.system) / 1000);
    return r;
  };
}
const cpuMs = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1000;

const all = loadBenchCorpus();
const warmSet = all.filter((_, i) => i % warmEvery === 0);
const timed = all.filter((_, i) => i % warmEvery !== 0).slice(0, limit);
const threads = arg("--threads", 0);

if (threads > 0 && isMainThread) {
  // Each thread analyses every threads-th unseen article after its own warm-up.
  let peakRss = 0;
  const sample = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const done = await Promise.all(
    Array.from({ length: threads }, (_, k) =>
      new Promise<{ n: number; bytes: number }>((resolve, reject) => {
        // The thread registers tsx's loader itself, then runs this script.
        const boot = `import(${JSON.stringify(import.meta.resolve("tsx/esm/api"))}).then((api) => { api.register(); return import(${JSON.stringify(import.meta.url)}); })`;
        const w = new Worker(boot, { eval: true, workerData: { k, threads }, argv: process.argv.slice(2) });
        w.on("message", resolve);
        w.on("error", reject);
      }),
    ),
  );
  clearInterval(sample);
  const cpu = cpuMs(process.cpuUsage(c0)) / 1000;
  const wall = (performance.now() - t0) / 1000;
  const n = done.reduce((a, d) => a + d.n, 0);
  const b = done.reduce((a, d) => a + d.bytes, 0);
  peakRss = Math.max(peakRss, process.resourceUsage().maxRSS * 1024);
  console.log(`machine: ${os.cpus()[0]?.model ?? "?"} (${os.cpus().length} cores), Node ${process.version}`);
  console.log(`${threads} threads, each with its own analyser: ${n} unseen articles (${(b / n / 1024).toFixed(1)} KB mean) in ${wall.toFixed(1)} s wall, ${cpu.toFixed(1)} CPU-s (incl. loading)`);
  console.log(`  ${(n / cpu).toFixed(1)} articles/CPU-s, ${(n / wall).toFixed(1)} articles/s wall | peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MB`);
  process.exit(0);
}
if (threads > 0) {
  const { k, threads: t } = workerData as { k: number; threads: number };
  for (const x of warmSet) analyze(x);
  let bytes = 0;
  let n = 0;
  for (let i = k; i < timed.length; i += t) {
    analyze(timed[i]);
    bytes += Buffer.byteLength(timed[i].text);
    n++;
  }
  parentPort!.postMessage({ n, bytes });
  process.exit(0);
}

const rss0 = process.memoryUsage().rss;
const l0 = process.cpuUsage();
analyze({ text: "Президент Володимир Зеленський заявив, що «переговори тривають», пише Reuters.", published: "2024-06-19" });
const loadMs = cpuMs(process.cpuUsage(l0));
const rssLoaded = process.memoryUsage().rss;
for (const t of warmSet) analyze(t);
stageCpu.clear();

const per = new Map<string, { n: number; bytes: number; ms: number }>();
let bytes = 0;
const c0 = process.cpuUsage();
for (const t of timed) {
  const a0 = process.cpuUsage();
  analyze(t);
  const ms = cpuMs(process.cpuUsage(a0));
  const b = Buffer.byteLength(t.text);
  bytes += b;
  const p = per.get(t.corpus) ?? { n: 0, bytes: 0, ms: 0 };
  p.n++;
  p.bytes += b;
  p.ms += ms;
  per.set(t.corpus, p);
}
const total = cpuMs(process.cpuUsage(c0));
const peak = process.resourceUsage().maxRSS * 1024;

const mb = (n: number) => (n / 2 ** 20).toFixed(0);
console.log(`machine: ${os.cpus()[0]?.model ?? "?"} (${os.cpus().length} cores), Node ${process.version}; one core, CPU time`);
console.log(`resources: first analysis ${loadMs.toFixed(0)} ms CPU, RSS ${mb(rss0)} → ${mb(rssLoaded)} MB; warm-up ${warmSet.length} other articles`);
console.log(`unseen articles, each analysed once (${timed.length}, mean ${(bytes / timed.length / 1024).toFixed(1)} KB):`);
console.log(`  corpus          articles   KB/art   ms/art  articles/CPU-s  MB/CPU-s`);
const row = (name: string, n: number, b: number, ms: number) =>
  console.log(
    `  ${name.padEnd(14)} ${String(n).padStart(9)} ${(b / n / 1024).toFixed(1).padStart(8)} ${(ms / n).toFixed(2).padStart(8)} ${((n * 1000) / ms).toFixed(1).padStart(15)} ${(b / 1e6 / (ms / 1000)).toFixed(2).padStart(9)}`,
  );
for (const [k, p] of per) row(k, p.n, p.bytes, p.ms);
row("all", timed.length, bytes, total);
if (stageCpu.size) console.log(`  stages, CPU ms per article: ${[...stageCpu].map(([k, v]) => `${k} ${(v / timed.length).toFixed(2)}`).join(", ")}`);

if (process.argv.includes("--repeat")) {
  const dev = all.filter((t) => t.corpus === "quotes-dev");
  const r0 = process.cpuUsage();
  let n = 0;
  for (let r = 0; r < 5; r++) for (const t of dev) (analyze(t), n++);
  const ms = cpuMs(process.cpuUsage(r0));
  console.log(`warm (quotes-dev analysed 5 more times, caches full): ${((n * 1000) / ms).toFixed(1)} articles/CPU-s, ${(ms / n).toFixed(2)} ms/article`);
}
console.log(`peak RSS ${mb(Math.max(peak, process.memoryUsage().rss))} MB`);
