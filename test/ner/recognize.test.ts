import { describe, expect, it } from "vitest";
import { capitalisedRuns, recognize, recognizeText, tokenize } from "../../src/ner/index.js";
import { corpusRoot, loadDocs } from "../../src/ner/corpus.js";
import { evaluateDocs } from "../../src/ner/evaluate.js";
import { loadRecognizer } from "../../src/ner/index.js";
import { lemmatizeSentence } from "../../src/morph/lemmatizer.js";
import { HAS_SHARED, SHARED } from "../helpers/shared.js";

const find = (ents: { type: string; text: string }[], text: string) => ents.find((e) => e.text === text)?.type;

describe("recognize (Ukrainian model, sentences written for this test)", () => {
  const text =
    "Президент України Володимир Зеленський у четвер провів переговори з канцлером Німеччини Олафом Шольцем у Києві.\n" +
    "Про це повідомила пресслужба Офісу президента.\n" +
    "Компанія «Нафтогаз України» сплатила 2,5 млрд гривень податків за 2023 рік.";
  const ents = recognizeText(text, "uk");

  it("finds people, places and organisations with their types", () => {
    expect(find(ents, "Володимир Зеленський")).toBe("PER");
    expect(ents.some((e) => e.type === "PER" && e.text.endsWith("Олафом Шольцем"))).toBe(true);
    expect(find(ents, "Києві")).toBe("LOC");
    expect(ents.some((e) => e.type === "ORG" && e.text.includes("Нафтогаз"))).toBe(true);
  });

  it("finds the 13-class types beyond names: money and dates", () => {
    expect(ents.some((e) => e.type === "MON" && e.text.includes("2,5 млрд"))).toBe(true);
    expect(ents.some((e) => e.type === "DATE" && e.text.includes("2023"))).toBe(true);
  });

  it("returns spans that are exact slices of the text at token boundaries", () => {
    const toks = tokenize(text);
    const starts = new Set(toks.map((t) => t.start));
    const ends = new Set(toks.map((t) => t.end));
    for (const e of ents) {
      expect(text.slice(e.start, e.end)).toBe(e.text);
      expect(starts.has(e.start) && ends.has(e.end)).toBe(true);
    }
  });

  it("uses lemmas/POS given on the tokens, and sentence spans, when the caller has them", () => {
    const s = "Учора в Харкові виступив Сергій Жадан.";
    const toks = tokenize(s).map((t) => ({ ...t }));
    lemmatizeSentence(toks.map((t) => t.text), "uk").forEach((m, i) => Object.assign(toks[i], m));
    const got = recognize(s, toks, "uk", { sentences: [{ start: 0, end: s.length }] });
    expect(find(got, "Харкові")).toBe("LOC");
    expect(find(got, "Сергій Жадан")).toBe("PER");
  });

  it("can use the 4-class model", () => {
    const got = recognizeText("Віталій Кличко заявив, що Київ готується до зими.", "uk", { model: "v1" });
    expect(find(got, "Віталій Кличко")).toBe("PER");
    expect(got.every((e) => ["PER", "LOC", "ORG", "MISC"].includes(e.type))).toBe(true);
  });

  it("returns nothing for no tokens", () => {
    expect(recognize("", [], "uk")).toEqual([]);
  });
});

describe("capitalisation fallback (ru/en)", () => {
  it("marks capitalised runs, not sentence-initial common words", () => {
    const text = "The talks in Geneva ended. Then Vladimir Putin spoke with Ursula von der Leyen.";
    const got = recognizeText(text, "en").map((e) => e.text);
    expect(got).toEqual(["Geneva", "Vladimir Putin", "Ursula von der Leyen"]);
    expect(recognizeText("Вчера Владимир Путин посетил Минск.", "ru").map((e) => e.text)).toEqual(["Владимир Путин", "Минск"]);
  });
  it("types fallback spans MISC", () => {
    const text = "Reuters reported it.";
    expect(capitalisedRuns(text, tokenize(text)).length).toBe(0);
  });
});

describe.skipIf(!HAS_SHARED)("NER-UK test documents (needs ../shared)", () => {
  it("tags real test sentences about as well as the model card says", () => {
    const docs = loadDocs(corpusRoot(SHARED), "v2", "test").slice(0, 12);
    const s = evaluateDocs(loadRecognizer("v2"), docs, undefined, (w) => lemmatizeSentence(w, "uk"));
    expect(s.micro.f1).toBeGreaterThan(0.55);
    expect(s.perType.PERS.f1).toBeGreaterThan(0.75);
  });
});
