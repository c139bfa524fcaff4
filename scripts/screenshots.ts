/**
 * `npm run screenshots`: PNGs of the main pages into docs/ (1280 px desktop and a 390 px phone), taken in
 * headless Chromium against a fresh server filled with the demo articles and the fixture corpus.
 *   docs/screenshot-analyze.png, docs/screenshot-search.png, docs/screenshot-speaker.png,
 *   docs/screenshot-story.png, docs/screenshot-phone-analyze.png, docs/screenshot-phone-story.png
 */
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../test/helpers/shared.js";
import { demoArticles, fixtureItems, HAS_CHROMIUM, ingest, launchBrowser, startHarness } from "../test/e2e/harness.js";

if (!HAS_CHROMIUM) {
  console.error("screenshots: Chromium not found at /usr/bin/chromium (apt-get install -y chromium)");
  process.exit(2);
}
const out = join(ROOT, "docs");
mkdirSync(out, { recursive: true });

const h = await startHarness();
const browser = await launchBrowser();
try {
  await ingest(h.url, [...demoArticles(), ...(await fixtureItems())]);
  const seed = readFileSync(join(ROOT, "samples", "seed", "article.txt"), "utf8");
  const shots: string[] = [];

  for (const [kind, viewport] of [["desktop", { width: 1280, height: 900 }], ["phone", { width: 390, height: 844 }]] as const) {
    const ctx = await browser.newContext({ viewport, deviceScaleFactor: 1, locale: "uk-UA", isMobile: kind === "phone" });
    const page = await ctx.newPage();
    const shot = async (name: string, full = false) => {
      const file = join(out, kind === "phone" ? `screenshot-phone-${name}.png` : `screenshot-${name}.png`);
      await page.mouse.move(1, 1); // no hover highlight in the picture
      await page.waitForTimeout(150);
      await page.screenshot({ path: file, fullPage: full });
      shots.push(file);
    };

    await page.goto(`${h.url}/#/analyze`);
    await page.fill('[data-testid="analyze-input"]', seed);
    await page.fill('[data-testid="analyze-published"]', "2024-06-19");
    await page.click('[data-testid="analyze-submit"]');
    await page.waitForSelector('[data-testid="analysis"]', { timeout: 60_000 });
    await page.evaluate(() => document.querySelector('[data-testid="analysis"]')!.scrollIntoView());
    await shot("analyze");
    if (kind === "phone") {
      await page.goto(`${h.url}/#/stories`);
      await page.locator('[data-testid="story-item"] a').first().click();
      await page.waitForSelector('[data-testid="story-page"]');
      await shot("story", true);
      await ctx.close();
      continue;
    }

    await page.goto(`${h.url}/#/search?q=${encodeURIComponent("сонячна станція")}`);
    await page.waitForSelector('[data-testid="hit"]');
    await shot("search");

    await page.goto(`${h.url}/#/search?q=${encodeURIComponent("flood barrier")}&outlet=${encodeURIComponent("Harbor Gazette")}`);
    await page.locator('[data-testid="hit"] .hit-title').first().click();
    await page.waitForSelector('[data-testid="speakers"] .chip.speaker');
    await page.locator('[data-testid="speakers"] .chip.speaker', { hasText: "Reyes" }).first().click();
    await page.waitForSelector('[data-testid="speaker-page"]');
    await shot("speaker", true);

    // The story with the richest citation graph.
    const { stories } = (await (await fetch(`${h.url}/api/stories`)).json()) as { stories: Array<{ id: string }> };
    let best = stories[0].id;
    let edges = -1;
    for (const s of stories) {
      const r = (await (await fetch(`${h.url}/api/stories/${encodeURIComponent(s.id)}`)).json()) as { citations: unknown[] };
      if (r.citations.length > edges) [best, edges] = [s.id, r.citations.length];
    }
    await page.goto(`${h.url}/#/story/${encodeURIComponent(best)}`);
    await page.waitForSelector('[data-testid="story-page"]');
    await shot("story", true);
    await ctx.close();
  }
  for (const f of shots) console.log(f);
} finally {
  await browser.close();
  await h.close();
}
