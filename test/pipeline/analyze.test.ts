import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyze, InputError, validateArticle } from "../../src/index.js";
import { textOffsetToInput } from "../../src/index.js";
import { ROOT } from "../helpers/shared.js";

const seed = readFileSync(join(ROOT, "samples/seed/article.txt"));

describe("analyze()", () => {
  it("turns the sample article into a valid Article", () => {
    const a = analyze({ bytes: seed, published: "2024-06-19" });
    expect(validateArticle(a)).toEqual([]);
    expect(a.schema).toBe("dzherelo.article/1");
    expect(a.lang).toBe("uk");
    expect(a.input.kind).toBe("text");
    expect(a.text.length).toBeGreaterThan(1000);
  });

  // Normalisation turns odd spaces into plain ones and drops soft hyphens / zero-width characters.
  const fold = (s: string) => s.replace(/[\u00a0\u2007\u202f\u2009]/g, " ").replace(/[\u00ad\u200b-\u200d\u2060\ufeff]/g, "");

  it("maps every block of the clean text back to the same characters of the input (modulo odd spaces)", () => {
    const input = seed.toString("utf8");
    const a = analyze(input);
    expect(a.blocks.length).toBeGreaterThan(5);
    for (const b of a.blocks) {
      const s = textOffsetToInput(a.offsets, b.start);
      const e = textOffsetToInput(a.offsets, b.end, true);
      expect(fold(input.slice(s, e))).toBe(fold(a.text.slice(b.start, b.end)));
    }
  });

  it("gives the same id to the same input and keeps a caller's id", () => {
    expect(analyze("Текст новини.").id).toBe(analyze("Текст новини.").id);
    expect(analyze({ text: "Текст новини.", id: "a-1" }).id).toBe("a-1");
  });

  it("refuses binary input and missing input with an InputError", () => {
    const bin = new Uint8Array(4096).map((_, i) => (i * 37) % 256);
    expect(() => analyze({ bytes: bin })).toThrow(InputError);
    expect(() => analyze({})).toThrow(InputError);
  });

  it("returns an empty Article with a warning for empty text", () => {
    const a = analyze("   \n\n  ");
    expect(a.text).toBe("");
    expect(a.quotes).toEqual([]);
    expect(a.warnings.join(" ")).toMatch(/no article text/);
    expect(validateArticle(a)).toEqual([]);
  });
});
