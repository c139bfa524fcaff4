/**
 * WARC web archives (.warc, .warc.gz; warcio parses and un-gzips): one raw input per archived HTML or plain-text
 * response (or resource) record, with the record's target URI. Other records (requests, metadata,
 * images, scripts) are skipped. A corrupt record or a truncated gzip ends the file with an error naming the
 * record; the records read before it are kept (all but those decompressed in the same 16 KB read block).
 */
import type { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { WARCParser } from "warcio";
import { sha256, type SourceItem } from "./index.js";

const TEXTUAL = /^(text\/html|application\/xhtml\+xml|text\/plain)\b/i;

export async function* readWarc(path: string, file: Readable): AsyncGenerator<SourceItem> {
  let n = 0;
  // Node's gunzip (not warcio's built-in pako) un-gzips .warc.gz: it fails loudly on a truncated or corrupt
  // gzip member, where pako stops silently and the loss would go unnoticed.
  const stream = path.toLowerCase().endsWith(".gz") ? file.pipe(createGunzip()) : file;
  file.on("error", (err) => stream.destroy(err));
  try {
    const parser = new WARCParser(drainThenFail(stream));
    for await (const record of parser) {
      n++;
      if (!/^WARC\/1\.[01]$/.test(record.warcHeaders.protocol ?? "")) throw new Error("not a WARC record header");
      const type = record.warcType;
      if (type !== "response" && type !== "resource") continue;
      const ctype =
        type === "response"
          ? record.httpHeaders?.headers.get("content-type") ?? ""
          : record.warcHeader("Content-Type") ?? record.warcContentType ?? "";
      if (type === "response" && record.httpHeaders && Number(record.httpHeaders.statusCode) >= 300) continue;
      const body = await record.readFully(false);
      if (!TEXTUAL.test(ctype)) continue;
      if (!body.length) continue;
      const url = record.warcTargetURI ?? null;
      yield {
        raw: {
          sha256: sha256(body),
          kind: "bytes",
          content: new Uint8Array(body),
          origin: `${path}#${n}`,
          // WARC-Date is when the page was crawled, not published: the publication date comes from the page.
          url,
        },
      };
    }
  } catch (err) {
    yield { error: `corrupt or truncated WARC at record ${n + 1}: ${(err as Error).message}`, origin: path };
    return;
  }
}

/**
 * The chunks of a stream as an async iterable that, when the stream fails, first hands over every chunk it
 * produced before failing (a Readable's own iterator drops them), so records before a corrupt spot are kept.
 */
async function* drainThenFail(stream: Readable): AsyncGenerator<Uint8Array> {
  const queue: Uint8Array[] = [];
  let failure: Error | null = null;
  let ended = false;
  let wake: (() => void) | null = null;
  const signal = () => {
    wake?.();
    wake = null;
  };
  stream.on("data", (c: Uint8Array) => {
    queue.push(c);
    if (queue.length > 16) stream.pause();
    signal();
  });
  stream.on("error", (err) => {
    failure = err;
    signal();
  });
  stream.on("end", () => {
    ended = true;
    signal();
  });
  for (;;) {
    if (queue.length) {
      yield queue.shift()!;
      if (queue.length <= 4 && stream.isPaused() && !failure && !ended) stream.resume();
      continue;
    }
    if (failure) throw failure;
    if (ended) return;
    await new Promise<void>((r) => (wake = r));
  }
}
