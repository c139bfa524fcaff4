/**
 * What the corpus commands (ingest, search, quotes, entity, stories, story, reindex) share: opening the
 * database the user named, option checks, and output as a terminal table or as JSON / JSON lines.
 */
import { existsSync } from "node:fs";
import pc from "picocolors";
import { dbPath, isPostgresUrl, openStore, SqliteStore, StoreError, type CorpusStore } from "../store/index.js";

/** The --db option's help, one wording for every corpus command. */
export const DB_HELP =
  "the corpus: an SQLite file, or a postgres:// (postgresql://) URL for the PostgreSQL store (default: $DZHERELO_DB or ./dzherelo.db)";

export interface OutputFlags {
  json?: boolean;
  jsonl?: boolean;
  db?: string;
}

/**
 * Opens an existing corpus for reading; a missing file is an error (reading never creates a database). A
 * postgres:// URL opens that database (it must have been migrated: `dzherelo migrate`).
 */
export async function openExisting(flag?: string): Promise<CorpusStore> {
  const path = dbPath(flag);
  if (isPostgresUrl(path)) return openStore(path, { readonly: true });
  if (!existsSync(path)) throw new StoreError(`no corpus at ${path}; run \`dzherelo ingest PATH --db ${path}\` first`);
  return openStore(path);
}

/** Opens (creating or migrating) a corpus of either backend for writing. */
export async function openCorpusForWriting(flag?: string): Promise<CorpusStore> {
  return openStore(dbPath(flag));
}

/** Opens an SQLite corpus for writing (commands that keep their own state in the SQLite file: `follow`). */
export async function openForWriting(flag?: string, opts: { cacheMB?: number } = {}): Promise<SqliteStore> {
  const path = dbPath(flag);
  if (isPostgresUrl(path)) throw new StoreError("this command needs an SQLite corpus (--db FILE); PostgreSQL serves ingest, worker and the read commands");
  return SqliteStore.open(path, opts);
}

/**
 * A malformed option value (main.ts prints its message). Defined here rather than taken from the analyser's
 * InputError so that the corpus commands do not load the analyser's modules in their main thread.
 */
export class OptionError extends Error {
  override name = "OptionError";
}

const DATE_RE = /^\d{4}(-\d{2}(-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?)?)?$/;

export function checkDate(name: string, v: string | undefined): string | undefined {
  if (v !== undefined && !DATE_RE.test(v)) throw new OptionError(`--${name}: not a date: ${v} (want YYYY-MM-DD)`);
  return v;
}

export function checkInt(name: string, v: string | undefined, min = 0): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new OptionError(`--${name}: want a whole number ≥ ${min}, got ${v}`);
  return n;
}

/** Writes a result: JSON (one document), JSON lines (one item per line), or the human rendering. */
export function output<T>(flags: OutputFlags, whole: unknown, items: T[], human: () => string): void {
  if (flags.json) process.stdout.write(JSON.stringify(whole) + "\n");
  else if (flags.jsonl) for (const it of items) process.stdout.write(JSON.stringify(it) + "\n");
  else process.stdout.write(human());
}

export const color = () => !!process.stdout.isTTY && !process.env.NO_COLOR;

export function dim(s: string): string {
  return color() ? pc.dim(s) : s;
}

export function bold(s: string): string {
  return color() ? pc.bold(s) : s;
}

/** Matched words come back in [brackets]; on a terminal they are shown bold instead. */
export function highlight(snippet: string): string {
  return color() ? snippet.replace(/\[([^\]]+)\]/g, (_, w: string) => pc.bold(pc.yellow(w))) : snippet;
}

/** Cuts a string to `n` characters (code points), with an ellipsis. */
export function cut(s: string | null | undefined, n: number): string {
  const chars = [...(s ?? "").replace(/\s+/g, " ")];
  return chars.length <= n ? chars.join("") : chars.slice(0, Math.max(0, n - 1)).join("") + "…";
}

/** A plain text table: columns padded to their widest cell, the last column cut to the terminal width. */
export function table(head: string[], rows: string[][]): string {
  if (!rows.length) return "";
  const width = process.stdout.columns || 120;
  const w = head.map((h, i) => Math.max([...h].length, ...rows.map((r) => [...(r[i] ?? "")].length)));
  const used = w.slice(0, -1).reduce((a, b) => a + b + 2, 0);
  w[w.length - 1] = Math.max(20, Math.min(w[w.length - 1], width - used - 1));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => {
        const t = cut(c, w[i]);
        return i === cells.length - 1 ? t : t + " ".repeat(w[i] - [...t].length);
      })
      .join("  ");
  return [bold(line(head)), ...rows.map(line)].join("\n") + "\n";
}

export const day = (s: string | null | undefined) => (s ? s.slice(0, 10) : "—");
