/**
 * Times the entities and attribution stages inside analyze() on the quotes-dev texts (../shared): CPU
 * milliseconds per article for each of the two stages (process CPU time, so other jobs on the machine count
 * less than with wall time).
 *
 *   npx tsx scripts/bench-attribution.ts [rounds]
 *
 * Three figures per stage:
 *  - load: the first analysis of a short unrelated text (loads the lemmatiser dictionary and the gazetteer);
 *  - first pass: each dev text seen for the first time (per-word and per-name memos empty for its words);
 *  - warm: the best of further rounds over the same texts (memos full: the steady state of a long-running
 *    process that has met the common names and words of the news already).
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
let quotes = 0;
for (const d of docs) quotes += analyze({ text: d.text }).quotes.length;
const first = take();
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
console.log(`stage         load ms   first pass ms/article   warm ms/article (best round)`);
for (const n of TIMED) {
  console.log(`${n.padEnd(12)} ${load[n].toFixed(0).padStart(8)}   ${(first[n] / docs.length).toFixed(2).padStart(21)}   ${(warm[n] / docs.length).toFixed(2).padStart(15)}`);
}
console.log(`${"both".padEnd(12)} ${sum(load).toFixed(0).padStart(8)}   ${(sum(first) / docs.length).toFixed(2).padStart(21)}   ${(sum(warm) / docs.length).toFixed(2).padStart(15)}`);
