/**
 * A stack of tagging passes over one document. The first pass tags from local features; each later pass
 * also reads the label history of the pass before it (features.labelHistory), which makes repeated
 * mentions of a name in a document agree. Stored as one file holding the passes' models in order.
 */
import { gunzipSync, gzipSync } from "node:zlib";
import { labelHistory, type MorphInfo } from "./features.js";
import { NerModel } from "./model.js";

export interface DocInput {
  texts: readonly string[];
  /** Tagging units as [from, to) token ranges, in order, covering the tokens. */
  units: readonly [number, number][];
  morph?: readonly MorphInfo[];
}

export class Recognizer {
  /** Entity type index (1-based) per tag index, 0 for "O". */
  private readonly typeOfTag: Int32Array;

  constructor(readonly passes: NerModel[]) {
    const tags = passes[passes.length - 1].tags;
    for (const p of passes) if (p.tags.join() !== tags.join()) throw new Error("NER passes disagree on tags");
    const types = [...new Set(tags.filter((t) => t !== "O").map((t) => t.slice(2)))].sort();
    this.typeOfTag = Int32Array.from(tags, (t) => (t === "O" ? 0 : types.indexOf(t.slice(2)) + 1));
  }

  get tags(): string[] {
    return this.passes[this.passes.length - 1].tags;
  }

  get meta(): Record<string, unknown> {
    return this.passes[this.passes.length - 1].meta;
  }

  /** Tag index per token of the document. */
  tagDoc(d: DocInput): Int32Array {
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

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
}
