/**
 * JSON inputs: `.jsonl` (one item per line) and `.json` (one item or an array of items). An item is an object
 * with `text` or `html` and optional `url`, `published`, `publisher`, `title`, `lang` (the shape `dzherelo analyze
 * --jsonl` reads, and the shape of the quotes-dev files).
 */
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import type { RawInput } from "../../store/types.js";
import { makeRaw, type SourceItem } from "./index.js";

const str = (v: unknown): string | null => (typeof v === "string" && v.trim() ? v : null);

/** One item object to a raw input, or an error message. */
export function itemToRaw(o: unknown, origin: string): SourceItem {
  if (!o || typeof o !== "object" || Array.isArray(o)) return { error: "not a JSON object", origin };
  const r = o as Record<string, unknown>;
  const html = str(r.html);
  const text = str(r.text);
  if (!html && !text) return { error: 'no "text" or "html" field', origin };
  const meta: Partial<RawInput> = {
    url: str(r.url),
    published: str(r.published),
    publisher: str(r.publisher),
    title: str(r.title),
    lang: str(r.lang),
  };
  return { raw: makeRaw(html ?? text!, html ? "html" : "text", origin, meta) };
}

export async function* readJsonLines(path: string): AsyncGenerator<SourceItem> {
  let lineNo = 0;
  try {
    const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
    for await (const line of lines) {
      lineNo++;
      if (!line.trim()) continue;
      const origin = `${path}:${lineNo}`;
      let obj: unknown;
      try {
        obj = JSON.parse(line);
      } catch {
        yield { error: "not valid JSON", origin };
        continue;
      }
      yield itemToRaw(obj, origin);
    }
  } catch (err) {
    yield { error: `cannot read: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, origin: path };
  }
}

export function* readJsonFile(path: string, bytes: Uint8Array): Generator<SourceItem> {
  let obj: unknown;
  try {
    obj = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    yield { error: "not valid JSON", origin: path };
    return;
  }
  if (Array.isArray(obj)) {
    for (let i = 0; i < obj.length; i++) yield itemToRaw(obj[i], `${path}#${i}`);
  } else {
    yield itemToRaw(obj, path);
  }
}
