/**
 * npm run bench:nlp — speed of the Ukrainian NER on one core: tokens/s of `recognize` over NER-UK v2.0
 * TEST text (a) with lemmas/POS already on the tokens, as the pipeline's morph stage hands them over (NER
 * alone), and (b) from bare tokens, so that morphology (src/morph lemmatizeSentence) runs inside (lemma+NER).
 * Each measure runs after a warm-up over the same text (so per-word memos are warm); the model load time is
 * printed separately. A last measure tags text not seen before in the process (the other TEST documents),
 * once, after the warm runs: new words miss the memos of morphology and of the recogniser there.
 */
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { cpus, loadavg } from "node:os";
import { corpusRoot, loadDocs } from "../src/ner/corpus.js";
import { loadRecognizer, recognize, type NerToken } from "../src/ner/index.js";
import { tokenize, units } from "../src/ner/tokenize.js";
import { lemmatizeSentence } from "../src/morph/lemmatizer.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const SHARED = resolve(process.env.DZHERELO_SHARED ?? join(ROOT, "..", "shared"));
const allTest = loadDocs(corpusRoot(SHARED), "v2", "test");
const docs = allTest.slice(0, 80);
const unseen = allTest.slice(80).map((d) => ({ text: d.text, tokens: tokenize(d.text) as NerToken[] }));

let t = performance.now();
loadRecognizer("v2");
const loadMs = performance.now() - t;

const bare = docs.map((d) => ({ text: d.text, tokens: tokenize(d.text) as NerToken[] }));
const withMorph = bare.map(({ text, tokens }) => {
  const toks: NerToken[] = tokens.map((x) => ({ ...x }));
  for (const [a, b] of units(text, toks)) {
    const m = lemmatizeSentence(toks.slice(a, b).map((x) => x.text), "uk");
    m.forEach((r, i) => Object.assign(toks[a + i], { lemma: r.lemma, pos: r.pos }));
  }
  return { text, tokens: toks };
});
const nTokens = bare.reduce((s, d) => s + d.tokens.length, 0);

/**
 * Tokens per second of wall time and per second of this process's CPU time. On a shared machine the wall
 * figure drops with other load; the CPU-time figure is what one core delivers.
 */
function measure(set: { text: string; tokens: NerToken[] }[], rounds: number): { wall: number; cpu: number } {
  for (const d of set) recognize(d.text, d.tokens, "uk"); // warm-up
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  for (let r = 0; r < rounds; r++) for (const d of set) recognize(d.text, d.tokens, "uk");
  const c = process.cpuUsage(c0);
  const wall = (performance.now() - t0) / 1000;
  return { wall: (nTokens * rounds) / wall, cpu: (nTokens * rounds) / ((c.user + c.system) / 1e6) };
}
const fmt = (x: { wall: number; cpu: number }) =>
  `${Math.round(x.cpu).toLocaleString("en")} tokens/CPU-s (${Math.round(x.wall).toLocaleString("en")} tokens/s wall)`;

const nerOnly = measure(withMorph, 3);
const lemmaNer = measure(bare, 1);
// Unseen text, one pass without warm-up: morphology first (timed alone), then NER on the tokens it filled.
const uTokens = unseen.reduce((s, d) => s + d.tokens.length, 0);
const cpuOf = (f: () => void) => {
  const c0 = process.cpuUsage();
  f();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1e6;
};
const uMorphCpu = cpuOf(() => {
  for (const { text, tokens } of unseen)
    for (const [a, b] of units(text, tokens)) {
      const m = lemmatizeSentence(tokens.slice(a, b).map((x) => x.text), "uk");
      m.forEach((r, i) => Object.assign(tokens[a + i], { lemma: r.lemma, pos: r.pos }));
    }
});
const uNerCpu = cpuOf(() => {
  for (const d of unseen) recognize(d.text, d.tokens, "uk");
});
console.log(`command: npm run bench:nlp   (node ${process.version}, ${cpus()[0]?.model ?? "?"}, 1 core)`);
console.log(`text: ${docs.length} NER-UK v2.0 TEST documents, ${nTokens} tokens`);
console.log(`model load (13-class, 2 passes): ${loadMs.toFixed(0)} ms`);
console.log(`NER (lemmas/POS given):      ${fmt(nerOnly)}`);
console.log(`lemma+NER (morph inside):    ${fmt(lemmaNer)}`);
const rate = (cpu: number) => `${Math.round(uTokens / cpu).toLocaleString("en")} tokens/CPU-s`;
console.log(`unseen text (${unseen.length} other documents, ${uTokens} tokens, one pass): morph ${rate(uMorphCpu)}, NER ${rate(uNerCpu)}, lemma+NER ${rate(uMorphCpu + uNerCpu)}`);
console.log(`load average at the end: ${loadavg().map((x) => x.toFixed(1)).join(" ")}`);
