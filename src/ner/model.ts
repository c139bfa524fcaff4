/**
 * The recogniser's model: a linear-chain scorer (hashed features × tag weights, plus tag-transition and
 * start weights) decoded with constrained Viterbi, and the word lexicons its features read. Stored as one
 * gzipped binary file: a JSON header, then typed arrays (feature keys, 16-bit quantised weights, float
 * transitions, lexicon keys).
 */
import { gunzipSync, gzipSync } from "node:zlib";
import { fnv1a, HashIndex } from "./hash.js";
import { Cap, docEvidence, extract, NUM_FEATURES, lemmaKey, tokenInfo, wordClass, type Lexicons, type MorphInfo, type TokenInfo } from "./features.js";
import { bioConstraints, viterbi } from "./viterbi.js";

export interface ModelHeader {
  format: "dzherelo.ner/1";
  lang: string;
  tags: string[];
  features: number;
  /** Dequantisation factor: weight = int16 × scale. */
  scale: number;
  numKeys: number;
  numLowerSeen: number;
  numClusters: number;
  /** Free-form facts about training (data, epochs, scores), copied into the card. */
  meta: Record<string, unknown>;
}

export class NerModel {
  readonly T: number;
  readonly allowed: Uint8Array;
  private readonly index: HashIndex;
  private emitBuf = new Float64Array(0);
  private featBuf = new Uint32Array(0);

  constructor(
    readonly tags: string[],
    readonly keys: Uint32Array,
    /** keys.length × T weights; Float32 while training, Int16 when loaded. */
    readonly weights: Float32Array | Int16Array,
    readonly scale: number,
    readonly trans: Float32Array,
    readonly start: Float32Array,
    readonly lex: Lexicons,
    readonly lexKeys: { lowerSeen: Uint32Array; clusterKeys: Uint32Array; clusterVals: Int32Array },
    readonly meta: Record<string, unknown> = {},
    readonly lang = "uk",
  ) {
    this.T = tags.length;
    this.allowed = bioConstraints(tags);
    this.index = HashIndex.fromKeys(keys);
  }

  /**
   * Score subtracted from the "O" tag at every token. The perceptron leaves rare classes under-predicted
   * (precision well above recall); a small penalty on "O", chosen on held-out training documents and stored
   * in meta.oBias, trades some precision for recall.
   */
  get oBias(): number {
    return typeof this.meta.oBias === "number" ? this.meta.oBias : 0;
  }

  /** Applies oBias to emission scores of n tokens. */
  biasO(emit: Float64Array, n: number, offset = 0): void {
    const b = this.oBias;
    if (b === 0) return;
    const o = this.tags.indexOf("O");
    for (let i = 0; i < n; i++) emit[offset + i * this.T + o] -= b;
  }

  /** Row of a feature hash, or -1 when the model has no weights for it. */
  row(hash: number): number {
    return this.index.get(hash);
  }

  /** Per-token information; with unit starts given, also the document-level evidence. */
  infos(texts: readonly string[], unitStart?: ArrayLike<boolean | number>, morph?: readonly MorphInfo[]): TokenInfo[] {
    // Words repeat within an article: compute the word-level part once per distinct form.
    const seen = new Map<string, TokenInfo>();
    const infos = texts.map((t, i) => {
      const m = morph?.[i];
      let base = seen.get(t);
      if (!base) seen.set(t, (base = tokenInfo(t, this.lex)));
      const x = { ...base };
      if (m?.lemma) {
        x.lemma = lemmaKey(m.lemma);
        if (x.cap !== Cap.Digit && x.cap !== Cap.Punct) x.cls = wordClass(this.lex, x.lemma, x.lower);
      }
      if (m?.pos) x.pos = fnv1a(m.pos);
      return x;
    });
    if (unitStart) docEvidence(infos, unitStart);
    return infos;
  }

  /** Emission scores for tokens [from, to): (to-from)×T. */
  emissions(texts: readonly string[], infos: readonly TokenInfo[], from: number, to: number): Float64Array {
    const n = to - from;
    const T = this.T;
    const F = NUM_FEATURES;
    if (this.featBuf.length < n * F) this.featBuf = new Uint32Array(n * F * 2);
    const feats = extract(texts, infos, from, to, this.featBuf);
    if (this.emitBuf.length < n * T) this.emitBuf = new Float64Array(n * T * 2);
    const emit = this.emitBuf;
    emit.fill(0, 0, n * T);
    const w = this.weights;
    for (let i = 0; i < n; i++) {
      const eb = i * T;
      for (let k = 0; k < F; k++) {
        const r = this.index.get(feats[i * F + k]);
        if (r < 0) continue;
        const wb = r * T;
        for (let t = 0; t < T; t++) emit[eb + t] += w[wb + t];
      }
    }
    if (this.scale !== 1) for (let j = 0; j < n * T; j++) emit[j] *= this.scale;
    this.biasO(emit, n);
    return emit;
  }

  /** Best tag path for tokens [from, to). */
  decode(texts: readonly string[], infos: readonly TokenInfo[], from: number, to: number): Int32Array {
    const emit = this.emissions(texts, infos, from, to);
    return viterbi(to - from, this.T, emit, this.trans, this.start, this.allowed);
  }

  serialize(): Buffer {
    return gzipSync(this.serializeRaw(), { level: 9 });
  }

  /** The uncompressed binary form. */
  serializeRaw(): Buffer {
    const header: ModelHeader = {
      format: "dzherelo.ner/1",
      lang: this.lang,
      tags: this.tags,
      features: NUM_FEATURES,
      scale: this.scale,
      numKeys: this.keys.length,
      numLowerSeen: this.lexKeys.lowerSeen.length,
      numClusters: this.lexKeys.clusterKeys.length,
      meta: this.meta,
    };
    if (!(this.weights instanceof Int16Array)) throw new Error("quantise the model before saving");
    const head = Buffer.from(JSON.stringify(header), "utf8");
    const headLen = Buffer.alloc(4);
    headLen.writeUInt32LE(head.length);
    const pad = Buffer.alloc((4 - ((8 + 4 + head.length) % 4)) % 4);
    const w = this.weights;
    const wPad = Buffer.alloc((w.byteLength % 4) as number);
    const parts = [
      Buffer.from("DZNER1\0\0", "latin1"),
      headLen,
      head,
      pad,
      bytes(this.keys),
      bytes(w),
      wPad,
      bytes(this.trans),
      bytes(this.start),
      bytes(this.lexKeys.lowerSeen),
      bytes(this.lexKeys.clusterKeys),
      bytes(this.lexKeys.clusterVals),
    ];
    return Buffer.concat(parts);
  }

  static deserialize(gz: Uint8Array): NerModel {
    return NerModel.deserializeRaw(gunzipSync(gz));
  }

  static deserializeRaw(buf: Buffer): NerModel {
    if (buf.toString("latin1", 0, 6) !== "DZNER1") throw new Error("not a dzherelo NER model");
    const headLen = buf.readUInt32LE(8);
    const header = JSON.parse(buf.toString("utf8", 12, 12 + headLen)) as ModelHeader;
    if (header.format !== "dzherelo.ner/1" || header.features !== NUM_FEATURES)
      throw new Error(`NER model format mismatch (${header.format}, ${header.features} features; code has ${NUM_FEATURES})`);
    let off = 12 + headLen;
    off += (4 - (off % 4)) % 4;
    // Copy into fresh aligned arrays (the gunzip buffer may not be aligned for typed-array views).
    const take = <A>(Ctor: { new (b: ArrayBuffer): A }, count: number, size: number): A => {
      const ab = new ArrayBuffer(count * size);
      new Uint8Array(ab).set(buf.subarray(off, off + count * size));
      off += count * size;
      return new Ctor(ab);
    };
    const T = header.tags.length;
    const keys = take(Uint32Array, header.numKeys, 4);
    const weights = take(Int16Array, header.numKeys * T, 2);
    off += (4 - (off % 4)) % 4;
    const trans = take(Float32Array, T * T, 4);
    const start = take(Float32Array, T, 4);
    const lowerSeen = take(Uint32Array, header.numLowerSeen, 4);
    const clusterKeys = take(Uint32Array, header.numClusters, 4);
    const clusterVals = take(Int32Array, header.numClusters, 4);
    const lex = makeLexicons(lowerSeen, clusterKeys, clusterVals);
    return new NerModel(header.tags, keys, weights, header.scale, trans, start, lex, { lowerSeen, clusterKeys, clusterVals }, header.meta, header.lang);
  }
}

function bytes(a: ArrayBufferView): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

export function makeLexicons(lowerSeen: Uint32Array, clusterKeys: Uint32Array, clusterVals: Int32Array): Lexicons {
  const seen = lowerSeen.length ? HashIndex.fromKeys(lowerSeen) : null;
  let clusters: HashIndex | null = null;
  if (clusterKeys.length) {
    clusters = new HashIndex(clusterKeys.length);
    for (let i = 0; i < clusterKeys.length; i++) clusters.set(clusterKeys[i], clusterVals[i]);
  }
  return { lowerSeen: seen, clusters };
}

/**
 * Quantises float weights to int16 and drops feature rows whose weights all round to zero. The scale maps
 * the largest absolute weight to 32767; the perceptron's weights span a few orders of magnitude, which 16
 * bits keep (8 bits measurably lost accuracy on rare features).
 */
export function quantize(m: NerModel): NerModel {
  const T = m.T;
  const w = m.weights;
  let max = 0;
  for (let i = 0; i < w.length; i++) max = Math.max(max, Math.abs(w[i]));
  const scale = max > 0 ? max / 32767 : 1;
  const keep: number[] = [];
  for (let r = 0; r < m.keys.length; r++) {
    let any = false;
    for (let t = 0; t < T; t++) if (Math.round(w[r * T + t] / scale) !== 0) any = true;
    if (any) keep.push(r);
  }
  const keys = new Uint32Array(keep.length);
  const q = new Int16Array(keep.length * T);
  keep.forEach((r, j) => {
    keys[j] = m.keys[r];
    for (let t = 0; t < T; t++) q[j * T + t] = Math.round(w[r * T + t] / scale);
  });
  // Transitions stay float: they are few and the emission scale does not apply to them.
  return new NerModel(m.tags, keys, q, scale, m.trans, m.start, m.lex, m.lexKeys, m.meta, m.lang);
}
