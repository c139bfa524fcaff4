import { describe, expect, it } from "vitest";
import { bioConstraints, bioSpans, viterbi } from "../../src/ner/viterbi.js";

const tags = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC"];
const T = tags.length;

/** Exhaustive best path under the same constraints, to check Viterbi against. */
function brute(n: number, emit: Float64Array, trans: Float64Array, start: Float64Array, allowed: Uint8Array): number[] {
  let best = -Infinity;
  let arg: number[] = [];
  const path = new Array<number>(n).fill(0);
  const rec = (i: number, score: number) => {
    if (i === n) {
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
