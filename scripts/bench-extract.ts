/**
 * Main-content extraction benchmark: Dzherelo's HTML extractor against @mozilla/readability (on linkedom),
 * side by side in one run, on the three sets in ../shared/data/extraction.
 *
 *   npm run bench:extract                       # everything, both extractors
 *   npm run bench:extract -- --only ours        # iterate on our extractor alone
 *   npm run bench:extract -- --clean            # also "dzherelo+clean": the HTML extractor followed by the
 *                                               # boilerplate cleaner, i.e. the text `analyze` works on
 *   npm run bench:extract -- --sets aeb,ru --limit 50 --worst 10 --digits 4
 *   npm run bench:extract -- --page <page id prefix> [--full]   # every block of one page with its decision
 *   npm run bench:extract -- --stress                           # time on a 20 MB page and 100 000-deep nesting
 *   npm run bench:extract -- --plain [--repeat 10]              # CPU ms per article of plain-text extraction
 *                                                               # (extractPlainText) over the bench corpus
 *
 * Metrics, each as its data set defines it (see the set's README):
 * - AEB (scrapinghub-article-extraction-benchmark) and daniel-waddle-ru: 4-gram shingle P/R/F1, per-page
 *   TP/FP/FN normalised, P and R averaged over pages, F1 from the two means. The port is first checked against
 *   the published upstream prediction files (readability_js 0.947, trafilatura 0.958).
 * - trafilatura-eval: "with"/"without" snippets as case-sensitive substrings of whitespace-normalised output,
 *   micro-averaged P/R/F1.
 * Speed: wall time of the extraction call alone (decoding and gunzip excluded), both extractors on the same
 * pages in the same process, alternating page by page so that load from other processes hits both alike.
 */
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import { parseHTML } from "linkedom";
import { Readability } from "@mozilla/readability";
import { explainHtml, extractHtml } from "../src/extract/html/index.js";
import { cleanExtracted, extractPlainText } from "../src/extract/text/index.js";
import { loadBenchCorpus } from "./lib/bench-corpus.js";
import { decodeBytes } from "../src/ingest/decode.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const DATA = resolve(process.env.DZHERELO_SHARED ?? join(ROOT, "..", "shared"), "data", "extraction");

// ---------- command line ----------
const args = process.argv.slice(2);
const flag = (name: string, def: string | null = null): string | null => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : def;
};
const ONLY = flag("only"); // "ours" | "readability" | null
const LIMIT = Number(flag("limit", "0"));
const SETS = (flag("sets", "aeb,traf,ru") ?? "").split(",");
const WORST = Number(flag("worst", "0"));

// ---------- metrics ----------
const TOKEN = /[\p{L}\p{N}_]+/gu;

function shingles(text: string): Map<string, number> {
  const toks = text.match(TOKEN) ?? [];
  const out = new Map<string, number>();
  if (toks.length === 0) return out;
  if (toks.length < 4) {
    out.set(toks.join(" "), 1);
    return out;
  }
  for (let i = 0; i + 4 <= toks.length; i++) {
    const k = toks[i] + " " + toks[i + 1] + " " + toks[i + 2] + " " + toks[i + 3];
    out.set(k, (out.get(k) ?? 0) + 1);
  }
  return out;
}

/** Per-page TP/FP/FN of the AEB shingle metric, normalised to sum 1 (every page weighs the same). */
function shingleCounts(gold: string, pred: string): { tp: number; fp: number; fn: number } {
  const g = shingles(gold);
  const p = shingles(pred);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [k, c] of p) {
    const gc = g.get(k) ?? 0;
    tp += Math.min(c, gc);
    fp += Math.max(0, c - gc);
  }
  for (const [k, c] of g) fn += Math.max(0, c - (p.get(k) ?? 0));
  const s = tp + fp + fn;
  return s ? { tp: tp / s, fp: fp / s, fn: fn / s } : { tp: 0, fp: 0, fn: 0 };
}

interface PageScore {
  id: string;
  p: number | null;
  r: number | null;
}

function shinglePage(id: string, gold: string, pred: string): PageScore {
  const { tp, fp, fn } = shingleCounts(gold, pred);
  // A page counts towards corpus precision only when the prediction has shingles, towards recall only when
  // the gold has some.
  const p = tp + fp > 0 ? tp / (tp + fp) : null;
  const r = tp + fn > 0 ? tp / (tp + fn) : null;
  return { id, p, r };
}

function shingleCorpus(pages: PageScore[]): { p: number; r: number; f1: number } {
  const ps = pages.filter((x) => x.p !== null).map((x) => x.p!);
  const rs = pages.filter((x) => x.r !== null).map((x) => x.r!);
  const p = ps.reduce((a, b) => a + b, 0) / Math.max(1, ps.length);
  const r = rs.reduce((a, b) => a + b, 0) / Math.max(1, rs.length);
  return { p, r, f1: p + r ? (2 * p * r) / (p + r) : 0 };
}

const norm = (s: string) => s.replace(/\s+/g, " ").trim();

interface SnippetCounts {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}
function snippetPage(pred: string, withs: string[], withouts: string[]): SnippetCounts {
  const t = norm(pred);
  const c = { tp: 0, fp: 0, fn: 0, tn: 0 };
  for (const w of withs) if (t.includes(norm(w))) c.tp++;
  else c.fn++;
  for (const w of withouts) if (t.includes(norm(w))) c.fp++;
  else c.tn++;
  return c;
}

// ---------- extractors ----------
interface Output {
  body: string;
  /** Body with the headline in front (for gold that includes the headline). */
  full: string;
  title: string | null;
  published: string | null;
}
type Extractor = (html: string, url: string | null) => Output;

/** Our extractor's output as a function of the extraction result (HTML extractor alone, or with the cleaner after it). */
const oursWith = (clean: boolean): Extractor => (html, url) => {
  const ex0 = extractHtml(html, { url });
  const ex = clean ? cleanExtracted(ex0, { fromHtml: true }) : ex0;
  const body: string[] = [];
  const full: string[] = [];
  for (const b of ex.blocks) {
    const t = ex.text.slice(b.start, b.end);
    full.push(t);
    if (b.kind !== "title") body.push(t);
  }
  return { body: body.join("\n\n"), full: full.join("\n\n"), title: ex.meta.title ?? null, published: ex.meta.published ?? null };
};
const ours = oursWith(false);

const readability: Extractor = (html) => {
  const { document } = parseHTML(html);
  let art: ReturnType<Readability["parse"]> = null;
  try {
    art = new Readability(document as unknown as Document).parse();
  } catch {
    art = null;
  }
  const body = art?.textContent ?? "";
  const title = art?.title ?? null;
  return { body, full: title ? title + "\n\n" + body : body, title, published: art?.publishedTime ?? null };
};

const EXTRACTORS: [string, Extractor][] = (
  [
    ["dzherelo", ours],
    ...(args.includes("--clean") ? [["dzherelo+clean", oursWith(true)]] : []),
    ["readability", readability],
  ] as [string, Extractor][]
).filter(([n]) => !ONLY || (ONLY === "ours" ? n.startsWith("dzherelo") : n === ONLY));

// ---------- data sets ----------
interface Page {
  id: string;
  html: string;
  url: string | null;
  gold?: string;
  with?: string[];
  without?: string[];
  /** Crawl date from the data set's page id (YYYY-MM-DD), a bound for the publication date. */
  date?: string;
}

function decodeFile(path: string): string {
  const bytes = gunzipSync(readFileSync(path));
  return decodeBytes(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)).text;
}

function loadAeb(): Page[] {
  const dir = join(DATA, "scrapinghub-article-extraction-benchmark");
  const gt = JSON.parse(readFileSync(join(dir, "ground-truth.json"), "utf8")) as Record<string, { articleBody: string; url: string }>;
  return Object.keys(gt)
    .sort()
    .map((id) => ({ id, html: decodeFile(join(dir, "html", `${id}.html.gz`)), url: gt[id].url, gold: gt[id].articleBody }));
}

function loadTraf(): Page[] {
  const dir = join(DATA, "trafilatura-eval");
  const ev = JSON.parse(readFileSync(join(dir, "evaldata.json"), "utf8")) as Record<string, { file: string; with: string[]; without: string[] }>;
  const pages: Page[] = [];
  for (const url of Object.keys(ev)) {
    const e = ev[url];
    let path = join(dir, "cache", e.file + ".gz");
    if (!existsSync(path)) path = join(dir, "eval", e.file + ".gz");
    pages.push({ id: e.file, html: decodeFile(path), url: url.startsWith("http") ? url : null, with: e.with, without: e.without });
  }
  return pages;
}

function loadRu(): Page[] {
  const dir = join(DATA, "daniel-waddle-ru");
  return readdirSync(join(dir, "reference"))
    .sort()
    .map((id) => {
      const ref = readFileSync(join(dir, "reference", id), "utf8");
      const gold = ref
        .split(/<\/?p>/)
        .map((s) => s.trim())
        .filter(Boolean)
        .join("\n");
      const m = /^(\d{4})(\d{2})(\d{2})_([^_]+)_/.exec(id);
      return {
        id,
        html: decodeFile(join(dir, "html", id + ".gz")),
        url: m ? `http://${m[4]}/` : null,
        gold,
        date: m ? `${m[1]}-${m[2]}-${m[3]}` : undefined,
      };
    });
}

// ---------- calibration ----------
function calibrate(): void {
  const dir = join(DATA, "scrapinghub-article-extraction-benchmark");
  const gt = JSON.parse(readFileSync(join(dir, "ground-truth.json"), "utf8")) as Record<string, { articleBody: string }>;
  console.log("## Metric calibration on the AEB upstream prediction files (published: readability_js 0.947, trafilatura 0.958)\n");
  console.log("| file | F1 | P | R |\n|---|---|---|---|");
  for (const name of ["readability_js", "trafilatura", "html-text"]) {
    const path = join(dir, "output", `${name}.json`);
    if (!existsSync(path)) continue;
    let pred = JSON.parse(readFileSync(path, "utf8"));
    if (pred.output) pred = pred.output;
    const pages = Object.keys(gt).map((id) => shinglePage(id, gt[id].articleBody, pred[id]?.articleBody ?? ""));
    const s = shingleCorpus(pages);
    console.log(`| ${name} | ${s.f1.toFixed(3)} | ${s.p.toFixed(3)} | ${s.r.toFixed(3)} |`);
  }
  console.log();
}

// ---------- run ----------
interface Run {
  ms: number;
  pages: number;
  chars: number;
  errors: number;
  outputs: Map<string, Output>;
}

function runAll(pages: Page[]): Map<string, Run> {
  const runs = new Map<string, Run>();
  for (const [name] of EXTRACTORS) runs.set(name, { ms: 0, pages: 0, chars: 0, errors: 0, outputs: new Map() });
  for (const page of pages) {
    for (const [name, fn] of EXTRACTORS) {
      const run = runs.get(name)!;
      const t0 = performance.now();
      let out: Output;
      try {
        out = fn(page.html, page.url);
      } catch (err) {
        run.errors++;
        if (run.errors <= 3) console.error(`${name} failed on ${page.id}: ${(err as Error).stack}`);
        out = { body: "", full: "", title: null, published: null };
      }
      run.ms += performance.now() - t0;
      run.pages++;
      run.chars += page.html.length;
      run.outputs.set(page.id, out);
    }
  }
  return runs;
}

const DIGITS = Number(flag("digits", "3"));
const f3 = (x: number) => x.toFixed(DIGITS);

function speedLine(name: string, run: Run): string {
  return `${(run.pages / (run.ms / 1000)).toFixed(1)} pages/s (${(run.chars / 1e6 / (run.ms / 1000)).toFixed(1)} MB/s, ${(run.ms / 1000).toFixed(1)} s)`;
}

/** Bad-input timings: a 20 MB page, 100 000-deep nesting, 50 000 unclosed elements (our extractor only). */
function stress(): void {
  const para = (i: number) => `<p>Paragraph ${i} of the story, with enough words to count as prose for the extractor, and a full stop.</p>`;
  const parts = ["<html><body><nav>" + '<a href="/">Home</a>'.repeat(100) + "</nav><article><h1>Big page</h1>"];
  for (let i = 0, size = 0; size < 20_000_000; i++) {
    const p = para(i);
    parts.push(p);
    size += p.length;
  }
  const cases: [string, string][] = [
    ["20 MB page", parts.join("") + "</article></body></html>"],
    ["100 000 nested divs", "<html><body>" + "<div>".repeat(100_000) + para(1) + "</div>".repeat(100_000) + "</body></html>"],
    ["50 000 unclosed span+div", "<body>" + "<span><div>".repeat(50_000) + para(1)],
  ];
  console.log("| input | chars | wall s | CPU s |\n|---|---|---|---|");
  for (const [name, html] of cases) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    extractHtml(html);
    const c = process.cpuUsage(c0);
    console.log(`| ${name} | ${html.length.toLocaleString("en")} | ${((performance.now() - t0) / 1000).toFixed(2)} | ${((c.user + c.system) / 1e6).toFixed(2)} |`);
  }
}

/** Plain-text extraction (normalisation, paragraphs, boilerplate) over the bench corpus: CPU ms per article. */
function plain(): void {
  const items = loadBenchCorpus();
  const repeat = Number(flag("repeat", "10"));
  for (let r = 0; r < 2; r++) for (const it of items) extractPlainText(it.text); // warm-up
  const c0 = process.cpuUsage();
  for (let r = 0; r < repeat; r++) for (const it of items) extractPlainText(it.text);
  const c = process.cpuUsage(c0);
  const ms = (c.user + c.system) / 1000 / (items.length * repeat);
  console.log(`extractPlainText: ${items.length} articles × ${repeat}: ${ms.toFixed(4)} CPU ms per article`);
}

function main(): void {
  if (args.includes("--stress")) {
    stress();
    return;
  }
  if (args.includes("--plain")) {
    plain();
    return;
  }
  const pageId = flag("page");
  if (pageId) {
    // Debugging: every block of one page with its decision.
    for (const load of [loadAeb, loadTraf, loadRu]) {
      const pg = load().find((p) => p.id === pageId || p.id.startsWith(pageId));
      if (pg) {
        console.log(explainHtml(pg.html, { url: pg.url, fullText: args.includes("--full") }));
        if (pg.gold) console.log("\n--- gold ---\n" + pg.gold.slice(0, 3000));
        if (pg.with) console.log("\n--- with ---\n" + pg.with.join("\n") + "\n--- without ---\n" + pg.without!.join("\n"));
        return;
      }
    }
    console.error("no such page");
    return;
  }
  if (!existsSync(DATA)) {
    console.error(`no data at ${DATA}`);
    process.exit(2);
  }
  console.log(`# Extraction benchmark — node ${process.version}, ${new Date().toISOString()}\n`);
  calibrate();
  const summary: string[] = ["| set | extractor | F1 | P | R | pages/s | errors |", "|---|---|---|---|---|---|---|"];
  const totals = new Map<string, { ms: number; pages: number }>();
  for (const set of SETS) {
    const loader = set === "aeb" ? loadAeb : set === "traf" ? loadTraf : set === "ru" ? loadRu : null;
    if (!loader) continue;
    let pages = loader();
    if (LIMIT) pages = pages.slice(0, LIMIT);
    const runs = runAll(pages);
    console.log(`## ${set} (${pages.length} pages)\n`);
    for (const [name, run] of runs) {
      const t = totals.get(name) ?? { ms: 0, pages: 0 };
      t.ms += run.ms;
      t.pages += run.pages;
      totals.set(name, t);
      let line: string;
      if (set === "traf") {
        const c = { tp: 0, fp: 0, fn: 0, tn: 0 };
        const per: { id: string; bad: number; miss: string[]; extra: string[] }[] = [];
        for (const pg of pages) {
          const out = run.outputs.get(pg.id)!.body;
          const k = snippetPage(out, pg.with!, pg.without!);
          c.tp += k.tp;
          c.fp += k.fp;
          c.fn += k.fn;
          c.tn += k.tn;
          if (WORST && k.fp + k.fn) {
            const t = norm(out);
            per.push({
              id: pg.id,
              bad: k.fp + k.fn,
              miss: pg.with!.filter((w) => !t.includes(norm(w))),
              extra: pg.without!.filter((w) => t.includes(norm(w))),
            });
          }
        }
        const p = c.tp / (c.tp + c.fp);
        const r = c.tp / (c.tp + c.fn);
        const f1 = (2 * c.tp) / (2 * c.tp + c.fp + c.fn);
        line = `| ${set} | ${name} | ${f3(f1)} | ${f3(p)} | ${f3(r)} | ${(run.pages / (run.ms / 1000)).toFixed(1)} | ${run.errors} |`;
        console.log(`${name}: F1 ${f3(f1)} P ${f3(p)} R ${f3(r)} (TP ${c.tp} FP ${c.fp} FN ${c.fn} TN ${c.tn}); ${speedLine(name, run)}`);
        if (WORST && name.startsWith("dzherelo")) {
          per.sort((a, b) => b.bad - a.bad);
          for (const w of per.slice(0, WORST)) console.log(`  ${w.id}: missing ${JSON.stringify(w.miss)} extra ${JSON.stringify(w.extra)}`);
        }
      } else {
        const useFull = set === "ru";
        const scores = pages.map((pg) => {
          const o = run.outputs.get(pg.id)!;
          return shinglePage(pg.id, pg.gold!, useFull ? o.full : o.body);
        });
        const s = shingleCorpus(scores);
        line = `| ${set} | ${name} | ${f3(s.f1)} | ${f3(s.p)} | ${f3(s.r)} | ${(run.pages / (run.ms / 1000)).toFixed(1)} | ${run.errors} |`;
        console.log(`${name}: F1 ${f3(s.f1)} P ${f3(s.p)} R ${f3(s.r)}; ${speedLine(name, run)}`);
        if (WORST && name.startsWith("dzherelo")) {
          const bad = scores
            .map((x) => ({ id: x.id, p: x.p ?? 0, r: x.r ?? 0, f: ((x.p ?? 0) + (x.r ?? 0)) ? (2 * (x.p ?? 0) * (x.r ?? 0)) / ((x.p ?? 0) + (x.r ?? 0)) : 0 }))
            .sort((a, b) => a.f - b.f)
            .slice(0, WORST);
          for (const b of bad) console.log(`  ${b.id}: P ${f3(b.p)} R ${f3(b.r)}`);
        }
      }
      summary.push(line);
      // Metadata: the Russian set's ids carry the publication day.
      if (set === "ru") {
        let withDate = 0;
        let right = 0;
        let titled = 0;
        for (const pg of pages) {
          const o = run.outputs.get(pg.id)!;
          if (o.title) titled++;
          if (o.published) {
            withDate++;
            // The id carries the crawl day (four crawls), not the publication day: a plausible date is on
            // or up to 14 days before it.
            const days = pg.date ? (Date.parse(pg.date) - Date.parse(o.published.slice(0, 10))) / 86_400_000 : NaN;
            if (days >= 0 && days <= 14) right++;
          }
        }
        console.log(
          `  metadata: title found ${titled}/${pages.length}; published found ${withDate}/${pages.length}, ` +
            `within 14 days before the crawl date in the page id ${right}/${withDate}`,
        );
      } else {
        let titled = 0;
        let dated = 0;
        for (const pg of pages) {
          const o = run.outputs.get(pg.id)!;
          if (o.title) titled++;
          if (o.published) dated++;
        }
        console.log(`  metadata: title found ${titled}/${pages.length}; published found ${dated}/${pages.length}`);
      }
    }
    console.log();
  }
  console.log("## Summary\n");
  console.log(summary.join("\n"));
  console.log();
  for (const [name, t] of totals) console.log(`${name}: ${t.pages} pages in ${(t.ms / 1000).toFixed(1)} s = ${(t.pages / (t.ms / 1000)).toFixed(1)} pages/s`);
  const a = totals.get("dzherelo");
  const b = totals.get("readability");
  if (a && b) console.log(`speed ratio dzherelo/readability: ${((a.pages / a.ms) / (b.pages / b.ms)).toFixed(2)}×`);
}

main();
