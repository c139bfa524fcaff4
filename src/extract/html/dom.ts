/**
 * A small read-only DOM for extraction, built from htmlparser2's streaming parser.
 *
 * Why not domhandler or linkedom: we need the source offset of every text run (to map clean text back to the
 * HTML), character references left undecoded (so each one maps to its exact source span), and a tree that can
 * be walked without recursion (pages nest 100 000 deep). The parser is event-driven, so building is iterative;
 * every later walk uses explicit stacks or the document-order node list.
 */
import { Parser } from "htmlparser2";
import { decodeHTMLAttribute } from "entities";

export interface TextNode {
  type: "text";
  /** Source range of the raw (undecoded) text. */
  start: number;
  end: number;
  parent: Element;
}

export interface Element {
  type: "element";
  tag: string;
  attrs: Record<string, string>;
  parent: Element | null;
  children: Node[];
  /** Source range from the start of the open tag to the end of the close tag (approximate when implied). */
  start: number;
  end: number;
  depth: number;
  /** Position in document order (the index in `Dom.elements`). */
  index: number;
  /** Non-whitespace characters of visible text in the subtree (character references count as one). */
  textLen: number;
  /** The part of `textLen` inside links. */
  linkLen: number;
  /** Cache of `classWords` (hints.ts). */
  classWords?: string;
}

export type Node = Element | TextNode;

export interface Dom {
  html: string;
  root: Element;
  /** Every element in document order (parents before children). */
  elements: Element[];
  /** Raw contents of <script type="application/ld+json"> blocks. */
  jsonLd: string[];
  /** The <title> text, decoded. */
  title: string | null;
  /** Whether the page is a frameset (no body text to speak of). */
  frameset: boolean;
}

/** Elements whose content is never article text. */
export const SKIP_TAGS = new Set([
  "script",
  "style",
  "noscript",
  "template",
  "svg",
  "math",
  "iframe",
  "object",
  "embed",
  "canvas",
  "select",
  "option",
  "textarea",
  "button",
  "title",
  "frameset",
  "frame",
  "audio",
  "video",
  "map",
  "datalist",
]);

/** Decodes an attribute value (character references and all). */
export const attrValue = (raw: string | undefined): string => (raw && raw.includes("&") ? decodeHTMLAttribute(raw) : raw ?? "");

/** Counts non-whitespace characters of raw text, counting a character reference as one. */
function visibleLen(html: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = html.charCodeAt(i);
    if (c === 32 || c === 10 || c === 13 || c === 9 || c === 12 || c === 160) continue;
    if (c === 38 /* & */) {
      const semi = html.indexOf(";", i);
      if (semi > i && semi - i <= 32 && semi < end) {
        // "&nbsp;" is whitespace; any other reference is one character.
        if (!(semi - i === 5 && html.startsWith("&nbsp", i))) n++;
        i = semi;
        continue;
      }
    }
    n++;
  }
  return n;
}

/** Parses HTML into a `Dom`. Never throws on malformed input; never recurses. */
export function parseDom(html: string): Dom {
  const root: Element = {
    type: "element",
    tag: "#root",
    attrs: {},
    parent: null,
    children: [],
    start: 0,
    end: html.length,
    depth: 0,
    index: 0,
    textLen: 0,
    linkLen: 0,
  };
  const elements: Element[] = [root];
  const jsonLd: string[] = [];
  let title: string | null = null;
  let frameset = false;
  let current = root;
  // How many open elements are links, and how many are skipped (their text is not visible).
  let inLink = 0;
  let inSkip = 0;
  let inTitle = false;
  let inJsonLd = false;
  let titleParts: string[] = [];
  let scriptParts: string[] = [];

  const parser = new Parser(
    {
      onopentag(name, attribs) {
        const el: Element = {
          type: "element",
          tag: name,
          attrs: attribs,
          parent: current,
          children: [],
          start: parser.startIndex,
          end: parser.endIndex + 1,
          depth: current.depth + 1,
          index: elements.length,
          textLen: 0,
          linkLen: 0,
        };
        elements.push(el);
        current.children.push(el);
        current = el;
        if (name === "a") inLink++;
        if (SKIP_TAGS.has(name)) inSkip++;
        if (name === "title" && title === null) {
          inTitle = true;
          titleParts = [];
        }
        if (name === "script" && /ld\+json/i.test(attribs.type ?? "")) {
          inJsonLd = true;
          scriptParts = [];
        }
        if (name === "frameset") frameset = true;
      },
      ontext(data) {
        if (inTitle) titleParts.push(data);
        if (inJsonLd) scriptParts.push(data);
        if (inSkip) return;
        const start = parser.startIndex;
        const end = parser.endIndex + 1;
        const len = visibleLen(html, start, end);
        current.children.push({ type: "text", start, end, parent: current });
        current.textLen += len;
        if (inLink) current.linkLen += len;
      },
      onclosetag(name) {
        // htmlparser2 closes elements in order (implied closes included), so `current` is the one closing.
        const el = current;
        if (el.tag !== name || !el.parent) return;
        el.end = Math.max(el.end, parser.endIndex + 1);
        if (name === "a") inLink--;
        if (SKIP_TAGS.has(name)) inSkip--;
        if (name === "title" && inTitle) {
          inTitle = false;
          title = attrValue(titleParts.join("")).replace(/\s+/g, " ").trim() || null;
        }
        if (name === "script" && inJsonLd) {
          inJsonLd = false;
          jsonLd.push(scriptParts.join(""));
        }
        current = el.parent!;
      },
    },
    { decodeEntities: false, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.end(html);
  // Unclosed elements at the end of the input.
  while (current.parent) {
    current.end = html.length;
    current = current.parent;
  }
  // Subtree sums, children before parents.
  for (let i = elements.length - 1; i > 0; i--) {
    const el = elements[i];
    const p = el.parent!;
    if (SKIP_TAGS.has(el.tag)) continue;
    p.textLen += el.textLen;
    p.linkLen += el.linkLen;
  }
  return { html, root, elements, jsonLd, title, frameset };
}

/** The first element with this tag, in document order. */
export function firstByTag(dom: Dom, tag: string): Element | null {
  for (const el of dom.elements) if (el.tag === tag) return el;
  return null;
}

/** True when `a` is `b` or an ancestor of it. */
export function contains(a: Element, b: Element): boolean {
  // Document order and subtree extent: descendants follow `a` and precede the next element outside it.
  let x: Element | null = b;
  while (x && x.depth > a.depth) x = x.parent;
  return x === a;
}
