/**
 * Which blocks are the article, and what every other block is.
 *
 * 1. Each block gets a content score: prose (long, punctuated, few links) scores its length; link lists,
 *    cookie/legal prose, blocks under boilerplate markup (nav, comments, share, related…) and blocks absent
 *    from the page's own schema.org articleBody score negative; short lines are nearly neutral. Scores are
 *    anchored on the headline: prose before it is damped, prose right after it weighs double.
 * 2. The article container is the element whose subtree has the highest total score (a maximum-subtree-sum:
 *    it takes in all the prose it can while every piece of boilerplate it swallows costs). Markup that names
 *    the article (<article>, itemprop=articleBody, "entry-content") gives a small bonus; prose siblings join.
 * 3. Inside the container, blocks are dropped by markup hints below the container, end-of-article markers,
 *    microdata islands, link density, and multilingual patterns for page furniture (date lines, bylines,
 *    "Read also", share prompts, photo credits, notices). Headings left with nothing under them go too.
 * Everything that is not kept is reported with its kind.
 */
import type { RemovedKind } from "../../article.js";
import type { Dom, Element } from "./dom.js";
import { isDateLine } from "./dates.js";
import { isArticleBody, ownHint, positiveHint, strongPositiveHint, type Hint } from "./hints.js";
import type { RawBlock } from "./segment.js";
import { classifyWidget } from "../text/markers.js";

export interface Decision {
  keep: boolean;
  kind?: RemovedKind;
  rule?: string;
  /** The element whose markup decided (for grouping removed pieces). */
  by?: Element | null;
  title?: boolean;
  lead?: boolean;
}

export interface ContentResult {
  container: Element;
  decisions: Decision[];
  /** Index of the headline block, or -1. */
  headline: number;
}

/** Boilerplate kinds whose markup is trusted even on an element holding most of the page's prose. */
const STRONG_KINDS = new Set(["comments", "banner"]);

/** Cost per character of a link-dense block (link lists, menus). */
const LINK_COST = 1;
/** Cost per character of a short unlinked line. */
const SHORT_COST = 0.1;
/** Cost per character of a block under boilerplate markup (half: a wrong hint must not sink an article). */
const HINT_COST = 0.5;
/** Prose within this many blocks after the headline weighs NEAR_BONUS times. */
const NEAR_HEAD = 15;
const NEAR_BONUS = 2;
/** Legal and imprint boilerplate (copyright lines, liability disclaimers, reuse terms). */
const RE_LEGAL = /©|\(c\) ?\d{4}|all rights reserved|alle rechte vorbehalten|все права (?:защищены|на материалы)|всі права захищені|(?:редакция|редакція) не (?:несет|несе) ответственност|при (?:использовании|цитировании|копировании) (?:материалов|информации)|при використанні матеріалів|допускается цитирование|terms of (?:use|service)|privacy policy|datenschutzerklärung|impressum/i;
/** A sibling joins the container with at least this much prose and this share of its score. */
const SIB_MIN = 150;
const SIB_FRAC = 0.1;
/** Pages with more blocks than this skip the per-line furniture patterns for short lines. */
const HUGE_PAGE_BLOCKS = 100_000;
const PUNCT_CHARS = new Set([..."\.!?;:,…。，、»«\"“”"]);
function countPunct(t: string): number {
  let n = 0;
  for (let i = 0; i < t.length; i++) if (PUNCT_CHARS.has(t[i])) n++;
  return n;
}

/** Token bigram set of a text, for matching blocks against the JSON-LD articleBody. */
function bigrams(text: string): string[] {
  const w = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const out: string[] = [];
  for (let i = 0; i + 1 < w.length; i++) out.push(w[i] + " " + w[i + 1]);
  return out;
}

// Patterns for short page-furniture lines. Multilingual (uk/ru/en/de), anchored at the line start so that a
// sentence that merely mentions sharing or reading stays.
const RE_RELATED = /^(?:read (?:also|more|next)|see also|also read|puedes ver:|te puede interesar:|mira también|lesen sie hier|hier lesen sie|mehr dazu:|czytaj (?:też|także|więcej)|zobacz (?:też|także)|vea también|ver también|lee también|leer también|voir aussi|à lire aussi|lire aussi|leia também|veja também|leggi anche|das thema könnte (?:dich|sie) auch interessieren|(?:das|dies) könnte (?:dich|sie) auch interessieren|temas relacionados|verwandte (?:themen|artikel|themenbereiche)|mehr (?:kolumnen|artikel|beiträge|news|nachrichten) (?:auf|von|zu|aus)\b|auch auf \S+\.\w+|empfehlungen aus|related(?: articles| stories| news)?:?|more on this|more from|читайте (?:також|также|тоже|нас)|читайте:|дивіться також|див\. також|смотрите также|см\. также|по теме:|на тему:|lesen sie (?:auch|mehr)|mehr zum thema|weiterlesen|більше новин|больше новостей|інші новини|другие новости|новости по теме|новини на тему)/i;
// (Cyrillic labels need a Unicode-aware word end: \b only knows ASCII letters.)
const RE_SHARE = /^(?:share(?: this| on| article| via| the article| this (?:article|story|post))?|seite teilen|kommentieren|bei pinterest speichern|bild anzeigen|externer inhalt|möchten sie (?:den|diesen) artikel teilen|artikel teilen|beitrag teilen|rezept drucken|print (?:recipe|article|this)|artikel drucken|war (?:der|dieser) artikel (?:nützlich|hilfreich)|was this (?:article|post|page) helpful|give us feedback|tweet|поділ(?:итися|іться)|подел(?:иться|итесь)|поширити|teilen|share:|email|print|друк|печать|whatsapp|facebook|twitter|telegram|viber)(?![\p{L}\p{N}])[\s:]*\S{0,40}$/iu;
const RE_ABOUT_AUTHOR = /^(?:über (?:den|die) autor(?:in)?|about the author|об авторе|про автора|l'auteur|sobre o autor|sobre el autor)\s*:?$/i;
const RE_BYLINE = /^(?:by|von|від|автор(?:ка|ы)?|author|авторы|текст|written by|reporting by|interview by|редактор|editor)[\s:]+\p{Lu}[\p{L}.'’ -]*(?:(?:,| and | und | і | и | та )\s*\p{Lu}[\p{L}.'’ -]*)*$/iu;
const RE_CAPTION = /^(?:фото|photo|foto|bild|image|picture|illustration|ілюстрація|иллюстрация|credits?(?: photos?)?|crédits?(?: photos?)?|beitragsbild|titelbild|bildquelle|source|джерело|источник|quelle)\s*(?::|—|–|-|©)|^©|©\s*[\p{L}\p{N} /.,&-]{2,40}$|(?:getty images|shutterstock|reuters|afp|epa|ap photo|рia новости|униан|укрінформ)\s*$/iu;
const RE_BANNER = /cookie|куки|would you consider supporting|consider supporting (?:us|our)|gefällt dir unser|we want to hear what you think|sign up here|zapraszamy (?:też )?do subskrypcji|bitte registrieren sie sich|submit a letter to the editor|first-time subscribers|hazte miembro|cancela cuando quieras|jede (?:kleine )?spende|spenden sie jetzt|donate now|support (?:our|independent) journalism|unterstützen sie (?:unseren|unabhängigen) journalismus|wir respektieren (?:deine|ihre) privatsphäre|we respect your privacy|pour accéder en illimité|pour lire la suite|файли cookie|файлы cookie|subscribe (?:to|now)|sign up for|newsletter|підпис(?:уйтесь|атися)|подпис(?:ывайтесь|аться)|abonnieren|javascript (?:is )?(?:disabled|required)|enable javascript|увімкніть javascript|включите javascript/i;
const RE_AD = /^(?:advertisement|advertising|ad|реклама|anzeige|werbung|sponsored(?: content)?|партнерський матеріал|партнерский материал|на правах реклами|на правах рекламы|промо)$/i;
const RE_COMMENTS = /^(?:\d+\s+)?(?:comments?|коментар\w*|комментари\w*|kommentare?|leave a (?:comment|reply)|add comment|залишити коментар|оставить комментарий)(?:\s*\(?\d+\)?)?:?$/i;
/** Short lines that end an article and start a list of other stories. */
const RE_TAIL_MARKER = /^(?:related(?: (?:articles|stories|posts|news|content|coverage))?|zum weiterlesen|neueste (?:artikel|beiträge)|aktuelle (?:artikel|beiträge)|weitere aktuelle (?:themen|artikel|beiträge)\b.*|latest (?:articles|posts)|ähnliche (?:beiträge|artikel)|kontakt|pressekontakt|medienkontakt|ansprechpartner(?:in)?(?: zum thema)?|(?:press|media) contacts?|contact(?: us)?|контакты|контакти|weitere informationen|mehr informationen|more information|further information|en savoir plus|weiterlesen|quellen(?:angaben)?|originalpublikation|original publication|more (?:stories|articles|news|from|on)\b.*|want more stories.*|you (?:may|might) (?:also )?(?:like|enjoy|be interested)\b.*|recommended(?: for you| stories| articles)?|most (?:popular|read|viewed)|trending(?: now)?|popular (?:now|stories|posts)|top stories|latest (?:news|stories)|mehr zum thema|mehr (?:artikel|themen|aus|zu)\b.*|weitere (?:artikel|beiträge|themen|nachrichten|meldungen)\b.*|das könnte sie (?:auch )?interessieren|auch interessant|schon gelesen\??|lesen sie (?:auch|mehr)|читайте (?:также|також|тоже)|по теме|на тему|новости по теме|другие новости|похожие (?:новости|статьи)|рекомендуем|популярное|самое (?:читаемое|популярное)|інші новини|схожі (?:новини|статті)|новини на тему|рекомендуємо|популярне|найпопулярніше|à lire aussi|lire aussi|sur le même sujet|você (?:pode|também pode) gostar.*|leia (?:também|mais)|notizie correlate|ti potrebbe interessare|te puede interesar|noticias relacionadas)\s*[:.…!?]*$/i;

/** Blog post metadata lines ("This entry was posted in …", "Tags: …"). */
const RE_POST_META = /^(?:this entry was posted|themen:|release date\s*:|(?:publish(?:ed)?|post) date\s*:|category\s*:|posted in\b|filed under\b|tagged(?: with)?:|dieser (?:eintrag|beitrag|artikel) wurde (?:am .{0,40})?(?:veröffentlicht|erstellt)|der beitrag wurde am\b|erstellt am .{0,60} (?:abgelegt|veröffentlicht)|veröffentlicht (?:in|unter)\b.{0,80}(?:verschlagwortet|schlagw)|kategorien?:|schlagwörter:|schlagworte:|stichwörter:|tags?:|теги:|мітки:|рубрик[аи]:|темы:|теми:)/i;
/** Licence, disclaimer and affiliate notices that close articles. */
const RE_NOTICE = /©|all rights reserved|alle rechte vorbehalten|wszelkie prawa zastrzeżone|все права защищены|всі права захищені|tous droits réservés|todos los derechos reservados|unter der lizenz cc|licensed under (?:a )?(?:the )?creative commons|n'engagent que leurs auteurs|gibt die meinung des autors wieder|does not necessarily reflect the (?:views|opinion)|references to products from one or more of our advertisers|enthält affiliate[- ]links|contains affiliate links|we may (?:receive|earn) (?:a )?commission|(?:dieser )?beitrag enthält (?:werbung|affiliate)|erhalten wir (?:ggf\. )?(?:eine )?provision/i;
/** Numbered figure captions written as text ("Abbildung 4: …", "Fig. 2.", "Рис. 3."). */
const RE_FIGURE_CAPTION = /^(?:abbildung|abb\.|figure|fig\.|рис\.|рисунок|малюнок|grafik|tabelle|table)\s*\d+\s*[:.]/i;
/** Invitations to comment that open a comment section. */
const RE_COMMENT_PROMPT = /^(?:вы можете (?:оставить комментарий|комментировать)|чтобы (?:оставить комментарий|комментировать)|ви можете (?:залишити коментар|коментувати)|щоб (?:залишити коментар|коментувати)|you (?:can|must be logged in to) (?:leave a )?comment|to (?:leave a )?comment,? (?:please )?(?:log in|sign in|register)|um (?:zu kommentieren|einen kommentar)|kommentare? (?:schreiben|verfassen)|leave a (?:comment|reply)|add (?:a )?comment|join the (?:conversation|discussion)|залишити коментар|оставить комментарий|написать комментарий)/i;

/** A table of contents' own label (its entries are links, removed by link density). */
const RE_TOC = /^(?:inhaltsverzeichnis|inhalt|table of contents|contents|содержание|зміст|sommaire|índice)\s*:?$/i;
/** Contact lines of press releases and imprints. */
const RE_CONTACT = /^(?:tel(?:efon|ephone)?|phone|fax|telefax|e-?mail|mail|тел(?:ефон)?|факс|ел\. пошта|эл\. почта)\.?\s*:/i;

const RE_LEAD_CLASS = /(?:^|[^a-z])(?:lead|lede|intro|standfirst|summary|subtitle|subhead|deck|teaser-text|description|anons)(?:[^a-z]|$)/;

export function selectContent(dom: Dom, blocks: RawBlock[], opts: { articleBody: string | null; titles: string[]; titleSim: (a: string, b: string) => number }): ContentResult {
  const n = dom.elements.length;

  // 0. Headline: the h1 (or else h2) closest to the metadata title, anywhere on the page.
  let headline = -1;
  let headSim = 0;
  for (const b of blocks) {
    if (b.kind !== "heading" || (b.level ?? 9) > 2 || b.len > 400) continue;
    let sim = 0;
    for (const t of opts.titles) sim = Math.max(sim, opts.titleSim(b.text, t));
    if (!opts.titles.length && b.level === 1) sim = 0.6;
    if (b.level === 1) sim += 0.05;
    if (sim > headSim && sim >= 0.5) {
      headSim = sim;
      headline = b.index;
    }
  }

  // 1a. Raw block scores, from the text alone: prose (long, punctuated, few links) scores its length,
  //     link lists score negative, short lines slightly negative (menus, labels), headings neutral.
  const raw = new Float64Array(blocks.length);
  for (const b of blocks) {
    const L = b.len;
    const ld = b.linkLen / L;
    let s: number;
    if (ld > 0.5) s = -LINK_COST * L;
    else {
      const punct = countPunct(b.text);
      const prose = L >= 80 || (L >= 30 && punct >= 1 && /[.!?…"»”]$/.test(b.text));
      // Headings and data-table rows are neutral: they belong with whatever surrounds them.
      // (A long "heading" with sentences is a paragraph some CMS wrapped in an h-tag.)
      if ((b.kind === "heading" && !(L >= 120 && punct >= 2)) || b.kind === "table") s = 0;
      // Cookie notices and subscription prompts are prose too; the patterns catch them.
      else if (prose && L < 700 && (RE_BANNER.test(b.text) || RE_LEGAL.test(b.text))) s = -L;
      else if (prose) s = L * (1 - 2 * ld) * (punct > 0 ? 1 : 0.6);
      // Short unlinked lines: list items of an article (ingredients, bullet points) as much as labels and
      // widgets, so only a slight cost.
      else s = -SHORT_COST * L;
    }
    if (s > 0) {
      // Prose before the headline is mostly teasers and top stories: an article follows its headline.
      if (headline >= 0 && b.index < headline) s *= 0.25;
      // Prose right after the headline is where the article starts (footers and teasers come later).
      else if (headline >= 0 && b.index - headline <= NEAR_HEAD) s *= NEAR_BONUS;
      // Prose inside list items is mostly teaser lists (an article's own lists are short lines).
      else if (b.kind === "list-item") s *= 0.6;
    }
    raw[b.index] = s;
  }
  // Boilerplate-looking blocks sandwiched between prose (product links in a shopping list, short list items,
  // an inline "related" link) mostly belong to the article: they cost less when choosing the container.
  const isProse = (i: number) => raw[i] > 0 && blocks[i].len >= 80;
  let lastProse = -100;
  const nextProse = new Int32Array(blocks.length).fill(1 << 30);
  for (let i = blocks.length - 1, nxt = 1 << 30; i >= 0; i--) {
    nextProse[i] = nxt;
    if (isProse(i)) nxt = i;
  }
  for (let i = 0; i < blocks.length; i++) {
    if (raw[i] < 0 && i - lastProse <= 3 && nextProse[i] - i <= 3) raw[i] *= 0.3;
    if (isProse(i)) lastProse = i;
  }

  // Prose per subtree (P), and the most prose held by one positively marked element in it (M).
  const P = new Float64Array(n);
  const M = new Float64Array(n);
  for (const b of blocks) if (raw[b.index] > 0) P[b.owner.index] += raw[b.index];
  for (let i = n - 1; i > 0; i--) P[dom.elements[i].parent!.index] += P[i];
  for (let i = n - 1; i > 0; i--) {
    const el = dom.elements[i];
    if (strongPositiveHint(el)) M[i] = Math.max(M[i], P[i]);
    const p = el.parent!.index;
    M[p] = Math.max(M[p], M[i]);
  }
  const T = P[0] || 1;
  const hb = headline >= 0 ? blocks[headline].owner : null;
  // Comments, cookie banners and ads never hold the article's headline; a wrapper that does is not one.
  const holdsHeadline = (el: Element) => !!hb && isInside(hb, el);

  // 1b. Negative markup hints of each element, and the nearest hinted ancestor-or-self (top-down). A hint is
  //     ignored on an element that holds the page's prose: wrappers get classes like "has-sidebar" or
  //     "subscriber-content", and a section that contains the marked article body is not boilerplate.
  const own: (Hint | null)[] = new Array(n).fill(null);
  const ctx: (Element | null)[] = new Array(n).fill(null);
  for (let i = 1; i < n; i++) {
    const el = dom.elements[i];
    let h = ownHint(el);
    if (h && (M[i] > 0.3 * T || (P[i] > 0.5 * T && (!STRONG_KINDS.has(h.kind) || holdsHeadline(el))))) h = null;
    own[i] = h;
    // itemprop=articleBody resets: whatever wraps the body, the body is content.
    ctx[i] = h ? el : isArticleBody(el) ? null : ctx[el.parent!.index];
  }

  // JSON-LD articleBody as a signal: which blocks does the publisher itself call the body?
  let bodySet: Set<string> | null = null;
  if (opts.articleBody && opts.articleBody.length > 200) bodySet = new Set(bigrams(opts.articleBody));
  const bodyComplete = !!opts.articleBody && opts.articleBody.length >= 0.3 * T;

  // 1c. Final block scores: hinted blocks count against, the publisher's articleBody overrides.
  const score = new Float64Array(blocks.length);
  const overlap = new Float64Array(blocks.length).fill(-1);
  for (const b of blocks) {
    const L = b.len;
    let s = raw[b.index];
    const h = ctx[b.owner.index];
    if (h) s = -Math.max(L, 20) * (own[h.index]!.kind === "hidden" ? 0.5 : HINT_COST);
    if (bodySet && L >= 25) {
      const bg = bigrams(b.text);
      if (bg.length) {
        let hit = 0;
        for (const g of bg) if (bodySet.has(g)) hit++;
        const o = hit / bg.length;
        overlap[b.index] = o;
        if (o >= 0.6) s = Math.max(s, 0) + L;
        // Absence from articleBody counts only when the articleBody looks complete (some pages give a teaser).
        else if (o < 0.2 && L >= 60 && bodyComplete) s = Math.min(s, -0.5 * L);
      }
    }
    score[b.index] = s;
  }

  // 2. Subtree sums and the best container.
  const V = new Float64Array(n);
  for (const b of blocks) V[b.owner.index] += score[b.index];
  for (let i = n - 1; i > 0; i--) V[dom.elements[i].parent!.index] += V[i];
  let best = dom.elements[0];
  let bestVal = -Infinity;
  for (let i = 0; i < n; i++) {
    if (V[i] <= 0) continue;
    const el = dom.elements[i];
    let bonus = 1;
    if (isArticleBody(el)) bonus = 1.25;
    else if (positiveHint(el)) bonus = 1.08;
    const v = V[i] * bonus;
    // Ties go to the deeper element (the tighter container): >=, parents come first.
    if (v >= bestVal) {
      best = el;
      bestVal = v;
    }
  }
  const container = best;
  // Siblings of the container that are prose too (an article split into boxes: intro, ingredients, steps)
  // join it when they carry no boilerplate markup, are not link lists, and score clearly positive.
  const extra: Element[] = [];
  if (container.parent) {
    for (const sib of container.parent.children) {
      if (sib === container || sib.type !== "element") continue;
      const i = sib.index;
      if (V[i] <= 0 || P[i] < SIB_MIN || ctx[i] || sib.linkLen > 0.3 * sib.textLen) continue;
      if (V[i] < SIB_FRAC * V[container.index]) continue;
      extra.push(sib);
    }
  }
  const inMain = (el: Element) => el === container || isInside(el, container) || extra.some((x) => x === el || isInside(el, x));

  // 3. A lead some CMSs put in a heading tag of its own (<h2><p><a>Name</a> said that ….</p></h2>) outside the
  //    body's wrapper: a heading that is a sentence (long, ends like one, few links) right before the
  //    container's first block, after the headline, not under boilerplate markup, and not repeated by the body
  //    (pages that print the lead twice keep the body's copy).
  const leadBefore = new Set<number>();
  if (headline >= 0) {
    let first = -1;
    for (let i = headline + 1; i < blocks.length; i++) {
      if (inMain(blocks[i].owner)) {
        first = i;
        break;
      }
    }
    for (let j = first - 1; first > 0 && j > headline && leadBefore.size < 2; j--) {
      const b = blocks[j];
      const t = b.text.trim();
      if (b.kind !== "heading" || ctx[b.owner.index] || b.len < 80 || b.linkLen > 0.5 * b.len || !/[.!?…»"”]$/.test(t)) break;
      if (RE_BANNER.test(t) || RE_LEGAL.test(t) || RE_RELATED.test(t) || (overlap[j] >= 0 && overlap[j] < 0.2)) break;
      const head = t.replace(/\s+/g, " ").slice(0, 40);
      if (blocks.slice(first, first + 5).some((x) => x.text.replace(/\s+/g, " ").includes(head))) break;
      leadBefore.add(j);
    }
  }

  // 4. Decisions.
  const huge = blocks.length > HUGE_PAGE_BLOCKS;
  const decisions: Decision[] = [];
  let firstKept = -1;
  const islands = microdataIslands(dom);
  const headInside = headline >= 0 && isInside(blocks[headline].owner, container);
  // Set once an end-of-article marker ("Related stories", "Mehr zum Thema") is passed inside the container.
  let tail: Decision | null = null;
  let openPrompt: Decision | null = null;
  let openPromptAt = -1;
  let tailScope: Element | null = null;
  for (const b of blocks) {
    if (b.index === headline) {
      decisions.push({ keep: true, title: true });
      continue;
    }
    if (leadBefore.has(b.index)) {
      if (firstKept < 0) firstKept = b.index;
      decisions.push({ keep: true, lead: true, rule: "lead-before-container" });
      continue;
    }
    const inside = inMain(b.owner);
    const hEl = ctx[b.owner.index];
    if (!inside) {
      const h = hEl ? own[hEl.index]! : null;
      decisions.push({ keep: false, kind: h ? kindOf(h) : "other", rule: h ? h.rule : "outside-main", by: hEl ?? container });
      continue;
    }
    // The marker's scope: the box it heads ("Lesen Sie auch" boxes sit inside articles), or the rest of the
    // container when the marker sits directly in it (a "More stories" list after the article).
    if (tail && tailScope && b.start >= tailScope.end) tail = null;
    if (tail && !(overlap[b.index] >= 0.8)) {
      decisions.push(tail);
      continue;
    }
    if (b.len < 200 && RE_COMMENT_PROMPT.test(b.text.trim()) && !(overlap[b.index] >= 0.8)) {
      // "You can comment on our articles after registering…": the comment section (and whatever follows it)
      // starts here.
      tail = { keep: false, kind: "comments", rule: "after-comment-prompt" };
      const wrap = b.owner.parent;
      tailScope = !wrap || wrap === container || b.owner === container ? null : wrap;
      decisions.push(tail);
      continue;
    }
    if (b.len < 70 && !/(?<!\.)[.!?]$/.test(b.text.trim()) && RE_TAIL_MARKER.test(b.text.trim()) && !(overlap[b.index] >= 0.8)) {
      tail = { keep: false, kind: "related", rule: "after-related-marker" };
      const wrap = b.owner.parent;
      tailScope = !wrap || wrap === container || b.owner === container ? null : wrap;
      decisions.push(tail);
      continue;
    }
    // Markup hints count only below the container (the container's own wrappers may carry any class).
    if (hEl && hEl.depth > container.depth - (extra.length ? 1 : 0)) {
      const h = own[hEl.index]!;
      // Unless the publisher's articleBody says this is body text.
      if (!(overlap[b.index] >= 0.8)) {
        decisions.push({ keep: false, kind: kindOf(h), rule: h.rule, by: hEl });
        continue;
      }
    }
    if (islands.has(b.owner) || (b.owner.parent && islands.has(b.owner.parent))) {
      decisions.push({ keep: false, kind: "meta", rule: "microdata" });
      continue;
    }
    // Line patterns only for short blocks on pages of a sane size: a page of a million "<br>"-separated
    // lines would spend seconds on them (the container decision still applies).
    // The rest of a widget prompt broken over two blocks ("…выделив её, нажмите Ctrl-Enter," / "чтобы отослать
    // информацию редактору"): a short line in lower case right after a prompt that did not end.
    if (openPrompt && openPromptAt === b.index - 1 && b.len <= 120 && /^\p{Ll}/u.test(b.text)) {
      decisions.push(openPrompt);
      continue;
    }
    const d = huge && b.len < 80 ? null : patternDecision(b, overlap[b.index]);
    if (d) {
      if (d.rule === "error-report-prompt" && !/[.!?…]\s*$/.test(b.text)) {
        openPrompt = d;
        openPromptAt = b.index;
      }
      decisions.push(d);
      continue;
    }
    // Blocks between the container's start and the headline: kickers, breadcrumbs, dates, teaser lists.
    // An article starts at its headline.
    if (headInside && headline > b.index && !(overlap[b.index] >= 0.6)) {
      decisions.push({ keep: false, kind: b.len < 100 ? "meta" : "related", rule: "before-headline" });
      continue;
    }
    const lead = firstKept < 0 || b.index - firstKept < 4 ? leadClass(b.owner) : false;
    if (firstKept < 0) firstKept = b.index;
    decisions.push({ keep: true, lead });
  }
  if (!huge) dropTeaserCards(blocks, decisions, container);
  if (!huge) dropOrphanHeadings(blocks, decisions);
  return { container, decisions, headline };
}

/**
 * Teaser cards inside the container (a list of other stories: linked title, date, blurb, counters): a kept
 * blurb whose small wrapper (≤ 600 characters, not the container) also holds a linked title removed as related
 * is the card's blurb, not the article's text.
 */
function dropTeaserCards(blocks: RawBlock[], decisions: Decision[], container: Element): void {
  for (let i = 0; i < blocks.length; i++) {
    const d = decisions[i];
    const b = blocks[i];
    if (!d.keep || d.title || d.lead || b.len >= 400) continue;
    let w: Element | null = b.owner.parent;
    for (let k = 0; w && k < 2 && w !== container && w.textLen <= 600; w = w.parent, k++) {
      const wrap: Element = w;
      if (!repeated(wrap)) continue;
      // The card: a linked title before the blurb, and no other kept block in it.
      let linkedTitle = false;
      let otherKept = false;
      for (let j = i - 1; j >= 0 && blocks[j].start >= wrap.start; j--) {
        if (decisions[j].keep) otherKept = true;
        else if (cardTitle(blocks[j], decisions[j])) linkedTitle = true;
      }
      for (let j = i + 1; j < blocks.length && blocks[j].start < wrap.end; j++) if (decisions[j].keep) otherKept = true;
      if (linkedTitle && !otherKept) {
        decisions[i] = { keep: false, kind: "related", rule: "teaser-card" };
        break;
      }
    }
  }
}

/** An element with at least two siblings of the same tag and class: one item of a list of cards. */
function repeated(el: Element): boolean {
  const p = el.parent;
  if (!p || !el.attrs.class) return false;
  let same = 0;
  // (The first 200 children decide: a wrapper with tens of thousands of children must not make this quadratic.)
  const kids = p.children;
  for (let k = 0; k < kids.length && k < 200; k++) {
    const c = kids[k];
    if (c.type === "element" && c !== el && c.tag === el.tag && c.attrs.class === el.attrs.class && ++same >= 2) return true;
  }
  return false;
}

/** A story title as a link, removed as related: what a teaser card is built around. */
function cardTitle(b: RawBlock, d: Decision): boolean {
  return !d.keep && d.kind === "related" && b.len >= 20 && b.linkLen > 0.5 * b.len && (b.kind === "heading" || b.kind === "paragraph" || b.kind === "list-item");
}

/**
 * A heading (or a short "Label:" line) with no kept text under it before the next heading is furniture: the
 * title of a link box, contact box or related list whose items were removed ("Weitere Informationen:",
 * "Temas relacionados", "Über diese Reihe").
 */
function dropOrphanHeadings(blocks: RawBlock[], decisions: Decision[]): void {
  const isHead = (b: RawBlock) => b.kind === "heading" || (b.len < 50 && /:$/.test(b.text.trim()));
  for (let i = 0; i < blocks.length; i++) {
    const d = decisions[i];
    if (!d.keep || d.title || !isHead(blocks[i])) continue;
    const level = blocks[i].level ?? 7;
    let body = false;
    let next: Decision | null = null;
    for (let j = i + 1; j < blocks.length; j++) {
      if (decisions[j].keep) {
        // A deeper heading next is a subsection: this heading has content under it.
        body = !isHead(blocks[j]) || (blocks[j].level ?? 7) > level;
        break;
      }
      next ??= decisions[j];
    }
    // Only when something was removed under it (a heading followed directly by the next heading is an
    // empty section of the article, not a box title).
    if (!body && next) {
      decisions[i] = { keep: false, kind: next.kind ?? "other", rule: "orphan-heading" };
      continue;
    }
    // The title of a box whose items were all removed, set between paragraphs of the article (a partner
    // news informer, a link list): the heading's own wrapper holds nothing else that is kept.
    // (A short label, and the box's items were removed as links: related stories or ads.)
    const linkBox = (d: Decision) => !d.keep && (d.kind === "related" || d.kind === "ad");
    if (blocks[i].kind === "heading" && blocks[i].len <= 60 && !/[.!?]$/.test(blocks[i].text) && next && linkBox(next) && !decisions[i + 1]?.keep) {
      const box = blocks[i].owner.parent;
      if (!box || box.textLen > 2000) continue;
      let inBox = 0;
      let links = true;
      for (let j = i + 1; j < blocks.length && blocks[j].start < box.end; j++) {
        inBox++;
        if (!linkBox(decisions[j])) {
          links = false;
          break;
        }
      }
      if (links && inBox >= 2) decisions[i] = { keep: false, kind: next.kind ?? "other", rule: "box-title" };
    }
  }
}

/** Whether `el` is inside `container`, walking up at most to the container's depth. */
function isInside(el: Element, container: Element): boolean {
  if (el.start < container.start || el.start >= container.end) return false;
  let x: Element | null = el;
  while (x && x.depth > container.depth) x = x.parent;
  return x === container;
}

function kindOf(h: Hint): RemovedKind {
  return h.kind === "hidden" ? "other" : h.kind;
}

/** Page-furniture patterns on one block's text and link density. */
function patternDecision(b: RawBlock, overlap: number): Decision | null {
  const t = b.text.trim();
  const L = b.len;
  const ld = b.linkLen / L;
  // "Read also" lines are furniture even when the publisher's articleBody includes them.
  if (L < 200 && RE_RELATED.test(t)) return { keep: false, kind: "related", rule: "read-also" };
  if (overlap >= 0.8) return null;
  if (ld > 0.5 && (L < 300 || b.kind === "list-item")) return { keep: false, kind: "related", rule: "link-density" };
  if (L < 160 && RE_RELATED.test(t)) return { keep: false, kind: "related", rule: "read-also" };
  if (L < 60 && RE_SHARE.test(t)) return { keep: false, kind: "share", rule: "share-prompt" };
  if (L < 250) {
    // Error-report prompts, rating widgets, counters, loading placeholders (shared with the plain-text cleaner).
    const w = classifyWidget(t);
    if (w) return { keep: false, kind: w.kind, rule: w.rule };
  }
  if (L < 40 && RE_ABOUT_AUTHOR.test(t)) return { keep: false, kind: "byline", rule: "about-author" };
  if (L < 70 && RE_BYLINE.test(t) && !/[.!?]$/.test(t)) return { keep: false, kind: "byline", rule: "byline-text" };
  if (L < 150 && RE_CAPTION.test(t)) return { keep: false, kind: "caption", rule: "credit-text" };
  if (L < 300 && RE_POST_META.test(t)) return { keep: false, kind: "meta", rule: "post-meta" };
  if (L < 400 && RE_NOTICE.test(t)) return { keep: false, kind: "other", rule: "legal-notice" };
  if (L < 300 && RE_FIGURE_CAPTION.test(t)) return { keep: false, kind: "caption", rule: "figure-caption" };
  if (L < 80 && RE_CONTACT.test(t)) return { keep: false, kind: "other", rule: "contact-line" };
  if (L < 40 && RE_TOC.test(t)) return { keep: false, kind: "nav", rule: "toc-label" };
  if (L < 160 && /^-?\s*(?:anzeige|werbung|реклама|advertisement)\s*-/i.test(t)) return { keep: false, kind: "ad", rule: "ad-label" };
  if (L < 40 && RE_AD.test(t)) return { keep: false, kind: "ad", rule: "ad-label" };
  if (L < 50 && RE_COMMENTS.test(t)) return { keep: false, kind: "comments", rule: "comments-label" };
  if (L < 250 && RE_BANNER.test(t) && !/[«"“„].*(?:cookie|newsletter)/i.test(t)) return { keep: false, kind: "banner", rule: "banner-text" };
  if (L < 80 && b.kind !== "heading" && isDateLine(t)) return { keep: false, kind: "meta", rule: "date-line" };
  return null;
}

/**
 * Microdata islands: itemscope elements made of nothing but itemprop fields (name, url, width, dates) that
 * pages hide with CSS to feed search engines. Their text repeats the headline and metadata.
 */
function microdataIslands(dom: Dom): Set<Element> {
  const out = new Set<Element>();
  const els = dom.elements;
  for (let i = 0; i < els.length; i++) {
    const el = els[i];
    if (el.attrs.itemscope === undefined || el.attrs.itemprop === undefined) continue;
    let total = 0;
    let props = 0;
    let visual = false;
    for (let j = i + 1; j < els.length && j < i + 400; j++) {
      const d = els[j];
      if (d.start >= el.end) break;
      total++;
      if (d.attrs.itemprop !== undefined || d.attrs.itemscope !== undefined) props++;
      if (/^(p|h[1-6]|li|img|picture|figure|a|blockquote|table)$/.test(d.tag)) visual = true;
    }
    if (!visual && total > 0 && props >= 0.8 * total) {
      out.add(el);
      for (let j = i + 1; j < els.length && els[j].start < el.end; j++) out.add(els[j]);
    }
  }
  return out;
}

function leadClass(el: Element): boolean {
  let x: Element | null = el;
  for (let k = 0; x && k < 3; x = x.parent, k++) {
    const c = (x.attrs.class ?? "") + " " + (x.attrs.id ?? "");
    if (c.trim() && RE_LEAD_CLASS.test(c.replace(/([a-z])([A-Z])/g, "$1-$2").toLowerCase())) return true;
  }
  return false;
}
