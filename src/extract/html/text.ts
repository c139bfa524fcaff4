/**
 * Raw HTML text runs → clean text, with every character accounted for in the source: runs of whitespace
 * collapse to one space (as a browser renders them), character references are decoded, and each piece is
 * written through a sink that either records offsets (TextBuilder) or just builds a string.
 */
import { decodeHTML } from "entities";

/** Where decoded text goes. `TextBuilder` is one; `StringSink` another. */
export interface Sink {
  copy(source: string, start: number, end: number): void;
  replace(text: string, sourceStart: number, sourceEnd: number): void;
}

export class StringSink implements Sink {
  parts: string[] = [];
  copy(source: string, start: number, end: number): void {
    if (end > start) this.parts.push(source.slice(start, end));
  }
  replace(text: string): void {
    if (text) this.parts.push(text);
  }
  toString(): string {
    return this.parts.join("");
  }
}

/** A synthetic separator inside a block (between table cells): `start < 0`, `end` is the source position. */
export const SEP_TAB = -1;

/**
 * Pieces of one block: flat pairs [start, end, start, end, …] of raw source ranges; a pair with start
 * SEP_TAB stands for a tab between table cells at source position `end`.
 */
export type Pieces = number[];

const isWs = (c: number) => c === 32 || c === 10 || c === 13 || c === 9 || c === 12;
const ENTITY = /&(?:#[xX][0-9a-fA-F]{1,16};?|#[0-9]{1,16};?|[A-Za-z][A-Za-z0-9]{1,31};?)/y;

/**
 * Writes the pieces of one block to `sink`: whitespace collapsed (none at the start or the end), references
 * decoded, U+00A0 kept as a space. With `pre`, whitespace is kept as it is (for <pre>).
 * Returns the number of characters written.
 */
export function writeBlock(html: string, pieces: Pieces, sink: Sink, pre = false): number {
  let written = 0;
  // A pending collapsed space: the source range of the whitespace run, written before the next visible char.
  let wsStart = -1;
  let wsEnd = -1;
  const flushSpace = () => {
    if (wsStart >= 0 && written > 0) {
      if (wsEnd - wsStart === 1 && html.charCodeAt(wsStart) === 32) sink.copy(html, wsStart, wsEnd);
      else sink.replace(" ", wsStart, wsEnd);
      written++;
    }
    wsStart = -1;
  };
  for (let k = 0; k < pieces.length; k += 2) {
    const start = pieces[k];
    const end = pieces[k + 1];
    if (start === SEP_TAB) {
      if (written > 0) {
        wsStart = -1;
        sink.replace("\t", end, end);
        written++;
      }
      continue;
    }
    let runStart = start; // start of a run of plain characters not yet written
    let i = start;
    while (i < end) {
      const c = html.charCodeAt(i);
      if (!pre && (isWs(c) || c === 160)) {
        // A single space between two visible characters stays inside the run (one copy per run, not per word).
        if (c === 32 && i > runStart && i + 1 < end) {
          const n = html.charCodeAt(i + 1);
          if (!isWs(n) && n !== 160) {
            i++;
            continue;
          }
        }
        if (i > runStart) {
          flushSpace();
          sink.copy(html, runStart, i);
          written += i - runStart;
        }
        let j = i + 1;
        while (j < end && (isWs(html.charCodeAt(j)) || html.charCodeAt(j) === 160)) j++;
        if (wsStart < 0) wsStart = i;
        wsEnd = j;
        i = j;
        runStart = j;
        continue;
      }
      if (c === 38 /* & */) {
        ENTITY.lastIndex = i;
        const m = ENTITY.exec(html);
        if (m && i + m[0].length <= end) {
          const decoded = decodeHTML(m[0]);
          if (decoded !== m[0]) {
            if (i > runStart) {
              flushSpace();
              sink.copy(html, runStart, i);
              written += i - runStart;
            }
            const refEnd = i + m[0].length;
            if (!pre && /^[\s\u00a0]+$/.test(decoded)) {
              // &nbsp; and friends are whitespace.
              if (wsStart < 0) wsStart = i;
              wsEnd = refEnd;
            } else {
              flushSpace();
              sink.replace(decoded, i, refEnd);
              written += decoded.length;
            }
            i = refEnd;
            runStart = i;
            continue;
          }
        }
      }
      if (c === 13 && pre) {
        // CR LF → LF in preformatted text.
        if (i > runStart) {
          sink.copy(html, runStart, i);
          written += i - runStart;
        }
        if (html.charCodeAt(i + 1) !== 10) {
          sink.replace("\n", i, i + 1);
          written++;
        }
        i++;
        runStart = i;
        continue;
      }
      i++;
    }
    if (end > runStart) {
      flushSpace();
      sink.copy(html, runStart, end);
      written += end - runStart;
    }
  }
  return written;
}

/** The clean text of a block's pieces. */
export function blockText(html: string, pieces: Pieces, pre = false): string {
  // Fast path (most paragraphs): one run with no references and no whitespace beyond single spaces.
  if (!pre && pieces.length === 2 && pieces[0] !== SEP_TAB) {
    const raw = html.slice(pieces[0], pieces[1]);
    if (!/[&\t\n\r\f\u00a0]| {2}/.test(raw)) return raw.trim();
  }
  const s = new StringSink();
  writeBlock(html, pieces, s, pre);
  return s.toString();
}
