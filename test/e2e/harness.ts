/**
 * Browser harness for the end-to-end tests and `npm run screenshots`: headless Chromium (Debian's
 * /usr/bin/chromium, driven by playwright-core) against a real server on 127.0.0.1 with a fresh database.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser } from "playwright-core";
import { readSources } from "../../src/ingest/sources/index.js";
import { startServer, type RunningServer } from "../../src/server/serve.js";
import { ROOT } from "../helpers/shared.js";

export const CHROMIUM = process.env.DZHERELO_CHROMIUM ?? "/usr/bin/chromium";
export const HAS_CHROMIUM = existsSync(CHROMIUM);
if (!HAS_CHROMIUM && process.env.CI === "true") {
  throw new Error(`CI=true but Chromium is missing at ${CHROMIUM} (.ci/run installs it)`);
}
export const WEB_ROOT = join(ROOT, "web", "dist");

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/** Builds the web UI when it is missing (a fresh checkout that skipped `npm run build`). */
export async function ensureWebBuilt(): Promise<void> {
  if (existsSync(join(WEB_ROOT, "index.html"))) return;
  const { build } = await import("vite");
  await build({ root: join(ROOT, "web"), logLevel: "warn", configFile: join(ROOT, "web", "vite.config.ts") });
}

export interface Harness {
  server: RunningServer;
  url: string;
  close(): Promise<void>;
}

/** A server on a free port of 127.0.0.1 over an empty database in a temporary folder. */
export async function startHarness(opts: { token?: string } = {}): Promise<Harness> {
  await ensureWebBuilt();
  const dir = mkdtempSync(join(tmpdir(), "dzherelo-e2e-"));
  const server = await startServer({ db: join(dir, "e2e.db"), port: 0, host: "127.0.0.1", token: opts.token ?? null, webRoot: WEB_ROOT });
  return {
    server,
    url: server.url,
    async close() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The demo articles shipped in samples/demo (fictional news written for the project). */
export function demoArticles(): Array<Record<string, string>> {
  const dir = join(ROOT, "samples", "demo");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), "utf8")));
}

/** Ingests articles through the HTTP API, as a client would. */
export async function ingest(url: string, articles: Array<Record<string, unknown>>, token?: string): Promise<{ created: number; results: Array<{ id: string }> }> {
  const res = await fetch(`${url}/api/articles`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ articles }),
  });
  if (!res.ok) throw new Error(`ingest failed: ${res.status} ${await res.text()}`);
  return res.json() as Promise<{ created: number; results: Array<{ id: string }> }>;
}

/** The fixture corpus (test/fixtures/corpus) as API ingest items. */
export async function fixtureItems(): Promise<Array<Record<string, unknown>>> {
  const out: Array<Record<string, unknown>> = [];
  for await (const it of readSources([join(ROOT, "test", "fixtures", "corpus")])) {
    if (!it.raw) continue;
    const r = it.raw;
    const content = typeof r.content === "string" ? r.content : new TextDecoder().decode(r.content);
    const meta = Object.fromEntries(
      Object.entries({ url: r.url, published: r.published, publisher: r.publisher, title: r.title, lang: r.lang, origin: r.origin }).filter(([, v]) => v),
    );
    out.push({ ...(r.kind === "html" ? { html: content } : { text: content }), ...meta });
  }
  return out;
}
