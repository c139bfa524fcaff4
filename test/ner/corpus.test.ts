import { describe, expect, it } from "vitest";
import { outermost, parseAnn } from "../../src/ner/corpus.js";
import { HashIndex } from "../../src/ner/hash.js";
import { score } from "../../src/ner/evaluate.js";

describe("NER-UK annotation reader", () => {
  it("reads v2 lines (type, start, end in separate fields), including a text that runs onto the next line", () => {
    const ann = "T1\tORG\t0\t17\tПАТ «Укртрансгаз»\nT2\tLOC\t30\t45\tБогородчанське\nПСГ\nT3\tDATE\t18\t27\t29 квітня\n";
    expect(parseAnn(ann, "v2")).toEqual([
      { type: "ORG", start: 0, end: 17 },
      { type: "DATE", start: 18, end: 27 },
      { type: "LOC", start: 30, end: 45 },
    ]);
  });
  it("reads v1 brat lines (type and offsets in one field)", () => {
    expect(parseAnn("T1\tPERS 1139 1159\tГаріка Корогодського\n", "v1")).toEqual([{ type: "PERS", start: 1139, end: 1159 }]);
  });
  it("keeps outermost entities only, and one of two identical spans", () => {
    const ents = [
      { type: "PERIOD", start: 0, end: 20 },
      { type: "DATE", start: 0, end: 9 },
      { type: "DATE", start: 12, end: 20 },
      { type: "ORG", start: 30, end: 40 },
      { type: "LOC", start: 30, end: 40 },
    ];
    expect(outermost(ents)).toEqual([
      { type: "PERIOD", start: 0, end: 20 },
      { type: "ORG", start: 30, end: 40 },
    ]);
  });
});

describe("exact-match scoring", () => {
  it("counts a span right only with both boundaries and the type", () => {
    const gold = [
      { start: 0, end: 5, type: "PER" },
      { start: 10, end: 15, type: "LOC" },
      { start: 20, end: 25, type: "ORG" },
    ];
    const pred = [
      { start: 0, end: 5, type: "PER" }, // right
      { start: 10, end: 14, type: "LOC" }, // wrong end
      { start: 20, end: 25, type: "LOC" }, // wrong type
    ];
    const s = score([{ gold, pred }]);
    expect(s.micro.tp).toBe(1);
    expect(s.micro.fp).toBe(2);
    expect(s.micro.fn).toBe(2);
    expect(s.micro.f1).toBeCloseTo(1 / 3);
    expect(s.perType.PER.f1).toBe(1);
  });
  it("maps types before matching (13 classes scored as 4)", () => {
    const s = score([{ gold: [{ start: 0, end: 3, type: "ART" }], pred: [{ start: 0, end: 3, type: "ART" }] }], (t) => (t === "ART" ? null : t));
    expect(s.micro.tp + s.micro.fp + s.micro.fn).toBe(0);
  });
});

describe("HashIndex", () => {
  it("finds every stored key, misses others, and handles the key 0", () => {
    const keys = Array.from({ length: 5000 }, (_, i) => (Math.imul(i + 1, 2654435761) >>> 0));
    keys.push(0);
    const idx = HashIndex.fromKeys(keys);
    keys.forEach((k, i) => expect(idx.get(k)).toBe(i));
    expect(idx.get(123456789)).toBe(-1);
  });
});
