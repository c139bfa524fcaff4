/**
 * A stack of tagging passes over one document. The first pass tags from local features; each later pass
 * also reads the label history of the pass before it (features.labelHistory), which makes repeated
 * mentions of a name in a document agree. Stored as one file holding the passes' models in order.
 */
import { gunzipSync, gzipSync } from "node:zlib";
import { extract, extractContext, HIST_FEATURES, histFeatures, labelHistory, NUM_FEATURES, padInfo, type MorphInfo } from "./features.js";
import { HashIndex } from "./hash.js";
import { NerModel } from "./model.js";
import { viterbi } from "./viterbi.js";

/**
 * Both passes' weights in one sparse table: one lookup per feature serves both passes, since their features
 * differ only in the label-history ones. The index maps a feature to an offset in `rows`, where rows[o] is the
 * count c of its non-zero weights (about 4 of 27 tags per pass) and rows[o+1 … o+c] are (tag << 16 | weight +
 * 32768); tags T…2T-1 are pass 2's. Sparse rows cut the additions per feature from 54 to about 8, and one
 * feature costs two memory reads in a row (the index slot, then its row), which is what bounds the speed.
 */
interface Fused {
  index: HashIndex;
  rows: Int32Array;
  /**
   * A one-hash Bloom filter over the keys (2^21 bits, 256 KB): most word-pair features of a text are not in
   * the model, and this small bit table, which stays in cache, rules them out without probing the
   * megabytes-large index. No false negatives, so the scores are unchanged.
   */
  filter: Int32Array;
}

const FILTER_SHIFT = 11; // 32 - 21 bits

/** The filter bit of a key (keys normalised as HashIndex does: 0 is stored as 1). */
function filterBit(key: number): number {
  return Math.imul(key | 0 || 1, 0x9e3779b1) >>> FILTER_SHIFT;
}

export interface DocInput {
  texts: readonly string[];
  /** Tagging units as [from, to) token ranges, in order, covering the tokens. */
  units: readonly [number, number][];
  morph?: readonly MorphInfo[];
}

export class Recognizer {
  /** Entity type index (1-based) per tag index, 0 for "O". */
  private readonly typeOfTag: Int32Array;

  private fused: Fused | null = null;

  /**
   * Per word (its text, lemma and POS): the summed first- and second-pass weights of the features that depend
   * on the word alone (OWN_FEATURE_LIST), of those it gives its right neighbour (PREV_FEATURE_LIST) and its
   * left one (NEXT_FEATURE_LIST), so a repeated word skips those table look-ups. Weights are integers, so the
   * sums are exact in any order and the scores are those of the full loop.
   */
  private readonly wordSums = new Map<string, WordSums>();
  /** The same for the padding token beyond a unit's edge. */
  private readonly padSums: WordSums = { own: null, asPrev: null, asNext: null };

  constructor(readonly passes: NerModel[]) {
    const tags = passes[passes.length - 1].tags;
    for (const p of passes) if (p.tags.join() !== tags.join()) throw new Error("NER passes disagree on tags");
    const types = [...new Set(tags.filter((t) => t !== "O").map((t) => t.slice(2)))].sort();
    this.typeOfTag = Int32Array.from(tags, (t) => (t === "O" ? 0 : types.indexOf(t.slice(2)) + 1));
    if (passes.length === 2 && passes.every((p) => p.weights instanceof Int16Array)) this.fused = fuse(passes[0], passes[1]);
  }

  /** Forgets the per-word memo (for measuring first-sight speed). */
  clearMemo(): void {
    this.wordSums.clear();
    this.padSums.own = this.padSums.asPrev = this.padSums.asNext = null;
  }

  get tags(): string[] {
    return this.passes[this.passes.length - 1].tags;
  }

  get meta(): Record<string, unknown> {
    return this.passes[this.passes.length - 1].meta;
  }

  /** Tag index per token of the document. */
  tagDoc(d: DocInput): Int32Array {
    return this.fused ? this.tagFused(d, this.fused) : this.tagSequential(d);
  }

  /** The same result as tagSequential for two quantised passes, with one table lookup per feature. */
  private tagFused(d: DocInput, fu: Fused): Int32Array {
    const [p1, p2] = this.passes;
    const n = d.texts.length;
    const T = p1.T;
    const F = NUM_FEATURES;
    const H = F - HIST_FEATURES;
    const starts = new Uint8Array(n);
    for (const [a] of d.units) starts[a] = 1;
    const infos = p1.infos(d.texts, starts, d.morph);
    const e2 = new Float64Array(n * T);
    const path1 = new Int32Array(n);
    let e1 = new Float64Array(0);
    let feats = new Uint32Array(0);
    const rows = fu.rows;
    // The memo record of every token: one look-up by its text with its lemma and POS.
    const memo = this.wordSums;
    if (memo.size > 200_000) memo.clear();
    const recs: WordSums[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const mi = d.morph?.[i];
      const key = mi ? d.texts[i] + "\u0001" + (mi.lemma ?? "") + "\u0001" + (mi.pos ?? "") : d.texts[i];
      let r = memo.get(key);
      if (!r) memo.set(key, (r = { own: null, asPrev: null, asNext: null }));
      recs[i] = r;
    }
    const padRec = this.padSums;
    for (const [a, b] of d.units) {
      const m = b - a;
      if (e1.length < m * T) e1 = new Float64Array(m * T * 2);
      if (feats.length < m * F) feats = new Uint32Array(m * F * 2);
      e1.fill(0, 0, m * T);
      // Context features for every token; all features of the unit only when some word's memo is incomplete.
      extractContext(d.texts, infos, a, b, feats);
      let full = false;
      for (let i = 0; i < m && !full; i++) {
        if (!recs[a + i].own || !(i > 0 ? recs[a + i - 1] : padRec).asPrev || !(i + 1 < m ? recs[a + i + 1] : padRec).asNext) full = true;
      }
      if (full) extract(d.texts, infos, a, b, feats);
      for (let i = 0; i < m; i++) {
        const eb = i * T;
        const e2b = (a + i) * T - T;
        const base = i * F;
        const r = recs[a + i];
        const sums = r.own ?? (r.own = sumFeatures(OWN_FEATURE_LIST, feats, base, fu, T));
        // The neighbours' parts (a unit edge is the padding token).
        const pr = i > 0 ? recs[a + i - 1] : padRec;
        const prev = pr.asPrev ?? (pr.asPrev = sumFeatures(PREV_FEATURE_LIST, feats, base, fu, T));
        const nr = i + 1 < m ? recs[a + i + 1] : padRec;
        const next = nr.asNext ?? (nr.asNext = sumFeatures(NEXT_FEATURE_LIST, feats, base, fu, T));
        for (let t = 0; t < T; t++) {
          e1[eb + t] += sums[t] + prev[t] + next[t];
          e2[e2b + T + t] += sums[T + t] + prev[T + t] + next[T + t];
        }
        const filter = fu.filter;
        for (let k = 0; k < F; k++) {
          if (MEMO_FEATURE[k]) continue;
          const key = feats[i * F + k];
          const bit = filterBit(key);
          if ((filter[bit >>> 5] & (1 << (bit & 31))) === 0) continue;
          const o = fu.index.get(key);
          if (o < 0) continue;
          const end = o + 1 + rows[o];
          if (k < H) {
            for (let j = o + 1; j < end; j++) {
              const t = rows[j] >>> 16;
              const v = (rows[j] & 0xffff) - 32768;
              if (t < T) e1[eb + t] += v;
              else e2[e2b + t] += v;
            }
          } else {
            for (let j = o + 1; j < end; j++) {
              const t = rows[j] >>> 16;
              if (t < T) e1[eb + t] += (rows[j] & 0xffff) - 32768;
            }
          }
        }
      }
      for (let j = 0; j < m * T; j++) e1[j] *= p1.scale;
      p1.biasO(e1, m);
      path1.set(viterbi(m, T, e1, p1.trans, p1.start, p1.allowed), a);
    }
    labelHistory(infos, this.types(path1));
    const path = new Int32Array(n);
    const hf = new Uint32Array(HIST_FEATURES);
    const pad = padInfo();
    for (const [a, b] of d.units) {
      for (let i = a; i < b; i++) {
        histFeatures(infos[i], i > a ? infos[i - 1] : pad, i + 1 < b ? infos[i + 1] : pad, i - a, hf, 0);
        for (let k = 0; k < HIST_FEATURES; k++) {
          const o = fu.index.get(hf[k]);
          if (o < 0) continue;
          const end = o + 1 + rows[o];
          for (let j = o + 1; j < end; j++) {
            const t = rows[j] >>> 16;
            if (t >= T) e2[i * T + t - T] += (rows[j] & 0xffff) - 32768;
          }
        }
      }
      const em = e2.subarray(a * T, b * T);
      for (let j = 0; j < em.length; j++) em[j] *= p2.scale;
      p2.biasO(e2, b - a, a * T);
      path.set(viterbi(b - a, T, em, p2.trans, p2.start, p2.allowed), a);
    }
    return path;
  }

  /** Each pass in turn, with its own lookups (used while training, and as the reference for tagFused). */
  tagSequential(d: DocInput): Int32Array {
    const n = d.texts.length;
    const starts = new Uint8Array(n);
    for (const [a] of d.units) starts[a] = 1;
    let path = new Int32Array(n);
    this.passes.forEach((model, k) => {
      const infos = model.infos(d.texts, starts, d.morph);
      if (k > 0) labelHistory(infos, this.types(path));
      const next = new Int32Array(n);
      for (const [a, b] of d.units) next.set(model.decode(d.texts, infos, a, b), a);
      path = next;
    });
    return path;
  }

  /** Entity type index per token (0 = outside) of a tag path. */
  types(path: ArrayLike<number>): Int32Array {
    return Int32Array.from(path as ArrayLike<number>, (t) => this.typeOfTag[t]);
  }

  serialize(): Buffer {
    const parts: Buffer[] = [Buffer.from("DZNERS1\0", "latin1"), u32(this.passes.length)];
    for (const p of this.passes) {
      const raw = p.serializeRaw();
      parts.push(u32(raw.length), raw);
    }
    return gzipSync(Buffer.concat(parts), { level: 9 });
  }

  static deserialize(gz: Uint8Array): Recognizer {
    const buf = gunzipSync(gz);
    if (buf.toString("latin1", 0, 7) !== "DZNERS1") throw new Error("not a dzherelo NER model stack");
    const count = buf.readUInt32LE(8);
    let off = 12;
    const passes: NerModel[] = [];
    for (let i = 0; i < count; i++) {
      const len = buf.readUInt32LE(off);
      off += 4;
      passes.push(NerModel.deserializeRaw(buf.subarray(off, off + len)));
      off += len;
    }
    return new Recognizer(passes);
  }
}

/**
 * Positions (in extract()'s order) of the features computed from the token's own text, lemma and POS alone:
 * bias, lowercase form, form, shapes, prefixes and suffixes, length with case, case with suffix, lemma, POS,
 * dictionary class. Not the document evidence or anything read from neighbours. The memo is keyed by text,
 * lemma and POS. Checked against extract() by test/ner/own-features.test.ts.
 */
export const OWN_FEATURE_LIST = [0, 1, 2, 7, 8, 11, 12, 13, 14, 15, 16, 17, 18, 30, 32, 37, 38, 39, 42, 43, 48, 50];
/** Features read from the previous token alone (its lowercase form, short shape, suffixes, prefix, lemma, class). */
export const PREV_FEATURE_LIST = [3, 9, 19, 21, 40, 46, 51];
/** Features read from the next token alone. */
export const NEXT_FEATURE_LIST = [4, 10, 20, 22, 41, 47, 52];
const MEMO_FEATURE = new Uint8Array(NUM_FEATURES);
for (const k of [...OWN_FEATURE_LIST, ...PREV_FEATURE_LIST, ...NEXT_FEATURE_LIST]) MEMO_FEATURE[k] = 1;
/** A word's memoised weight sums (see Recognizer.wordSums); null until first needed. */
interface WordSums {
  own: Int32Array | null;
  asPrev: Int32Array | null;
  asNext: Int32Array | null;
}

/**
 * The summed weights (pass 1 in [0, T), pass 2 in [T, 2T)) of the features `list` of the token at `base` in
 * `feats`. Integer weights: the sum is exact whatever the order.
 */
function sumFeatures(list: readonly number[], feats: Uint32Array, base: number, fu: Fused, T: number): Int32Array {
  const sums = new Int32Array(2 * T);
  const rows = fu.rows;
  for (const k of list) {
    const o = fu.index.get(feats[base + k]);
    if (o < 0) continue;
    const end = o + 1 + rows[o];
    for (let j = o + 1; j < end; j++) sums[rows[j] >>> 16] += (rows[j] & 0xffff) - 32768;
  }
  return sums;
}

function fuse(p1: NerModel, p2: NerModel): Fused {
  const T = p1.T;
  const keys = [...new Set<number>([...p1.keys, ...p2.keys])];
  const index = new HashIndex(keys.length);
  const w1 = p1.weights as Int16Array;
  const w2 = p2.weights as Int16Array;
  const rows: number[] = [];
  for (const key of keys) {
    const o = rows.length;
    index.set(key, o);
    rows.push(0);
    const r1 = p1.row(key);
    const r2 = p2.row(key);
    for (let t = 0; t < T; t++) if (r1 >= 0 && w1[r1 * T + t] !== 0) rows.push((t << 16) | (w1[r1 * T + t] + 32768));
    for (let t = 0; t < T; t++) if (r2 >= 0 && w2[r2 * T + t] !== 0) rows.push(((T + t) << 16) | (w2[r2 * T + t] + 32768));
    rows[o] = rows.length - o - 1;
  }
  const filter = new Int32Array(1 << (32 - FILTER_SHIFT - 5));
  for (const key of keys) {
    const bit = filterBit(key);
    filter[bit >>> 5] |= 1 << (bit & 31);
  }
  return { index, rows: Int32Array.from(rows), filter };
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
}
