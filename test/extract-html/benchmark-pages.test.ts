import { existsSync, readFileSync, readdirSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { extractHtml } from "../../src/extract/html/index.js";
import { HAS_SHARED, sharedPath } from "../helpers/shared.js";

const DIR = sharedPath("data", "extraction");

/** The AEB shingle F1 of one page (4-grams of word tokens, as the benchmark defines it). */
function shingleF1(gold: string, pred: string): number {
  const grams = (t: string) => {
    const w = t.match(/[\p{L}\p{N}_]+/gu) ?? [];
    const m = new Map<string, number>();
    for (let i = 0; i + 4 <= w.length; i++) {
      const k = w.slice(i, i + 4).join(" ");
      m.set(k, (m.get(k) ?? 0) + 1);
    }
    return m;
  };
  const g = grams(gold);
  const p = grams(pred);
  let tp = 0;
  let np = 0;
  let ng = 0;
  for (const [k, c] of p) {
    tp += Math.min(c, g.get(k) ?? 0);
    np += c;
  }
  for (const c of g.values()) ng += c;
  if (!tp) return 0;
  const P = tp / np;
  const R = tp / ng;
  return (2 * P * R) / (P + R);
}

const body = (html: string, url: string | null) => {
  const ex = extractHtml(html, { url });
  return ex.blocks
    .filter((b) => b.kind !== "title")
    .map((b) => ex.text.slice(b.start, b.end))
    .join("\n");
};

describe.skipIf(!HAS_SHARED)("benchmark pages (needs ../shared)", () => {
  it("extracts the article body of a spread of AEB pages close to the gold text", () => {
    const gt = JSON.parse(readFileSync(`${DIR}/scrapinghub-article-extraction-benchmark/ground-truth.json`, "utf8")) as Record<string, { articleBody: string; url: string }>;
    // Every 18th page: ten pages from different sites, not picked by score.
    const ids = Object.keys(gt).sort().filter((_, i) => i % 18 === 0).slice(0, 10);
    const scores = ids.map((id) => {
      const html = gunzipSync(readFileSync(`${DIR}/scrapinghub-article-extraction-benchmark/html/${id}.html.gz`)).toString("utf8");
      return shingleF1(gt[id].articleBody, body(html, gt[id].url));
    });
    const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
    expect(mean).toBeGreaterThan(0.85);
    expect(scores.filter((s) => s < 0.5).length).toBeLessThanOrEqual(1);
  });

  it("extracts Russian news pages (daniel-waddle-ru) with their headline", () => {
    const dir = `${DIR}/daniel-waddle-ru`;
    if (!existsSync(dir)) return;
    const ids = readdirSync(`${dir}/reference`).sort().filter((_, i) => i % 30 === 0).slice(0, 8);
    const scores = ids.map((id) => {
      const html = gunzipSync(readFileSync(`${dir}/html/${id}.gz`)).toString("utf8");
      const ex = extractHtml(html);
      const gold = readFileSync(`${dir}/reference/${id}`, "utf8").replace(/<\/?p>/g, "\n");
      expect(ex.meta.title, id).toBeTruthy();
      return shingleF1(gold, ex.text);
    });
    const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
    expect(mean).toBeGreaterThan(0.75);
  });
});
