/**
 * Sentence-boundary accuracy on UD Ukrainian-IU (dev split by default): each paragraph (`# newpar`) is
 * rebuilt from its sentences' `# text` lines joined by one space, split by `splitSentences`, and the
 * sentence ends are compared with the treebank's. Plain Intl.Segmenter is scored the same way as a baseline.
 *
 *   npx tsx scripts/eval-sentences.ts [--split dev|test] [--verbose]
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { quoteRanges, splitSentences } from "../src/segment/sentences.js";

const shared = process.env.DZHERELO_SHARED ?? join(import.meta.dirname, "..", "..", "shared");
const split = process.argv.includes("--split") ? process.argv[process.argv.indexOf("--split") + 1] : "dev";
const verbose = process.argv.includes("--verbose");
const conllu = readFileSync(join(shared, `data/ud-uk-iu/uk_iu-ud-${split}.conllu`), "utf8");

const paragraphs: string[][] = [];
let cur: string[] | null = null;
for (const line of conllu.split("\n")) {
  if (line.startsWith("# newpar") || line.startsWith("# newdoc")) {
    if (cur?.length) paragraphs.push(cur);
    cur = [];
  } else if (line.startsWith("# text = ")) (cur ??= []).push(line.slice(9).trim());
}
if (cur?.length) paragraphs.push(cur);

const seg = new Intl.Segmenter("uk", { granularity: "sentence" });
// "outside quotations" leaves out gold boundaries inside a quotation that opens and closes in the paragraph:
// UD splits there, Dzherelo by design does not (a quotation is one sentence).
const score = {
  ours: { tp: 0, fp: 0, fn: 0 },
  icu: { tp: 0, fp: 0, fn: 0 },
  "ours, outside quotations": { tp: 0, fp: 0, fn: 0 },
  "icu, outside quotations": { tp: 0, fp: 0, fn: 0 },
};
let shown = 0;
for (const sents of paragraphs) {
  const text = sents.join(" ");
  const gold = new Set<number>();
  let p = 0;
  for (const s of sents) {
    p += s.length;
    gold.add(p);
    p += 1;
  }
  const ours = new Set(splitSentences(text, 0, text.length, "uk").map((s) => s.end));
  const icu = new Set<number>();
  for (const x of seg.segment(text)) icu.add(x.index + x.segment.trimEnd().length);
  for (const [name, sys] of [["ours", ours], ["icu", icu]] as const) {
    for (const e of sys) if (gold.has(e)) score[name].tp++; else score[name].fp++;
    for (const e of gold) if (!sys.has(e)) score[name].fn++;
  }
  const quotes = quoteRanges(text);
  const inside = (e: number) => quotes.some(([a, b]) => a < e && e <= b);
  for (const [name, sys] of [["ours, outside quotations", ours], ["icu, outside quotations", icu]] as const) {
    for (const e of sys) if (!inside(e)) gold.has(e) ? score[name].tp++ : score[name].fp++;
    for (const e of gold) if (!inside(e) && !sys.has(e)) score[name].fn++;
  }
  if (verbose && shown < 40) {
    for (const e of ours) if (!gold.has(e)) { console.log("extra break:", JSON.stringify(text.slice(Math.max(0, e - 50), e + 30))); shown++; }
    for (const e of gold) if (!ours.has(e)) { console.log("missed break:", JSON.stringify(text.slice(Math.max(0, e - 50), e + 30))); shown++; }
  }
}
const sentences = paragraphs.reduce((n, p) => n + p.length, 0);
console.log(`UD Ukrainian-IU ${split}: ${paragraphs.length} paragraphs, ${sentences} sentences`);
for (const [name, s] of Object.entries(score)) {
  const P = s.tp / (s.tp + s.fp), R = s.tp / (s.tp + s.fn);
  console.log(`  ${name.padEnd(25)} boundary P ${(100 * P).toFixed(1)} R ${(100 * R).toFixed(1)} F1 ${((200 * P * R) / (P + R)).toFixed(1)}`);
}
