/**
 * Speed of the text core (decode → plain-text extraction/cleaning → language → structure → sentences →
 * tokens) over real news texts, and how extraction scales with input size.
 *
 *   npx tsx scripts/bench-text-core.ts [--rounds N]
 *
 * Reads ../shared/data/quotes-dev (60 uk/ru/en texts) and ../shared/seed/article.txt. Prints per-stage
 * milliseconds per article and articles per second for the stages together.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ARTICLE_SCHEMA, type Article } from "../src/article.js";
import { decodeBytes } from "../src/ingest/decode.js";
import { extractPlainText } from "../src/extract/text/index.js";
import { detectLanguage } from "../src/segment/language.js";
import { structureStage } from "../src/segment/structure.js";
import { sentencesStage } from "../src/segment/sentences.js";
import { tokensStage } from "../src/segment/tokens.js";

const shared = process.env.DZHERELO_SHARED ?? join(import.meta.dirname, "..", "..", "shared");
const rounds = Number(process.argv[process.argv.indexOf("--rounds") + 1]) || 20;
const dir = join(shared, "data/quotes-dev");
const texts = readdirSync(dir)
  .filter((f) => f.endsWith(".json"))
  .map((f) => JSON.parse(readFileSync(join(dir, f), "utf8")).text as string);
texts.push(readFileSync(join(shared, "seed/article.txt"), "utf8"));
const bytes = texts.map((t) => new TextEncoder().encode(t));
const chars = texts.reduce((s, t) => s + t.length, 0);

const time: Record<string, number> = { decode: 0, extract: 0, language: 0, structure: 0, sentences: 0, tokens: 0 };
// Per-round totals: on a shared machine the fastest round is the least disturbed one.
const roundTotals: number[] = [];
const roundStages: Array<Record<string, number>> = [];
const ctx = { options: {} };
let sentences = 0;
let tokens = 0;
for (let r = 0; r < rounds + 2; r++) {
  const warm = r < 2;
  const before = { ...time };
  for (const b of bytes) {
    let t = performance.now();
    const dec = decodeBytes(b);
    const t1 = performance.now();
    const ex = extractPlainText(dec.text);
    const t2 = performance.now();
    const lang = detectLanguage(ex.text, null);
    const t3 = performance.now();
    let doc = {
      schema: ARTICLE_SCHEMA, id: "b", lang, url: null, published: null, modified: null, publisher: null, authors: [],
      title: null, lead: null, text: ex.text, input: { kind: "text", charset: dec.charset, length: dec.text.length, sha256: "" },
      offsets: ex.map, meta: {}, blocks: ex.blocks, sentences: [], removed: ex.removed, entities: [], quotes: [], sources: [],
      figures: [], dates: [], warnings: [],
    } as Article;
    doc = { ...doc, ...structureStage.run(doc, ctx) };
    const t4 = performance.now();
    doc = { ...doc, ...sentencesStage.run(doc, ctx) };
    const t5 = performance.now();
    doc = { ...doc, ...tokensStage.run(doc, ctx) };
    const t6 = performance.now();
    if (warm) continue;
    time.decode += t1 - t;
    time.extract += t2 - t1;
    time.language += t3 - t2;
    time.structure += t4 - t3;
    time.sentences += t5 - t4;
    time.tokens += t6 - t5;
    if (r === 2) {
      sentences += doc.sentences.length;
      tokens += doc.tokens!.length;
    }
    t = t6;
  }
  if (!warm) {
    const st = Object.fromEntries(Object.keys(time).map((k) => [k, time[k] - before[k]]));
    roundStages.push(st);
    roundTotals.push(Object.values(st).reduce((a, b) => a + b, 0));
  }
}
const n = texts.length * rounds;
const total = Object.values(time).reduce((a, b) => a + b, 0);
console.log(`${texts.length} articles (avg ${Math.round(chars / texts.length)} chars, ${sentences} sentences, ${tokens} tokens), ${rounds} rounds`);
for (const [k, v] of Object.entries(time)) console.log(`  ${k.padEnd(10)} ${(v / n).toFixed(3)} ms/article`);
console.log(`  all        ${(total / n).toFixed(3)} ms/article = ${Math.round(n / (total / 1000))} articles/s (mean over rounds)`);
const best = roundTotals.indexOf(Math.min(...roundTotals));
const per = texts.length;
console.log(
  `  fastest round: ${Object.entries(roundStages[best]).map(([k, v]) => `${k} ${(v / per).toFixed(3)}`).join(", ")} ms/article; ` +
    `all ${(roundTotals[best] / per).toFixed(3)} ms/article = ${Math.round(per / (roundTotals[best] / 1000))} articles/s`,
);

// Scaling: extraction + sentences + tokens over growing inputs (should be linear).
const para = texts[texts.length - 1];
for (const mb of process.argv.includes("--no-scale") ? [] : [1, 4, 16]) {
  const big = para.repeat(Math.ceil((mb * 1024 * 1024) / para.length));
  const t = performance.now();
  const ex = extractPlainText(big);
  const t1 = performance.now();
  const doc = { text: ex.text, blocks: ex.blocks, lang: "uk" } as Article;
  sentencesStage.run(doc, ctx);
  tokensStage.run(doc, ctx);
  const t2 = performance.now();
  console.log(`  ${String(mb).padStart(2)} MB: extract ${(t1 - t).toFixed(0)} ms, sentences+tokens ${(t2 - t1).toFixed(0)} ms`);
}
