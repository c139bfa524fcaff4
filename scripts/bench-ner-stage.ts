// The cost of the `ner` analysis option: CPU ms per article of analyze() without and with { ner: true } on the
// bench corpus (scripts/lib/bench-corpus.ts), on articles the process has not seen, as bench:analyze measures.
//
//   npx tsx scripts/bench-ner-stage.ts [--limit N] [--warm 20]
//
// Each way runs in a fresh child process (so neither inherits the other's per-word caches): load, a warm-up over
// every `warm`-th article (excluded from the timed pass), then every other article analysed once. The NER model's
// load (≈ 0.3–0.8 s, once per process) is part of the first analysis, not of the timed pass. Prints ms/article
// overall and for the Ukrainian articles (the only ones the option changes), and the ner stage's own share.
// Note: the corpus includes NER-UK training-split documents, which the model was trained on; that changes what it
// tags there, not what tagging costs.
import { spawnSync } from "node:child_process";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { analyze, STAGES } from "../src/index.js";
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
  stageMs: number;
  entities: number;
  peakMb: number;
}

const mode = process.argv.indexOf("--child");
if (mode > 0) {
  const ner = process.argv[mode + 1] === "on";
  const warmEvery = arg("--warm", 20);
  const all = loadBenchCorpus();
  const warm = all.filter((_, i) => i % warmEvery === 0);
  const timed = all.filter((_, i) => i % warmEvery !== 0).slice(0, arg("--limit", Infinity));
  // The ner stage's own CPU time.
  let stageMs = 0;
  const stage = (STAGES as { name: string; run: (...a: unknown[]) => unknown }[]).find((s) => s.name === "ner")!;
  const run = stage.run;
  stage.run = (...a: unknown[]) => {
    const c0 = process.cpuUsage();
    const r = run.apply(stage, a);
    stageMs += cpuMs(process.cpuUsage(c0));
    return r;
  };
  const l0 = process.cpuUsage();
  analyze({ text: "Голова Нацбанку Андрій Пишний заявив, що «інфляція сповільнюється».", published: "2024-06-19" }, { ner });
  const loadMs = cpuMs(process.cpuUsage(l0));
  for (const t of warm) analyze(t, { ner });
  stageMs = 0;
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
  const res: Result = { ner, loadMs, n: timed.length, ms, ukN, ukMs, stageMs, entities, peakMb: (process.resourceUsage().maxRSS * 1024) / 2 ** 20 };
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
console.log(`  ner    first analysis  ms/article  uk ms/article  articles/CPU-s  ner stage ms/article (uk)  entities/article  peak RSS`);
for (const r of results) {
  console.log(
    `  ${(r.ner ? "on" : "off").padEnd(6)} ${(r.loadMs.toFixed(0) + " ms").padStart(14)} ${(r.ms / r.n).toFixed(2).padStart(11)} ${(r.ukMs / r.ukN).toFixed(2).padStart(14)} ${((r.n * 1000) / r.ms).toFixed(1).padStart(15)} ${(r.stageMs / r.ukN).toFixed(2).padStart(26)} ${(r.entities / r.n).toFixed(1).padStart(17)} ${(r.peakMb.toFixed(0) + " MB").padStart(9)}`,
  );
}
console.log(`  (the ner stage column is timed around the stage; the off row, where the stage does nothing, is the timer's floor)`);
const [off, on] = results;
console.log(`the option costs ${((on.ukMs - off.ukMs) / on.ukN).toFixed(2)} ms per uk article (${(on.ukMs / off.ukMs).toFixed(2)}× the analysis without it)`);
