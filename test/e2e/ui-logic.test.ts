/** The UI's pure logic, run in Node (no browser): routes, URL safety, source chains, chart data. */
import { describe, expect, it } from "vitest";
import { safeUrl } from "../../web/src/dom.js";
import { parseHash, link } from "../../web/src/routes.js";
import { sourceChains } from "../../web/src/views/article-view.js";
import { fillMonths } from "../../web/src/views/charts.js";
import { storyGraph } from "../../web/src/pages/story.js";
import type { Source } from "../../src/article.js";
import type { StoryReport } from "../../src/store/types.js";

describe("UI logic", () => {
  it("keeps only http(s) and in-app links", () => {
    expect(safeUrl("https://example.org/a?b=1")).toBe("https://example.org/a?b=1");
    expect(safeUrl("#/speaker/x")).toBe("#/speaker/x");
    for (const bad of ["javascript:alert(1)", " JaVaScRiPt:alert(1)", "data:text/html,<script>", "//evil.example/x", "vbscript:x", "file:///etc/passwd"]) {
      expect(safeUrl(bad), bad).toBeNull();
    }
  });

  it("round-trips names with slashes, question marks and Cyrillic through hash routes", () => {
    const name = "Кім Чен Ин / KCNA? #1";
    const r = parseHash(link.speaker(name) + "?page=2");
    expect(r).toMatchObject({ name: "speaker", parts: [name] });
    expect(r.params.get("page")).toBe("2");
    expect(parseHash(link.search({ q: "a&b=c", lang: "uk" })).params.get("q")).toBe("a&b=c");
  });

  it("builds source chains from who cites whom, and survives a cycle", () => {
    const s = (id: string, name: string, cites: string[] = []): Source => ({ id, name, entity: null, cue: null, cites });
    const chains = sourceChains([s("s1", "УНН", ["s2"]), s("s2", "Укрінформ", ["s3"]), s("s3", "Yonhap"), s("s4", "Reuters")]);
    expect(chains.map((c) => c.map((x) => x.name).join(" → "))).toEqual(["УНН → Укрінформ → Yonhap", "Reuters"]);
    const cyc = sourceChains([s("a", "A", ["b"]), s("b", "B", ["a"])]);
    expect(cyc.flat().map((x) => x.name).sort()).toEqual(["A", "B"]);
  });

  it("fills the months between quotes so gaps show", () => {
    expect(fillMonths([{ month: "2024-11", count: 2 }, { month: "2025-02", count: 1 }])).toEqual([
      { month: "2024-11", count: 2 },
      { month: "2024-12", count: 0 },
      { month: "2025-01", count: 0 },
      { month: "2025-02", count: 1 },
    ]);
  });

  it("turns a story's citations into graph edges outlet → source → cited source", () => {
    const r = { citations: [
      { outlet: "УНН", source: "Укрінформ", via: ["Yonhap"], articles: 2 },
      { outlet: "Вести", source: "Yonhap", via: [], articles: 1 },
    ] } as unknown as StoryReport;
    const g = storyGraph(r);
    expect(g.outlets).toEqual(["УНН", "Вести"]);
    expect(g.edges).toEqual([
      { from: "УНН", to: "Укрінформ", weight: 2 },
      { from: "Укрінформ", to: "Yonhap", weight: 2 },
      { from: "Вести", to: "Yonhap", weight: 1 },
    ]);
  });
});
