/**
 * Readers that turn what a user points `dzherelo ingest` at into raw inputs: files and folders (recursive),
 * .txt, .html, .json/.jsonl, RSS/Atom feed files, .warc/.warc.gz web archives.
 *
 * Each reader yields `SourceItem`s: a raw input ready for analysis, or an error naming the file (and record)
 * that could not be read. Readers never throw for bad input, so one corrupt file does not stop an ingest run.
 */
import { createHash } from "node:crypto";
import { createReadStream, readdirSync, readFileSync, statSync } from "node:fs";
import { extname, join, resolve } from "node:path";
import { readFeed } from "./feed.js";
import { readWarc } from "./warc.js";
import { readJsonLines, readJsonFile } from "./json.js";
import type { RawInput } from "../../store/types.js";

export type SourceItem = { raw: RawInput; error?: undefined } | { raw?: undefined; error: string; origin: string };

/** Files larger than this are refused (a news item is kilobytes; a feed or WARC is streamed, not limited). */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

const FEED_EXT = new Set([".rss", ".atom", ".xml", ".feed"]);

export function sha256(content: string | Uint8Array): string {
  return createHash("sha256").update(content).digest("hex");
}

/** A raw input with its hash computed. */
export function makeRaw(content: string, kind: "text" | "html", origin: string, meta: Partial<RawInput> = {}): RawInput {
  return { ...meta, sha256: sha256(content), kind, content, origin };
}

/** Every file under the given paths (folders walked recursively, hidden entries skipped), sorted for a stable order. */
export function* walk(paths: string[]): Generator<string | { error: string; origin: string }> {
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch (err) {
      yield { error: `cannot read: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, origin: p };
      continue;
    }
    if (st.isDirectory()) {
      let entries: string[];
      try {
        entries = readdirSync(p).filter((e) => !e.startsWith(".")).sort();
      } catch (err) {
        yield { error: `cannot list folder: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, origin: p };
        continue;
      }
      yield* walk(entries.map((e) => join(p, e)));
    } else if (st.isFile()) {
      yield p;
    }
  }
}

/** Reads one file as whatever it is (by extension, else by sniffing its start). */
export async function* readFile(path: string): AsyncGenerator<SourceItem> {
  const lower = path.toLowerCase();
  if (lower.endsWith(".warc") || lower.endsWith(".warc.gz")) {
    // Small read blocks: on a corrupt gzip member, only records in the same 16 KB block are lost.
    yield* readWarc(path, createReadStream(path, { highWaterMark: 16 * 1024 }));
    return;
  }
  const ext = extname(lower);
  if (ext === ".jsonl" || ext === ".ndjson") {
    yield* readJsonLines(path);
    return;
  }
  let bytes: Buffer;
  try {
    if (statSync(path).size > MAX_FILE_BYTES) {
      yield { error: `too large (over ${MAX_FILE_BYTES} bytes) for one article`, origin: path };
      return;
    }
    bytes = readFileSync(path);
  } catch (err) {
    yield { error: `cannot read: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, origin: path };
    return;
  }
  if (looksBinary(bytes)) {
    yield { error: "not text (binary content); skipped", origin: path };
    return;
  }
  if (ext === ".json") {
    yield* readJsonFile(path, bytes);
    return;
  }
  const text = decodeUtf8(bytes);
  const head = text.slice(0, 1024).trimStart().toLowerCase();
  const isFeed = FEED_EXT.has(ext) || /^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<(rss|feed|rdf:rdf)\b/.test(head);
  if (isFeed) {
    yield* readFeed(path, text);
    return;
  }
  // Raw bytes (not the decoded string) are kept for text and HTML files (.txt, .html and anything else that is
  // text), so analysis detects the charset itself and tells HTML from plain text by content.
  yield { raw: { sha256: sha256(bytes), kind: "bytes", content: new Uint8Array(bytes), origin: path } };
}

/** Reads every file under the paths, in order, except the files in `exclude` (absolute paths). */
export async function* readSources(paths: string[], exclude: ReadonlySet<string> = new Set()): AsyncGenerator<SourceItem> {
  for (const f of walk(paths)) {
    if (typeof f !== "string") yield f;
    else if (!exclude.has(resolve(f))) yield* readFile(f);
  }
}

/** True for content that is evidently not text: NUL bytes or many control bytes in the first 8 KB. */
export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const c = bytes[i];
    if (c === 0) return true;
    if (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12 && c !== 27) bad++;
  }
  return n > 0 && bad / n > 0.02;
}

function decodeUtf8(bytes: Uint8Array): string {
  const s = new TextDecoder("utf-8").decode(bytes);
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}
