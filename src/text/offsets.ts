import type { OffsetMap } from "../article.js";

/**
 * Builds a text out of pieces of a source string while recording where each piece came from, so that
 * any offset of the built text maps back to the source (see `OffsetMap`).
 *
 *   const b = new TextBuilder();
 *   b.copy(source, 10, 20);      // source[10..20) verbatim
 *   b.insert("\n\n");             // synthetic text (maps to the source offset where it was inserted)
 *   const { text, map } = b.finish();
 */
export class TextBuilder {
  private parts: string[] = [];
  private length = 0;
  private anchors: number[] = [];
  /** Source offset the next synthetic insert is attributed to. */
  private cursor = 0;

  get textLength(): number {
    return this.length;
  }

  /** The last `n` characters written (for callers deciding on separators). */
  tail(n: number): string {
    let out = "";
    for (let i = this.parts.length - 1; i >= 0 && out.length < n; i--) out = this.parts[i] + out;
    return out.slice(-n);
  }

  private anchor(sourceOffset: number): void {
    this.anchors.push(this.length, sourceOffset);
  }

  /** Appends source[start..end) verbatim. */
  copy(source: string, start: number, end: number): void {
    if (end <= start) return;
    this.anchor(start);
    this.parts.push(source.slice(start, end));
    this.length += end - start;
    this.cursor = end;
  }

  /** Appends text that stands for source[sourceStart..sourceEnd) (a replacement, e.g. a normalised character). */
  replace(text: string, sourceStart: number, sourceEnd: number): void {
    if (!text.length) {
      this.cursor = sourceEnd;
      return;
    }
    this.anchor(sourceStart);
    this.parts.push(text);
    this.length += text.length;
    this.cursor = sourceEnd;
    // Following text resumes at sourceEnd.
    this.anchors.push(this.length, sourceEnd);
  }

  /** Appends synthetic text (a separator) attributed to the current source position. */
  insert(text: string): void {
    this.replace(text, this.cursor, this.cursor);
  }

  finish(): { text: string; map: OffsetMap } {
    const text = this.parts.join("");
    return { text, map: compactMap(this.anchors) };
  }
}

/** Drops redundant anchors (ones implied by the run before them). */
export function compactMap(anchors: number[]): OffsetMap {
  const out: number[] = [];
  for (let i = 0; i < anchors.length; i += 2) {
    const t = anchors[i];
    const s = anchors[i + 1];
    const n = out.length;
    if (n >= 2) {
      if (out[n - 2] === t) {
        out[n - 1] = s;
        continue;
      }
      if (out[n - 1] + (t - out[n - 2]) === s) continue; // contiguous
    }
    out.push(t, s);
  }
  if (out.length === 0) out.push(0, 0);
  return out;
}

/** Maps an offset of the built text to the source offset (for an end offset, pass `end: true`). */
export function toSource(map: OffsetMap, offset: number, end = false): number {
  // Binary search for the last anchor with textOffset <= offset (or < offset for ends, so an end that
  // falls on an anchor maps to the end of the run before it).
  let lo = 0;
  let hi = map.length / 2 - 1;
  let best = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const t = map[mid * 2];
    if (end ? t < offset : t <= offset) {
      best = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return map[best * 2 + 1] + (offset - map[best * 2]);
}

/**
 * Composes two maps: `outer` maps text C → text B, `inner` maps text B → source A; the result maps C → A.
 * Every outer anchor, and every inner anchor that falls inside an outer run, becomes an anchor. Linear in
 * the size of both maps when the outer map's B offsets ascend (as every builder's do); a binary search per
 * outer anchor otherwise.
 */
export function composeMaps(outer: OffsetMap, inner: OffsetMap): OffsetMap {
  const anchors: number[] = [];
  const nInner = inner.length / 2;
  let k = 0; // index of the first inner anchor with B offset > the current outer run's start
  let prevB = -Infinity;
  for (let i = 0; i < outer.length; i += 2) {
    const c = outer[i];
    const b = outer[i + 1];
    const nextC = i + 2 < outer.length ? outer[i + 2] : Infinity;
    const runLen = nextC - c;
    if (b < prevB) {
      // B offsets went back: find the first inner anchor after b again.
      let lo = 0;
      let hi = nInner;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (inner[mid * 2] <= b) lo = mid + 1;
        else hi = mid;
      }
      k = lo;
    } else {
      while (k < nInner && inner[k * 2] <= b) k++;
    }
    prevB = b;
    anchors.push(c, toSource(inner, b));
    for (let j = k; j < nInner; j++) {
      const p = inner[j * 2];
      if (p - b >= runLen) break;
      anchors.push(c + (p - b), inner[j * 2 + 1]);
    }
  }
  return compactMap(anchors);
}

/** Maps a span of the built text to the source span it came from. */
export function spanToSource(map: OffsetMap, start: number, end: number): { start: number; end: number } {
  const s = toSource(map, start);
  return { start: s, end: Math.max(s, toSource(map, end, true)) };
}
