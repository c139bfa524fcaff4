/**
 * npm run train:ner — trains the Ukrainian named-entity recogniser on NER-UK (../shared/data/ner-uk) and
 * writes models/ner/{uk-ner-v2-13class,uk-ner-v1-4class}.bin.gz and models/ner/card.json.
 *
 *   - v2.0, 13 classes: trained on the DEV documents of v2.0/data/dev-test-split.txt (ng + bruk).
 *   - v1.0, 4 classes: trained the same way on the DEV documents of v1.0/dev-test-split.txt.
 *
 * For each: 10% of the DEV documents (chosen by a hash of their id) are held out to pick the number of
 * perceptron epochs; then the two-pass recogniser is trained on all DEV documents with that count, quantised
 * and saved. TEST documents are read only after training, to report the scores in the card; nothing is
 * tuned on them. Usage: npm run train:ner [-- --only v2|v1]
 *
 * Validation only (writes no model): npm run train:ner -- --validate [--only v2|v1] [--fold K | --folds 0,1,2] [--errors]
 * trains one pass on the DEV documents with fnv1a(id) % 10 !== K and prints the held-out curve and per-class
 * scores on the others (K = 0 by default, the fold the full training holds out); --errors writes the
 * held-out errors by kind to ner-errors.txt in the system's temporary directory. Ablation switches (for
 * validation; the defaults are what the models use): NER_NO_CLASSES=1 (no dictionary classes),
 * NER_CLASS_POS=PROPN,NOUN,ADJ (which parts of speech the classes keep), NER_MAX_EPOCHS, NER_MIN_COUNT,
 * NER_SCHEME=bilou (BILOU tags instead of BIO), NER_LEARNERS=K (K perceptrons on different shuffles,
 * averaged), NER_DROPOUT=p (feature dropout while training), NER_SEED (shuffling seed, default 7).
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { tmpdir } from "node:os";
import { corpusRoot, loadDocs, type Version } from "../src/ner/corpus.js";
import { evaluateDocs, formatScore, predictDoc, type MorphFn, type Score } from "../src/ner/evaluate.js";
import { fnv1a } from "../src/ner/hash.js";
import { quantize, type NerModel } from "../src/ner/model.js";
import { Recognizer } from "../src/ner/recognizer.js";
import { bioTags, goldUnits, lowerSeenKeys, prepareDoc, trainPerceptron, trainStack, type TrainDoc } from "../src/ner/train.js";
import { MODEL_FILES } from "../src/ner/index.js";
import { lemmatizeSentence, LEXICON_DIR } from "../src/morph/lemmatizer.js";
import { buildWordClasses } from "../src/ner/wordclass.js";
import { gunzipSync } from "node:zlib";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const SHARED = resolve(process.env.DZHERELO_SHARED ?? join(ROOT, "..", "shared"));
const OUT = join(ROOT, "models", "ner");
/**
 * Per model: perceptrons averaged, feature dropout and the most epochs tried. v2: two perceptrons on
 * different shuffles with dropout 0.1, up to 14 epochs (held-out 79.30 / 79.33 with seeds 7 / 11 against
 * 78.89 / 78.67 for one perceptron without dropout, docs/ner.md); v1 keeps one perceptron (the same set-up
 * scored 78.99 against 79.45 on its folds).
 * Environment variables override them (for validation runs).
 */
const SETUP: Record<Version, { learners: number; dropout: number; maxEpochs: number }> = {
  v2: { learners: 2, dropout: 0.1, maxEpochs: 14 },
  v1: { learners: 1, dropout: 0, maxEpochs: 10 },
};
const setup = (v: Version) => ({
  learners: Number(process.env.NER_LEARNERS ?? SETUP[v].learners),
  dropout: Number(process.env.NER_DROPOUT ?? SETUP[v].dropout),
  maxEpochs: Number(process.env.NER_MAX_EPOCHS ?? SETUP[v].maxEpochs),
  seed: Number(process.env.NER_SEED ?? 7),
});
const MIN_COUNT = Number(process.env.NER_MIN_COUNT ?? 2);
/** Tag scheme: "bio" or "bilou" (see bioTags). */
const SCHEME = (process.env.NER_SCHEME ?? "bio") as "bio" | "bilou";
const FOLDS = 4;

const args = process.argv.slice(2);
const only = args.includes("--only") ? (args[args.indexOf("--only") + 1] as Version) : null;
const t0 = Date.now();
const log = (m: string) => console.log(`[${((Date.now() - t0) / 1000).toFixed(0).padStart(4)}s] ${m}`);
const morphMemo = new Map<string, ReturnType<MorphFn>>();
/** Morphology of a unit's words, memoised: held-out units are scored many times. */
const morph: MorphFn = (w) => {
  const key = w.join("\u0001");
  let m = morphMemo.get(key);
  if (!m) morphMemo.set(key, (m = lemmatizeSentence(w, "uk")));
  return m;
};
/** Dictionary paradigm classes (src/ner/wordclass.ts), stored in each model. */
const classes = (() => {
  if (process.env.NER_NO_CLASSES) return { clusterKeys: new Uint32Array(0), clusterVals: new Int32Array(0), count: 0 };
  const kept = process.env.NER_CLASS_POS ? new Set(process.env.NER_CLASS_POS.split(",")) : undefined;
  const wc = buildWordClasses(gunzipSync(readFileSync(join(LEXICON_DIR, "uk.lex.gz"))).toString("utf8"), kept);
  return { clusterKeys: wc.keys, clusterVals: wc.vals, count: wc.classes };
})();
const O_BIASES = [0, 5, 10, 20, 30, 45, 60, 80]; // emission margins are in the hundreds

function prepare(docs: ReturnType<typeof loadDocs>, tags: string[]): TrainDoc[] {
  return docs.map((d) => {
    const td = prepareDoc(d);
    const units = goldUnits(td, tags);
    for (const u of units) u.morph = morph(u.texts);
    return { td, units };
  });
}

const pct = (x: number) => Number((100 * x).toFixed(2));
const summary = (s: Score) => ({
  micro: { p: pct(s.micro.p), r: pct(s.micro.r), f1: pct(s.micro.f1) },
  perType: Object.fromEntries(Object.entries(s.perType).map(([t, v]) => [t, { p: pct(v.p), r: pct(v.r), f1: pct(v.f1), gold: v.tp + v.fn }])),
});

function run(version: Version): Record<string, unknown> {
  const root = corpusRoot(SHARED);
  const dev = loadDocs(root, version, "dev");
  const types = [...new Set(dev.flatMap((d) => d.entities.map((e) => e.type)))].sort();
  const tags = bioTags(types, SCHEME);
  log(`${version}: ${dev.length} DEV documents, types ${types.join(" ")}`);
  const all = prepare(dev, tags);
  const { train, held } = splitHeldOut(all, 0);
  // 1. Epochs: single pass on 90%, scored on the held-out 10% after each epoch.
  let bestModel: NerModel | null = null;
  const curve = heldOutCurve(version, train, held, tags, false, (m) => (bestModel = m));
  const epochs = curve.indexOf(Math.max(...curve)) + 1;
  log(`${version}: best epoch count ${epochs}`);
  // The "O" penalty (see NerModel.oBias), on the same held-out documents with the best-epoch model.
  const biasCurve: [number, number][] = [];
  for (const b of O_BIASES) {
    bestModel!.meta.oBias = b;
    biasCurve.push([b, pct(evaluateDocs(bestModel!, held.map((d) => d.td), undefined, morph).micro.f1)]);
    log(`  O penalty ${b}: held-out F1 ${biasCurve[biasCurve.length - 1][1]}`);
  }
  const oBias = biasCurve.reduce((a, c) => (c[1] > a[1] ? c : a))[0];
  log(`${version}: O penalty ${oBias}`);
  // 2. The two-pass recogniser on all DEV documents.
  const lowerSeen = lowerSeenKeys(all.flatMap((d) => d.units));
  const rec = trainStack(all, tags, { lowerSeen, ...classes }, { epochs: [epochs, epochs], minCount: MIN_COUNT, folds: FOLDS, log, learners: setup(version).learners, dropout: setup(version).dropout, seed: setup(version).seed });
  for (const p of rec.passes) p.meta.oBias = oBias;
  const q = new Recognizer(rec.passes.map(quantize));
  // 3. TEST scores, for the card only.
  const test = loadDocs(root, version, "test");
  const score = evaluateDocs(q, test, undefined, morph);
  console.log(formatScore(score, `${version} TEST (quantised model)`));
  const extra: Record<string, unknown> = {};
  if (version === "v1") {
    // 4-class view: also score the v2 13-class model on v1 TEST, mapped (v2's DEV holds no v1 TEST text).
    const v2file = join(OUT, MODEL_FILES.v2);
    if (existsSync(v2file)) {
      const v2 = Recognizer.deserialize(readFileSync(v2file));
      const map = (t: string) => (t === "PERS" || t === "ORG" || t === "LOC" || t === "MISC" ? t : null);
      const s = evaluateDocs(v2, test, map, morph);
      console.log(formatScore(s, "v1 TEST, v2 13-class model mapped to PERS/ORG/LOC/MISC (others dropped)"));
      extra.v2ModelMappedToV1Test = summary(s);
    }
  }
  const meta = {
    version,
    classes: types,
    trainDocs: dev.length,
    heldOutDocs: held.length,
    heldOutCurve: curve,
    epochs,
    oBias,
    heldOutByOBias: biasCurve,
    passes: 2,
    perceptrons: setup(version).learners,
    dropout: setup(version).dropout,
    seed: setup(version).seed,
    minCount: MIN_COUNT,
    folds: FOLDS,
    features: q.passes.map((p) => p.keys.length),
    test: summary(score),
    ...extra,
  };
  for (const p of q.passes) Object.assign(p.meta, { version, epochs, oBias });
  const bytes = q.serialize();
  mkdirSync(OUT, { recursive: true });
  writeFileSync(join(OUT, MODEL_FILES[version]), bytes);
  log(`${version}: wrote ${MODEL_FILES[version]} (${(bytes.length / 1e6).toFixed(2)} MB)`);
  return { file: MODEL_FILES[version], bytes: bytes.length, ...meta };
}

/**
 * --validate: only the single-pass held-out curve (train on 90% of DEV, score the held-out 10% after each
 * epoch), printing per-class held-out scores at the best epoch. For comparing feature sets; writes nothing.
 */
function validate(version: Version): void {
  const root = corpusRoot(SHARED);
  const dev = loadDocs(root, version, "dev");
  const types = [...new Set(dev.flatMap((d) => d.entities.map((e) => e.type)))].sort();
  const tags = bioTags(types, SCHEME);
  const all = prepare(dev, tags);
  const folds = args.includes("--folds")
    ? args[args.indexOf("--folds") + 1].split(",").map(Number)
    : [args.includes("--fold") ? Number(args[args.indexOf("--fold") + 1]) : 0];
  const bests = folds.map((fold) => validateFold(version, all, tags, fold));
  if (folds.length > 1)
    console.log(`${version} held-out folds ${folds.join(" / ")}: ${bests.map((b) => b.toFixed(2)).join(" / ")}, mean ${(bests.reduce((a, b) => a + b, 0) / bests.length).toFixed(2)}`);
}

/**
 * Trains a single-pass model on `train` for the version's epoch budget, scoring it on `held` after each epoch;
 * returns the held-out F1 of every epoch and calls `onBest` with the model and score of each new best epoch.
 * `logTraining` passes the trainer's own progress lines through.
 */
function heldOutCurve(
  version: Version,
  train: TrainDoc[],
  held: TrainDoc[],
  tags: string[],
  logTraining: boolean,
  onBest: (m: NerModel, s: Score) => void,
): number[] {
  const curve: number[] = [];
  trainPerceptron(
    train.flatMap((d) => d.units),
    tags,
    { lowerSeen: lowerSeenKeys(train.flatMap((d) => d.units)), ...classes },
    {
      epochs: setup(version).maxEpochs,
      minCount: MIN_COUNT,
      learners: setup(version).learners,
      dropout: setup(version).dropout,
      seed: setup(version).seed,
      ...(logTraining ? { log } : {}),
      onEpoch: (e, m) => {
        const s = evaluateDocs(m, held.map((d) => d.td), undefined, morph);
        if (curve.length === 0 || pct(s.micro.f1) > Math.max(...curve)) onBest(m, s);
        curve.push(pct(s.micro.f1));
        log(`  epoch ${e}: held-out F1 ${pct(s.micro.f1)}`);
      },
    },
  );
  return curve;
}

/** One fold of --validate: the single-pass held-out curve; returns the best epoch's micro F1. */
function validateFold(version: Version, all: TrainDoc[], tags: string[], fold: number): number {
  const { train, held } = splitHeldOut(all, fold);
  log(`${version} fold ${fold}: ${train.length} + ${held.length} held-out documents`);
  let best: Score | null = null;
  const curve = heldOutCurve(version, train, held, tags, true, (m, s) => {
    best = s;
    if (args.includes("--errors")) errorReport(m, held);
  });
  console.log(formatScore(best!, `${version} held-out fold ${fold}, best epoch ${curve.indexOf(Math.max(...curve)) + 1}: ${Math.max(...curve)}`));
  return Math.max(...curve);
}

/** Held-out errors by kind (wrong type on the right span, boundary, missed, spurious), to ner-errors.txt. */
function errorReport(m: NerModel, held: TrainDoc[]): void {
  const lines: string[] = [];
  const kinds = new Map<string, number>();
  const bump = (k: string) => kinds.set(k, (kinds.get(k) ?? 0) + 1);
  for (const d of held) {
    const pred = predictDoc(m, d.td, morph);
    const text = d.td.doc.text;
    for (const g of d.td.doc.entities) {
      if (pred.some((p) => p.start === g.start && p.end === g.end && p.type === g.type)) continue;
      const ov = pred.filter((p) => p.start < g.end && p.end > g.start);
      const same = ov.find((p) => p.start === g.start && p.end === g.end);
      const kind = same ? `type ${g.type}->${same.type}` : ov.length ? `bound ${g.type}` : `miss ${g.type}`;
      bump(kind.startsWith("type") ? kind : kind);
      lines.push(`${kind}\t${text.slice(g.start, g.end)}\t${ov.map((p) => p.type + "[" + text.slice(p.start, p.end) + "]").join(" ")}\t…${text.slice(Math.max(0, g.start - 40), g.end + 40).replace(/\n/g, " ")}`);
    }
    for (const p of pred) if (!d.td.doc.entities.some((g) => g.start < p.end && g.end > p.start)) {
      bump(`spurious ${p.type}`);
      lines.push(`spurious ${p.type}\t${text.slice(p.start, p.end)}\t\t…${text.slice(Math.max(0, p.start - 40), p.end + 40).replace(/\n/g, " ")}`);
    }
  }
  const summary = [...kinds].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${n}\t${k}`);
  writeFileSync(join(tmpdir(), "ner-errors.txt"), summary.join("\n") + "\n\n" + lines.sort().join("\n") + "\n");
}

if (args.includes("--validate")) {
  for (const v of ["v2", "v1"] as Version[]) if (!only || v === only) validate(v);
  process.exit(0);
}

const cardFile = join(OUT, "card.json");
const card: Record<string, unknown> = existsSync(cardFile) ? JSON.parse(readFileSync(cardFile, "utf8")) : {};
for (const v of ["v2", "v1"] as Version[]) {
  if (only && v !== only) continue;
  card[v] = run(v);
  Object.assign(card, {
    name: "Dzherelo Ukrainian NER",
    licence: "CC BY-NC-SA 4.0 (trained on NER-UK, lang-uk/ner-uk, CC BY-NC-SA 4.0; ShareAlike applies to this model)",
    data: "NER-UK (github.com/lang-uk/ner-uk, commit 7772b45): v2.0 DEV documents (13 classes), v1.0 DEV documents (4 classes); scored on the TEST documents",
    model: "two-pass averaged structured perceptron over hashed features, BIO tags, constrained Viterbi; int16 weights; v2: each pass the mean of two perceptrons trained on different shuffles with feature dropout 0.1",
    morphology: "features read lemmas and UPOS from src/morph (lemmatizeSentence)",
    wordClasses: `paradigm classes of ${classes.clusterKeys.length} PROPN/NOUN lemmas of data/lexicon/uk.lex.gz (hunspell-uk, dict_uk; GPL-2+/LGPL-2.1+/MPL-1.1), ${classes.count} classes, stored in each model`,
    command: "npm run train:ner",
    evaluate: "npm run eval:ner",
    machine: "2 cores, Node 20",
    trained: new Date().toISOString().slice(0, 10),
    seconds: Math.round((Date.now() - t0) / 1000),
  });
  writeFileSync(cardFile, JSON.stringify(card, null, 2) + "\n");
}
log("done");

/** Training documents split by fold: fnv1a(id) % 10 === fold is held out (never the TEST documents). */
function splitHeldOut<D extends { td: { doc: { id: string } } }>(all: D[], fold: number): { train: D[]; held: D[] } {
  const isHeld = (d: D) => fnv1a(d.td.doc.id) % 10 === fold;
  return { train: all.filter((d) => !isHeld(d)), held: all.filter(isHeld) };
}
