import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { validateArticle, type Article } from "../../src/index.js";
import { ROOT } from "../helpers/shared.js";

// These run the built CLI (`npm test` builds first).
const bin = join(ROOT, "bin", "dzherelo");
const run = (args: string[], input?: string | Buffer) =>
  spawnSync(process.execPath, [bin, ...args], { input, encoding: "utf8", cwd: ROOT, maxBuffer: 1 << 28 });
const seedPath = join(ROOT, "samples/seed/article.txt");

describe("dzherelo analyze", () => {
  it("prints a readable report for a file", () => {
    const r = run(["analyze", seedPath]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Quotes \(\d+\)/);
    expect(r.stdout).not.toMatch(/\x1b\[/); // no colour when not on a terminal
  });

  it("prints one valid Article as JSON with --json, using --published", () => {
    const r = run(["analyze", seedPath, "--json", "--published", "2024-06-19", "--id", "seed"]);
    expect(r.status).toBe(0);
    const a = JSON.parse(r.stdout) as Article;
    expect(a.id).toBe("seed");
    expect(a.published).toBe("2024-06-19");
    expect(validateArticle(a)).toEqual([]);
  });

  it("reads standard input when no file is given", () => {
    const r = run(["analyze", "--json"], "Президент заявив, що переговори тривають.");
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).text).toContain("переговори тривають");
  });

  it("batch --jsonl: one Article per line with the same id; a bad line gives {id, error} and the batch goes on", () => {
    const lines = [
      JSON.stringify({ id: "a", text: "Перший текст новини.", published: "2024-06-19" }),
      "{not json",
      JSON.stringify({ id: "c" }),
      JSON.stringify({ id: 4, text: "Second news text.", lang: "en" }),
    ].join("\n");
    const r = run(["analyze", "--jsonl"], lines + "\n");
    expect(r.status).toBe(0);
    const out = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(out.map((o) => o.id)).toEqual(["a", null, "c", "4"]);
    expect(out[0].schema).toBe("dzherelo.article/1");
    expect(out[1].error).toMatch(/line 2: not valid JSON/);
    expect(out[2].error).toMatch(/line 3: no "text" or "html" field/);
    expect(out[3].lang).toBe("en");
    expect(r.stderr).toMatch(/line 2/);
  });

  it("fails with a clear message and a non-zero exit for a missing file, a directory, binary input and a bad date", () => {
    const dir = mkdtempSync(join(tmpdir(), "dz-"));
    const binFile = join(dir, "x.bin");
    writeFileSync(binFile, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 13) % 256)));
    for (const [args, msg] of [
      [["analyze", join(dir, "nope.txt")], /cannot read .*ENOENT/],
      [["analyze", dir], /is a directory/],
      [["analyze", binFile], /binary/],
      [["analyze", seedPath, "--published", "yesterday"], /not a date/],
    ] as const) {
      const r = run([...args]);
      expect(r.status).not.toBe(0);
      expect(r.stderr).toMatch(msg);
    }
  });

  it("handles a 50 MB input with a clear refusal or a result, never a crash", () => {
    const big = Buffer.alloc(50 * 1024 * 1024, "Речення новини. ");
    const r = run(["analyze", "-", "--json"], big);
    expect([0, 1]).toContain(r.status);
    if (r.status === 1) expect(r.stderr).toMatch(/too large/);
  });
});
