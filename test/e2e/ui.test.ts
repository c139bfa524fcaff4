/**
 * End-to-end: the web UI in headless Chromium against a real server on 127.0.0.1.
 * Skips (with the reason in its name) where /usr/bin/chromium is absent; CI installs it.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import iconv from "iconv-lite";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HAS_SHARED, ROOT, sharedPath } from "../helpers/shared.js";
import { demoArticles, fixtureItems, HAS_CHROMIUM, ingest, launchBrowser, startHarness, type Harness } from "./harness.js";

/** Everything a page did that a hostile article might have caused: dialogs, CSP violations, stray requests. */
function watch(page: Page) {
  const seen = { dialogs: [] as string[], requests: [] as string[], errors: [] as string[] };
  page.on("dialog", (d) => {
    seen.dialogs.push(d.message());
    void d.dismiss();
  });
  page.on("request", (r) => {
    const u = new URL(r.url());
    if (u.protocol !== "data:" && !/^127\.0\.0\.1$/.test(u.hostname)) seen.requests.push(r.url());
    if (/pwned/.test(r.url())) seen.requests.push(r.url());
  });
  page.on("pageerror", (e) => seen.errors.push(e.message));
  return seen;
}

describe.skipIf(!HAS_CHROMIUM)("web UI in headless Chromium (needs /usr/bin/chromium)", () => {
  let h: Harness;
  let browser: Browser;
  let page: Page;
  let seen: ReturnType<typeof watch>;

  beforeAll(async () => {
    h = await startHarness();
    const res = await ingest(h.url, [...demoArticles(), ...(await fixtureItems())]);
    expect(res.created).toBeGreaterThan(5);
    browser = await launchBrowser();
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en-US" });
    page = await ctx.newPage();
    seen = watch(page);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it("searches with a filter, shows snippets with the matched words, and opens an article", async () => {
    await page.goto(`${h.url}/#/search`);
    await page.fill('[data-testid="search-q"]', "flood barrier");
    await page.press('[data-testid="search-q"]', "Enter");
    await page.waitForSelector('[data-testid="hit"]');
    const hits = page.locator('[data-testid="hit"]');
    expect(await hits.count()).toBe(2);
    expect(await page.locator('[data-testid="hit"] mark').first().textContent()).toMatch(/flood|barrier/i);
    expect(page.url()).toContain("q=flood+barrier");

    await page.selectOption('[data-testid="search-lang"]', "uk");
    await page.fill('[data-testid="search-q"]', "");
    await page.fill('[data-testid="search-outlet"]', "Вербівські вісті");
    await page.press('[data-testid="search-outlet"]', "Enter");
    await page.waitForFunction(() => document.querySelector('[data-testid="results"] .count')?.textContent?.includes("2"));
    const titles = await page.locator('[data-testid="hit"] .hit-title').allTextContents();
    expect(titles.sort()).toEqual(["Міська рада Вербівки виділила 28 млн грн на ремонт шкіл", "У Вербівці запрацювала сонячна електростанція на 12 МВт"]);

    await page.locator('[data-testid="hit"] .hit-title').first().click();
    await page.waitForSelector('[data-testid="article-text"]');
    expect(await page.locator('[data-testid="article-text"]').textContent()).toContain("Вербів");
  });

  it("suggests speaker names from the corpus while typing a filter", async () => {
    await page.goto(`${h.url}/#/search`);
    await page.fill('[data-testid="search-speaker"]', "Dan");
    await page.waitForFunction(() => document.querySelectorAll("#dl-people option").length > 0);
    const options = await page.locator("#dl-people option").evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(options.some((o) => /Daniel Reyes/.test(o))).toBe(true);
  });

  it("pages through results", async () => {
    await page.goto(`${h.url}/#/search`);
    await page.waitForSelector('[data-testid="results"]');
    const total = Number((await page.locator('[data-testid="results"] .count').textContent())!.replace(/\D/g, ""));
    expect(total).toBeGreaterThan(10);
    const first = await page.locator('[data-testid="hit"] .hit-title').allTextContents();
    await page.click('[data-testid="next-page"]');
    await page.waitForFunction(() => location.hash.includes("page=2"));
    await page.waitForSelector('[data-testid="hit"]');
    const second = await page.locator('[data-testid="hit"] .hit-title').allTextContents();
    expect(second.length).toBeGreaterThan(0);
    expect(second.some((t) => first.includes(t))).toBe(false);
  });

  it("opens a speaker page from a speaker chip: the speaker's quotes, a timeline and counts by outlet", async () => {
    await page.goto(`${h.url}/#/search?q=${encodeURIComponent("flood barrier hospital")}&outlet=${encodeURIComponent("Harbor Gazette")}`);
    await page.locator('[data-testid="hit"] .hit-title').first().click();
    await page.waitForSelector('[data-testid="analysis"]');
    const chip = page.locator('[data-testid="speakers"] .chip.speaker', { hasText: "Reyes" }).first();
    expect(await chip.count(), "the article quotes Mayor Daniel Reyes; attribution must find him").toBe(1);
    expect(await chip.getAttribute("title")).toMatch(/resolved/);
    await chip.click();
    await page.waitForSelector('[data-testid="speaker-page"]');
    expect(await page.locator('[data-testid="speaker-name"]').textContent()).toMatch(/Reyes/);
    expect(await page.locator('[data-testid="timeline-chart"] rect.bar').count()).toBeGreaterThan(0);
    const quotes = await page.locator('[data-testid="speaker-quote"] .quote-text').allTextContents();
    expect(quotes.join(" ")).toContain("This barrier is the difference between a wet street and a flooded hospital");
    expect(await page.locator('[data-testid="by-outlet"]').textContent()).toMatch(/Harbor Gazette/);
  });

  it("opens a story page: articles across outlets, timeline, citation graph", async () => {
    await page.goto(`${h.url}/#/stories`);
    await page.waitForSelector('[data-testid="story-item"]');
    await page.locator('[data-testid="story-item"] a', { hasText: "Port Alder" }).first().click();
    await page.waitForSelector('[data-testid="story-page"]');
    const articles = await page.locator('[data-testid="story-articles"] li').allTextContents();
    expect(articles.length).toBe(2);
    expect(articles.join(" ")).toMatch(/Harbor Gazette/);
    expect(articles.join(" ")).toMatch(/Coastal Times/);
    expect(await page.locator('[data-testid="story-timeline"] circle').count()).toBe(2);
    expect(await page.locator('[data-testid="story-page"] .tag.first').count()).toBe(1);
    // Who cites whom: the outlet that reported "according to the Port Authority" points at it.
    expect(await page.locator('[data-testid="citation-graph"] .node.outlet').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="citation-graph"] .node.source text').allTextContents()).toContain("Port Authority");
  });

  it("switches the interface between English and Ukrainian", async () => {
    await page.goto(`${h.url}/#/search`);
    await page.waitForSelector("header nav");
    const before = await page.locator("header nav").textContent();
    await page.click('[data-testid="ui-lang"]');
    await page.waitForFunction((b) => document.querySelector("header nav")?.textContent !== b, before);
    const after = await page.locator("header nav").textContent();
    expect([before, after].sort()).toEqual(["AnalyzeSearchStories", "АналізПошукСюжети"].sort());
  });

  it.skipIf(!HAS_SHARED)("analyses the seed article and shows its quotes with the right speakers (needs ../shared)", async () => {
    const expected = JSON.parse(readFileSync(sharedPath("seed", "expected.json"), "utf8")) as {
      quotes: Array<{ quote: string; speaker: string; speaker_aliases?: string[] }>;
    };
    await page.goto(`${h.url}/#/analyze`);
    await page.fill('[data-testid="analyze-input"]', readFileSync(join(ROOT, "samples", "seed", "article.txt"), "utf8"));
    await page.fill('[data-testid="analyze-published"]', "2024-06-19");
    await page.click('[data-testid="analyze-submit"]');
    await page.waitForSelector('[data-testid="analysis"]', { timeout: 30_000 });
    const cards = await page.locator('[data-testid="quote"]').evaluateAll((els) =>
      els.map((el) => ({
        text: el.querySelector(".quote-text")?.textContent ?? "",
        speaker: el.querySelector(".chip.speaker")?.textContent ?? "",
      })),
    );
    const norm = (s: string) => s.replace(/\s+/g, " ").trim().toLowerCase();
    for (const q of expected.quotes) {
      const card = cards.find((c) => norm(c.text).includes(norm(q.quote).slice(0, 40)) || norm(q.quote).includes(norm(c.text).slice(0, 40)));
      expect(card, `quote shown: ${q.quote.slice(0, 50)}…`).toBeTruthy();
      const names = [q.speaker, ...(q.speaker_aliases ?? [])].map(norm);
      expect(names, `speaker of "${q.quote.slice(0, 40)}…"`).toContain(norm(card!.speaker));
    }
    // Each quote is highlighted in the text, coloured like its speaker chip.
    expect(await page.locator('[data-testid="article-text"] .q').count()).toBeGreaterThanOrEqual(expected.quotes.length);
    const colours = await page.evaluate(() =>
      [...document.querySelectorAll('[data-testid="quote"]')].map((card) => {
        const id = card.getAttribute("data-q")!;
        const inText = document.querySelector(`[data-testid="article-text"] .q[data-q="${id}"]`);
        const chip = card.querySelector(".chip.speaker");
        return [inText && getComputedStyle(inText).getPropertyValue("--c"), chip && getComputedStyle(chip).getPropertyValue("--c")];
      }),
    );
    for (const [text, chip] of colours) expect(text).toBe(chip);
    // The removed noise is folded away, not in the text.
    expect(await page.locator('[data-testid="removed"]').getAttribute("open")).toBeNull();
    expect(await page.locator('[data-testid="article-text"]').textContent()).not.toContain("Advertisement");
  });

  it("analyses a chosen file in its own charset (windows-1251) and a dropped HTML file", async () => {
    const text = "Вербівська рада ухвалила бюджет.\n\n«Це важливе рішення для громади», – сказала голова ради Олена Коваль.";
    await page.goto(`${h.url}/#/analyze`);
    await page.setInputFiles("#analyze-file", { name: "news-cp1251.txt", mimeType: "text/plain", buffer: iconv.encode(text, "win1251") });
    await page.waitForSelector('[data-testid="analysis"]');
    expect(await page.locator('[data-testid="article-text"]').textContent()).toContain("Це важливе рішення для громади");

    const html = "<html><head><title>Drop test</title></head><body><article><h1>Drop test</h1><p>The harbor wall was finished on Monday, officials said.</p></article></body></html>";
    await page.evaluate((content) => {
      const dt = new DataTransfer();
      dt.items.add(new File([content], "dropped.html", { type: "text/html" }));
      const zone = document.querySelector('[data-testid="drop-zone"]')!;
      zone.dispatchEvent(new DragEvent("dragover", { dataTransfer: dt, bubbles: true, cancelable: true }));
      zone.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, html);
    await page.waitForFunction(() => document.querySelector('[data-testid="article-text"]')?.textContent?.includes("harbor wall"));
  });

  it("renders a hostile article inert: no script runs, no markup is interpreted, no request leaves", async () => {
    const hostile = [
      "Hostile <script>alert('pwned-script');fetch('/pwned-script')</script> headline",
      "",
      '"It is safe <img src=x onerror="alert(\'pwned-img\')"> here," the mayor <b onmouseover="alert(1)">said</b>.',
      "",
      'Read <a href="javascript:alert(\'pwned-link\')">more</a> or <iframe src="javascript:alert(2)"></iframe>',
      "<style>body{display:none} *{background:url(/pwned-css)}</style><svg onload=\"alert('pwned-svg')\"></svg>",
      "<div style=\"position:fixed;inset:0;background:url('https://evil.example/pwned')\">overlay</div>",
    ].join("\n");
    // As an analysed HTML page…
    await page.goto(`${h.url}/#/analyze`);
    await page.fill('[data-testid="analyze-input"]', hostile);
    await page.click('[data-testid="analyze-submit"]');
    await page.waitForSelector('[data-testid="analysis"]');
    await page.hover('[data-testid="article-text"]');
    // …and as a stored article with a hostile title and URL, opened from search.
    const stored = await ingest(h.url, [{ text: hostile.replace(/<[^>]*>/g, " ") + " quarantine", title: "<img src=x onerror=alert('pwned-title')>", url: "javascript:alert('pwned-url')" }]);
    await page.goto(`${h.url}/#/search?q=quarantine`);
    await page.waitForSelector('[data-testid="hit"]');
    await page.goto(`${h.url}/#/article/${stored.results[0].id}`);
    await page.waitForSelector('[data-testid="analysis"]');
    await page.waitForTimeout(300);

    expect(seen.dialogs).toEqual([]);
    expect(seen.requests).toEqual([]);
    const dom = await page.evaluate(() => {
      const app = document.getElementById("app")!;
      const all = [...app.querySelectorAll("*")];
      return {
        dangerous: all.filter((e) => /^(script|iframe|img|style|object|embed|svg|b)$/i.test(e.tagName) && !e.closest("svg.chart, svg.graph")).map((e) => e.tagName),
        handlers: all.filter((e) => [...e.attributes].some((a) => /^on/i.test(a.name) || a.name === "style")).length,
        hrefs: all.filter((e) => e.hasAttribute("href")).map((e) => e.getAttribute("href")!),
        visible: getComputedStyle(document.body).display,
        titleText: document.querySelector(".article-title")?.textContent ?? "",
      };
    });
    expect(dom.dangerous).toEqual([]);
    expect(dom.handlers).toBe(0);
    for (const href of dom.hrefs) expect(href).toMatch(/^(#|https?:|\/)/);
    expect(dom.visible).not.toBe("none");
    // The hostile title is shown as the text it is.
    expect(dom.titleText).toContain("<img src=x onerror=alert('pwned-title')>");
  });

  it("with a token: the UI says how to get in, and works after opening the link with the token", async () => {
    const token = "e2e-token-0123456789abcdef";
    const guarded = await startHarness({ token });
    const ctx = await browser.newContext();
    try {
      const p = await ctx.newPage();
      await p.goto(`${guarded.url}/#/search`);
      await p.waitForSelector(".error");
      expect(await p.locator(".error").textContent()).toMatch(/token/);
      await p.goto(`${guarded.url}/?token=${token}`);
      await p.waitForSelector('[data-testid="results"]');
      expect(p.url()).not.toContain(token);
      const cookies = await ctx.cookies();
      expect(cookies.find((c) => c.name === "dzherelo_token")).toMatchObject({ httpOnly: true, sameSite: "Strict" });
    } finally {
      await ctx.close();
      await guarded.close();
    }
  });

  it("fits a phone-sized screen without sideways scrolling", async () => {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const phone = await ctx.newPage();
    const { stories } = await (await fetch(`${h.url}/api/stories`)).json();
    const { hits } = await (await fetch(`${h.url}/api/search?q=${encodeURIComponent("сонячна")}`)).json();
    for (const route of ["#/search", "#/stories", "#/analyze", `#/story/${stories[0].id}`, `#/article/${hits[0].articleId}`]) {
      await phone.goto(`${h.url}/${route}`);
      await phone.waitForSelector("main > *");
      const [scroll, width] = await phone.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
      expect(scroll, route).toBeLessThanOrEqual(width);
    }
    await ctx.close();
  });
});
