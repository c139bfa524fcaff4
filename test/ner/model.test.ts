import { describe, expect, it } from "vitest";
import { lowerSeenKeys, trainPerceptron, trainStack, bioTags, type TrainDoc, type Unit } from "../../src/ner/train.js";
import { quantize, NerModel } from "../../src/ner/model.js";
import { Recognizer } from "../../src/ner/recognizer.js";
import { bioSpans } from "../../src/ner/viterbi.js";
import { prepareDoc, goldUnits } from "../../src/ner/train.js";

// A small made-up corpus: people (first + last name) act in cities; cities follow "у"/"з", people precede verbs.
const first = ["Олена", "Тарас", "Ірина", "Богдан", "Марія", "Андрій", "Софія", "Петро"];
const last = ["Коваленко", "Шевчук", "Бондар", "Ткаченко", "Кравець", "Мельник", "Руденко", "Савчук"];
const cities = ["Києві", "Львові", "Одесі", "Харкові", "Полтаві", "Черкасах", "Ужгороді", "Рівному"];
const verbs = ["виступив", "працює", "живе", "навчався"];
const tags = bioTags(["LOC", "PER"]);
const ix = (t: string) => tags.indexOf(t);

function sentence(k: number): Unit {
  const p = k % 7 === 0;
  const texts = p
    ? [first[k % 8], verbs[k % 4], "у", cities[(k * 3) % 8], "."]
    : [first[k % 8], last[(k * 5) % 8], verbs[(k * 7) % 4], "у", cities[(k * 3) % 8], "."];
  const gold = p ? ["B-PER", "O", "O", "B-LOC", "O"] : ["B-PER", "I-PER", "O", "O", "B-LOC", "O"];
  return { texts, gold: Int32Array.from(gold, ix) };
}

const train = Array.from({ length: 120 }, (_, k) => sentence(k));
const noClusters = { clusterKeys: new Uint32Array(0), clusterVals: new Int32Array(0) };
const lexKeys = { lowerSeen: lowerSeenKeys(train), ...noClusters };

function tag(m: NerModel, words: string[]): [number, number, string][] {
  const infos = m.infos(words, [1]);
  return bioSpans(m.decode(words, infos, 0, words.length), m.tags);
}

describe("averaged perceptron", () => {
  const model = trainPerceptron(train, tags, lexKeys, { epochs: 5, minCount: 1 });

  it("learns the training patterns and generalises to unseen name/city pairs and words", () => {
    expect(tag(model, ["Петро", "Мельник", "живе", "у", "Одесі", "."])).toEqual([
      [0, 2, "PER"],
      [4, 5, "LOC"],
    ]);
    // Name and city never seen in training: capitalisation, position and context decide.
    expect(tag(model, ["Оксана", "Гнатюк", "працює", "у", "Вінниці", "."])).toEqual([
      [0, 2, "PER"],
      [4, 5, "LOC"],
    ]);
  });

  it("survives quantisation and a save/load round trip with the same output", () => {
    const q = quantize(model);
    const back = NerModel.deserialize(q.serialize());
    expect(back.tags).toEqual(model.tags);
    for (const s of train.slice(0, 30)) expect(tag(back, s.texts)).toEqual(tag(model, s.texts));
    expect(back.keys.length).toBeLessThanOrEqual(model.keys.length);
  });
});

/** A document made of units, one per line, with gold entities at their character offsets. */
function docOf(id: string, us: Unit[]): TrainDoc {
  const entities: { type: string; start: number; end: number }[] = [];
  let off = 0;
  for (const u of us) {
    const starts = u.texts.map((w) => ((off += w.length + 1), off - w.length - 1));
    for (const [a, b, type] of bioSpans(u.gold, tags)) entities.push({ type, start: starts[a], end: starts[b - 1] + u.texts[b - 1].length });
  }
  const td = prepareDoc({ id, text: us.map((u) => u.texts.join(" ")).join("\n"), entities });
  return { td, units: goldUnits(td, tags) };
}

describe("two-pass recogniser", () => {
  it("trains both passes, round-trips through its file format and tags whole documents", () => {
    const docs = [0, 1, 2, 3].map((k) => docOf(String(k), train.filter((_, i) => i % 4 === k)));
    expect(docs[0].units.map((u) => [...u.gold])).toEqual(train.filter((_, i) => i % 4 === 0).map((u) => [...u.gold]));
    const rec = trainStack(docs, tags, lexKeys, { epochs: [3, 3], minCount: 1, folds: 2 });
    expect(rec.passes.length).toBe(2);
    const back = Recognizer.deserialize(new Recognizer(rec.passes.map(quantize)).serialize());
    const words = ["Тарас", "Бондар", "навчався", "у", "Ужгороді", "."];
    const path = back.tagDoc({ texts: words, units: [[0, words.length]] });
    expect(bioSpans(path, back.tags)).toEqual([
      [0, 2, "PER"],
      [4, 5, "LOC"],
    ]);
  });
});
