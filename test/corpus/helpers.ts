import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { ROOT } from "../helpers/shared.js";

const ENTRY = join(ROOT, "test", "corpus", "cli-entry.ts");
// One analysis worker: the fault tests are about durability, and each worker loads its own analysers.
const ENV = { ...process.env, DZHERELO_WORKERS: "1", NO_COLOR: "1" };

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `dzherelo ARGS…` from sources and waits for it. */
export function cli(args: string[], cwd = ROOT): CliResult {
  const r = spawnSync(process.execPath, ["--import", "tsx", ENTRY, ...args], { cwd, env: ENV, encoding: "utf8", timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Runs `dzherelo ARGS…` in this process (no start-up cost), capturing what it writes (console.error too). For
 * commands that read the corpus; ingest and the fault tests spawn a real process.
 */
export async function cliIn(args: string[]): Promise<CliResult> {
  const { run } = await import("../../src/cli/main.js");
  let stdout = "";
  let stderr = "";
  const out = process.stdout.write;
  const err = process.stderr.write;
  const cerr = console.error;
  process.stdout.write = ((c: string | Uint8Array) => ((stdout += String(c)), true)) as typeof process.stdout.write;
  process.stderr.write = ((c: string | Uint8Array) => ((stderr += String(c)), true)) as typeof process.stderr.write;
  console.error = (...a: unknown[]) => void (stderr += a.map(String).join(" ") + "\n");
  const saved = process.exitCode;
  process.exitCode = undefined;
  try {
    const code = await run(["node", "dzherelo", ...args]);
    return { code, stdout, stderr };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
    console.error = cerr;
    process.exitCode = saved;
  }
}

export function cliAsync(args: string[]): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", ENTRY, ...args], { cwd: ROOT, env: ENV, stdio: ["ignore", "pipe", "pipe"] });
}

/** Sentences of the fixture corpus, recombined into `n` distinct articles (JSON lines) for volume tests. */
export function syntheticJsonl(path: string, n: number): void {
  const lines = readFileSync(join(ROOT, "test", "fixtures", "corpus", "news.jsonl"), "utf8").trim().split("\n");
  const sentences = lines.flatMap((l) => (JSON.parse(l).text as string).split(/(?<=[.!?»])\s+/)).filter((s) => s.length > 20);
  let seed = 42;
  const rnd = (k: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % k);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const body = Array.from({ length: 2 }, () => sentences[rnd(sentences.length)]).join(" ");
    out.push(JSON.stringify({ text: `Випуск ${i}. ${body}`, published: `2024-06-${String(1 + (i % 28)).padStart(2, "0")}`, publisher: `Видання ${i % 5}` }));
  }
  writeFileSync(path, out.join("\n") + "\n");
}

/** Number of stored articles (0 before the schema exists), read directly. */
export function countArticles(db: string): number {
  let d: Database.Database | null = null;
  try {
    d = new Database(db, { readonly: true });
    return (d.prepare("SELECT count(*) AS n FROM articles").get() as { n: number }).n;
  } catch {
    return 0; // not created yet, or locked for a moment
  } finally {
    d?.close();
  }
}

/** Article count, distinct-hash count and integrity check of a corpus file, read directly. */
export function inspect(db: string): { articles: number; distinct: number; integrity: string; fts: number } {
  const d = new Database(db, { readonly: true });
  try {
    const articles = (d.prepare("SELECT count(*) AS n FROM articles").get() as { n: number }).n;
    const distinct = (d.prepare("SELECT count(DISTINCT sha256) AS n FROM articles").get() as { n: number }).n;
    const integrity = d.pragma("integrity_check", { simple: true }) as string;
    const fts = (d.prepare("SELECT count(*) AS n FROM fts").get() as { n: number }).n;
    return { articles, distinct, integrity, fts };
  } finally {
    d.close();
  }
}
