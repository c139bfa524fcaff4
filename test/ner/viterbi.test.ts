import { describe, expect, it } from "vitest";
import { bioConstraints, bioSpans, viterbi } from "../../src/ner/viterbi.js";
import { bioTags } from "../../src/ner/train.js";

const tags = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC"];
const T = tags.length;

/** Exhaustive best path under the same constraints, to check Viterbi against. */
function brute(n: number, emit: Float64Array, trans: Float64Array, start: Float64Array, allowed: Uint8Array, T = tags.length): number[] {
  let best = -Infinity;
  let arg: number[] = [];
  const path = new Array<number>(n).fill(0);
  const rec = (i: number, score: number) => {
    if (i === n) {
      if (allowed.length > (T + 1) * T && !allowed[(T + 1) * T + path[n - 1]]) return;
      if (score > best) {
        best = score;
        arg = [...path];
      }
      return;
    }
    for (let t = 0; t < T; t++) {
      const prev = i === 0 ? T : path[i - 1];
      if (!allowed[prev * T + t]) continue;
      path[i] = t;
      rec(i + 1, score + emit[i * T + t] + (i === 0 ? start[t] : trans[prev * T + t]));
    }
  };
  rec(0, 0);
  return arg;
}

describe("BIO constraints", () => {
  const allowed = bioConstraints(tags);
  it("forbid I-X at the start, after O and after another type", () => {
    expect(allowed[T * T + tags.indexOf("I-PER")]).toBe(0);
    expect(allowed[0 * T + tags.indexOf("I-PER")]).toBe(0);
    expect(allowed[tags.indexOf("B-LOC") * T + tags.indexOf("I-PER")]).toBe(0);
  });
  it("allow I-X after B-X and I-X, and B/O anywhere", () => {
    expect(allowed[tags.indexOf("B-PER") * T + tags.indexOf("I-PER")]).toBe(1);
    expect(allowed[tags.indexOf("I-PER") * T + tags.indexOf("I-PER")]).toBe(1);
    expect(allowed[tags.indexOf("I-LOC") * T + tags.indexOf("B-PER")]).toBe(1);
    expect(allowed[T * T + 0]).toBe(1);
  });
});

describe("viterbi", () => {
  it("finds the same best path as exhaustive search on random scores", () => {
    const allowed = bioConstraints(tags);
    let seed = 12345;
    const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff) * 2 - 1;
    for (let trial = 0; trial < 30; trial++) {
      const n = 1 + (trial % 5);
      const emit = Float64Array.from({ length: n * T }, rand);
      const trans = Float64Array.from({ length: T * T }, rand);
      const start = Float64Array.from({ length: T }, rand);
      expect([...viterbi(n, T, emit, trans, start, allowed)]).toEqual(brute(n, emit, trans, start, allowed));
    }
  });

  it("never outputs an I tag that does not continue an entity, even when emissions favour it", () => {
    const allowed = bioConstraints(tags);
    const n = 3;
    const emit = new Float64Array(n * T);
    emit[0 * T + 0] = 20; // O, strongly
    emit[1 * T + tags.indexOf("I-PER")] = 10; // strongly I-PER after O: not allowed
    emit[1 * T + tags.indexOf("B-PER")] = 1;
    emit[2 * T + tags.indexOf("I-PER")] = 3;
    const path = viterbi(n, T, emit, new Float64Array(T * T), new Float64Array(T), allowed);
    expect(path[1]).not.toBe(tags.indexOf("I-PER"));
    expect(bioSpans(path, tags)).toEqual([[1, 3, "PER"]]);
  });
});

describe("bioSpans", () => {
  it("reads spans, closing one when another type or B starts", () => {
    const ix = (t: string) => tags.indexOf(t);
    const path = ["B-PER", "I-PER", "B-PER", "O", "B-LOC", "I-LOC", "I-LOC"].map(ix);
    expect(bioSpans(path, tags)).toEqual([
      [0, 2, "PER"],
      [2, 3, "PER"],
      [4, 7, "LOC"],
    ]);
  });
});

describe("BILOU", () => {
  const bt = bioTags(["LOC", "PER"], "bilou");
  const B = bt.length;
  const ix = (t: string) => bt.indexOf(t);
  const allowed = bioConstraints(bt);
  it("has last and unit tags, and constrains open spans at both ends", () => {
    expect(bt).toEqual(["O", "B-LOC", "I-LOC", "L-LOC", "U-LOC", "B-PER", "I-PER", "L-PER", "U-PER"]);
    expect(allowed[B * B + ix("L-PER")]).toBe(0); // no L at the start
    expect(allowed[B * B + ix("U-PER")]).toBe(1);
    expect(allowed[ix("B-PER") * B + ix("L-PER")]).toBe(1);
    expect(allowed[ix("B-PER") * B + ix("O")]).toBe(0); // an open span must close first
    expect(allowed[ix("I-PER") * B + ix("B-LOC")]).toBe(0);
    expect(allowed[ix("L-PER") * B + ix("B-LOC")]).toBe(1);
    expect(allowed[ix("U-PER") * B + ix("I-PER")]).toBe(0);
    expect(allowed[(B + 1) * B + ix("B-PER")]).toBe(0); // no unit ends inside a span
    expect(allowed[(B + 1) * B + ix("L-PER")]).toBe(1);
  });
  it("decodes the exhaustive best well-formed path", () => {
    let seed = 99;
    const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff) * 2 - 1;
    for (let trial = 0; trial < 20; trial++) {
      const n = 1 + (trial % 4);
      const emit = Float64Array.from({ length: n * B }, rand);
      const trans = Float64Array.from({ length: B * B }, rand);
      const start = Float64Array.from({ length: B }, rand);
      const path = viterbi(n, B, emit, trans, start, allowed);
      expect([...path]).toEqual(brute(n, emit, trans, start, allowed, B));
      const last = bt[path[n - 1]];
      expect(last.startsWith("B-") || last.startsWith("I-")).toBe(false);
    }
  });
  it("reads spans from L and U tags", () => {
    const path = ["U-PER", "B-LOC", "I-LOC", "L-LOC", "O", "B-PER", "L-PER", "U-LOC"].map(ix);
    expect(bioSpans(path, bt)).toEqual([
      [0, 1, "PER"],
      [1, 4, "LOC"],
      [5, 7, "PER"],
      [7, 8, "LOC"],
    ]);
  });
});
