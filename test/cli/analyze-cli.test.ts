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

  it("batch --jsonl: one Article per line with the same id; a bad line gives {id, error}, the batch goes on and exits 1", () => {
    const lines = [
      JSON.stringify({ id: "a", text: "Перший текст новини.", published: "2024-06-19" }),
      "{not json",
      JSON.stringify({ id: "c" }),
      JSON.stringify({ id: 4, text: "Second news text.", lang: "en" }),
    ].join("\n");
    const r = run(["analyze", "--jsonl"], lines + "\n");
    // Every line is answered, but a batch with failed lines ends with status 1 and a one-line summary.
    expect(r.status).toBe(1);
    const out = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(out.map((o) => o.id)).toEqual(["a", null, "c", "4"]);
    expect(out[0].schema).toBe("dzherelo.article/1");
    expect(validateArticle(out[0])).toEqual([]);
    expect(out[1]).toMatchObject({ line: 2, error: expect.stringMatching(/line 2: not valid JSON/) });
    expect(out[2]).toMatchObject({ line: 3, error: expect.stringMatching(/line 3: no "text" or "html" field/) });
    expect(out[3].lang).toBe("en");
    expect(r.stderr).toMatch(/line 2/);
    const stderrLines = r.stderr.trim().split("\n");
    expect(stderrLines[stderrLines.length - 1]).toMatch(/^dzherelo: 2 ok, 2 failed$/);
  });

  it("batch --jsonl with only good lines (blank lines skipped) exits 0 and says how many were analysed", () => {
    const lines = [JSON.stringify({ id: "x", text: "Перший текст новини." }), "", JSON.stringify({ id: "y", html: "<p>Другий текст.</p>" })];
    const r = run(["analyze", "--jsonl"], lines.join("\n") + "\n");
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split("\n").map((l) => JSON.parse(l).id)).toEqual(["x", "y"]);
    expect(r.stderr).toMatch(/^dzherelo: 2 ok, 0 failed$/m);
  });

  it("batch --jsonl: a wrong field type and a bad date fail their own lines only, with the line number", () => {
    const lines = [
      JSON.stringify({ id: "t", text: 42 }),
      JSON.stringify({ id: "d", text: "Текст.", published: "yesterday" }),
      "[1, 2]",
      JSON.stringify({ id: "ok", text: "Уряд ухвалив рішення." }),
    ];
    const r = run(["analyze", "--jsonl"], lines.join("\n") + "\n");
    expect(r.status).toBe(1);
    const out = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(out.map((o) => o.error ?? "ok")).toEqual([
      expect.stringMatching(/^line 1: "text" must be a string/),
      expect.stringMatching(/^line 2: "published" is not a date/),
      expect.stringMatching(/^line 3: not a JSON object/),
      "ok",
    ]);
    expect(r.stderr).toMatch(/1 ok, 3 failed/);
  });

  it("the --help text explains the batch exit status", () => {
    const r = run(["analyze", "--help"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/exit status is 1\s+if any line failed/);
  });

  it("--tokens shows tokens with lemmas and parts of speech in the readable report", () => {
    const text = "Президент заявив журналістам, що переговори тривають. Путіним обговорили угоду.";
    const plain = run(["analyze", "-"], text);
    expect(plain.status).toBe(0);
    expect(plain.stdout).not.toMatch(/Tokens \(/);
    const r = run(["analyze", "-", "--tokens"], text);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Tokens \(1[0-9]\)/);
    // Inflected forms with their lemmas, one line per sentence.
    expect(r.stdout).toMatch(/^\s+1\. .*заявив\/заявити\/VERB.*журналістам\/журналіст\/NOUN/m);
    expect(r.stdout).toMatch(/^\s+2\. .*обговорили\/обговорити\/VERB/m);
    // The JSON output carries the same tokens.
    const j = JSON.parse(run(["analyze", "-", "--json", "--tokens"], text).stdout) as Article;
    expect(j.tokens?.find((t) => t.text === "заявив")?.lemma).toBe("заявити");
  }, 90_000);

  it("--ner adds what the trained NER model finds (uk), in the report and in the JSON", () => {
    const text = "Рішення ухвалили в Національному банку України. Правління Національного банку України зібралося в четвер.";
    const off = JSON.parse(run(["analyze", "-", "--json", "--lang", "uk"], text).stdout) as Article;
    expect(off.entities.map((e) => e.name)).not.toContain("Національний банк України");
    const r = run(["analyze", "-", "--json", "--lang", "uk", "--ner"], text);
    expect(r.status).toBe(0);
    const a = JSON.parse(r.stdout) as Article;
    expect(validateArticle(a)).toEqual([]);
    expect(a.entities.find((e) => e.name === "Національний банк України")?.mentions).toHaveLength(2);
    expect(run(["analyze", "-", "--lang", "uk", "--ner"], text).stdout).toMatch(/Національний банк України/);
    // Batch mode takes the option too.
    const line = run(["analyze", "--jsonl", "--ner"], JSON.stringify({ id: "n", text, lang: "uk" }) + "\n");
    expect((JSON.parse(line.stdout.trim()) as Article).entities.map((e) => e.name)).toContain("Національний банк України");
  }, 90_000);

  it("fails with a clear message and a non-zero exit for a missing file, a directory, binary input, an empty or blank file and a bad date", () => {
    const dir = mkdtempSync(join(tmpdir(), "dz-"));
    const binFile = join(dir, "x.bin");
    writeFileSync(binFile, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 13) % 256)));
    const emptyFile = join(dir, "empty.txt");
    writeFileSync(emptyFile, "");
    const blankFile = join(dir, "blank.txt");
    writeFileSync(blankFile, "\ufeff  \n\t\r\n");
    for (const [args, msg] of [
      [["analyze", join(dir, "nope.txt")], /cannot read .*ENOENT/],
      [["analyze", dir], /is a directory/],
      [["analyze", binFile], /binary/],
      [["analyze", seedPath, "--published", "yesterday"], /not a date/],
      [["analyze", emptyFile], /empty input/],
      [["analyze", blankFile], /empty input/],
    ] as const) {
      const r = run([...args]);
      expect(r.status).not.toBe(0);
      expect(r.stderr).toMatch(msg);
    }
  });

  it("a 1.2M-character line with no sentence end finishes with a valid Article (a hang test, not a speed test)", () => {
    const vocab = ["новини", "президент", "заявив", "Київ", "країни", "уряд", "рішення", "переговори"];
    const line = Array.from({ length: 200_000 }, (_, i) => vocab[(i * 5) % vocab.length]).join(" ");
    const t0 = Date.now();
    const r = spawnSync(process.execPath, [bin, "analyze", "-", "--json"], { input: line, encoding: "utf8", cwd: ROOT, maxBuffer: 1 << 28, timeout: 60_000 });
    expect(r.error).toBeUndefined(); // not killed by the timeout
    expect(r.status).toBe(0);
    const a = JSON.parse(r.stdout) as Article;
    expect(validateArticle(a)).toEqual([]);
    expect(a.text.length).toBe(line.length);
    expect(a.sentences.length).toBeGreaterThan(500);
    expect(Date.now() - t0).toBeLessThan(60_000);
  }, 90_000);

  it("handles a 50 MB input with a clear refusal or a result, never a crash", () => {
    const big = Buffer.alloc(50 * 1024 * 1024, "Речення новини. ");
    const r = run(["analyze", "-", "--json"], big);
    expect([0, 1]).toContain(r.status);
    if (r.status === 1) expect(r.stderr).toMatch(/too large/);
  });
});
