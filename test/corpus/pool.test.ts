import { afterEach, describe, expect, it } from "vitest";
import { makeRaw } from "../../src/ingest/sources/index.js";
import { AnalyzerPool } from "../../src/corpus/pool.js";

describe("analysis worker pool", () => {
  const saved = process.env.DZHERELO_WORKER_RECYCLE;
  afterEach(() => {
    if (saved === undefined) delete process.env.DZHERELO_WORKER_RECYCLE;
    else process.env.DZHERELO_WORKER_RECYCLE = saved;
  });

  it("replaces a worker after its quota of tasks without losing any task", async () => {
    process.env.DZHERELO_WORKER_RECYCLE = "4";
    const pool = new AnalyzerPool(1);
    try {
      const raws = Array.from({ length: 10 }, (_, i) => makeRaw(`Міська рада ухвалила рішення номер ${i}. Депутати підтримали його.`, "text", `t${i}`));
      const out = await Promise.all(raws.map((r) => pool.analyzeForStore(r)));
      expect(out.map((o) => o.article.text)).toEqual(raws.map((r) => r.content));
      expect(out.every((o) => o.prepared && o.prepared.id === o.article.id.slice(0, 16))).toBe(true);
    } finally {
      await pool.close();
    }
  }, 120_000);
});

describe("analysis worker pool of two", () => {
  const saved = process.env.DZHERELO_WORKER_RECYCLE;
  afterEach(() => {
    if (saved === undefined) delete process.env.DZHERELO_WORKER_RECYCLE;
    else process.env.DZHERELO_WORKER_RECYCLE = saved;
  });

  it("replaces workers one at a time, never running more threads than its size, and loses no task", async () => {
    process.env.DZHERELO_WORKER_RECYCLE = "4";
    const pool = new AnalyzerPool(2);
    let most = 0;
    const watch = setInterval(() => (most = Math.max(most, pool.threads)), 1);
    try {
      const raws = Array.from({ length: 14 }, (_, i) => makeRaw(`Уряд схвалив програму номер ${i}. Міністри підтримали її.`, "text", `p${i}`));
      const out: string[] = [];
      // In waves of two, so that workers retire (every 4 tasks, staggered) and are replaced while the other works.
      for (let i = 0; i < raws.length; i += 2) {
        const wave = await Promise.all(raws.slice(i, i + 2).map((r) => pool.analyzeForStore(r)));
        out.push(...wave.map((o) => o.article.text));
        most = Math.max(most, pool.threads);
      }
      expect(out).toEqual(raws.map((r) => r.content));
      expect(most).toBeLessThanOrEqual(2);
      expect(pool.threads).toBeGreaterThanOrEqual(1);
    } finally {
      clearInterval(watch);
      await pool.close();
    }
  }, 180_000);
});
