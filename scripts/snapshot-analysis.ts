// Regression check for changes meant to keep the analysis as it is (speed work, refactoring): writes what the
// analyser says about every article of the bench corpus (scripts/lib/bench-corpus.ts: 900 real uk/ru/en
// articles from ../shared, or the repository's samples without it), then compares a later run with it, field by
// field.
//
//   npx tsx scripts/snapshot-analysis.ts --out /tmp/before.jsonl
//   npx tsx scripts/snapshot-analysis.ts --compare /tmp/before.jsonl [--fields quotes,sources] [--show 5]
//
// Fields: tokens (text, lemma, pos), entities, quotes, sources, figures, dates, blocks, removed, title, lead,
// text, lang. --compare exits 1 when any compared field differs and prints the first differences of each.
import { readFileSync, writeFileSync } from "node:fs";
import { analyze } from "../src/index.js";
import { loadBenchCorpus } from "./lib/bench-corpus.js";

const FIELDS = ["lang", "title", "lead", "text", "blocks", "removed", "tokens", "entities", "quotes", "sources", "figures", "dates"] as const;
type Field = (typeof FIELDS)[number];

const opt = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const out = opt("--out");
const compare = opt("--compare");
const show = Number(opt("--show") ?? 3);
const fields = (opt("--fields")?.split(",") ?? [...FIELDS]) as Field[];
for (const f of fields) if (!FIELDS.includes(f)) throw new Error(`unknown field ${f}; known: ${FIELDS.join(", ")}`);
if (!out && !compare) {
  console.error("usage: snapshot-analysis.ts --out FILE | --compare FILE [--fields a,b] [--show N]");
  process.exit(2);
}

const items = loadBenchCorpus();
const rows: Array<Record<string, unknown>> = items.map((it, i) => {
  const a = analyze({ text: it.text, published: it.published, id: String(i) }, { tokens: true }) as unknown as Record<string, unknown>;
  const row: Record<string, unknown> = { i, corpus: it.corpus };
  for (const f of FIELDS) {
    const v = a[f];
    row[f] =
      f === "tokens" && Array.isArray(v)
        ? (v as Array<{ text: string; lemma?: string; pos?: string }>).map((t) => [t.text, t.lemma ?? null, t.pos ?? null])
        : (v ?? null);
  }
  return row;
});

if (out) {
  writeFileSync(out, rows.map((r) => JSON.stringify(r)).join("\n") + "\n");
  console.log(`${rows.length} articles written to ${out}`);
}
if (compare) {
  const before = readFileSync(compare, "utf8").trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
  if (before.length !== rows.length) {
    console.error(`article count differs: ${before.length} in ${compare}, ${rows.length} now`);
    process.exit(1);
  }
  let differ = 0;
  for (const f of fields) {
    const diffs: number[] = [];
    for (let i = 0; i < rows.length; i++) if (JSON.stringify(before[i][f]) !== JSON.stringify(rows[i][f])) diffs.push(i);
    differ += diffs.length;
    console.log(`${f.padEnd(9)} ${diffs.length ? `${diffs.length} articles differ` : "same"}`);
    for (const i of diffs.slice(0, show)) {
      const b = JSON.stringify(before[i][f]);
      const a = JSON.stringify(rows[i][f]);
      let k = 0;
      while (k < a.length && a[k] === b[k]) k++;
      const from = Math.max(0, k - 80);
      console.log(`  #${i} (${rows[i].corpus})\n    before: …${b.slice(from, k + 160)}\n    now:    …${a.slice(from, k + 160)}`);
    }
  }
  process.exit(differ ? 1 : 0);
}
