/**
 * Training: an averaged structured perceptron (Collins 2002) over the linear-chain model in model.ts. Each
 * pass decodes every training unit with the current weights and, where the best path differs from the gold
 * one, adds the gold path's features and subtracts the predicted path's. The returned model holds the
 * average of the weights over all steps (computed with the usual lazy-sum trick), which generalises far
 * better than the last weights. Only features seen at least `minCount` times in training get weights.
 */
import { fnv1a, HashIndex } from "./hash.js";
import { docEvidence, extract, labelHistory, NUM_FEATURES, tokenInfo, type Lexicons, type MorphInfo, type TokenInfo } from "./features.js";
import { makeLexicons, NerModel } from "./model.js";
import { tokenize, units, type TokenSpan } from "./tokenize.js";
import { bioConstraints, viterbi } from "./viterbi.js";
import { Recognizer, type DocInput } from "./recognizer.js";
import type { Doc } from "./corpus.js";

export interface Unit {
  texts: string[];
  /** Gold tag index per token. */
  gold: Int32Array;
  /** Document-level evidence per token (features.docEvidence). */
  doc?: Uint8Array;
  /** Morphology per token, when the model uses it. */
  morph?: MorphInfo[];
  /** Label history per token from a first pass (features.labelHistory), for a second-pass model. */
  hist?: Uint32Array;
}

export interface TagDoc {
  doc: Doc;
  tokens: TokenSpan[];
  units: [number, number][];
}

/** Tokenises a document and splits it into tagging units the same way `recognize` does. */
export function prepareDoc(doc: Doc): TagDoc {
  const tokens = tokenize(doc.text);
  return { doc, tokens, units: units(doc.text, tokens) };
}

/**
 * Tag names for a set of entity types, "O" first: BIO (begin, inside), or BILOU (also last and unit-length
 * tags, so a span's last word gets weights of its own: where a long name ends is learnt, not inferred from the
 * next word alone).
 */
export function bioTags(types: readonly string[], scheme: "bio" | "bilou" = "bio"): string[] {
  const tags = ["O"];
  for (const t of [...types].sort()) {
    if (scheme === "bio") tags.push("B-" + t, "I-" + t);
    else tags.push("B-" + t, "I-" + t, "L-" + t, "U-" + t);
  }
  return tags;
}

/** Gold tags (BIO or BILOU, as `tags` has) of a prepared document: a token is inside an entity when it overlaps it. */
export function goldUnits(td: TagDoc, tags: readonly string[]): Unit[] {
  const tagIx = new Map(tags.map((t, i) => [t, i]));
  const per = new Int32Array(td.tokens.length); // 0 = O
  let j = 0;
  for (const e of td.doc.entities) {
    while (j < td.tokens.length && td.tokens[j].end <= e.start) j++;
    let k = j;
    for (; k < td.tokens.length && td.tokens[k].start < e.end; k++) {
      const t = tagIx.get((k === j ? "B-" : "I-") + e.type);
      if (t === undefined) break;
      per[k] = t;
    }
    // BILOU: the last token of a span is L-, a one-token span U-.
    const last = tagIx.get((k - 1 === j ? "U-" : "L-") + e.type);
    if (k > j && last !== undefined && per[k - 1] === tagIx.get((k - 1 === j ? "B-" : "I-") + e.type)) per[k - 1] = last;
  }
  const doc = docFlags(td);
  return td.units.map(([a, b]) => ({ texts: td.tokens.slice(a, b).map((t) => t.text), gold: per.slice(a, b), doc: doc.slice(a, b) }));
}

/** features.docEvidence for a prepared document (it reads only case and form, so no lexicons are needed). */
export function docFlags(td: TagDoc): Uint8Array {
  const none: Lexicons = { lowerSeen: null, clusters: null };
  const infos = td.tokens.map((t) => tokenInfo(t.text, none));
  const starts = new Uint8Array(td.tokens.length);
  for (const [a] of td.units) starts[a] = 1;
  docEvidence(infos, starts);
  return Uint8Array.from(infos, (x) => x.doc);
}

/** Lowercase forms seen written in lowercase (the "is a common word" lexicon). */
export function lowerSeenKeys(units: readonly Unit[]): Uint32Array {
  const set = new Set<number>();
  for (const u of units) for (const t of u.texts) if (t !== t.toUpperCase() && t === t.toLowerCase()) set.add(fnv1a(t.replace(/[’ʼ`]/g, "'")));
  return Uint32Array.from([...set].sort((a, b) => a - b));
}

export interface TrainOptions {
  epochs: number;
  minCount: number;
  seed?: number;
  /** Perceptrons trained side by side on different shuffles, their averaged weights averaged (default 1). */
  learners?: number;
  /** Probability of leaving each feature out of a training step (default 0). */
  dropout?: number;
  /** Called after each epoch with the averaged model so far (for held-out scoring). */
  onEpoch?: (epoch: number, averaged: NerModel) => void;
  log?: (msg: string) => void;
}

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  };
}

export function trainPerceptron(
  data: readonly Unit[],
  tags: string[],
  lexKeys: { lowerSeen: Uint32Array; clusterKeys: Uint32Array; clusterVals: Int32Array },
  opts: TrainOptions,
  lang = "uk",
): NerModel {
  const lex: Lexicons = makeLexicons(lexKeys.lowerSeen, lexKeys.clusterKeys, lexKeys.clusterVals);
  const T = tags.length;
  const F = NUM_FEATURES;
  const log = opts.log ?? (() => {});
  // 1. Features per unit, and their counts.
  const feats: Uint32Array[] = [];
  const counts = new Map<number, number>();
  for (const u of data) {
    const infos: TokenInfo[] = u.texts.map((t, i) => tokenInfo(t, lex, u.morph?.[i]));
    if (u.doc) for (let i = 0; i < infos.length; i++) infos[i].doc = u.doc[i];
    if (u.hist) for (let i = 0; i < infos.length; i++) infos[i].hist = u.hist[i];
    const f = extract(u.texts, infos, 0, u.texts.length).slice();
    feats.push(f);
    for (let i = 0; i < f.length; i++) counts.set(f[i], (counts.get(f[i]) ?? 0) + 1);
  }
  const keysArr: number[] = [];
  for (const [k, c] of counts) if (c >= opts.minCount) keysArr.push(k);
  keysArr.sort((a, b) => a - b);
  const keys = Uint32Array.from(keysArr);
  const index = HashIndex.fromKeys(keys);
  log(`${data.length} units, ${counts.size} distinct features, ${keys.length} kept (count >= ${opts.minCount})`);
  counts.clear();
  const rows = feats.map((f) => {
    const r = new Int32Array(f.length);
    for (let i = 0; i < f.length; i++) r[i] = index.get(f[i]);
    return r;
  });
  feats.length = 0;
  // 2. Perceptron with averaging: w (current), u (sum of step × update); average = w - u / c. With
  // `learners` > 1, that many perceptrons are trained side by side, each on its own shuffle of the units
  // (and its own feature dropout), and the model is the mean of their averaged weights.
  const nW = keys.length * T;
  const allowed = bioConstraints(tags);
  const L = Math.max(1, opts.learners ?? 1);
  const drop = opts.dropout ?? 0;
  const learners = Array.from({ length: L }, (_, l) => ({
    w: new Float32Array(nW),
    u: new Float64Array(nW),
    tr: new Float64Array(T * T),
    trU: new Float64Array(T * T),
    st: new Float64Array(T),
    stU: new Float64Array(T),
    c: 1,
    order: data.map((_, i) => i),
    rand: rng((opts.seed ?? 7) + 7919 * l),
  }));
  const emit = new Float64Array(512 * T);
  let masked = new Int32Array(512 * F);
  for (let epoch = 1; epoch <= opts.epochs; epoch++) {
    let errors = 0;
    let tokens = 0;
    for (const ln of learners) {
      const { w, u, tr, trU, st, stU, order, rand } = ln;
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(rand() * (i + 1));
        [order[i], order[j]] = [order[j], order[i]];
      }
      for (const ui of order) {
        const unit = data[ui];
        let r = rows[ui];
        const n = unit.texts.length;
        if (drop > 0) {
          // Feature dropout: each feature of each token is left out of this step with probability `drop`
          // (the bias never), so no single feature carries a decision alone.
          if (masked.length < r.length) masked = new Int32Array(r.length * 2);
          for (let i = 0; i < r.length; i++) masked[i] = i % F !== 0 && rand() < drop ? -1 : r[i];
          r = masked;
        }
        const em = n * T <= emit.length ? emit : new Float64Array(n * T);
        em.fill(0, 0, n * T);
        for (let p = 0; p < n; p++) {
          for (let k = 0; k < F; k++) {
            const row = r[p * F + k];
            if (row < 0) continue;
            const wb = row * T;
            for (let t = 0; t < T; t++) em[p * T + t] += w[wb + t];
          }
        }
        const pred = viterbi(n, T, em, tr, st, allowed);
        const gold = unit.gold;
        tokens += n;
        let wrong = false;
        for (let p = 0; p < n; p++) if (pred[p] !== gold[p]) wrong = true;
        const c = ln.c;
        if (wrong) {
          for (let p = 0; p < n; p++) {
            const g = gold[p];
            const q = pred[p];
            if (g !== q) {
              errors++;
              for (let k = 0; k < F; k++) {
                const row = r[p * F + k];
                if (row < 0) continue;
                w[row * T + g] += 1;
                u[row * T + g] += c;
                w[row * T + q] -= 1;
                u[row * T + q] -= c;
              }
            }
            if (p === 0) {
              if (g !== q) {
                st[g] += 1;
                stU[g] += c;
                st[q] -= 1;
                stU[q] -= c;
              }
            } else {
              const gp = gold[p - 1];
              const qp = pred[p - 1];
              if (gp !== qp || g !== q) {
                tr[gp * T + g] += 1;
                trU[gp * T + g] += c;
                tr[qp * T + q] -= 1;
                trU[qp * T + q] -= c;
              }
            }
          }
        }
        ln.c++;
      }
    }
    log(`epoch ${epoch}: ${errors} token errors / ${tokens} (${((100 * errors) / tokens).toFixed(2)}%)`);
    if (opts.onEpoch || epoch === opts.epochs) {
      const m = averaged();
      opts.onEpoch?.(epoch, m);
      if (epoch === opts.epochs) return m;
    }
  }
  return averaged();

  function averaged(): NerModel {
    const aw = new Float32Array(nW);
    const at = new Float32Array(T * T);
    const as = new Float32Array(T);
    for (const { w, u, tr, trU, st, stU, c } of learners) {
      for (let i = 0; i < nW; i++) aw[i] += (w[i] - u[i] / c) / L;
      for (let i = 0; i < T * T; i++) at[i] += (tr[i] - trU[i] / c) / L;
      for (let i = 0; i < T; i++) as[i] += (st[i] - stU[i] / c) / L;
    }
    return new NerModel(tags, keys, aw, 1, at, as, lex, lexKeys, {}, lang);
  }
}

/** A training document: its tokens and units, with gold tags (and morphology) per unit. */
export interface TrainDoc {
  td: TagDoc;
  units: Unit[];
}

export interface StackOptions {
  /** Perceptron epochs of the first and the second pass. */
  epochs: [number, number];
  minCount: number;
  /** Folds for the first pass's out-of-fold predictions that train the second pass. */
  folds: number;
  learners?: number;
  dropout?: number;
  seed?: number;
  log?: (msg: string) => void;
}

function docInput(d: TrainDoc): DocInput {
  const texts = d.td.tokens.map((t) => t.text);
  const morph = d.units.every((u) => u.morph) ? d.units.flatMap((u) => u.morph!) : undefined;
  return { texts, units: d.td.units, morph };
}

/**
 * Label history of each document as a first pass `first` sees it, stored into its units' `hist`. The
 * second pass must be trained on histories as noisy as the ones it meets at run time, so callers give a
 * first pass that did not see these documents (jackknifing).
 */
export function attachHistory(first: NerModel, docs: readonly TrainDoc[]): void {
  const rec = new Recognizer([first]);
  for (const d of docs) {
    const input = docInput(d);
    const types = rec.types(rec.tagDoc(input));
    const starts = new Uint8Array(input.texts.length);
    for (const [a] of input.units) starts[a] = 1;
    const infos = first.infos(input.texts, starts, input.morph);
    labelHistory(infos, types);
    d.td.units.forEach(([a, b], k) => {
      d.units[k].hist = Uint32Array.from(infos.slice(a, b), (x) => x.hist);
    });
  }
}

/** Trains the two-pass recogniser: pass 1 on local features, pass 2 also on jackknifed label history. */
export function trainStack(
  docs: readonly TrainDoc[],
  tags: string[],
  lexKeys: { lowerSeen: Uint32Array; clusterKeys: Uint32Array; clusterVals: Int32Array },
  opts: StackOptions,
  lang = "uk",
): Recognizer {
  const log = opts.log ?? (() => {});
  for (const d of docs) for (const u of d.units) u.hist = undefined;
  const all = docs.flatMap((d) => d.units);
  log(`pass 1 on ${docs.length} documents`);
  const first = trainPerceptron(all, tags, lexKeys, { epochs: opts.epochs[0], minCount: opts.minCount, learners: opts.learners, dropout: opts.dropout, seed: opts.seed }, lang);
  for (let k = 0; k < opts.folds; k++) {
    const inFold = docs.filter((_, i) => i % opts.folds === k);
    const rest = docs.filter((_, i) => i % opts.folds !== k).flatMap((d) => d.units);
    log(`jackknife fold ${k + 1}/${opts.folds}: train on ${rest.length} units, tag ${inFold.length} documents`);
    const m = trainPerceptron(rest, tags, lexKeys, { epochs: opts.epochs[0], minCount: opts.minCount, learners: opts.learners, dropout: opts.dropout, seed: opts.seed }, lang);
    attachHistory(m, inFold);
  }
  log(`pass 2 on ${docs.length} documents`);
  const second = trainPerceptron(all, tags, lexKeys, { epochs: opts.epochs[1], minCount: opts.minCount, learners: opts.learners, dropout: opts.dropout, seed: opts.seed }, lang);
  return new Recognizer([first, second]);
}
