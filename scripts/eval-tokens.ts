/**
 * Token accuracy on UD Ukrainian-IU (dev split by default): for each sentence, the treebank's tokens are
 * located in its `# text` and compared as spans with `tokenize` (exact span match, precision/recall/F1).
 *
 *   npx tsx scripts/eval-tokens.ts [--split dev|test] [--verbose]
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { tokenize } from "../src/segment/tokens.js";

const shared = process.env.DZHERELO_SHARED ?? join(import.meta.dirname, "..", "..", "shared");
const split = process.argv.includes("--split") ? process.argv[process.argv.indexOf("--split") + 1] : "dev";
const verbose = process.argv.includes("--verbose");
const conllu = readFileSync(join(shared, `data/ud-uk-iu/uk_iu-ud-${split}.conllu`), "utf8");

let tp = 0, fp = 0, fn = 0, sentences = 0, shown = 0;
const misses = new Map<string, number>();
for (const block of conllu.split(/\n\n+/)) {
  const text = /^# text = (.*)$/m.exec(block)?.[1];
  if (!text) continue;
  sentences++;
  const gold = new Set<string>();
  let pos = 0;
  for (const line of block.split("\n")) {
    const cols = line.split("\t");
    if (cols.length < 10 || !/^\d+$/.test(cols[0])) continue; // skip comments, multiword ranges, empty nodes
    const at = text.indexOf(cols[1], pos);
    if (at < 0) continue;
    gold.add(`${at}:${at + cols[1].length}`);
    pos = at + cols[1].length;
  }
  const sys = new Set(tokenize(text).map((t) => `${t.start}:${t.end}`));
  for (const s of sys) {
    if (gold.has(s)) tp++;
    else {
      fp++;
      const [a, b] = s.split(":").map(Number);
      const k = text.slice(a, b);
      misses.set(k, (misses.get(k) ?? 0) + 1);
    }
  }
  for (const g of gold) if (!sys.has(g)) fn++;
  if (verbose && shown < 30) {
    for (const g of gold)
      if (!sys.has(g)) {
        const [a, b] = g.split(":").map(Number);
        console.log("missed:", JSON.stringify(text.slice(a, b)), "in", JSON.stringify(text.slice(Math.max(0, a - 20), b + 20)));
        shown++;
      }
  }
}
const P = tp / (tp + fp), R = tp / (tp + fn);
console.log(`UD Ukrainian-IU ${split}: ${sentences} sentences; token span P ${(100 * P).toFixed(1)} R ${(100 * R).toFixed(1)} F1 ${((200 * P * R) / (P + R)).toFixed(1)}`);
if (verbose) console.log("most frequent extra tokens:", [...misses].sort((a, b) => b[1] - a[1]).slice(0, 15));
