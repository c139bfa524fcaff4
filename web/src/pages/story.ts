import { api, type StoryReport } from "../api.js";
import { externalLink, h } from "../dom.js";
import { num, t } from "../i18n.js";
import { link, type Route } from "../routes.js";
import { dotTimeline, layeredGraph, type GraphEdge } from "../views/charts.js";

const PAGE = 20;

/** Story clusters, largest and newest first as the store orders them. */
export async function storiesPage(main: HTMLElement, route: Route, stale: () => boolean): Promise<void> {
  const page = Math.max(1, Number.parseInt(route.params.get("page") ?? "1", 10) || 1);
  const res = await api.stories({ limit: PAGE, offset: (page - 1) * PAGE });
  if (stale()) return;
  const pages = Math.max(1, Math.ceil(res.total / PAGE));
  main.append(
    h("h1", null, t.stories),
    ...[
    res.stories.length
      ? h(
          "ol",
          { class: "hits", "data-testid": "stories" },
          res.stories.map((s) =>
            h(
              "li",
              { class: "hit", "data-testid": "story-item" },
              h("a", { href: link.story(s.id), class: "hit-title" }, s.title ?? `${t.story} ${s.id}`),
              h("div", { class: "hit-meta" }, [t.articles(s.size), [s.first, s.last].filter(Boolean).map((d) => d!.slice(0, 10)).join(" – "), s.langs.join("/").toUpperCase(), s.publishers.slice(0, 5).join(", ")].filter(Boolean).join(" · ")),
            ),
          ),
        )
      : h("p", { class: "muted" }, t.noStories),
    pages > 1
      ? h(
          "nav",
          { class: "pager" },
          page > 1 ? h("a", { href: `#/stories?page=${page - 1}` }, t.prev) : h("span", { class: "disabled" }, t.prev),
          h("span", { class: "page-no" }, t.page(page, pages)),
          page < pages ? h("a", { href: `#/stories?page=${page + 1}` }, t.next) : h("span", { class: "disabled" }, t.next),
        )
      : null,
    ].filter((x): x is HTMLElement => !!x),
  );
}

/** Citation edges as graph edges: outlet → source → what the source cites. */
export function storyGraph(r: StoryReport): { outlets: string[]; edges: GraphEdge[] } {
  const weights = new Map<string, number>();
  const add = (from: string, to: string, w: number) => {
    if (from === to) return;
    const k = `${from}\u0000${to}`;
    weights.set(k, (weights.get(k) ?? 0) + w);
  };
  const outlets = [...new Set(r.citations.map((c) => c.outlet))];
  for (const c of r.citations) {
    add(c.outlet, c.source, c.articles);
    let prev = c.source;
    for (const v of c.via) {
      add(prev, v, c.articles);
      prev = v;
    }
  }
  const edges = [...weights].map(([k, weight]) => {
    const [from, to] = k.split("\u0000");
    return { from, to, weight };
  });
  return { outlets, edges };
}

/** One story: its articles across outlets on a timeline, who cites whom, and how its figures vary. */
export async function storyPage(main: HTMLElement, route: Route, stale: () => boolean): Promise<void> {
  const id = route.parts[0] ?? "";
  main.append(h("p", { class: "muted" }, t.loading));
  const r = await api.story(id);
  if (stale()) return;
  const s = r.story;
  const graph = storyGraph(r);
  main.replaceChildren(
    h(
      "div",
      { class: "story-page", "data-testid": "story-page" },
      h("p", { class: "kicker" }, t.story),
      h("h1", { "data-testid": "story-title" }, s.title ?? `${t.story} ${s.id}`),
      h("p", { class: "muted" }, [t.articles(s.size), [s.first, s.last].filter(Boolean).map((d) => d!.slice(0, 10)).join(" – "), s.langs.join("/").toUpperCase()].filter(Boolean).join(" · ")),
      h(
        "section",
        { class: "panel wide" },
        h("h3", null, t.timeline),
        h("div", { class: "chart-wrap" }, dotTimeline(
          r.articles.filter((a) => a.published).map((a) => ({ date: a.published!, label: a.publisher ?? "?", first: r.firstReport?.articleId === a.articleId })),
          t.timeline,
        )),
        h(
          "ol",
          { class: "story-articles", "data-testid": "story-articles" },
          r.articles.map((a) =>
            h(
              "li",
              null,
              h("a", { href: link.article(a.articleId) }, a.title ?? a.articleId),
              h("span", { class: "muted" }, " · ", [a.publisher, a.published?.slice(0, 10), a.lang.toUpperCase()].filter(Boolean).join(" · ")),
              r.firstReport?.articleId === a.articleId ? h("span", { class: "tag first" }, t.firstReport) : null,
              a.nearDuplicateOf ? h("span", { class: "tag" }, t.nearDuplicate) : null,
              a.url ? [" ", externalLink(a.url, "↗")] : null,
            ),
          ),
        ),
      ),
      h(
        "section",
        { class: "panel wide" },
        h("h3", null, t.whoCitesWhom),
        graph.edges.length ? h("div", { class: "chart-wrap" }, layeredGraph(graph.outlets, graph.edges, t.whoCitesWhom)) : h("p", { class: "muted" }, t.none),
      ),
      h(
        "section",
        { class: "panel wide", "data-testid": "figure-variants" },
        h("h3", null, t.figureVariants),
        r.figures.length
          ? h(
              "table",
              { class: "figures" },
              h("thead", null, h("tr", null, h("th", null, t.value), h("th", null, t.outlet), h("th", null, t.figures))),
              h(
                "tbody",
                null,
                r.figures.map((f) =>
                  h(
                    "tr",
                    null,
                    h("td", null, `${num(f.value)}${f.unit ? " " + f.unit : ""}`),
                    h("td", null, [...new Set(f.variants.map((v) => v.publisher ?? "?"))].join(", ")),
                    h("td", null, f.variants.map((v, i) => [i ? "; " : "", h("a", { href: link.article(v.articleId) }, v.text)])),
                  ),
                ),
              ),
            )
          : h("p", { class: "muted" }, t.none),
      ),
    ),
  );
}
