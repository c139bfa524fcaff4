/**
 * What an element's markup says about its role: tag, ARIA role, class and id words, itemprop, hidden state.
 * Site-agnostic: the words are the conventions of CMSs and front-end frameworks in general (WordPress,
 * Drupal, Bootstrap, schema.org microdata), not any one site.
 */
import type { RemovedKind } from "../../article.js";
import { attrValue, type Element } from "./dom.js";

/** A boilerplate kind, or "hidden" for content that a browser would not show. */
export type HintKind = RemovedKind | "hidden";

export interface Hint {
  kind: HintKind;
  /** Which convention matched, for debugging (`class:share`, `tag:nav`). */
  rule: string;
}

// Each pattern runs on the lowercased "class id" string with word boundaries at non-letters, so `ad` matches
// `ad-slot` and `top_ad` but not `shadow` or `header`. Order matters: the first match wins (a "comment-share"
// bar is a share bar).
const CLASS_RULES: [HintKind, RegExp][] = [
  ["banner", /cookie|consent|gdpr|subscri|newsletter|sign-?up|modal|popup|pop-up|overlay|donat|adblock/],
  ["share", /(?:^|[^a-z])(?:share|sharing|shares|social|addthis|sharethis|sharer|likes?|follow-?us|socials|sns|messengers)/],
  ["comments", /(?:^|[^a-z])(?:comments?|comm|commentlist|disqus|discussion|respond|replies|reply|kommentar\w*|komment\w*)(?:[^a-z]|$)/],
  ["related", /(?:^|[^a-z])(?:related\w*|similar|recommend\w*|popular|trending|most-?read|most-?viewed|read-?also|also-?read|read-?more|more-?(?:news|stories|articles|posts)|outbrain|taboola|zergnet|headlines|latest|also|other-?news|news-?feed|feed)(?:[^a-z]|$)/],
  ["ad", /(?:^|[^a-z])(?:ads?|adv|advert\w*|adsense|adsbygoogle|adslot|ad-?slot|dfp|gpt|sponsor\w*|promo\w*|commercial|reklama|werbung|anzeige\w*|banner|banners|partner\w*)(?:[^a-z]|$)/],
  ["caption", /(?:^|[^a-z])(?:caption|captions|figcaption|wp-caption-text|photo-?credit|image-?credit|img-?credit|media-?credit|credits?|photo-?source|image-?source)(?:[^a-z]|$)/],
  ["byline", /(?:^|[^a-z])(?:byline|bylines|by-?line|author|authors|writer|autor|avtor|bio|author-?bio|about-?author)(?:[^a-z]|$)/],
  ["nav", /(?:^|[^a-z])(?:nav|navbar|navigation|menu|menus|submenu|breadcrumbs?|pagination|pager|paging|toolbar|skip-?link|sitemap|topbar|top-?bar)(?:[^a-z]|$)/],
  ["meta", /(?:^|[^a-z])(?:tags|tag-?list|tagcloud|keywords|categories|category|rubric|dateline|post-?meta|entry-?meta|article-?meta|meta|date|time|timestamp|published|pubdate|posted-?on|print|rating)(?:[^a-z]|$)/],
  ["other", /(?:^|[^a-z])(?:sidebar|side-?bar|widget|widgets|aside|footer|site-?footer|copyright|masthead|site-?header|login|search|searchform|subscribe-?box|weather|currency|banner-?wrap|infobox)(?:[^a-z]|$)/],
];

/** Whole class names (not words) that frameworks use for invisible content. */
const HIDDEN_CLASSES = new Set(["hidden", "hide", "is-hidden", "visually-hidden", "visuallyhidden", "sr-only", "screen-reader-text", "element-invisible", "element-hidden", "invisible", "u-hidden", "js-hidden", "offscreen"]);

const POSITIVE = /(?:^|[^a-z])(?:article|articles|content|post|entry|story|text|body|main|blog|prose|material|news-?text|article-?body|articlebody|post-?body|entry-?content|story-?body|artikel|statya|novost\w*)(?:[^a-z]|$)/;

/** Class and id words, lowercased, camelCase split ("shareBar" → "share-bar"). */
export function classWords(el: Element): string {
  if (el.classWords === undefined) el.classWords = computeClassWords(el);
  return el.classWords;
}

function computeClassWords(el: Element): string {
  let c = el.attrs.class ?? "";
  const id = el.attrs.id ?? "";
  if (!c && !id) return "";
  // Taxonomy and state tokens ("category-news", "tag-politics", "has-comments", "author-jane") say what a
  // post is about or what it has, not what the element is (WordPress puts them on the article itself);
  // page-builder tokens ("elementor-widget-text-editor", "et_pb_text") say how it is laid out.
  if (c.includes("-") || c.includes("_")) c = c.split(/\s+/).filter((t) => !TAXONOMY_TOKEN.test(t)).join(" ");
  return (c + " " + id).replace(/([a-z])([A-Z])/g, "$1-$2").toLowerCase();
}

const TAXONOMY_TOKEN = /^(?:(?:category|categories|tag|tags|format|type|status|has|is|no|author|cat|topic|section|rubric|post-format|single-format|comments-(?:open|closed))-[\w-]+|(?:elementor|et_pb|vc|wpb|fl|fusion)[-_][\w-]*)$/i;

const TAG_HINT: Record<string, Hint> = {
  nav: { kind: "nav", rule: "tag:nav" },
  aside: { kind: "other", rule: "tag:aside" },
  footer: { kind: "other", rule: "tag:footer" },
  figcaption: { kind: "caption", rule: "tag:figcaption" },
  figure: { kind: "caption", rule: "tag:figure" },
  form: { kind: "other", rule: "tag:form" },
  menu: { kind: "nav", rule: "tag:menu" },
  dialog: { kind: "banner", rule: "tag:dialog" },
  address: { kind: "byline", rule: "tag:address" },
};

const ROLE_HINT: Record<string, Hint> = {
  navigation: { kind: "nav", rule: "role:navigation" },
  menu: { kind: "nav", rule: "role:menu" },
  menubar: { kind: "nav", rule: "role:menubar" },
  banner: { kind: "nav", rule: "role:banner" },
  contentinfo: { kind: "other", rule: "role:contentinfo" },
  complementary: { kind: "other", rule: "role:complementary" },
  dialog: { kind: "banner", rule: "role:dialog" },
  alertdialog: { kind: "banner", rule: "role:alertdialog" },
  search: { kind: "other", rule: "role:search" },
};

/** The negative hint an element carries by itself, if any. */
export function ownHint(el: Element): Hint | null {
  const a = el.attrs;
  if (a.hidden !== undefined || (a.style && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(a.style))) {
    return { kind: "hidden", rule: "hidden" };
  }
  if (a["aria-hidden"] === "true" && el.textLen < 200) return { kind: "hidden", rule: "aria-hidden" };
  const t = TAG_HINT[el.tag];
  if (t) return t;
  const role = a.role ? ROLE_HINT[a.role.toLowerCase()] : undefined;
  if (role) return role;
  const ip = a.itemprop;
  if (ip) {
    if (/\b(author|creator)\b/i.test(ip)) return { kind: "byline", rule: "itemprop:author" };
    if (/\b(datePublished|dateModified|dateCreated)\b/.test(ip)) return { kind: "meta", rule: "itemprop:date" };
    if (/\b(comment)\b/i.test(ip)) return { kind: "comments", rule: "itemprop:comment" };
    if (/\b(articleBody|text|mainEntityOfPage)\b/.test(ip)) return null;
  }
  const cls = a.class;
  if (cls) {
    for (const tok of cls.toLowerCase().split(/\s+/)) if (HIDDEN_CLASSES.has(tok)) return { kind: "hidden", rule: `class:${tok}` };
  }
  if (el.tag === "time" && el.textLen < 60) return { kind: "meta", rule: "tag:time" };
  const w = classWords(el);
  if (!w) return null;
  for (const [kind, re] of CLASS_RULES) {
    const m = re.exec(w);
    if (m) {
      // A positive word beside a weak negative one ("article-meta" stays meta, "post-content-wrap" with
      // "widget" in its id is ambiguous): only structural words yield to content words.
      if ((kind === "other" || kind === "meta" || kind === "related") && STRONG_POSITIVE.test(w) && el.textLen > 500) return null;
      return { kind, rule: `class:${m[0].replace(/^[^a-z]+|[^a-z]+$/g, "")}` };
    }
  }
  return null;
}

/** True when the markup says "this is the article" (a content container). */
export function positiveHint(el: Element): boolean {
  if (el.tag === "article" || el.tag === "main") return true;
  const a = el.attrs;
  if (a.itemprop && /articleBody|\btext\b/.test(a.itemprop)) return true;
  if (a.role === "main") return true;
  const w = classWords(el);
  return !!w && POSITIVE.test(w);
}

const STRONG_POSITIVE = /(?:article|entry|post|story|news|blog)[-_]{0,2}(?:body|content|text|inner)|articlebody|article-?content|main-?content|content-?body|body-?text|article-?text|text-?article/;

/** A content marker specific enough to trust over a boilerplate class on a wrapper around it. */
export function strongPositiveHint(el: Element): boolean {
  if (el.tag === "article" || el.tag === "main") return true;
  const a = el.attrs;
  if (a.itemprop && /articleBody/.test(a.itemprop)) return true;
  if (a.role === "main") return true;
  const w = classWords(el);
  return !!w && STRONG_POSITIVE.test(w);
}

/** The schema.org itemprop=articleBody marker (the strongest markup signal). */
export const isArticleBody = (el: Element): boolean => !!el.attrs.itemprop && /articleBody/.test(el.attrs.itemprop);

export { attrValue };
