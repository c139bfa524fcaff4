/**
 * Times the entities and attribution stages alone on the quotes-dev texts (../shared): articles per second and
 * milliseconds per article, after one warm-up pass (dictionaries and gazetteer load lazily once).
 *
 *   npx tsx scripts/bench-attribution.ts [rounds]
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { attribute } from "../src/attribution/stage.js";
import { buildEntities } from "../src/entities/stage.js";

const dir = join(process.env.DZHERELO_SHARED ?? join(import.meta.dirname, "..", "..", "shared"), "data", "quotes-dev");
const docs = readdirSync(dir)
  .filter((f) => f.endsWith(".json"))
  .map((f) => JSON.parse(readFileSync(join(dir, f), "utf8")) as { text: string; lang: string });
const rounds = Number(process.argv[2] ?? 3);

const once = () => {
  let quotes = 0;
  for (const d of docs) {
    const entities = buildEntities(d.text, d.lang).entities;
    quotes += attribute({ text: d.text, lang: d.lang, sentences: [], entities }).quotes.length;
  }
  return quotes;
};
const t0 = performance.now();
once();
const warm = performance.now() - t0;
const t1 = performance.now();
let q = 0;
for (let r = 0; r < rounds; r++) q = once();
const ms = (performance.now() - t1) / (rounds * docs.length);
const chars = docs.reduce((n, d) => n + d.text.length, 0) / docs.length;
console.log(`articles ${docs.length} (avg ${chars.toFixed(0)} chars), rounds ${rounds}, quotes/round ${q}`);
console.log(`first pass (loads lexicon and gazetteer) ${(warm / 1000).toFixed(1)} s`);
console.log(`entities+attribution: ${ms.toFixed(1)} ms/article, ${(1000 / ms).toFixed(1)} articles/s`);
