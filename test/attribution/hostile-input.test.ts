import { describe, expect, it } from "vitest";
import { analyze, InputError } from "../../src/pipeline/analyze.js";
import { validateArticle } from "../../src/validate.js";
import { MAX_SENTENCE } from "../../src/segment/sentences.js";
import type { Article } from "../../src/article.js";
import { MAX_NAME_WORDS } from "../../src/entities/mentions.js";

// Hang tests, not speed tests: each input used to keep `analyze` busy for minutes or more (work quadratic in
// the length of a sentence, a paragraph or the number of quotes). The bound is generous so that a loaded
// machine passes; a return of the old behaviour blows through it by far.
const HANG = 60_000;

/** Analyses `text` and checks what every Article must be: schema-valid, sentences inside the text and bounded. */
function analyseSane(text: string): Article {
  const a = analyze({ text });
  expect(validateArticle(a)).toEqual([]);
  for (const s of a.sentences) {
    expect(s.end).toBeGreaterThan(s.start);
    expect(s.end - s.start).toBeLessThanOrEqual(MAX_SENTENCE + 1);
    expect(s.end).toBeLessThanOrEqual(a.text.length);
  }
  for (const q of a.quotes) expect(q.end).toBeLessThanOrEqual(a.text.length);
  return a;
}

/** `n` words from a small vocabulary of news words, joined by spaces, no sentence end anywhere. */
function wordsLine(n: number): string {
  const vocab = ["новини", "президент", "заявив", "Київ", "країни", "уряд", "рішення", "переговори", "сказав", "області"];
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(vocab[(i * 7) % vocab.length]);
  return out.join(" ");
}

describe("hostile input finishes with a sane Article", () => {
  it("a single line of 200,000 words (1.2M characters) with no sentence end", () => {
    const text = wordsLine(200_000);
    expect(text.length).toBeGreaterThan(1_200_000);
    const a = analyseSane(text);
    // The line is cut into bounded sentences that cover it, in order.
    expect(a.sentences.length).toBeGreaterThan(text.length / MAX_SENTENCE - 1);
    for (let i = 1; i < a.sentences.length; i++) expect(a.sentences[i].start).toBeGreaterThanOrEqual(a.sentences[i - 1].end);
  }, HANG);

  it("one huge line of Cyrillic words and commas", () => {
    const names = ["Петро", "Іван", "Київ", "Марія", "слово", "країна"];
    const text = Array.from({ length: 150_000 }, (_, i) => names[i % names.length] + (i % 9)).join(", ");
    expect(text.length).toBeGreaterThan(1_000_000);
    const a = analyseSane(text);
    // Cut after commas, so no piece starts with one.
    expect(a.sentences.every((s) => a.text[s.start] !== ",")).toBe(true);
  }, HANG);

  it("one huge paragraph of 30,000 sentences keeps every sentence and every attributed quote", () => {
    const parts: string[] = [];
    for (let i = 0; i < 30_000; i++) {
      parts.push(i % 2 ? `Він додав, що справа номер ${i} важлива.` : `Іван Петренко заявив, що уряд працює над питанням ${i}.`);
    }
    const a = analyseSane(parts.join(" "));
    expect(a.sentences.length).toBe(30_000);
    expect(a.quotes.length).toBe(30_000);
    // Pronouns resolve to the person named just before, all along the paragraph.
    expect(new Set(a.quotes.map((q) => q.speaker?.name))).toEqual(new Set(["Іван Петренко"]));
    expect(a.quotes[29_999].speaker?.resolvedBy).toBe("pronoun");
  }, HANG);

  it("20,000 dash-attributed quotations in one paragraph", () => {
    const parts: string[] = [];
    for (let i = 0; i < 20_000; i++) parts.push(`«Справа номер ${i} дуже важлива для всіх», – сказав Іван Петренко.`);
    const a = analyseSane(parts.join(" "));
    expect(a.quotes.length).toBe(20_000);
    expect(a.quotes.every((q) => q.kind === "direct" && q.speaker?.name === "Іван Петренко")).toBe(true);
  }, HANG);

  it("one quotation of a megabyte (30,000 sentences inside « »)", () => {
    const inner = Array.from({ length: 30_000 }, (_, i) => `Він заявив, що справа номер ${i} важлива.`).join(" ");
    const a = analyseSane("Іван Петренко сказав: «" + inner + "».");
    expect(a.quotes.length).toBeGreaterThan(0);
  }, HANG);

  it("10,000 unbalanced quotation marks of each kind", () => {
    for (const mark of ["«", '"', "»", "„"]) {
      const text = Array.from({ length: 10_000 }, (_, i) => `${mark}слово ${i} каже`).join(" ") + ".";
      analyseSane(text);
    }
  }, HANG);

  it("100,000 nested quotation marks of each pair", () => {
    for (const [open, close] of [["«", "»"], ["„", "“"], ["“", "”"]]) {
      const a = analyseSane(open.repeat(100_000) + "Іван Петренко заявив, що текст важливий" + close.repeat(100_000));
      expect(a.text.length).toBe(200_000 + 39);
    }
  }, HANG);

  it("100,000 nested brackets, and a line of 1,000,000 dashes", () => {
    analyseSane("(".repeat(100_000) + "текст" + ")".repeat(100_000));
    analyseSane("([{«".repeat(25_000) + " текст, заявив він");
    const dashes = analyseSane("-".repeat(1_000_000));
    expect(dashes.quotes).toEqual([]);
    analyseSane("— ".repeat(500_000));
  }, HANG);

  it("a megabyte of capitalised words with no punctuation (Cyrillic, then Latin) is no single name", () => {
    for (const vocab of [["Петро", "Іван", "Марія", "Київ"], ["John", "Smith", "Peter", "Brown"]]) {
      const text = Array.from({ length: 200_000 }, (_, i) => vocab[i % vocab.length]).join(" ");
      expect(text.length).toBeGreaterThan(1_000_000);
      const a = analyseSane(text);
      // Every entity and mention is name-sized, not a run across the whole text.
      for (const e of a.entities) expect(e.name.split(" ").length).toBeLessThanOrEqual(MAX_NAME_WORDS);
      for (const e of a.entities) for (const m of e.mentions) expect(m.end - m.start).toBeLessThan(200);
    }
  }, HANG);

  it("50 MB of text is refused with a clear error before any work", () => {
    const big = "Речення новини. ".repeat((50 * 1024 * 1024) / 16);
    expect(() => analyze({ text: big })).toThrow(InputError);
    expect(() => analyze({ text: big })).toThrow(/too large/);
  }, HANG);
});
