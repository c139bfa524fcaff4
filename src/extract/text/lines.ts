import type { BlockKind } from "../../article.js";
import { isBlankChar, normalizeString } from "../../text/normalize.js";

/**
 * A unit of text the cleaner judges as a whole: one line of plain text (or several lines of one
 * hard-wrapped paragraph), or one block an HTML extractor produced.
 */
export interface Unit {
  /** Spans of the source string this unit is made of, in order (several for a hard-wrapped paragraph). */
  parts: Array<[number, number]>;
  /** The unit's text, normalised, parts joined by one space: what the classifiers look at. */
  text: string;
  kind: BlockKind;
  level?: number;
  /** A blank line (or a block boundary) separates this unit from the one before. */
  gapBefore: boolean;
  /** `text` is the source span as it stands (one part, nothing to normalise): it can be copied, not rescanned. */
  verbatim?: boolean;
}

interface Line {
  start: number; // trimmed
  end: number;
  indent: number; // leading white space width (tab = 4)
  blankBefore: boolean;
}

const LINE_BREAK = /\r\n|[\n\r\v\f\u2028\u2029]/g;

/** Non-blank lines of `src[from..to)`, trimmed of white space and invisible characters, with their indent. */
export function splitLines(src: string, from = 0, to = src.length): Line[] {
  const lines: Line[] = [];
  let blank = true; // the start counts as a paragraph boundary
  let pos = from;
  // Search a slice: on the whole source the regex would run past `to` (quadratic over many small blocks).
  const part = from === 0 && to === src.length ? src : src.slice(from, to);
  LINE_BREAK.lastIndex = 0;
  for (;;) {
    const r = LINE_BREAK.exec(part);
    const m = r ? { index: r.index + from, 0: r[0] } : null;
    const lineEnd = m ? m.index : to;
    let s = pos;
    let e = lineEnd;
    let indent = 0;
    while (s < e && isBlankChar(src.charCodeAt(s))) {
      indent += src.charCodeAt(s) === 9 ? 4 : 1;
      s++;
    }
    while (e > s && isBlankChar(src.charCodeAt(e - 1))) e--;
    if (e > s) {
      lines.push({ start: s, end: e, indent, blankBefore: blank });
      blank = false;
    } else blank = true;
    if (!m) break;
    pos = m.index + m[0].length;
  }
  return lines;
}

/**
 * Is this text hard-wrapped (wire copy, e-mail, old archives: every line cut near a fixed width, paragraphs
 * marked by an indent or a blank line)? Judged from the line lengths: most lines run on into a next line,
 * and the lines that do are of nearly the same length.
 */
function wrapWidth(src: string, lines: Line[]): number {
  if (lines.length < 6) return 0;
  const runOn: number[] = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    if (!lines[i + 1].blankBefore) runOn.push(lines[i].end - lines[i].start + lines[i].indent);
  }
  if (runOn.length < lines.length * 0.5) return 0;
  runOn.sort((a, b) => a - b);
  const width = runOn[Math.floor(runOn.length * 0.8)];
  if (width < 40 || width > 110) return 0;
  const near = runOn.filter((n) => n >= width * 0.75 && n <= width + 2).length;
  return near >= runOn.length * 0.5 ? width : 0;
}

/**
 * Plain text → units. Lines separated by a blank line are separate units; lines separated by one line
 * break are separate units too (scraped pages put a headline, a label and a paragraph on adjacent lines),
 * except in hard-wrapped text, where a line runs on into the next unless the next is indented (a new
 * paragraph) or this one ends well short of the wrap width after a sentence end.
 */
export function plainTextUnits(src: string): Unit[] {
  const lines = splitLines(src);
  const width = wrapWidth(src, lines);
  // Paragraphs marked by an indent: a minority of lines is indented, the rest start at column 0.
  const indented = width ? lines.filter((l) => l.indent >= 2).length : 0;
  const indentMarks = indented > 0 && indented < lines.length * 0.6;
  const units: Unit[] = [];
  let cur: Unit | null = null;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    let runOn = false;
    if (width && cur && !l.blankBefore) {
      const prev = lines[i - 1];
      const prevLen = prev.end - prev.start + prev.indent;
      const endsSentence = /[.!?…:"»”]$/.test(src.slice(prev.end - 1, prev.end));
      if (indentMarks) runOn = l.indent < 2;
      else runOn = prevLen >= width * 0.6 || !endsSentence;
    }
    if (runOn && cur) {
      cur.parts.push([l.start, l.end]);
    } else {
      cur = { parts: [[l.start, l.end]], text: "", kind: "paragraph", gapBefore: l.blankBefore || units.length === 0 };
      units.push(cur);
    }
  }
  for (const u of units) setUnitText(u, src);
  return units;
}

/** Sets a unit's normalised text (and whether it is verbatim) from its parts. */
export function setUnitText(u: Unit, src: string): Unit {
  if (u.parts.length === 1) {
    const raw = src.slice(u.parts[0][0], u.parts[0][1]);
    u.text = normalizeString(raw);
    u.verbatim = u.text === raw;
  } else u.text = unitText(src, u.parts);
  return u;
}

export function unitText(src: string, parts: Array<[number, number]>): string {
  if (parts.length === 1) return normalizeString(src.slice(parts[0][0], parts[0][1]));
  return parts.map(([s, e]) => normalizeString(src.slice(s, e))).join(" ");
}
