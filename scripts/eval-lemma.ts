/**
 * npm run eval:lemma — lemma accuracy on UD Ukrainian-IU **test** (never used for training or tuning rules),
 * scored like the CoNLL 2018 shared task script (conll18_ud_eval.py): case-sensitive lemma match, a gold lemma
 * "_" matches anything.
 *
 *   gold tokens: our lemmatiser gets the gold words of each sentence (the UDPipe "gold tok" setting).
 *   raw text:    the sentences' text goes through our own tokens stage; system and gold words are aligned by
 *                their character spans with whitespace removed (as conll18_ud_eval does) and scored as F1.
 *
 * Options: --split dev|test (default test), --errors N (print the N most frequent lemma errors), --json,
 * --bench: speed of lemmatizeSentence on one core (load time; tokens per CPU-second cold, then warm caches);
 * --cv: two-fold cross-validation inside dev (tagger and lemma memory retrained on one half of the documents,
 * scored on the other) — the figure to develop against, since the shipped tagger is trained on all of dev.
 */
import { readFileSync } from "node:fs";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { readConllu, type ConlluSentence } from "../src/morph/conllu.js";
import { lemmatizeSentence, useTaggerModel, ambiguityFor, resources, clearCaches } from "../src/morph/lemmatizer.js";
import { trainTagger } from "../src/morph/train-tagger.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const SHARED = resolve(process.env.DZHERELO_SHARED ?? join(ROOT, "..", "shared"));
const args = process.argv.slice(2);
const opt = (name: string, def: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : def;
};
const split = opt("--split", "test");
const nErrors = Number(opt("--errors", "0"));
const file = join(SHARED, "data", "ud-uk-iu", `uk_iu-ud-${split}.conllu`);
const sents = readConllu(readFileSync(file, "utf8"));

function goldTokens(sents: ConlluSentence[]) {
  let words = 0;
  let lemmaOk = 0;
  let posOk = 0;
  const errors = new Map<string, number>();
  const t0 = performance.now();
  for (const s of sents) {
    const forms = s.tokens.map((t) => t.form);
    const out = lemmatizeSentence(forms, "uk", s.tokens.map((t) => /SpaceAfter=No/.test(t.misc)));
    s.tokens.forEach((t, i) => {
      words++;
      if (t.lemma === "_" || out[i].lemma === t.lemma) lemmaOk++;
      else {
        const k = `${t.form}\t${t.upos}\t${t.lemma}\t→ ${out[i].lemma} (${out[i].pos})`;
        errors.set(k, (errors.get(k) ?? 0) + 1);
      }
      if (out[i].pos === t.upos) posOk++;
    });
  }
  const ms = performance.now() - t0;
  return { words, lemmaAcc: (100 * lemmaOk) / words, uposAcc: (100 * posOk) / words, errors, ms };
}

/** Raw text: our tokenizer, alignment by non-whitespace character spans. */
async function rawText(sents: ConlluSentence[]) {
  const { tokenizeForEval } = await import("../src/morph/eval-tokenize.js");
  let gold = 0;
  let system = 0;
  let correct = 0;
  let aligned = 0;
  for (const s of sents) {
    const { words: sysWords, joined } = tokenizeForEval(s.text);
    const out = lemmatizeSentence(sysWords, "uk", joined);
    const key = (ws: string[]) => {
      const m = new Map<string, number>();
      let p = 0;
      ws.forEach((w, i) => {
        const n = w.replace(/\s+/g, "").length;
        m.set(`${p}:${p + n}`, i);
        p += n;
      });
      return m;
    };
    // Gold words: multiword tokens take their surface span; their parts are not aligned (counted as misses).
    const goldSurface: { form: string; lemma: string | null }[] = [];
    const rangeOf = new Map<number, { form: string; end: number }>();
    for (const r of s.ranges) {
      const [a, b] = r.id.split("-").map(Number);
      rangeOf.set(a, { form: r.form, end: b });
    }
    for (let i = 0; i < s.tokens.length; i++) {
      const id = Number(s.tokens[i].id);
      const r = rangeOf.get(id);
      if (r) {
        goldSurface.push({ form: r.form, lemma: null });
        gold += r.end - id + 1;
        i += r.end - id;
        continue;
      }
      goldSurface.push({ form: s.tokens[i].form, lemma: s.tokens[i].lemma });
      gold++;
    }
    const gk = key(goldSurface.map((g) => g.form));
    const sk = key(sysWords);
    system += sysWords.length;
    for (const [span, gi] of gk) {
      const si = sk.get(span);
      if (si === undefined) continue;
      const g = goldSurface[gi];
      if (g.lemma === null) continue;
      aligned++;
      if (g.lemma === "_" || g.lemma === out[si].lemma) correct++;
    }
  }
  const P = correct / system;
  const R = correct / gold;
  return { gold, system, aligned, lemmaF1: (200 * P * R) / (P + R), tokensF1: (200 * (aligned / system) * (aligned / gold)) / (aligned / system + aligned / gold) };
}

if (args.includes("--bench")) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  resources("uk");
  const loadCpu = process.cpuUsage(c0);
  const loadWall = performance.now() - t0;
  const forms = sents.map((s) => s.tokens.map((t) => t.form));
  const n = forms.reduce((a, f) => a + f.length, 0);
  const run = (rounds: number) => {
    const c = process.cpuUsage();
    for (let r = 0; r < rounds; r++) for (const f of forms) lemmatizeSentence(f, "uk");
    const u = process.cpuUsage(c);
    return Math.round((n * rounds) / ((u.user + u.system) / 1e6));
  };
  const cold = run(1);
  const warm = run(3);
  console.log(`uk resources load: ${((loadCpu.user + loadCpu.system) / 1000).toFixed(0)} ms CPU (${loadWall.toFixed(0)} ms wall)`);
  console.log(`lemmatizeSentence on UD ${split} (${n} words): cold ${cold.toLocaleString("en")} words/CPU-s, warm ${warm.toLocaleString("en")} words/CPU-s`);
  console.log(`heap after: ${Math.round(process.memoryUsage().heapUsed / 1e6)} MB, rss ${Math.round(process.memoryUsage().rss / 1e6)} MB`);
  process.exit(0);
}
if (args.includes("--cv")) {
  const dev = readConllu(readFileSync(join(SHARED, "data", "ud-uk-iu", "uk_iu-ud-dev.conllu"), "utf8"));
  const folds: ConlluSentence[][] = [[], []];
  let doc = -1;
  for (const s of dev) {
    if (s.newDoc || doc < 0) doc++;
    folds[doc % 2].push(s);
  }
  let words = 0;
  let ok = 0;
  let pos = 0;
  const errors = new Map<string, number>();
  const prior = resources("uk").prior;
  for (let k = 0; k < 2; k++) {
    useTaggerModel("uk", trainTagger(folds[1 - k], ambiguityFor("uk")));
    // The lemma priors count dev lemmas: take the held-out half's out while scoring it.
    const held = new Map<string, number>();
    for (const s of folds[k]) for (const t of s.tokens) {
      const l = t.lemma.replace(/’/g, "'");
      if (prior.has(l)) held.set(l, (held.get(l) ?? 0) + 1);
    }
    for (const [l, c] of held) prior.set(l, Math.max(0, prior.get(l)! - c));
    clearCaches("uk");
    const g = goldTokens(folds[k]);
    for (const [l, c] of held) prior.set(l, prior.get(l)! + c);
    clearCaches("uk");
    words += g.words;
    ok += (g.lemmaAcc * g.words) / 100;
    pos += (g.uposAcc * g.words) / 100;
    for (const [e, c] of g.errors) errors.set(e, (errors.get(e) ?? 0) + c);
  }
  console.log(`dev 2-fold CV: ${words} words, lemma ${(100 * ok / words).toFixed(2)}%  UPOS ${(100 * pos / words).toFixed(2)}%`);
  for (const [k, c] of [...errors].sort((a, b) => b[1] - a[1]).slice(0, nErrors)) console.log(`${c}\t${k}`);
  process.exit(0);
}
const g = goldTokens(sents);
const raw = await rawText(sents);
const result = {
  split,
  words: g.words,
  goldTokens: { lemmaAcc: +g.lemmaAcc.toFixed(2), uposAcc: +g.uposAcc.toFixed(2), wordsPerSec: Math.round(g.words / (g.ms / 1000)) },
  rawText: { lemmaF1: +raw.lemmaF1.toFixed(2), alignedWordsF1: +raw.tokensF1.toFixed(2) },
};
if (args.includes("--json")) console.log(JSON.stringify(result));
else {
  console.log(`UD Ukrainian-IU ${split}: ${g.words} words`);
  console.log(`gold tokens: lemma ${result.goldTokens.lemmaAcc}%  UPOS ${result.goldTokens.uposAcc}%  (${result.goldTokens.wordsPerSec} words/s incl. first load)`);
  console.log(`raw text:    lemma F1 ${result.rawText.lemmaF1}%  (words F1 ${result.rawText.alignedWordsF1}%)`);
}
if (nErrors) {
  const top = [...g.errors].sort((a, b) => b[1] - a[1]).slice(0, nErrors);
  for (const [k, c] of top) console.log(`${c}\t${k}`);
}
