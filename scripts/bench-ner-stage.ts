// The cost of the `ner` analysis option: CPU ms per article of analyze() without and with { ner: true } on the
// bench corpus (scripts/lib/bench-corpus.ts), on articles the process has not seen, as bench:analyze measures.
//
//   npx tsx scripts/bench-ner-stage.ts [--limit N] [--warm 20]
//
// Each way runs in a fresh child process (so neither inherits the other's per-word caches): load, a warm-up over
// every `warm`-th article (excluded from the timed pass), then every other article analysed once. The NER model's
// load (≈ 0.3–0.8 s, once per process) is part of the first analysis, not of the timed pass. Prints ms/article
// overall and for the Ukrainian articles (the only ones the option changes); the difference is the option's cost.
// (A timer around the stage alone is not used: process CPU time over so short a call counts other threads' work,
// and reads ≈ 1 ms per article even when the stage does nothing.)
// Note: the corpus includes NER-UK training-split documents, which the model was trained on; that changes what it
// tags there, not what tagging costs.
//
//   npx tsx scripts/bench-ner-stage.ts --quality [--held-out]
//
// scores, instead of timing, the Articles' entity mentions (PER/ORG/LOC; mentions by name or alias) against the
// NER-UK v2.0 TEST documents' gold PERS/ORG/LOC entities (outermost ones), without and with the option, and the
// model's own spans: exact span and type, and span only. The documents' tokenised text is joined back into running
// text first (no space before , . » and after «), and the gold offsets are carried over. TEST is a report figure:
// nothing is tuned on it. The merge rules were chosen on DEV documents the model has not seen:
//
//   npx tsx scripts/bench-ner-stage.ts --train-held-out /tmp/ner-held-out        (≈ 5 min CPU)
//   DZHERELO_NER_MODELS=/tmp/ner-held-out npx tsx scripts/bench-ner-stage.ts --quality --held-out
//
// trains a v2 model as train:ner does on the DEV documents other than those with fnv1a(id) % 10 of 0 or 1, and
// scores the merge with it on those 89 held-out documents.
import { spawnSync } from "node:child_process";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { analyze } from "../src/index.js";
import { loadBenchCorpus } from "./lib/bench-corpus.js";
import { fnv1a } from "../src/ner/hash.js";

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const cpuMs = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1000;

interface Result {
  ner: boolean;
  loadMs: number;
  n: number;
  ms: number;
  ukN: number;
  ukMs: number;
  entities: number;
  peakMb: number;
}

if (process.argv.includes("--train-held-out")) {
  // A v2 recogniser trained as npm run train:ner trains it (7 + 7 epochs, 4 jackknife folds), on the NER-UK DEV
  // documents other than the held-out ones (fnv1a(id) % 10 of 0 or 1), written to the folder given.
  const dir = process.argv[process.argv.indexOf("--train-held-out") + 1];
  const { readFileSync, writeFileSync, mkdirSync } = await import("node:fs");
  const { join } = await import("node:path");
  const { gunzipSync } = await import("node:zlib");
  const { corpusRoot, loadDocs } = await import("../src/ner/corpus.js");
  const { shared } = await import("./lib/bench-corpus.js");
  const { quantize } = await import("../src/ner/model.js");
  const { Recognizer } = await import("../src/ner/recognizer.js");
  const { bioTags, goldUnits, lowerSeenKeys, prepareDoc, trainStack } = await import("../src/ner/train.js");
  const { lemmatizeSentence, LEXICON_DIR } = await import("../src/morph/lemmatizer.js");
  const { buildWordClasses } = await import("../src/ner/wordclass.js");
  const { MODEL_FILES } = await import("../src/ner/index.js");
  const dev = loadDocs(corpusRoot(shared), "v2", "dev");
  const tags = bioTags([...new Set(dev.flatMap((d) => d.entities.map((e) => e.type)))].sort(), "bio");
  const train = dev.filter((d) => !isHeldOut(d.id)).map((d) => {
    const td = prepareDoc(d);
    const units = goldUnits(td, tags);
    for (const u of units) u.morph = lemmatizeSentence(u.texts, "uk");
    return { td, units };
  });
  const wc = buildWordClasses(gunzipSync(readFileSync(join(LEXICON_DIR, "uk.lex.gz"))).toString("utf8"));
  const lex = { lowerSeen: lowerSeenKeys(train.flatMap((d) => d.units)), clusterKeys: wc.keys, clusterVals: wc.vals };
  const rec = trainStack(train, tags, lex, { epochs: [7, 7], minCount: 2, folds: 4, learners: 1, dropout: 0, seed: 7, log: console.log });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, MODEL_FILES.v2), new Recognizer(rec.passes.map(quantize)).serialize());
  console.log(`${train.length} of ${dev.length} DEV documents; written to ${join(dir, MODEL_FILES.v2)}`);
  process.exit(0);
}

if (process.argv.includes("--quality")) {
  const { corpusRoot, loadDocs } = await import("../src/ner/corpus.js");
  const { shared } = await import("./lib/bench-corpus.js");
  const { textOffsetToInput } = await import("../src/index.js");
  const { recognize } = await import("../src/ner/index.js");
  const heldOut = process.argv.includes("--held-out");
  const docs = heldOut ? loadDocs(corpusRoot(shared), "v2", "dev").filter((d) => isHeldOut(d.id)) : loadDocs(corpusRoot(shared), "v2", "test");
  const gold = new Set<string>();
  const goldSpan = new Set<string>();
  const running: string[] = [];
  for (const [k, d] of docs.entries()) {
    const { text, map } = runningText(d.text);
    for (const e of d.entities) {
      if (e.type !== "PERS" && e.type !== "ORG" && e.type !== "LOC") continue;
      const span = `${k}:${map[e.start]}:${map[e.end - 1] + 1}`;
      gold.add(`${span}:${e.type === "PERS" ? "PER" : e.type}`);
      goldSpan.add(span);
    }
    running.push(text);
  }
  const what = heldOut ? "NER-UK v2.0 DEV, held-out documents" : "NER-UK v2.0 TEST";
  console.log(`${what}: ${docs.length} documents, ${gold.size} gold PERS/ORG/LOC entities`);
  console.log(`  run              span+type P / R / F1       span P / R / F1`);
  const prf = (p: Set<string>, g: Set<string>) => {
    let tp = 0;
    for (const x of p) if (g.has(x)) tp++;
    const P = p.size ? tp / p.size : 0;
    const R = g.size ? tp / g.size : 0;
    return `${(100 * P).toFixed(1)} / ${(100 * R).toFixed(1)} / ${(P + R ? (200 * P * R) / (P + R) : 0).toFixed(1)}`;
  };
  for (const run of ["rules (off)", "with ner", "the model alone"]) {
    const pred = new Set<string>();
    const predSpan = new Set<string>();
    for (const [k, text] of running.entries()) {
      const a = analyze({ text, lang: "uk" }, { ner: run === "with ner", tokens: true });
      const put = (start: number, end: number, type: string) => {
        if (type !== "PER" && type !== "ORG" && type !== "LOC") return;
        const span = `${k}:${textOffsetToInput(a.offsets, start)}:${textOffsetToInput(a.offsets, end)}`;
        pred.add(`${span}:${type}`);
        predSpan.add(span);
      };
      if (run === "the model alone") for (const n of recognize(a.text, a.tokens!, "uk", { sentences: a.sentences })) put(n.start, n.end, n.type);
      else for (const e of a.entities) for (const m of e.mentions) if (m.via === "name" || m.via === "alias") put(m.start, m.end, e.type);
    }
    console.log(`  ${run.padEnd(16)} ${prf(pred, gold).padEnd(24)} ${prf(predSpan, goldSpan)}`);
  }
  process.exit(0);
}

/** The NER-UK DEV documents held out from the --train-held-out model (the fold train:ner validates on, and one more). */
function isHeldOut(id: string): boolean {
  return fnv1a(id) % 10 <= 1;
}

/** NER-UK's tokenised text as running text (as scripts/lib/bench-corpus.ts joins it), with old → new offsets. */
function runningText(s: string): { text: string; map: number[] } {
  const drop = new Uint8Array(s.length);
  const mark = (re: RegExp, group: (m: RegExpExecArray) => [number, number][]) => {
    for (const m of s.matchAll(re)) for (const [a, b] of group(m as RegExpExecArray)) drop.fill(1, a, b);
  };
  // Spaces before , . ; : ! ? ) » %, after « (, and around an apostrophe.
  mark(/[ \t]+(?=[,.;:!?)»%])/g, (m) => [[m.index, m.index + m[0].length]]);
  mark(/(?<=[«(])[ \t]+/g, (m) => [[m.index, m.index + m[0].length]]);
  mark(/([ \t]+)['’]([ \t]+)/g, (m) => [[m.index, m.index + m[1].length], [m.index + m[0].length - m[2].length, m.index + m[0].length]]);
  const map: number[] = [];
  let out = "";
  for (let i = 0; i < s.length; i++) {
    map.push(out.length);
    if (!drop[i]) out += s[i];
  }
  map.push(out.length);
  return { text: out, map };
}

const mode = process.argv.indexOf("--child");
if (mode > 0) {
  const ner = process.argv[mode + 1] === "on";
  const warmEvery = arg("--warm", 20);
  const all = loadBenchCorpus();
  const warm = all.filter((_, i) => i % warmEvery === 0);
  const timed = all.filter((_, i) => i % warmEvery !== 0).slice(0, arg("--limit", Infinity));
  const l0 = process.cpuUsage();
  analyze({ text: "Голова Нацбанку Андрій Пишний заявив, що «інфляція сповільнюється».", published: "2024-06-19" }, { ner });
  const loadMs = cpuMs(process.cpuUsage(l0));
  for (const t of warm) analyze(t, { ner });
  let ms = 0;
  let ukN = 0;
  let ukMs = 0;
  let entities = 0;
  for (const t of timed) {
    const a0 = process.cpuUsage();
    const a = analyze(t, { ner });
    const m = cpuMs(process.cpuUsage(a0));
    ms += m;
    entities += a.entities.length;
    if (a.lang === "uk") {
      ukN++;
      ukMs += m;
    }
  }
  const res: Result = { ner, loadMs, n: timed.length, ms, ukN, ukMs, entities, peakMb: (process.resourceUsage().maxRSS * 1024) / 2 ** 20 };
  process.stdout.write(JSON.stringify(res) + "\n");
  process.exit(0);
}

const self = fileURLToPath(import.meta.url);
const pass = process.argv.slice(2);
const results: Result[] = [];
for (const way of ["off", "on"]) {
  const r = spawnSync(process.execPath, ["--import", "tsx", self, "--child", way, ...pass], { encoding: "utf8", maxBuffer: 1 << 26 });
  if (r.status !== 0) {
    process.stderr.write(r.stderr);
    process.exit(1);
  }
  results.push(JSON.parse(r.stdout.trim().split("\n").at(-1)!) as Result);
}
console.log(`machine: ${os.cpus()[0]?.model ?? "?"} (${os.cpus().length} cores), Node ${process.version}; one core, CPU time`);
console.log(`unseen articles, each analysed once: ${results[0].n} (${results[0].ukN} uk)`);
console.log(`  ner    first analysis  ms/article  uk ms/article  articles/CPU-s  entities/article  peak RSS`);
for (const r of results) {
  console.log(
    `  ${(r.ner ? "on" : "off").padEnd(6)} ${(r.loadMs.toFixed(0) + " ms").padStart(14)} ${(r.ms / r.n).toFixed(2).padStart(11)} ${(r.ukMs / r.ukN).toFixed(2).padStart(14)} ${((r.n * 1000) / r.ms).toFixed(1).padStart(15)} ${(r.entities / r.n).toFixed(1).padStart(17)} ${(r.peakMb.toFixed(0) + " MB").padStart(9)}`,
  );
}
const [off, on] = results;
console.log(`the option costs ${((on.ukMs - off.ukMs) / on.ukN).toFixed(2)} ms per uk article (${(on.ukMs / off.ukMs).toFixed(2)}× the analysis without it)`);
