import { api } from "../api.js";
import { h } from "../dom.js";
import { t } from "../i18n.js";
import { errorBox } from "../views/error.js";
import type { Route } from "../routes.js";
import { articleView } from "../views/article-view.js";

/** Files larger than this are refused in the browser (the server limit is 5 MB too). */
const MAX_FILE = 5 * 1024 * 1024;

/** Paste text or HTML, or drop a file; the analysis appears below the form. */
export async function analyzePage(main: HTMLElement, _route: Route, _stale: () => boolean): Promise<void> {
  const textarea = h("textarea", {
    id: "analyze-input",
    rows: 10,
    spellcheck: false,
    placeholder: t.analyzeHint,
    "aria-label": t.analyzeHint,
    "data-testid": "analyze-input",
  });
  const published = h("input", { type: "date", id: "analyze-published", "data-testid": "analyze-published" });
  const lang = h(
    "select",
    { id: "analyze-lang" },
    h("option", { value: "" }, t.auto),
    h("option", { value: "uk" }, "uk"),
    h("option", { value: "ru" }, "ru"),
    h("option", { value: "en" }, "en"),
  );
  const file = h("input", { type: "file", accept: ".txt,.html,.htm,text/plain,text/html", class: "visually-hidden", id: "analyze-file" });
  const fileLabel = h("label", { for: "analyze-file", class: "button secondary" }, t.chooseFile);
  const button = h("button", { type: "submit", class: "button", "data-testid": "analyze-submit" }, t.analyzeButton);
  const out = h("div", { class: "analyze-out", "data-testid": "analyze-out", "aria-live": "polite" });

  const meta = () => ({ published: published.value || undefined, lang: lang.value || undefined });
  const run = async (job: () => Promise<import("../api.js").Article>) => {
    button.disabled = true;
    out.replaceChildren(h("p", { class: "muted" }, t.analyzing));
    try {
      const article = await job();
      out.replaceChildren(articleView(article));
    } catch (err) {
      out.replaceChildren(errorBox(err));
    } finally {
      button.disabled = false;
    }
  };
  const runFile = (f: File) => {
    if (f.size > MAX_FILE) {
      out.replaceChildren(errorBox(new Error(`${f.name}: > 5 MB`)));
      return;
    }
    void run(async () => api.analyzeFile(await f.arrayBuffer(), meta()));
  };

  const form = h(
    "form",
    { class: "analyze-form", "data-testid": "analyze-form" },
    h("h1", null, t.analyzeTitle),
    h("div", { class: "drop", "data-testid": "drop-zone" }, textarea),
    h(
      "div",
      { class: "row" },
      h("label", null, t.published, " ", published),
      h("label", null, t.language, " ", lang),
      file,
      fileLabel,
      button,
    ),
  );
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const text = textarea.value;
    if (!text.trim()) return;
    void run(() => api.analyzeText(text, meta()));
  });
  file.addEventListener("change", () => {
    const f = file.files?.[0];
    if (f) runFile(f);
  });
  const drop = form.querySelector(".drop")!;
  drop.addEventListener("dragover", (e) => {
    e.preventDefault();
    drop.classList.add("over");
  });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (e) => {
    const ev = e as DragEvent;
    ev.preventDefault();
    drop.classList.remove("over");
    const f = ev.dataTransfer?.files?.[0];
    if (f) runFile(f);
  });
  main.append(form, out);
}
