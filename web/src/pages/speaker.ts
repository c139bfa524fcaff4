import { api, type QuotesResult } from "../api.js";
import { externalLink, h } from "../dom.js";
import { t } from "../i18n.js";
import { link, type Route } from "../routes.js";
import { monthBars } from "../views/charts.js";

const PAGE = 20;

function bars(title: string, items: Array<{ name: string; count: number }>, testid: string): HTMLElement {
  const max = Math.max(1, ...items.map((i) => i.count));
  return h(
    "section",
    { class: "panel", "data-testid": testid },
    h("h3", null, title),
    h(
      "ul",
      { class: "hbars" },
      items.slice(0, 12).map((i) => {
        const bar = h("span", { class: "hbar" });
        bar.style.width = `${Math.round((100 * i.count) / max)}%`;
        return h("li", null, h("span", { class: "hbar-label" }, i.name), h("span", { class: "hbar-track" }, bar), h("span", { class: "count" }, String(i.count)));
      }),
    ),
  );
}

/** Every quote of one person: a timeline by month, counts by outlet and language, and the quotes, newest first. */
export async function speakerPage(main: HTMLElement, route: Route, stale: () => boolean): Promise<void> {
  const name = route.parts[0] ?? "";
  const page = Math.max(1, Number.parseInt(route.params.get("page") ?? "1", 10) || 1);
  const lang = route.params.get("lang") ?? "";
  main.append(h("p", { class: "muted" }, t.loading));
  const [sum, quotes] = await Promise.all([
    api.speaker(name),
    api.quotes({ speaker: name, lang: lang || null, limit: PAGE, offset: (page - 1) * PAGE }),
  ]);
  if (stale()) return;
  const others = sum.names.filter((n) => n !== sum.name);
  main.replaceChildren(
    h(
      "div",
      { class: "speaker-page", "data-testid": "speaker-page" },
      h("p", { class: "kicker" }, t.speakerPage),
      h("h1", { "data-testid": "speaker-name" }, sum.name),
      h("p", null, h("a", { href: link.search({ speaker: name }) }, `${t.articlesQuoting} →`)),
      others.length || sum.entity?.aliases.length
        ? h("p", { class: "muted" }, `${t.alsoKnownAs}: `, [...new Set([...others, ...(sum.entity?.aliases ?? [])])].filter((n) => n !== sum.name).slice(0, 12).join(", "))
        : null,
      h("section", { class: "panel wide" }, h("h3", null, t.quotesOverTime), h("div", { class: "chart-wrap" }, monthBars(sum.timeline, t.quotesOverTime))),
      h("div", { class: "two" }, bars(t.byOutlet, sum.byOutlet, "by-outlet"), bars(t.byLang, sum.byLang, "by-lang")),
      quoteList(name, quotes, page, lang, sum.byLang.map((l) => l.name)),
    ),
  );
}

function quoteList(name: string, res: QuotesResult, page: number, lang: string, langs: string[]): HTMLElement {
  const pages = Math.max(1, Math.ceil(res.total / PAGE));
  const href = (p: number, l: string) => `${link.speaker(name)}?${new URLSearchParams({ ...(l ? { lang: l } : {}), ...(p > 1 ? { page: String(p) } : {}) }).toString()}`;
  return h(
    "section",
    { class: "panel wide", "data-testid": "speaker-quotes" },
    h("h3", null, t.allQuotes(res.total)),
    h(
      "div",
      { class: "chips" },
      ["", ...langs].map((l) => h("a", { class: `chip filter${l === lang ? " on" : ""}`, href: href(1, l) }, l ? l.toUpperCase() : t.any)),
    ),
    h(
      "ol",
      { class: "quote-list" },
      res.quotes.map((q) =>
        h(
          "li",
          { class: "quote-card", "data-testid": "speaker-quote" },
          h("blockquote", { class: "quote-text" }, q.text),
          h(
            "div",
            { class: "quote-meta" },
            h("a", { href: link.article(q.articleId) }, q.title || q.articleId),
            " · ",
            [q.publisher, q.published?.slice(0, 10), q.lang.toUpperCase(), t[q.kind] ?? q.kind].filter(Boolean).join(" · "),
            q.via.length ? ` · ${t.via} ${q.via.join(", ")}` : null,
            q.url ? [" · ", externalLink(q.url, t.openOriginal)] : null,
          ),
        ),
      ),
    ),
    pages > 1
      ? h(
          "nav",
          { class: "pager" },
          page > 1 ? h("a", { href: href(page - 1, lang) }, t.prev) : h("span", { class: "disabled" }, t.prev),
          h("span", { class: "page-no" }, t.page(page, pages)),
          page < pages ? h("a", { href: href(page + 1, lang) }, t.next) : h("span", { class: "disabled" }, t.next),
        )
      : null,
  );
}
