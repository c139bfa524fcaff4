/**
 * The only way the UI builds DOM. Article text, titles, names and URLs come from hostile pages, so:
 * - text goes in as text nodes (never parsed as HTML; there is no innerHTML anywhere in the UI);
 * - attributes are set one by one, and `on*` handler attributes and `style` strings are refused;
 * - links get an href only when it is http(s) or an in-app hash route (no `javascript:`, `data:`).
 */
export type Child = Node | string | number | null | undefined | false | Child[];
export type Attrs = Record<string, string | number | boolean | null | undefined>;

const SVG_NS = "http://www.w3.org/2000/svg";

function setAttrs(el: Element, attrs: Attrs | undefined): void {
  if (!attrs) return;
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    const name = k.toLowerCase();
    if (name.startsWith("on") || name === "style" || name === "srcdoc") throw new Error(`refused attribute ${k}`);
    if (name === "href" || name === "src" || name === "action" || name === "xlink:href") {
      const safe = safeUrl(String(v));
      if (safe) el.setAttribute(k, safe);
      continue;
    }
    el.setAttribute(k, v === true ? "" : String(v));
  }
}

function append(el: Node, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else if (typeof c === "string" || typeof c === "number") el.appendChild(document.createTextNode(String(c)));
    else el.appendChild(c);
  }
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs | null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  setAttrs(el, attrs ?? undefined);
  append(el, children);
  return el;
}

export function svg(tag: string, attrs?: Attrs | null, ...children: Child[]): SVGElement {
  const el = document.createElementNS(SVG_NS, tag) as SVGElement;
  setAttrs(el, attrs ?? undefined);
  append(el, children);
  return el;
}

/** An href that is safe to follow: http(s) URLs and in-app `#/…` routes only. */
export function safeUrl(u: string): string | null {
  const s = u.trim();
  if (s.startsWith("#/") || s === "#") return s;
  if (s.startsWith("/") && !s.startsWith("//")) return s;
  try {
    const url = new URL(s);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

/** A link out of the app to an article's own page: opens in a new tab, no referrer, no opener. */
export function externalLink(url: string | null | undefined, label: Child): HTMLElement {
  const href = url ? safeUrl(url) : null;
  if (!href || href.startsWith("#") || href.startsWith("/")) return h("span", null, label);
  return h("a", { href, target: "_blank", rel: "noopener noreferrer nofollow", class: "ext" }, label);
}

export function clear(el: Element): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}

/** Text with [matched] words (the store's snippet convention) as text nodes and <mark>s. */
export function marked(snippet: string): Child[] {
  const out: Child[] = [];
  const re = /\[([^\[\]]*)\]/g;
  let last = 0;
  for (let m = re.exec(snippet); m; m = re.exec(snippet)) {
    if (m.index > last) out.push(snippet.slice(last, m.index));
    out.push(h("mark", null, m[1]));
    last = m.index + m[0].length;
  }
  if (last < snippet.length) out.push(snippet.slice(last));
  return out;
}
