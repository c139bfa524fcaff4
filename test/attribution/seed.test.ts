import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { analyze } from "../../src/pipeline/analyze.js";
import type { Article } from "../../src/article.js";
import { HAS_SHARED, sharedPath } from "../helpers/shared.js";

const norm = (s: string) => s.toLowerCase().replace(/\s+/g, " ").trim();

describe.skipIf(!HAS_SHARED)("seed article: quotes, speakers, sources (needs ../shared)", () => {
  const expected = HAS_SHARED ? JSON.parse(readFileSync(sharedPath("seed", "expected.json"), "utf8")) : null;
  const a: Article | null = HAS_SHARED
    ? analyze({ text: readFileSync(sharedPath("seed", "article.txt"), "utf8"), published: "2024-06-19" })
    : null;
  const namesOf = (id: string | null | undefined, own: string) => {
    const e = a!.entities.find((x) => x.id === id);
    return [own, ...(e ? [e.name, ...e.aliases] : [])].map(norm);
  };

  it("finds every expected quote with its speaker", () => {
    for (const g of expected.quotes) {
      const q = a!.quotes.find((x) => norm(x.text) === norm(g.quote));
      expect(q, g.quote).toBeDefined();
      expect(q!.kind === "mixed" ? "indirect" : q!.kind).toBe(g.kind);
      const names = namesOf(q!.speaker?.entity, q!.speaker?.name ?? "");
      expect(names, g.quote).toContain(norm(g.speaker));
    }
  });

  it("adds no quotes beyond the expected and optional ones", () => {
    const all = [...expected.quotes, ...expected.quotes_optional].map((g: { quote: string }) => norm(g.quote));
    const extra = a!.quotes.filter((q) => !all.some((g) => g.includes(norm(q.text)) || norm(q.text).includes(g)));
    expect(extra.map((q) => q.text)).toEqual([]);
  });

  it("builds the source chain Укрінформ ← Yonhap, and Reuters carries Putin's quote", () => {
    const ukr = a!.sources.find((s) => s.name === "Укрінформ")!;
    const yon = a!.sources.find((s) => namesOf(s.entity, s.name).includes("yonhap"))!;
    const reu = a!.sources.find((s) => namesOf(s.entity, s.name).includes("reuters"))!;
    expect(ukr.cue?.text).toBe("пише");
    expect(ukr.cites).toEqual([yon.id]);
    expect(reu.cue?.text).toBe("якого цитує");
    const q = a!.quotes.find((x) => x.text.startsWith("про наявність у новому договорі"))!;
    expect(q.via).toEqual([reu.id]);
    expect(q.speaker?.name).toBe("Володимир Путін");
  });

  it("gives the speakers' entities their inflected and role mentions, and never reads removed text", () => {
    const putin = a!.entities.find((e) => e.name === "Володимир Путін")!;
    const mentions = putin.mentions.map((m) => m.text);
    expect(mentions).toEqual(expect.arrayContaining(["Володимир Путін", "Путін", "Президент РФ", "російський лідер"]));
    const russia = a!.entities.find((e) => e.name === "Росія")!;
    expect(russia.mentions.map((m) => m.text)).toEqual(expect.arrayContaining(["Росії", "Росією", "РФ"]));
    for (const e of expected.entities as { name: string }[]) {
      const found = a!.entities.some((x) => [x.name, ...x.aliases].map(norm).includes(norm(e.name)));
      expect(found, e.name).toBe(true);
    }
    expect(a!.entities.map((e) => e.name)).not.toContain("ГУР");
  });
});
