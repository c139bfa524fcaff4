import { api } from "../api.js";
import { h } from "../dom.js";
import { t } from "../i18n.js";
import type { Route } from "../routes.js";
import { articleView } from "../views/article-view.js";

/** A stored article, shown with its analysis. */
export async function articlePage(main: HTMLElement, route: Route, stale: () => boolean): Promise<void> {
  const id = route.parts[0] ?? "";
  main.append(h("p", { class: "muted" }, t.loading));
  const article = await api.article(id);
  if (stale()) return;
  main.replaceChildren(articleView(article));
}
