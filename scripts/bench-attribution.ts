/**
 * Times the entities and attribution stages inside analyze() on the quotes-dev texts (../shared): CPU
 * milliseconds per article for each of the two stages (process CPU time, so other jobs on the machine count
 * less than with wall time).
 *
 *   npx tsx scripts/bench-attribution.ts [rounds]
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
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { analyze, STAGES } from "../src/index.js";

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
