/**
 * Times the entities and attribution stages inside analyze() on the quotes-dev texts (../shared): CPU
 * milliseconds per article for each of the two stages (process CPU time, so other jobs on the machine count
 * less than with wall time).
 *
 *   npx tsx scripts/bench-attribution.ts [rounds] [--alone]
 *   npx tsx scripts/bench-attribution.ts --unseen     (the bench:analyze corpus; main-thread and process CPU)
 *
 * Four figures per stage:
 *  - load: the first analysis of a short unrelated text (loads the lemmatiser dictionary and the gazetteer);
 *  - first pass: the even-numbered texts, each seen for the first time, right after loading (per-word and
 *    per-name memos empty, code not yet optimised by the JIT);
 *  - unseen: the odd-numbered texts, first seen after two more rounds over the even ones (code warm, memos
 *    full of other articles' words and names: new articles in a running process);
 *  - warm: the best of further rounds over all texts (memos full: the steady state of a long-running process
 *    that has met the common names and words of the news).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { analyze, STAGES } from "../src/index.js";
import { loadBenchCorpus } from "./lib/bench-corpus.js";

// --unseen: the bench:analyze corpus (854 articles each analysed once after a warm-up on the others), every stage
// timed two ways: the main thread's own CPU time (Linux /proc/thread-self/schedstat) and process CPU time. Process
// CPU also counts V8's background threads (concurrent GC marking and sweeping, optimising compiler) while a stage
// runs — on a loaded machine a third more for attribution — so the main-thread figure is the stages' own cost.
// (Each reading costs a few microseconds, included in the main-thread figures.)
if (process.argv.includes("--unseen")) {
  const SCHED = "/proc/thread-self/schedstat";
  const own = existsSync(SCHED);
  const thr = () => (own ? Number(readFileSync(SCHED, "utf8").split(" ")[0]) / 1e6 : 0);
  const stats = new Map<string, { thr: number; cpu: number }>();
  let on = false;
  for (const s of STAGES as Array<{ name: string; run: (...a: unknown[]) => unknown }>) {
    const run = s.run;
    s.run = (...a: unknown[]) => {
      if (!on) return run.apply(s, a);
      const t0 = thr();
      const c0 = process.cpuUsage();
      const r = run.apply(s, a);
      const c = process.cpuUsage(c0);
      const x = stats.get(s.name) ?? { thr: 0, cpu: 0 };
      x.thr += thr() - t0;
      x.cpu += (c.user + c.system) / 1000;
      stats.set(s.name, x);
      return r;
    };
  }
  const all = loadBenchCorpus();
  const timed = all.filter((_, i) => i % 20 !== 0);
  for (const x of all.filter((_, i) => i % 20 === 0)) analyze(x);
  on = true;
  let quotes = 0;
  for (const x of timed) quotes += analyze(x).quotes.length;
  console.log(`${timed.length} unseen articles, ${quotes} quotes; CPU ms per article, ${own ? "main thread / process" : "process (no schedstat)"}:`);
  for (const [k, v] of stats) console.log(`  ${k.padEnd(12)} ${own ? (v.thr / timed.length).toFixed(2).padStart(6) + " / " : ""}${(v.cpu / timed.length).toFixed(2)}`);
  process.exit(0);
}

const dir = join(process.env.DZHERELO_SHARED ?? join(import.meta.dirname, "..", "..", "shared"), "data", "quotes-dev");
const docs = readdirSync(dir)
  .filter((f) => f.endsWith(".json"))
  .sort()
  .map((f) => JSON.parse(readFileSync(join(dir, f), "utf8")) as { text: string; lang: string });
const rounds = Number(process.argv[2] ?? 5);
const TIMED = ["entities", "attribution"];

const cpu = new Map<string, number>();
for (const s of STAGES as { name: string; run: (...a: unknown[]) => unknown }[]) {
  if (!TIMED.includes(s.name)) continue;
  const run = s.run;
  s.run = (...a: unknown[]) => {
    const c0 = process.cpuUsage();
    const out = run.apply(s, a);
    const c = process.cpuUsage(c0);
    cpu.set(s.name, (cpu.get(s.name) ?? 0) + (c.user + c.system) / 1000);
    return out;
  };
}
const sum = (o: Record<string, number>) => TIMED.reduce((s, n) => s + o[n], 0);
const take = () => {
  const r = Object.fromEntries(TIMED.map((n) => [n, cpu.get(n) ?? 0]));
  cpu.clear();
  return r;
};

analyze("Президент Володимир Зеленський заявив, що «переговори тривають», пише Reuters.");
const load = take();
const even = docs.filter((_, i) => i % 2 === 0);
const odd = docs.filter((_, i) => i % 2 === 1);
let quotes = 0;
for (const d of even) quotes += analyze({ text: d.text }).quotes.length;
const first = take();
for (let r = 0; r < 2; r++) for (const d of even) analyze({ text: d.text });
take();
for (const d of odd) quotes += analyze({ text: d.text }).quotes.length;
const unseen = take();
// Warm: the best round (the machine is shared, so a round's CPU time also grows with cache misses caused by
// other jobs; the least-disturbed round is the closest to the code's own cost).
let warm: Record<string, number> = {};
for (let r = 0; r < rounds; r++) {
  for (const d of docs) analyze({ text: d.text });
  const t = take();
  if (r === 0 || sum(t) < sum(warm)) warm = t;
}

const chars = docs.reduce((n, d) => n + d.text.length, 0) / docs.length;
console.log(`articles ${docs.length} (avg ${chars.toFixed(0)} chars), warm rounds ${rounds}, quotes ${quotes}`);
console.log(`ms per article  load (ms)  first pass  unseen  warm (best round)`);
const row = (name: string, f: (o: Record<string, number>) => number) =>
  console.log(`${name.padEnd(14)} ${f(load).toFixed(0).padStart(10)}  ${(f(first) / even.length).toFixed(2).padStart(10)}  ${(f(unseen) / odd.length).toFixed(2).padStart(6)}  ${(f(warm) / docs.length).toFixed(2).padStart(17)}`);
for (const n of TIMED) row(n, (o) => o[n]);
row("both", sum);

// --alone: the attribution stage by itself, over the inputs it was given above (each article's Article up to
// the entities stage, captured once), repeated; the median and best of 5 repetitions of `rounds` rounds. Other
// stages' time and their caches do not enter, so two versions of the attribution code compare more closely.
// (The whole-text word list is scanned again for each article here; in the pipeline the entities stage has
// already done it.)
if (process.argv.includes("--alone")) {
  const stage = (STAGES as { name: string; run: (...a: unknown[]) => unknown }[]).find((s) => s.name === "attribution")!;
  const run = stage.run;
  const inputs: unknown[][] = [];
  stage.run = (...a: unknown[]) => {
    inputs.push([structuredClone(a[0]), a[1]]);
    return run.apply(stage, a);
  };
  for (const d of docs) analyze({ text: d.text });
  stage.run = run;
  for (let r = 0; r < 2; r++) for (const a of inputs) run.apply(stage, a);
  const per: number[] = [];
  for (let k = 0; k < 5; k++) {
    const c0 = process.cpuUsage();
    for (let r = 0; r < rounds; r++) for (const a of inputs) run.apply(stage, a);
    const c = process.cpuUsage(c0);
    per.push((c.user + c.system) / 1000 / (rounds * inputs.length));
  }
  per.sort((x, y) => x - y);
  console.log(`attribution alone, CPU ms per article: median ${per[2].toFixed(3)}, best ${per[0].toFixed(3)} (5 × ${rounds} rounds)`);
}
