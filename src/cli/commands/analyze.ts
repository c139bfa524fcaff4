import { readFileSync, statSync } from "node:fs";
import { createInterface } from "node:readline";
import type { Command } from "commander";
import pc from "picocolors";
import type { Article } from "../../article.js";
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
  ner?: boolean;
  color?: boolean;
}

export function registerAnalyze(program: Command): void {
  program
    .command("analyze")
    .description("analyse a news article (plain text or HTML) into an Article: quotes, speakers, sources, entities, figures, dates")
    .argument("[file]", "a file or an http(s) URL to analyse; '-' or nothing reads standard input")
    .option("--json", "print the Article as JSON")
    .option("--jsonl", "batch: read JSON lines {id, text|html, url?, published?, lang?} and write one Article per line; a bad line gives {id, line, error} and the batch goes on (see below)")
    .option("--published <date>", "publication date (YYYY-MM-DD or ISO date-time); anchors relative dates")
    .option("--url <url>", "the article's URL")
    .option("--lang <lang>", "the article's language (uk, ru, en); detected when not given")
    .option("--id <id>", "the Article id (default: a hash of the input)")
    .option("--tokens", "include tokens with lemmas and parts of speech (in the report, or in the JSON)")
    .option("--ner", "also run the trained Ukrainian NER model: more entities, fuller organisation names, better types (uk only; about 10 ms more per article)")
    .option("--no-color", "no colour in the terminal report")
    .addHelpText(
      "after",
      [
        "",
        "Batch mode (--jsonl): every input line is analysed on its own. A line that is not JSON, has no text, or",
        'cannot be analysed gives {"id", "line", "error"} in the output (the message names the line number) and',
        "the batch goes on. At the end a summary (n ok, n failed) goes to standard error, and the exit status is 1",
        "if any line failed, 0 otherwise.",
      ].join("\n"),
    )
    .action(async (file: string | undefined, flags: AnalyzeFlags) => {
      const options: AnalyzeOptions = { tokens: !!flags.tokens, ...(flags.ner ? { ner: true } : {}) };
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
          : analyze({ bytes: notBlank(await readInput(file), file), ...given, url: flags.url ?? null }, options);
      if (flags.json) process.stdout.write(JSON.stringify(article) + "\n");
      else {
        const color = flags.color !== false && !!process.stdout.isTTY;
        process.stdout.write(formatReport(article, { color }));
        if (flags.tokens) process.stdout.write(formatTokens(article, { color }));
      }
    });
}

/** An empty or blank input is a mistake to report (non-zero exit), not an empty Article. */
function notBlank(bytes: Uint8Array, file: string | undefined): Uint8Array {
  const name = !file || file === "-" ? "standard input" : file;
  // Only a UTF-8 byte-order mark and ASCII white space count as blank; anything else is left to the decoder.
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const blank = bytes.subarray(bom).every((b) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d || b === 0x0c);
  if (blank) throw new InputError(`${name}: empty input, nothing to analyse`);
  return bytes;
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
  let done = 0;
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
      done++;
    } catch (err) {
      failures++;
      const message = err instanceof Error ? err.message : String(err);
      const msg = message.startsWith(`line ${lineNo}`) ? message : `line ${lineNo}: ${message}`;
      process.stderr.write(`dzherelo: ${msg}\n`);
      if (!process.stdout.write(JSON.stringify({ id: id ?? null, line: lineNo, error: msg }) + "\n")) await drain();
    }
  }
  process.stderr.write(`dzherelo: ${done} ok, ${failures} failed\n`);
  return failures > 0 ? 1 : 0;
}

/**
 * The tokens of a report, sentence by sentence: the word as written, its lemma and part of speech (the lemma
 * column shows "=" when it is the word itself, up to case, so the changes stand out; punctuation is shown bare).
 */
export function formatTokens(a: Article, opts: { color: boolean }): string {
  const c = pc.createColors(opts.color);
  const tokens = a.tokens ?? [];
  const out: string[] = ["", c.bold(`Tokens (${tokens.length})`)];
  const sentences = a.sentences.length ? a.sentences : [{ start: 0, end: a.text.length }];
  let t = 0;
  for (let si = 0; si < sentences.length && t < tokens.length; si++) {
    const s = sentences[si];
    const line: string[] = [];
    // Tokens between sentences (a heading without a sentence) are shown with the next sentence.
    for (; t < tokens.length && tokens[t].start < s.end; t++) line.push(tokenCell(tokens[t], c));
    if (line.length) out.push(c.dim(`  ${si + 1}.`) + " " + line.join("  "));
  }
  const rest: string[] = [];
  for (; t < tokens.length; t++) rest.push(tokenCell(tokens[t], c));
  if (rest.length) out.push("     " + rest.join("  "));
  return out.join("\n") + "\n";
}

function tokenCell(tok: NonNullable<Article["tokens"]>[number], c: ReturnType<typeof pc.createColors>): string {
  if ((!tok.lemma && !tok.pos) || tok.pos === "PUNCT") return tok.text;
  const lemma = tok.lemma && tok.lemma.toLowerCase() !== tok.text.toLowerCase() ? tok.lemma : "=";
  return `${tok.text}${c.dim("/")}${c.cyan(lemma)}${tok.pos ? c.dim("/" + tok.pos) : ""}`;
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
