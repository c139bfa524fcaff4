import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { extractFacts } from "../../src/facts/stage.js";
import { analyze } from "../../src/index.js";
import { HAS_SHARED, sharedPath } from "../helpers/shared.js";

interface Expected {
  published_for_resolution: string;
  noise: Array<{ text: string }>;
  figures: Array<{ text: string; value: number | null; unit: string; approx: boolean }>;
  figures_not_from_article: string[];
  dates: Array<{ text: string; value: string }>;
}

describe.skipIf(!HAS_SHARED)("facts on the seed article (needs ../shared)", () => {
  const raw = HAS_SHARED ? readFileSync(sharedPath("seed", "article.txt"), "utf8") : "";
  const expected: Expected = HAS_SHARED ? JSON.parse(readFileSync(sharedPath("seed", "expected.json"), "utf8")) : ({} as Expected);
  // The stage reads only the cleaner's text; stand in for the cleaner by dropping the lines expected.json
  // lists as noise (ads, related-story teasers).
  const noise = new Set((expected.noise ?? []).map((n) => n.text.trim()));
  const text = raw
    .split("\n")
    .filter((l) => !noise.has(l.trim()))
    .join("\n");
  const facts = extractFacts({ text, lang: "uk", published: expected.published_for_resolution });

  it("finds every expected figure with its value, unit and approx", () => {
    for (const want of expected.figures) {
      const got = facts.figures.find((f) => f.text === want.text);
      expect(got, `figure «${want.text}» in ${JSON.stringify(facts.figures)}`).toBeDefined();
      expect(got).toMatchObject({ value: want.value, unit: want.unit, approx: want.approx });
      expect(text.slice(got!.start, got!.end)).toBe(want.text);
    }
  });

  it("finds every expected date, resolved against the publication date", () => {
    for (const want of expected.dates) {
      const got = facts.dates.find((d) => d.text === want.text);
      expect(got, `date «${want.text}» in ${JSON.stringify(facts.dates)}`).toBeDefined();
      expect(got!.value).toBe(want.value);
    }
  });

  it("reports nothing from the removed teaser and no other figures", () => {
    for (const bad of expected.figures_not_from_article) {
      expect(facts.figures.some((f) => f.text.includes(bad) || bad.includes(f.text))).toBe(false);
    }
    expect(facts.figures).toHaveLength(expected.figures.length);
  });
});

describe.skipIf(!HAS_SHARED)("facts of the seed article through analyze() (needs ../shared)", () => {
  it("gives the expected figures and dates, none from the removed teaser, with spans into doc.text", () => {
    const expected: Expected = JSON.parse(readFileSync(sharedPath("seed", "expected.json"), "utf8"));
    const doc = analyze({ text: readFileSync(sharedPath("seed", "article.txt"), "utf8"), published: expected.published_for_resolution });
    expect(doc.figures.map((f) => [f.text, f.value, f.unit, f.approx])).toEqual(
      expected.figures.map((f) => [f.text, f.value, f.unit, f.approx]),
    );
    for (const want of expected.dates) {
      expect(doc.dates.find((d) => d.text === want.text)?.value).toBe(want.value);
    }
    for (const x of [...doc.figures, ...doc.dates]) expect(doc.text.slice(x.start, x.end)).toBe(x.text);
  });
});
