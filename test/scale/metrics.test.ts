/** The queue's completion rate as `status` shows it, from BullMQ's per-minute metrics (no servers needed). */
import { describe, expect, it } from "vitest";
import { completedPerMinute } from "../../src/queue/bullmq.js";

const MIN = 60_000;

describe("articles/min over the last 5 minutes", () => {
  const t0 = 1_000 * MIN; // a minute boundary

  it("counts a run that finished within the current minute (its jobs are not in the per-minute list yet)", () => {
    const m = { meta: { count: 48, prevTS: t0 + 5_000, prevCount: 0 }, data: [] };
    expect(completedPerMinute(m, t0 + 30_000)).toBeCloseTo(48 / 4.5, 5);
  });

  it("adds the past minutes still in the window and leaves out older ones", () => {
    // Last completion 2 minutes ago; the list's newest point is the minute before that one, then older ones.
    const m = { meta: { count: 100, prevTS: t0 - 2 * MIN + 1_000, prevCount: 90 }, data: [20, 30, 40, 50] };
    // Minutes in the window: now (t0), t0-1, t0-2 (10 pending), t0-3 (20), t0-4 (30); 40 and 50 are older.
    expect(completedPerMinute(m, t0)).toBeCloseTo((10 + 20 + 30) / 4, 5);
  });

  it("is 0 with nothing completed in the last 5 minutes, or ever", () => {
    expect(completedPerMinute({ meta: { count: 5, prevTS: t0 - 10 * MIN, prevCount: 0 }, data: [3] }, t0)).toBe(0);
    expect(completedPerMinute({ meta: { count: 0, prevTS: 0, prevCount: 0 }, data: [] }, t0)).toBe(0);
  });
});
