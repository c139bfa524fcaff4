// Per-stage time of analyze() over the quotes-dev texts (warm): wraps every STAGES[i].run with a timer.
//
//   npx tsx scripts/profile-stages.ts [--rounds 5] [--cold]
//
// --cold: a fresh process measures the first pass too (resources loaded before timing, caches empty).
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { analyze, STAGES } from "../src/index.js";

const shared = process.env.DZHERELO_SHARED ?? join(process.cwd(), "..", "shared");
const dev = join(shared, "data", "quotes-dev");
const texts = readdirSync(dev).filter((f) => f.endsWith(".json")).sort().map((f) => {
  const g = JSON.parse(readFileSync(join(dev, f), "utf8"));
  return { text: g.text as string, published: (g.published ?? null) as string | null };
});
const ri = process.argv.indexOf("--rounds");
const rounds = ri > 0 ? Number(process.argv[ri + 1]) : 5;
const cold = process.argv.includes("--cold");

const total = new Map<string, number>();
for (const s of STAGES as any[]) {
  const run = s.run;
  s.run = (doc: any, ctx: any) => {
    const c0 = process.cpuUsage();
    const out = run.call(s, doc, ctx);
    const c = process.cpuUsage(c0);
    total.set(s.name, (total.get(s.name) ?? 0) + (c.user + c.system) / 1000);
    return out;
  };
}
if (!cold) for (const t of texts) analyze(t);
total.clear();
const c0 = process.cpuUsage();
const n = cold ? 1 : rounds;
for (let r = 0; r < n; r++) for (const t of texts) analyze(t);
const c = process.cpuUsage(c0);
const per = (ms: number) => (ms / (n * texts.length)).toFixed(2);
console.log(`${cold ? "cold" : "warm"}, ${n} round(s) × ${texts.length} articles, CPU ms per article:`);
for (const [k, v] of total) console.log(`  ${k.padEnd(12)} ${per(v)}`);
console.log(`  ${"analyze".padEnd(12)} ${per((c.user + c.system) / 1000)}`);
