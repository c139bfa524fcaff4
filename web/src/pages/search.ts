import { api, type SearchResult } from "../api.js";
import { externalLink, h, marked } from "../dom.js";
import { t } from "../i18n.js";
import { link, type Route } from "../routes.js";

const PAGE = 10;
const FIELDS = ["q", "lang", "from", "to", "outlet", "speaker", "source", "entity"] as const;

/** Search with filters; the form state lives in the URL (#/search?q=…&page=2) so results can be linked. */
export async function searchPage(main: HTMLElement, route: Route, stale: () => boolean): Promise<void> {
  const p = route.params;
  const input = (name: string, label: string, type = "search", list?: string) =>
    h("label", { class: `field field-${name}` }, h("span", null, label), h("input", { type, name, value: p.get(name) ?? "", list: list ?? null, autocomplete: "off", "data-testid": `search-${name}` }));
  const people = h("datalist", { id: "dl-people" });
  const things = h("datalist", { id: "dl-entities" });
  const lang = h(
    "select",
    { name: "lang", "data-testid": "search-lang" },
    ["", "uk", "ru", "en"].map((l) => h("option", { value: l, selected: (p.get("lang") ?? "") === l }, l || t.any)),
  );
  const form = h(
    "form",
    { class: "search-form", role: "search", "data-testid": "search-form" },
    h("div", { class: "search-main" }, h("input", { type: "search", name: "q", value: p.get("q") ?? "", placeholder: t.query, "aria-label": t.query, "data-testid": "search-q" }), h("button", { type: "submit", class: "button" }, t.search)),
    h(
      "div",
      { class: "filters" },
      h("label", { class: "field" }, h("span", null, t.language), lang),
      input("from", t.from, "date"),
      input("to", t.to, "date"),
      input("outlet", t.outlet),
      input("speaker", t.speaker, "search", "dl-people"),
      input("source", t.source, "search", "dl-entities"),
      input("entity", t.entity, "search", "dl-entities"),
    ),
    people,
    things,
  );
  suggest(form.querySelector('[name="speaker"]')!, people, "PER");
  suggest(form.querySelector('[name="source"]')!, things, null);
  suggest(form.querySelector('[name="entity"]')!, things, null);
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const data = new FormData(form);
    const next: Record<string, string> = {};
    for (const f of FIELDS) {
      const v = String(data.get(f) ?? "").trim();
      if (v) next[f] = v;
    }
    location.hash = link.search(next);
  });
  main.append(form);

  const page = Math.max(1, Number.parseInt(p.get("page") ?? "1", 10) || 1);
  const query: Record<string, string | number> = { limit: PAGE, offset: (page - 1) * PAGE };
  for (const f of FIELDS) {
    const v = p.get(f);
    if (v) query[f] = v;
  }
  const stats = h("p", { class: "muted stats", "data-testid": "stats" });
  main.append(stats);
  api.stats().then(
    (s) => !stale() && stats.replaceChildren(t.stats(s.articles, s.quotes, s.stories)),
    () => {},
  );
  const res: SearchResult = await api.search(query);
  if (stale()) return;
  const speaker = p.get("speaker");
  if (speaker) main.append(h("p", null, h("a", { href: link.speaker(speaker), class: "chip speaker-link" }, `${t.speakerPage}: ${speaker} →`)));
  main.append(results(res, page, p));
}

/** Fills a datalist with corpus entity names starting like what is typed (a short pause between keys first). */
function suggest(inputEl: HTMLInputElement, list: HTMLDataListElement, type: string | null): void {
  let timer: number | undefined;
  let seq = 0;
  inputEl.addEventListener("input", () => {
    window.clearTimeout(timer);
    const q = inputEl.value.trim();
    if (q.length < 2) return;
    timer = window.setTimeout(async () => {
      const mine = ++seq;
      try {
        const res = await api.entities({ q, type, limit: 10 });
        if (mine !== seq) return;
        list.replaceChildren(...res.entities.map((e) => h("option", { value: e.name })));
      } catch {
        /* suggestions are optional */
      }
    }, 200);
  });
}

function results(res: SearchResult, page: number, p: URLSearchParams): HTMLElement {
  const pages = Math.max(1, Math.ceil(res.total / PAGE));
  const go = (n: number) => {
    const q = new URLSearchParams(p);
    q.set("page", String(n));
    return `#/search?${q.toString()}`;
  };
  return h(
    "section",
    { class: "results", "data-testid": "results" },
    h("p", { class: "count" }, res.total ? t.results(res.total) : t.noResults),
    h(
      "ol",
      { class: "hits", start: (page - 1) * PAGE + 1 },
      res.hits.map((hit) =>
        h(
          "li",
          { class: "hit", "data-testid": "hit" },
          h("a", { href: link.article(hit.articleId), class: "hit-title" }, hit.title || hit.snippet.slice(0, 80) || hit.articleId),
          h("div", { class: "hit-meta" }, [hit.publisher, hit.published?.slice(0, 10), hit.lang.toUpperCase()].filter(Boolean).join(" · "), hit.url ? [" · ", externalLink(hit.url, t.openOriginal)] : null),
          h("p", { class: "snippet" }, marked(hit.snippet)),
        ),
      ),
    ),
    pages > 1
      ? h(
          "nav",
          { class: "pager", "aria-label": "pages" },
          page > 1 ? h("a", { href: go(page - 1), rel: "prev" }, t.prev) : h("span", { class: "disabled" }, t.prev),
          h("span", { class: "page-no" }, t.page(page, pages)),
          page < pages ? h("a", { href: go(page + 1), rel: "next", "data-testid": "next-page" }, t.next) : h("span", { class: "disabled" }, t.next),
        )
      : null,
  );
}
