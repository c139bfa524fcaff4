/**
 * npm run eval:ner — scores the committed NER models (models/ner) on the NER-UK TEST documents:
 * entity-level exact match (type and both boundaries), per class and micro P/R/F1.
 *
 *   - v2.0 TEST, 13 classes, with the 13-class model; plus the PERS/ORG/LOC subset.
 *   - v1.0 TEST, 4 classes, with the 4-class model trained on v1.0 DEV; and the 13-class model mapped to
 *     PERS/ORG/LOC/MISC (other types dropped).
 *
 * Morphology comes from src/morph, as in the pipeline. Usage: npm run eval:ner [-- --verbose]
 */
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { corpusRoot, loadDocs } from "../src/ner/corpus.js";
import { evaluateDocs, formatScore, predictDoc, type MorphFn } from "../src/ner/evaluate.js";
import { prepareDoc } from "../src/ner/train.js";
import { loadRecognizer } from "../src/ner/index.js";
import { lemmatizeSentence } from "../src/morph/lemmatizer.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const SHARED = resolve(process.env.DZHERELO_SHARED ?? join(ROOT, "..", "shared"));
const root = corpusRoot(SHARED);
const morph: MorphFn = (w) => lemmatizeSentence(w, "uk");
const verbose = process.argv.includes("--verbose");

console.log("command: npm run eval:ner   (entity-level exact match, non-nested gold entities, NER-UK TEST documents)\n");
const v2test = loadDocs(root, "v2", "test");
const v2 = loadRecognizer("v2");
console.log(formatScore(evaluateDocs(v2, v2test, undefined, morph), `NER-UK v2.0 TEST, 13 classes (${v2test.length} documents)`));
const core = (t: string) => (t === "PERS" || t === "ORG" || t === "LOC" ? t : null);
console.log("\n" + formatScore(evaluateDocs(v2, v2test, core, morph), "NER-UK v2.0 TEST, subset PERS/ORG/LOC"));

const v1test = loadDocs(root, "v1", "test");
console.log("\n" + formatScore(evaluateDocs(loadRecognizer("v1"), v1test, undefined, morph), `NER-UK v1.0 TEST, 4 classes, 4-class model (${v1test.length} documents)`));
const four = (t: string) => (t === "PERS" || t === "ORG" || t === "LOC" || t === "MISC" ? t : null);
console.log("\n" + formatScore(evaluateDocs(v2, v1test, four, morph), "NER-UK v1.0 TEST, 4 classes, 13-class model mapped (other types dropped)"));

if (verbose) {
  console.log("\nmisses (v2 TEST, first 200):");
  let shown = 0;
  for (const d of v2test) {
    const td = prepareDoc(d);
    const pred = predictDoc(v2, td, morph);
    const key = (e: { start: number; end: number; type: string }) => `${e.start}:${e.end}:${e.type}`;
    const p = new Set(pred.map(key));
    for (const e of d.entities) {
      if (p.has(key(e)) || shown++ >= 200) continue;
      const got = pred.filter((x) => x.start < e.end && x.end > e.start).map((x) => `${x.type}[${d.text.slice(x.start, x.end)}]`);
      console.log(`  ${e.type}[${d.text.slice(e.start, e.end)}] → ${got.join(" ") || "—"}`);
    }
  }
}
