/**
 * A small read-only DOM for extraction, built on htmlparser2's tokenizer.
 *
 * Why not domhandler or linkedom: we need the source offset of every text run (to map clean text back to the
 * HTML), character references left undecoded (so each one maps to its exact source span), and a tree that can
 * be walked without recursion (pages nest 100 000 deep). The parser is event-driven, so building is iterative;
 * every later walk uses explicit stacks or the document-order node list.
 */
import { Tokenizer, type TokenizerCallbacks } from "htmlparser2";
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

// Tree-building rules (after the HTML standard, as htmlparser2 applies them): an opening tag closes an
// open element of these kinds when it is the innermost one (<p> closes an open <p>, <li> an open <li>).
const P_ONLY = new Set(["p"]);
const HEADINGS = new Set(["h1", "h2", "h3", "h4", "h5", "h6", "p"]);
const FORM_TAGS = new Set(["input", "option", "optgroup", "select", "button", "datalist", "textarea"]);
const DD_DT = new Set(["dd", "dt"]);
const IMPLIES_CLOSE = new Map<string, Set<string>>([
  ["tr", new Set(["tr", "th", "td"])],
  ["th", new Set(["th"])],
  ["td", new Set(["thead", "th", "td"])],
  ["body", new Set(["head", "link", "script"])],
  ["a", new Set(["a"])],
  ["li", new Set(["li"])],
  ["h1", HEADINGS], ["h2", HEADINGS], ["h3", HEADINGS], ["h4", HEADINGS], ["h5", HEADINGS], ["h6", HEADINGS],
  ["select", FORM_TAGS], ["input", FORM_TAGS], ["output", FORM_TAGS], ["button", FORM_TAGS], ["datalist", FORM_TAGS], ["textarea", FORM_TAGS],
  ["option", new Set(["option"])],
  ["optgroup", new Set(["optgroup", "option"])],
  ["dd", DD_DT], ["dt", DD_DT],
  ["tbody", new Set(["thead", "tbody"])],
  ["tfoot", new Set(["thead", "tbody"])],
]);
for (const t of ["p", "address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset", "figcaption", "figure", "footer", "form", "header", "hr", "main", "nav", "ol", "pre", "section", "table", "ul"]) {
  if (!IMPLIES_CLOSE.has(t)) IMPLIES_CLOSE.set(t, P_ONLY);
}
const VOID = new Set(["area", "base", "basefont", "br", "col", "command", "embed", "frame", "hr", "img", "input", "isindex", "keygen", "link", "meta", "param", "source", "track", "wbr"]);
/** How far up the open elements a closing tag looks for its match: stray closing tags are ignored rather than
 * scanned against a 100 000-deep stack. */
const CLOSE_SEARCH_LIMIT = 256;

/**
 * Parses HTML into a `Dom`. Uses htmlparser2's tokenizer with our own tree builder: its Parser keeps open
 * elements in an array it shifts and unshifts, which is quadratic on deeply nested pages, while a push/pop
 * stack is linear. Never throws on malformed input; never recurses.
 */
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
  const stack: Element[] = [root];
  const jsonLd: string[] = [];
  let title: string | null = null;
  let frameset = false;
  // How many open elements are links, skipped (their text is not visible), foreign (svg, math).
  let inLink = 0;
  let inSkip = 0;
  let inForeign = 0;
  let titleEl: Element | null = null;
  let jsonLdEl: Element | null = null;
  let titleParts: string[] = [];
  let scriptParts: string[] = [];
  // The tag being opened.
  let tagName = "";
  let tagStart = 0;
  let attrs: Record<string, string> = {};
  let attrName = "";
  let attrValueRaw = "";

  const pop = (end: number) => {
    const el = stack.pop()!;
    el.end = Math.max(el.end, end);
    if (el.tag === "a") inLink--;
    if (SKIP_TAGS.has(el.tag)) inSkip--;
    if (el.tag === "svg" || el.tag === "math") inForeign--;
    if (el === titleEl) {
      titleEl = null;
      title = attrValue(titleParts.join("")).replace(/\s+/g, " ").trim() || null;
    }
    if (el === jsonLdEl) {
      jsonLdEl = null;
      jsonLd.push(scriptParts.join(""));
    }
  };
  const open = (name: string, attributes: Record<string, string>, start: number, end: number) => {
    const parent = stack[stack.length - 1];
    const el: Element = {
      type: "element",
      tag: name,
      attrs: attributes,
      parent,
      children: [],
      start,
      end,
      depth: parent.depth + 1,
      index: elements.length,
      textLen: 0,
      linkLen: 0,
    };
    elements.push(el);
    parent.children.push(el);
    if (VOID.has(name)) return;
    stack.push(el);
    if (name === "a") inLink++;
    if (SKIP_TAGS.has(name)) inSkip++;
    if (name === "svg" || name === "math") inForeign++;
    if (name === "title" && title === null && !titleEl) {
      titleEl = el;
      titleParts = [];
    }
    if (name === "script" && /ld\+json/i.test(attributes.type ?? "")) {
      jsonLdEl = el;
      scriptParts = [];
    }
    if (name === "frameset") frameset = true;
  };
  const endOpenTag = (endIndex: number) => {
    if (tagName) open(tagName, attrs, tagStart, endIndex + 1);
    tagName = "";
  };

  const cbs: TokenizerCallbacks = {
    onopentagname(start, endIndex) {
      const name = html.slice(start, endIndex).toLowerCase();
      tagStart = start - 1;
      attrs = {};
      tagName = name;
      const closes = IMPLIES_CLOSE.get(name);
      if (closes) while (stack.length > 1 && closes.has(stack[stack.length - 1].tag)) pop(tagStart);
    },
    onattribname(start, endIndex) {
      attrName = html.slice(start, endIndex).toLowerCase();
      attrValueRaw = "";
    },
    onattribdata(start, endIndex) {
      attrValueRaw += html.slice(start, endIndex);
    },
    onattribentity(cp) {
      attrValueRaw += String.fromCodePoint(cp);
    },
    onattribend() {
      if (!Object.hasOwn(attrs, attrName)) attrs[attrName] = attrValueRaw;
      attrValueRaw = "";
    },
    onopentagend(endIndex) {
      endOpenTag(endIndex);
    },
    onselfclosingtag(endIndex) {
      // In HTML "<div/>" opens a div; only inside svg/math does "/>" close the element.
      const name = tagName;
      endOpenTag(endIndex);
      if (inForeign > 0 && !VOID.has(name) && stack.length > 1 && stack[stack.length - 1].tag === name) pop(endIndex + 1);
    },
    onclosetag(start, endIndex) {
      const name = html.slice(start, endIndex).toLowerCase();
      const gt = html.indexOf(">", endIndex);
      const end = gt < 0 ? html.length : gt + 1;
      if (VOID.has(name)) {
        // "</br>" is a line break.
        if (name === "br") open("br", {}, start - 2, end);
        return;
      }
      for (let k = stack.length - 1; k > 0 && k >= stack.length - CLOSE_SEARCH_LIMIT; k--) {
        if (stack[k].tag === name) {
          while (stack.length - 1 > k) pop(start - 2);
          pop(end);
          return;
        }
      }
      // "</p>" without an open <p> is an empty paragraph.
      if (name === "p") open("p", {}, start - 2, end);
    },
    ontext(start, endIndex) {
      if (titleEl) titleParts.push(html.slice(start, endIndex));
      if (jsonLdEl) scriptParts.push(html.slice(start, endIndex));
      if (inSkip) return;
      const current = stack[stack.length - 1];
      current.children.push({ type: "text", start, end: endIndex, parent: current });
      const len = visibleLen(html, start, endIndex);
      current.textLen += len;
      if (inLink) current.linkLen += len;
    },
    ontextentity() {},
    oncdata() {},
    oncomment() {},
    ondeclaration() {},
    onprocessinginstruction() {},
    onend() {},
    isInForeignContext: () => inForeign > 0,
  };
  const tokenizer = new Tokenizer({ xmlMode: false, decodeEntities: false }, cbs);
  tokenizer.write(html);
  tokenizer.end();
  // Unclosed elements at the end of the input.
  while (stack.length > 1) pop(html.length);
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
