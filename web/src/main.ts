/**
 * The web UI: a small single-page app with hash routes, plain TypeScript and DOM built through ./dom.ts.
 *   #/analyze            paste or drop an article, see its analysis
 *   #/search?q=…         search the corpus with filters
 *   #/speaker/<name>     every quote of a person over time
 *   #/stories            story clusters;  #/story/<id>  one story
 *   #/article/<id>       a stored article, analysed
 */
import "./style.css";
import { clear, h } from "./dom.js";
import { setUiLang, t, uiLang } from "./i18n.js";
import { analyzePage } from "./pages/analyze.js";
import { articlePage } from "./pages/article.js";
import { searchPage } from "./pages/search.js";
import { speakerPage } from "./pages/speaker.js";
import { storiesPage, storyPage } from "./pages/story.js";
import { errorBox } from "./views/error.js";
import { parseHash } from "./routes.js";

const root = document.getElementById("app")!;
let renderSeq = 0;

function header(active: string): HTMLElement {
  const item = (name: string, label: string) =>
    h("a", { href: `#/${name}`, class: active === name ? "active" : null, "aria-current": active === name ? "page" : null }, label);
  const switcher = h("button", { type: "button", class: "lang-switch", "data-testid": "ui-lang" }, t.switchLang);
  switcher.addEventListener("click", () => {
    setUiLang(uiLang() === "uk" ? "en" : "uk");
    void render();
  });
  return h(
    "header",
    { class: "top" },
    h("a", { href: "#/search", class: "brand" }, h("span", { class: "logo" }, "◆"), t.appName),
    h("nav", null, item("analyze", t.navAnalyze), item("search", t.navSearch), item("stories", t.navStories)),
    switcher,
  );
}

async function render(): Promise<void> {
  const seq = ++renderSeq;
  const route = parseHash(location.hash);
  const name = route.name || "search";
  document.documentElement.lang = uiLang();
  const main = h("main", { id: "main" });
  clear(root);
  root.append(header(name === "story" ? "stories" : name === "speaker" || name === "article" ? "search" : name), main);
  const stale = () => seq !== renderSeq;
  try {
    switch (name) {
      case "analyze":
        await analyzePage(main, route, stale);
        break;
      case "search":
        await searchPage(main, route, stale);
        break;
      case "speaker":
        await speakerPage(main, route, stale);
        break;
      case "stories":
        await storiesPage(main, route, stale);
        break;
      case "story":
        await storyPage(main, route, stale);
        break;
      case "article":
        await articlePage(main, route, stale);
        break;
      default:
        main.append(errorBox(new Error(t.notFound)));
    }
  } catch (err) {
    if (stale()) return;
    main.append(errorBox(err));
  }
}

window.addEventListener("hashchange", () => void render());
void render();
