/**
 * Cuts the page into text blocks: maximal runs of inline text between block-level boundaries (p, div, li,
 * headings, <br>, table rows…), each with its source pieces, the element that owns it, and link statistics.
 * Every later decision (which container is the article, what is boilerplate) is made on these blocks.
 */
import type { BlockKind } from "../../article.js";
import { SKIP_TAGS, type Dom, type Element, type Node } from "./dom.js";
import { SEP_TAB, blockText, type Pieces } from "./text.js";
import { ownHint } from "./hints.js";

export interface RawBlock {
  /** The innermost block-level element the text sits in. */
  owner: Element;
  pieces: Pieces;
  /** Source range: start of the first piece to the end of the last. */
  start: number;
  end: number;
  /** Clean text of the block. */
  text: string;
  /** Characters of `text` inside links (non-whitespace). */
  linkLen: number;
  /** Non-whitespace characters. */
  len: number;
  kind: BlockKind;
  level?: number;
  /** Position in document order. */
  index: number;
}

/** Elements that start a new block. */
export const BLOCK_TAGS = new Set([
  "#root", "html", "body", "p", "div", "section", "article", "main", "header", "footer", "aside", "nav",
  "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "pre", "table",
  "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "figure", "figcaption", "form", "fieldset",
  "address", "details", "summary", "center", "hr", "br", "menu", "dialog", "hgroup", "legend", "option",
  "label", "noscript", "frameset", "frame", "iframe", "img", "picture", "video", "audio",
]);

/**
 * A table is data (kept as rows, cells joined by tabs) rather than layout (cells treated like divs) when it
 * holds no nested table and no cell long enough to be a column of prose. Old news sites lay whole pages out
 * in tables, and their article text must not be flattened into one "row".
 */
function dataTables(dom: Dom): Set<Element> {
  const out = new Set<Element>();
  const nested = new Set<Element>();
  for (const el of dom.elements) {
    if (el.tag !== "table") continue;
    for (let p = el.parent, k = 0; p && k < 64; p = p.parent, k++) if (p.tag === "table") nested.add(p);
  }
  for (const el of dom.elements) {
    if (el.tag !== "table" || nested.has(el)) continue;
    if (el.textLen > 6000) continue;
    let ok = true;
    let rows = 0;
    // Look at cells (bounded walk over this table's descendants in document order).
    for (let i = el.index + 1; i < dom.elements.length; i++) {
      const d = dom.elements[i];
      if (d.start >= el.end) break;
      if (d.tag === "tr") rows++;
      if ((d.tag === "td" || d.tag === "th") && d.textLen > 250) {
        ok = false;
        break;
      }
      if (d.tag === "p" || d.tag === "div" || d.tag === "h1" || d.tag === "h2") {
        if (d.textLen > 150) {
          ok = false;
          break;
        }
      }
    }
    if (ok && rows >= 2) out.add(el);
  }
  return out;
}

const HEADING = /^h([1-6])$/;

/** Kind of a block from its owner and a few ancestors (bounded: pages nest deeply). */
function blockKind(owner: Element, dataRows: Set<Element>): { kind: BlockKind; level?: number } {
  let el: Element | null = owner;
  for (let k = 0; el && k < 5; el = el.parent, k++) {
    const t = el.tag;
    const h = HEADING.exec(t);
    // A "heading" holding paragraphs of text is an unclosed heading tag, not a heading.
    if (h) return el.textLen <= 300 ? { kind: "heading", level: Number(h[1]) } : { kind: "paragraph" };
    if (t === "li" || t === "dt" || t === "dd") return { kind: "list-item" };
    if (t === "blockquote") return { kind: "blockquote" };
    if (t === "pre") return { kind: "preformatted" };
    if (t === "tr" && dataRows.has(el)) return { kind: "table" };
    if (t === "article" || t === "section" || t === "body") break;
  }
  return { kind: "paragraph" };
}

export function segment(dom: Dom): RawBlock[] {
  const html = dom.html;
  const tables = dataTables(dom);
  const dataRows = new Set<Element>();
  for (const t of tables) {
    for (let i = t.index + 1; i < dom.elements.length; i++) {
      const d = dom.elements[i];
      if (d.start >= t.end) break;
      if (d.tag === "tr") dataRows.add(d);
    }
  }
  const inDataTable = (el: Element) => (el.tag === "td" || el.tag === "th") && !!el.parent && dataRows.has(el.parent);
  const isBlock = (el: Element) => (BLOCK_TAGS.has(el.tag) && !inDataTable(el)) || inlineCounter(html, el);

  const blocks: RawBlock[] = [];
  let pieces: number[] = [];
  let owner: Element = dom.root;
  let linkLen = 0;
  let pre = false;
  const flush = () => {
    if (pieces.length) {
      const p = pieces;
      const text = blockText(html, p, pre);
      let len = 0;
      for (let k = 0; k < text.length; k++) {
        const c = text.charCodeAt(k);
        if (c !== 32 && c !== 9 && c !== 10) len++;
      }
      if (len > 0) {
        let s = -1;
        let e = -1;
        for (let k = 0; k < p.length; k += 2) {
          if (p[k] === SEP_TAB) continue;
          if (s < 0) s = p[k];
          e = p[k + 1];
        }
        const { kind, level } = blockKind(owner, dataRows);
        blocks.push({ owner, pieces: p, start: s, end: e, text, linkLen: Math.min(linkLen, len), len, kind, level, index: blocks.length });
      }
    }
    pieces = [];
    linkLen = 0;
  };

  // Iterative pre/post-order walk: a frame is an element and the index of its next child.
  const stackEl: Element[] = [dom.root];
  const stackIdx: number[] = [0];
  const blockOwners: Element[] = [dom.root];
  let links = 0;
  let preDepth = 0;
  while (stackEl.length) {
    const top = stackEl.length - 1;
    const el = stackEl[top];
    const i = stackIdx[top];
    if (i >= el.children.length) {
      // Leaving `el`.
      stackEl.pop();
      stackIdx.pop();
      if (el.tag === "a") links--;
      if (el.tag === "pre") preDepth--;
      if (isBlock(el)) {
        flush();
        blockOwners.pop();
        owner = blockOwners[blockOwners.length - 1];
      }
      continue;
    }
    stackIdx[top] = i + 1;
    const child: Node = el.children[i];
    if (child.type === "text") {
      if (!pieces.length) {
        owner = blockOwners[blockOwners.length - 1];
        pre = preDepth > 0;
      }
      pieces.push(child.start, child.end);
      if (links > 0) linkLen += countVisible(html, child.start, child.end);
      continue;
    }
    if (SKIP_TAGS.has(child.tag)) continue;
    if (child.tag === "br" || child.tag === "hr") {
      flush();
      continue;
    }
    if ((child.tag === "td" || child.tag === "th") && inDataTable(child) && pieces.length) {
      pieces.push(SEP_TAB, child.start);
    }
    if (isBlock(child)) {
      flush();
      blockOwners.push(child);
      owner = child;
    }
    if (child.tag === "a") links++;
    if (child.tag === "pre") preDepth++;
    stackEl.push(child);
    stackIdx.push(0);
  }
  flush();
  return blocks;
}

/**
 * A comment or share counter set inline at the start or end of a paragraph (<p><a class="comments_count">0</a>Text…):
 * a number of a few digits in an inline element that the markup marks as comments or sharing. It becomes a block
 * of its own, so that it is removed (and reported) instead of gluing "0" to the paragraph's first word.
 */
function inlineCounter(html: string, el: Element): boolean {
  if (el.textLen === 0 || el.textLen > 6 || (el.tag !== "a" && el.tag !== "span") || (!el.attrs.class && !el.attrs.id)) return false;
  const h = ownHint(el);
  if (!h || (h.kind !== "comments" && h.kind !== "share")) return false;
  for (const c of el.children) {
    if (c.type !== "text") return false;
    if (!/^[\s\d]*$/.test(html.slice(c.start, c.end))) return false;
  }
  return true;
}

function countVisible(html: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = html.charCodeAt(i);
    if (c !== 32 && c !== 10 && c !== 13 && c !== 9 && c !== 160) n++;
  }
  return n;
}
