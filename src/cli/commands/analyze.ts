import { readFileSync, statSync } from "node:fs";
import { createInterface } from "node:readline";
import type { Command } from "commander";
import { analyze, InputError, MAX_INPUT_CHARS } from "../../pipeline/analyze.js";
import type { AnalyzeInput, AnalyzeOptions } from "../../pipeline/types.js";
import { formatReport } from "../report.js";
import { fetchForAnalysis } from "../../follow/page.js";
import { isUrl } from "../../follow/sources-file.js";

interface AnalyzeFlags {
  json?: boolean;
  jsonl?: boolean;
  published?: string;
  url?: string;
  lang?: string;
  id?: string;
  tokens?: boolean;
  color?: boolean;
}

export function registerAnalyze(program: Command): void {
  program
    .command("analyze")
    .description("analyse a news article (plain text or HTML) into an Article: quotes, speakers, sources, entities, figures, dates")
    .argument("[file]", "a file or an http(s) URL to analyse; '-' or nothing reads standard input")
    .option("--json", "print the Article as JSON")
    .option("--jsonl", "batch: read JSON lines {id, text|html, url?, published?, lang?} and write one Article per line")
    .option("--published <date>", "publication date (YYYY-MM-DD or ISO date-time); anchors relative dates")
    .option("--url <url>", "the article's URL")
    .option("--lang <lang>", "the article's language (uk, ru, en); detected when not given")
    .option("--id <id>", "the Article id (default: a hash of the input)")
    .option("--tokens", "include tokens with lemmas in the output")
    .option("--no-color", "no colour in the terminal report")
    .action(async (file: string | undefined, flags: AnalyzeFlags) => {
      const options: AnalyzeOptions = { tokens: !!flags.tokens };
      if (flags.jsonl) {
        process.exitCode = await analyzeJsonl(file, options);
        return;
      }
      if (flags.published && !isDate(flags.published)) {
        throw new InputError(`--published: not a date: ${flags.published} (want YYYY-MM-DD)`);
      }
      const given = { id: flags.id, published: flags.published ?? null, lang: flags.lang ?? null };
      // A URL is fetched (politely: robots.txt, size and time limits) and analysed as the page it serves.
      const article =
        file && isUrl(file)
          ? analyze({ ...(await fetchForAnalysis(file)), ...given, ...(flags.url ? { url: flags.url } : {}) }, options)
          : analyze({ bytes: await readInput(file), ...given, url: flags.url ?? null }, options);
      if (flags.json) process.stdout.write(JSON.stringify(article) + "\n");
      else process.stdout.write(formatReport(article, { color: flags.color !== false && !!process.stdout.isTTY }));
    });
}

async function readInput(file: string | undefined): Promise<Uint8Array> {
  if (!file || file === "-") return readStdin();
  let size: number;
  try {
    const st = statSync(file);
    if (st.isDirectory()) throw new InputError(`${file} is a directory; give a file (or use \`dzherelo ingest\` for folders)`);
    size = st.size;
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  if (size > MAX_INPUT_CHARS * 4) throw new InputError(`${file}: too large (${size} bytes)`);
  return readFileSync(file);
}

/**
 * Reads standard input as a stream: `readFileSync(0)` fails with EAGAIN when stdin is a non-blocking pipe.
 * Stops with a clear error past the size limit instead of buffering without end.
 */
async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    const b = chunk as Buffer;
    size += b.length;
    if (size > MAX_INPUT_CHARS * 4) throw new InputError(`standard input: too large (over ${MAX_INPUT_CHARS * 4} bytes)`);
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

const isDate = (s: string) => /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(s);

/** Batch mode: one JSON object per input line, one Article (or `{id, error}`) per output line, in order. */
async function analyzeJsonl(file: string | undefined, options: AnalyzeOptions): Promise<number> {
  const stream = !file || file === "-" ? process.stdin : (await import("node:fs")).createReadStream(file);
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let lineNo = 0;
  let failures = 0;
  for await (const line of lines) {
    lineNo++;
    if (!line.trim()) continue;
    let id: unknown = null;
    try {
      let obj: unknown;
      try {
        obj = JSON.parse(line);
      } catch {
        throw new InputError(`line ${lineNo}: not valid JSON`);
      }
      if (!obj || typeof obj !== "object" || Array.isArray(obj)) throw new InputError(`line ${lineNo}: not a JSON object`);
      const o = obj as Record<string, unknown>;
      id = o.id ?? null;
      const input = toInput(o, lineNo);
      const article = analyze(input, options);
      if (!process.stdout.write(JSON.stringify(article) + "\n")) await drain();
    } catch (err) {
      failures++;
      const message = err instanceof Error ? err.message : String(err);
      const msg = message.startsWith(`line ${lineNo}`) ? message : `line ${lineNo}: ${message}`;
      process.stderr.write(`dzherelo: ${msg}\n`);
      process.stdout.write(JSON.stringify({ id: id ?? null, line: lineNo, error: msg }) + "\n");
    }
  }
  return 0;
}

function toInput(o: Record<string, unknown>, lineNo: number): AnalyzeInput {
  const str = (k: string): string | null => {
    const v = o[k];
    if (v === undefined || v === null) return null;
    if (typeof v !== "string") throw new InputError(`line ${lineNo}: "${k}" must be a string`);
    return v;
  };
  const text = str("text");
  const html = str("html");
  if (text === null && html === null) throw new InputError(`line ${lineNo}: no "text" or "html" field`);
  const published = str("published");
  if (published !== null && !isDate(published)) throw new InputError(`line ${lineNo}: "published" is not a date: ${published}`);
  const id = o.id;
  return {
    id: id === undefined || id === null ? undefined : String(id),
    text: text ?? undefined,
    html: html ?? undefined,
    url: str("url"),
    published,
    lang: str("lang"),
  };
}

function drain(): Promise<void> {
  return new Promise((resolve) => process.stdout.once("drain", () => resolve()));
}
