/**
 * Profiling aid for the recogniser on words it has not seen in this process: tags the NER-UK v2.0 TEST
 * documents (lemmas and POS filled in beforehand) with the per-word memo emptied before every document, so
 * each document is tagged as on first sight; prints NER tokens per CPU-second. Run under
 * `node --cpu-prof --import tsx scripts/profile-ner-cold.ts` to see where cold tagging spends its time.
 */
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { corpusRoot, loadDocs } from "../src/ner/corpus.js";
import { loadRecognizer, recognize, type NerToken } from "../src/ner/index.js";
import { tokenize, units } from "../src/ner/tokenize.js";
import { lemmatizeSentence } from "../src/morph/lemmatizer.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const SHARED = resolve(process.env.DZHERELO_SHARED ?? join(ROOT, "..", "shared"));
const docs = loadDocs(corpusRoot(SHARED), "v2", "test").map((d) => {
  const tokens = tokenize(d.text) as NerToken[];
  for (const [a, b] of units(d.text, tokens)) {
    const m = lemmatizeSentence(tokens.slice(a, b).map((x) => x.text), "uk");
    m.forEach((r, i) => Object.assign(tokens[a + i], { lemma: r.lemma, pos: r.pos }));
  }
  return { text: d.text, tokens };
});
const rec = loadRecognizer("v2");
const clear = () => rec.clearMemo();
const rounds = Number(process.argv[2] ?? 3);
for (const d of docs.slice(0, 20)) recognize(d.text, d.tokens, "uk"); // JIT warm-up
let tokens = 0;
const c0 = process.cpuUsage();
for (let r = 0; r < rounds; r++)
  for (const d of docs) {
    clear();
    recognize(d.text, d.tokens, "uk");
    tokens += d.tokens.length;
  }
const c = process.cpuUsage(c0);
console.log(`cold NER (memo emptied per document): ${Math.round(tokens / ((c.user + c.system) / 1e6)).toLocaleString("en")} tokens/CPU-s over ${tokens} tokens`);
