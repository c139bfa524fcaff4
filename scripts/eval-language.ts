/**
 * Language identification: accuracy on texts of known language, whole and in short pieces, and the cost of
 * loading and calling the detector.
 *
 *   npx tsx scripts/eval-language.ts            # accuracy tables + per-call CPU (src/segment/language.ts)
 *   npx tsx scripts/eval-language.ts --load     # also: RSS / CPU of loading dist/segment/language.js (npm run build first),
 *                                               # in one process and in two worker threads detecting 300 articles each
 *   --impl=<file.ts> / --load-module=<file.js>  # measure another version of the detector (e.g. an older commit's)
 *
 * Sets (../shared/data, skipped when absent):
 *   quotes-dev   the "lang" field of each article (uk, ru, en);
 *   ner-uk       NER-UK v2.0 texts (all Ukrainian);
 *   daniel-ru    DAnIEL v2.1 Russian references (<p> tags dropped);
 *   aeb          Scrapinghub AEB article bodies. The set has no language labels: a page counts as English when
 *                its URL host is not under a non-English country domain and the text is written in Latin letters
 *                with English stop words (the, and, of …) making up at least 15 % of its words. The other pages are
 *                reported separately (their language is not checked, only which language the detector gives).
 * Pieces: the whole text; title-sized pieces (the first 8 words of each of the first 3 paragraphs); sentences
 * (the first 3 sentences of 40+ characters). No hint is given: the text alone decides.
 */
import { readFileSync, readdirSync, existsSync, mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { join, dirname, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { spawnSync } from "node:child_process";
import { cpus, tmpdir } from "node:os";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "..");
const shared = resolve(root, "../shared/data");

interface Item { set: string; lang: string; text: string }

function loadSets(): Item[] {
  const items: Item[] = [];
  const qd = join(shared, "quotes-dev");
  if (existsSync(qd)) {
    for (const f of readdirSync(qd).filter((f) => f.endsWith(".json")).sort()) {
      const d = JSON.parse(readFileSync(join(qd, f), "utf8"));
      items.push({ set: "quotes-dev", lang: d.lang, text: d.text });
    }
  }
  for (const sub of ["ng", "bruk"]) {
    const dir = join(shared, "ner-uk/v2.0/data", sub);
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir).filter((f) => f.endsWith(".txt")).sort()) {
      items.push({ set: "ner-uk", lang: "uk", text: readFileSync(join(dir, f), "utf8") });
    }
  }
  const dr = join(shared, "extraction/daniel-waddle-ru/reference");
  if (existsSync(dr)) {
    for (const f of readdirSync(dr).sort()) {
      const raw = readFileSync(join(dr, f), "utf8");
      const text = raw.replace(/<\/p>\s*/g, "\n\n").replace(/<[^>]+>/g, "").replace(/&nbsp;/g, " ").trim();
      items.push({ set: "daniel-ru", lang: "ru", text });
    }
  }
  const gt = join(shared, "extraction/scrapinghub-article-extraction-benchmark/ground-truth.json");
  if (existsSync(gt)) {
    const d = JSON.parse(readFileSync(gt, "utf8")) as Record<string, { articleBody: string; url: string }>;
    for (const k of Object.keys(d).sort()) {
      const { articleBody: text, url } = d[k];
      items.push({ set: englishPage(text, url) ? "aeb-en" : "aeb-other", lang: englishPage(text, url) ? "en" : "?", text });
    }
  }
  return items;
}

const EN_STOP = new Set("the and of to is that for with was were are has have had this from by be it its said".split(" "));
const NON_EN_TLD = /\.(br|pt|it|de|id|jp|cn|kr|ru|fr|es|nl|pl|tw|hk|ua)$/;
function englishPage(text: string, url: string): boolean {
  let host = "";
  try { host = new URL(url).hostname; } catch { /* none */ }
  if (NON_EN_TLD.test(host)) return false;
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  const latin = words.filter((w) => /^[a-z]+$/.test(w)).length;
  if (words.length < 20 || latin < 0.9 * words.length) return false;
  return words.filter((w) => EN_STOP.has(w)).length >= 0.15 * words.length;
}

function titles(text: string): string[] {
  return text.split(/\n\s*\n|\n/).map((p) => p.trim()).filter((p) => p.length > 0).slice(0, 3)
    .map((p) => p.split(/\s+/).slice(0, 8).join(" "));
}
function sentences(text: string): string[] {
  return text.split(/(?<=[.!?…])\s+|\n+/).map((s) => s.trim()).filter((s) => s.length >= 40).slice(0, 3);
}

type Detect = (text: string, hint: string | null) => string;

async function main() {
  const modPath = resolve(root, process.argv.find((a) => a.startsWith("--impl="))?.slice(7) ?? "src/segment/language.ts");
  const mod = await import(pathToFileURL(modPath).href);
  const detect: Detect = mod.detectLanguage;
  const detail = mod.detectLanguageDetail as ((t: string, h: string | null) => { lang: string; by: string }) | undefined;
  const items = loadSets();
  const sets = [...new Set(items.map((i) => i.set))];
  console.log(`machine: ${cpus()[0]?.model} × ${cpus().length}, Node ${process.version}; detector ${modPath.replace(root + "/", "")}`);
  console.log("\n| set | texts | whole | title-sized | sentence | decided without eld (whole / title / sentence) |");
  console.log("|---|---|---|---|---|---|");
  // The first call that needs eld loads it; that cost is measured by --load, not counted per call here.
  detect("Кім Чен Ин, КНДР, Москва", null);
  let cpuWhole = 0, nWhole = 0, cpuShort = 0, nShort = 0;
  for (const set of sets) {
    const its = items.filter((i) => i.set === set);
    const res = { whole: [0, 0], title: [0, 0], sentence: [0, 0] } as Record<string, [number, number]>;
    const fast = { whole: 0, title: 0, sentence: 0 } as Record<string, number>;
    const other = new Map<string, number>();
    for (const it of its) {
      const pieces: [string, string[]][] = [["whole", [it.text]], ["title", titles(it.text)], ["sentence", sentences(it.text)]];
      for (const [kind, texts] of pieces) {
        for (const t of texts) {
          const c0 = process.cpuUsage();
          const got = detect(t, null);
          const c = process.cpuUsage(c0);
          if (kind === "whole") { cpuWhole += c.user + c.system; nWhole++; } else { cpuShort += c.user + c.system; nShort++; }
          if (detail && detail(t, null).by !== "eld") fast[kind]++;
          res[kind][1]++;
          if (it.lang === "?") { if (kind === "whole") other.set(got, (other.get(got) ?? 0) + 1); }
          else if (got === it.lang) res[kind][0]++;
        }
      }
    }
    const pct = (k: string) => (set === "aeb-other" ? "–" : `${((100 * res[k][0]) / Math.max(1, res[k][1])).toFixed(1)} % (${res[k][0]}/${res[k][1]})`);
    const fp = (k: string) => `${fast[k]}/${res[k][1]}`;
    const extra = set === "aeb-other" ? ` (detected: ${[...other].map(([l, n]) => `${l} ${n}`).join(", ")})` : "";
    console.log(`| ${set}${extra} | ${its.length} | ${pct("whole")} | ${pct("title")} | ${pct("sentence")} | ${detail ? `${fp("whole")} / ${fp("title")} / ${fp("sentence")}` : "–"} |`);
  }
  console.log(`\nCPU per call (eld already loaded): whole text ${(cpuWhole / nWhole).toFixed(0)} µs (${nWhole} calls), short piece ${(cpuShort / nShort).toFixed(0)} µs (${nShort} calls)`);

  if (process.argv.includes("--load")) {
    const dist = resolve(root, process.argv.find((a) => a.startsWith("--load-module="))?.slice(14) ?? "dist/segment/language.js");
    const uk = items.find((i) => i.set === "quotes-dev" && i.lang === "uk")?.text ?? "Президент України заявив, що переговори тривають.";
    const child = `
      const cpu = () => { const c = process.cpuUsage(); return (c.user + c.system) / 1000; };
      const rss = () => process.memoryUsage().rss / 1048576;
      const r0 = rss(), c0 = cpu();
      const m = await import(${JSON.stringify(pathToFileURL(dist).href)});
      const r1 = rss(), c1 = cpu();
      m.detectLanguage(${JSON.stringify(uk)}, null);
      const r2 = rss(), c2 = cpu();
      m.detectLanguage("Кім Чен Ин, КНДР.", null);
      const r3 = rss(), c3 = cpu();
      console.log(JSON.stringify({ importMB: r1 - r0, importMs: c1 - c0, ukMB: r2 - r1, ukMs: c2 - c1, ambMB: r3 - r2, ambMs: c3 - c2 }));`;
    const runs: Record<string, number>[] = [];
    for (let i = 0; i < 5; i++) {
      const r = spawnSync(process.execPath, ["--input-type=module", "-e", child], { encoding: "utf8" });
      if (r.status !== 0) throw new Error(r.stderr);
      runs.push(JSON.parse(r.stdout.trim().split("\n").pop()!));
    }
    const med = (k: string) => runs.map((r) => r[k]).sort((a, b) => a - b)[2];
    console.log("\nLoad cost (dist/segment/language.js, fresh node process, median of 5; RSS MB / CPU ms):");
    console.log(`  import the module:                       ${med("importMB").toFixed(1)} MB / ${med("importMs").toFixed(0)} ms`);
    console.log(`  then a Ukrainian article (no hint):      +${med("ukMB").toFixed(1)} MB / ${med("ukMs").toFixed(0)} ms`);
    console.log(`  then a short text with no uk/ru letters: +${med("ambMB").toFixed(1)} MB / ${med("ambMs").toFixed(0)} ms`);

    // Two worker threads (as a two-worker ingest runs), each importing the module and detecting the language of
    // 300 whole articles (no hint); RSS of the process and CPU of each worker.
    const arts = [...items.filter((i) => i.set === "ner-uk").slice(0, 100), ...items.filter((i) => i.set === "daniel-ru").slice(0, 100), ...items.filter((i) => i.set === "aeb-en").slice(0, 100)].map((i) => i.text);
    const tmp = mkdtempSync(join(tmpdir(), "eval-language-"));
    const artsFile = join(tmp, "articles.json");
    const workers = `
      import { Worker } from "node:worker_threads";
      const body = \`
        import { parentPort, workerData } from "node:worker_threads";
        const c0 = process.cpuUsage();
        const m = await import(workerData.mod);
        let uk = 0; for (const t of workerData.arts) if (m.detectLanguage(t, null) !== "?") uk++;
        const c = process.cpuUsage(c0);
        parentPort.postMessage({ ms: (c.user + c.system) / 1000, eld: m.languageDetectorLoaded ? m.languageDetectorLoaded() : true });\`;
      const rss0 = process.memoryUsage().rss;
      const { readFileSync } = await import("node:fs");
      const data = { mod: ${JSON.stringify(pathToFileURL(dist).href)}, arts: JSON.parse(readFileSync(${JSON.stringify(artsFile)}, "utf8")) };
      const run = () => new Promise((res) => { const w = new Worker(new URL("data:text/javascript," + encodeURIComponent(body)), { workerData: data }); w.on("message", (msg) => res({ w, msg })); });
      const done = await Promise.all([run(), run()]);
      const rss = process.memoryUsage().rss;
      console.log(JSON.stringify({ mb: (rss - rss0) / 1048576, ms: done.map((d) => d.msg.ms), eld: done.map((d) => d.msg.eld) }));
      for (const d of done) await d.w.terminate();`;
    const scenarios: [string, string[]][] = [
      ["uk, ru, en (100 each from NER-UK, DAnIEL, AEB)", arts],
      ["uk only (NER-UK, first 300)", items.filter((i) => i.set === "ner-uk").slice(0, 300).map((i) => i.text)],
    ];
    for (const [name, texts] of scenarios) {
      writeFileSync(artsFile, JSON.stringify(texts));
      const wr: { mb: number; ms: number[]; eld: boolean[] }[] = [];
      for (let i = 0; i < 3; i++) {
        const r = spawnSync(process.execPath, ["--input-type=module", "-e", workers], { encoding: "utf8", maxBuffer: 1 << 26 });
        if (r.status !== 0) throw new Error(r.stderr || String(r.error));
        wr.push(JSON.parse(r.stdout.trim().split("\n").pop()!));
      }
      wr.sort((a, b) => a.mb - b.mb);
      console.log(`  two worker threads, 300 articles each, ${name}: +${wr[1].mb.toFixed(1)} MB RSS, CPU per worker ${wr[1].ms.map((m) => m.toFixed(0)).join(" / ")} ms, eld loaded: ${wr[1].eld.join(" / ")} (median of 3 by RSS)`);
    }
    rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
