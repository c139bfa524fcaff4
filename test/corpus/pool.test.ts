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
