#!/usr/bin/env node
// Scores quote, speaker, source and noise detection with the reference scorer in ../shared/eval:
// first the seed article, then the quotes-dev set (or the folder given as the first argument).
// Reads ../shared; when it is absent (a fresh clone), says so and exits 0.
//   npm run eval:quotes [-- DIR] [--ner] [--cmd "./bin/dzherelo analyze --jsonl"] [--verbose]
// --ner scores the analysis with the NER option; --cmd replaces the command the scorer runs.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";

const shared = resolve(process.env.DZHERELO_SHARED ?? "../shared");
const scorer = join(shared, "eval", "score-quotes.mjs");
if (!existsSync(scorer)) {
  console.log(`eval:quotes skipped: the reference scorer is not at ${scorer} (it lives in ../shared beside the repo)`);
  process.exit(0);
}
const argv = process.argv.slice(2);
const extra = [];
let gold = join(shared, "data", "quotes-dev");
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a === "--cmd") extra.push(a, argv[++i] ?? "");
  else if (a === "--ner") extra.push("--cmd", "./bin/dzherelo analyze --jsonl --ner");
  else if (a.startsWith("--")) extra.push(a);
  else gold = a;
}
let failed = false;
for (const args of [["--seed"], ["--gold", gold]]) {
  console.log(`\n== ${args.join(" ")}`);
  const r = spawnSync(process.execPath, [scorer, ...args, ...extra], { stdio: "inherit" });
  if (r.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
