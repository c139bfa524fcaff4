// The bench corpus: real articles from ../shared (quotes-dev and the seed, NER-UK v2.0 training-split documents,
// DAnIEL ru reference texts, the Scrapinghub benchmark's en article bodies), or the repository's samples when
// ../shared is absent. Used by bench:analyze and scripts/snapshot-analysis.ts.
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { join } from "node:path";

export const shared = process.env.DZHERELO_SHARED ?? join(process.cwd(), "..", "shared");
const data = join(shared, "data");

export interface BenchItem {
  corpus: string;
  text: string;
  published: string | null;
}

/** Tokenised NER-UK text back to running text (spaces before punctuation and inside quotes removed). */
function detokenize(s: string): string {
  return s
    .replace(/[ \t]+([,.;:!?)»%])/g, "$1")
    .replace(/([«(])[ \t]+/g, "$1")
    .replace(/[ \t]+(['’])[ \t]+/g, "$1");
}

export function loadBenchCorpus(): BenchItem[] {
  const out: BenchItem[] = [];
  const dev = join(data, "quotes-dev");
  if (!existsSync(dev)) {
    const samples = "samples/demo";
    out.push({ corpus: "seed", text: readFileSync("samples/seed/article.txt", "utf8"), published: "2024-06-19" });
    if (existsSync(samples))
      for (const f of readdirSync(samples).filter((f) => f.endsWith(".txt")).sort())
        out.push({ corpus: "samples", text: readFileSync(join(samples, f), "utf8"), published: null });
    return out;
  }
  for (const f of readdirSync(dev).filter((f) => f.endsWith(".json")).sort()) {
    const g = JSON.parse(readFileSync(join(dev, f), "utf8"));
    out.push({ corpus: "quotes-dev", text: g.text, published: g.published ?? null });
  }
  out.push({ corpus: "quotes-dev", text: readFileSync(join(shared, "seed", "article.txt"), "utf8"), published: "2024-06-19" });
  const v2 = join(data, "ner-uk", "v2.0", "data");
  if (existsSync(join(v2, "dev-test-split.txt"))) {
    // The split file lists DEV (training) ids, then TEST ids; only the training part is read.
    const lines = readFileSync(join(v2, "dev-test-split.txt"), "utf8").split(/\r?\n/).map((l) => l.trim());
    const train = new Set(lines.slice(lines.indexOf("DEV") + 1, lines.indexOf("TEST")).filter(Boolean));
    for (const sub of ["bruk", "ng"]) {
      const dir = join(v2, sub);
      if (!existsSync(dir)) continue;
      for (const f of readdirSync(dir).filter((f) => f.endsWith(".txt")).sort()) {
        if (!train.has(f.replace(/\.txt$/, ""))) continue;
        out.push({ corpus: "ner-uk-train", text: detokenize(readFileSync(join(dir, f), "utf8")), published: null });
      }
    }
  }
  const ru = join(data, "extraction", "daniel-waddle-ru");
  if (existsSync(join(ru, "reference"))) {
    for (const f of readdirSync(join(ru, "reference")).sort()) {
      const text = readFileSync(join(ru, "reference", f), "utf8");
      if (text.trim().length > 200) out.push({ corpus: "daniel-ru", text, published: null });
    }
  }
  const gt = join(data, "extraction", "scrapinghub-article-extraction-benchmark", "ground-truth.json");
  if (existsSync(gt)) {
    const g = JSON.parse(readFileSync(gt, "utf8")) as Record<string, { articleBody?: string }>;
    for (const k of Object.keys(g).sort()) {
      const text = g[k].articleBody ?? "";
      if (text.trim().length > 200) out.push({ corpus: "aeb-en", text, published: null });
    }
  }
  return out;
}

