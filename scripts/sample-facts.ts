// Prints a deterministic sample of the figures and dates the facts stage finds in ../shared quotes-dev, each
// with its context, for judging precision by hand (the data set has no gold figures or dates).
//
//   npx tsx scripts/sample-facts.ts [--every 4] [--offset 1]
//
// Texts without a publication date are resolved against 2020-06-15 (only relative dates depend on it).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { extractFacts } from "../src/facts/stage.js";

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const every = arg("--every", 4);
const offset = arg("--offset", 1);
const shared = process.env.DZHERELO_SHARED ?? join(process.cwd(), "..", "shared");
const dir = join(shared, "data", "quotes-dev");

const figures: string[] = [];
const dates: string[] = [];
for (const f of readdirSync(dir).filter((f) => f.endsWith(".json")).sort()) {
  const d = JSON.parse(readFileSync(join(dir, f), "utf8"));
  const r = extractFacts({ text: d.text, lang: d.lang, published: d.published ?? "2020-06-15" });
  const ctx = (x: { start: number; end: number }) => d.text.slice(Math.max(0, x.start - 45), x.end + 25).replace(/\s+/g, " ");
  for (const x of r.figures)
    figures.push(`${f} [${x.text}] value=${x.value}${x.max !== undefined ? ".." + x.max : ""} unit=${x.unit}${x.approx ? " ~" : ""}${x.currency ? " " + x.currency : ""} :: ${ctx(x)}`);
  for (const x of r.dates) dates.push(`${f} [${x.text}] ${x.value}${x.relative ? " relative" : ""} :: ${ctx(x)}`);
}
const sample = (a: string[]) => a.filter((_, i) => i % every === offset);
console.log(`FIGURES: ${figures.length} found, every ${every}th from ${offset}:`);
for (const x of sample(figures)) console.log(x);
console.log(`DATES: ${dates.length} found, every ${every}th from ${offset}:`);
for (const x of sample(dates)) console.log(x);
