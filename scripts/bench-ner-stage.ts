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
//   npx tsx scripts/bench-ner-stage.ts --quality
//
// scores, instead of timing, the Articles' entity mentions (PER/ORG/LOC; mentions by name or alias) against the
// NER-UK v2.0 TEST documents' gold PERS/ORG/LOC entities (outermost ones), without and with the option: exact
// span and type, and span only. The documents' tokenised text is joined back into running text first (no
// space before , . » and after «), and the gold offsets are carried over. A report figure: nothing is tuned on it.
import { spawnSync } from "node:child_process";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { analyze } from "../src/index.js";
import { loadBenchCorpus } from "./lib/bench-corpus.js";

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

if (process.argv.includes("--quality")) {
  const { corpusRoot, loadDocs } = await import("../src/ner/corpus.js");
  const { shared } = await import("./lib/bench-corpus.js");
  const { textOffsetToInput } = await import("../src/index.js");
  const docs = loadDocs(corpusRoot(shared), "v2", "test");
  const gold = new Set<string>();
  const goldSpan = new Set<string>();
  for (const [k, d] of docs.entries()) {
    const { text, map } = runningText(d.text);
    for (const e of d.entities) {
      if (e.type !== "PERS" && e.type !== "ORG" && e.type !== "LOC") continue;
      const span = `${k}:${map[e.start]}:${map[e.end - 1] + 1}`;
      gold.add(`${span}:${e.type === "PERS" ? "PER" : e.type}`);
      goldSpan.add(span);
    }
    (d as { running?: string }).running = text;
  }
  console.log(`NER-UK v2.0 TEST: ${docs.length} documents, ${gold.size} gold PERS/ORG/LOC entities`);
  console.log(`  ner    span+type P / R / F1       span P / R / F1`);
  for (const ner of [false, true]) {
    const pred = new Set<string>();
    const predSpan = new Set<string>();
    for (const [k, d] of docs.entries()) {
      const running = (d as { running?: string }).running!;
      const a = analyze({ text: running, lang: "uk" }, { ner });
      for (const e of a.entities) {
        if (e.type !== "PER" && e.type !== "ORG" && e.type !== "LOC") continue;
        for (const m of e.mentions) {
          if (m.via !== "name" && m.via !== "alias") continue;
          const span = `${k}:${textOffsetToInput(a.offsets, m.start)}:${textOffsetToInput(a.offsets, m.end)}`;
          pred.add(`${span}:${e.type}`);
          predSpan.add(span);
        }
      }
    }
    const prf = (p: Set<string>, g: Set<string>) => {
      let tp = 0;
      for (const x of p) if (g.has(x)) tp++;
      const P = p.size ? tp / p.size : 0;
      const R = g.size ? tp / g.size : 0;
      return `${(100 * P).toFixed(1)} / ${(100 * R).toFixed(1)} / ${(P + R ? (200 * P * R) / (P + R) : 0).toFixed(1)}`;
    };
    console.log(`  ${(ner ? "on" : "off").padEnd(6)} ${prf(pred, gold).padEnd(24)} ${prf(predSpan, goldSpan)}`);
  }
  process.exit(0);
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
