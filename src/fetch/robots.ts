/**
 * robots.txt, per origin, parsed by `robots-parser` and cached. RFC 9309 rules for when it cannot be read:
 * 4xx (none published) allows everything; 5xx or no answer disallows everything until a later retry, because a
 * site that is failing should not get crawled harder.
 */
import { createRequire } from "node:module";

interface Robot {
  isAllowed(url: string, ua?: string): boolean | undefined;
  getCrawlDelay(ua?: string): number | undefined;
  getSitemaps(): string[];
}
// robots-parser is CommonJS whose module.exports is the function itself; its typings describe a default export.
const robotsParser = createRequire(import.meta.url)("robots-parser") as (url: string, contents: string) => Robot;

export interface RobotsRules {
  isAllowed(url: string): boolean;
  /** Crawl-delay in seconds for our user agent, when the site sets one. */
  crawlDelay: number | null;
  /** Sitemaps the site lists (a way to discover sources). */
  sitemaps: string[];
  /** Set when robots.txt could not be read (no answer, 5xx, 429): why. Everything is disallowed for now. */
  unreadable?: string;
}

/** What the robots cache needs from the HTTP client: GET a URL, status and body (no robots check of its own). */
export type RobotsLoader = (url: string) => Promise<{ status: number; body: string } | null>;

export const ALLOW_ALL: RobotsRules = { isAllowed: () => true, crawlDelay: null, sitemaps: [] };
export const DISALLOW_ALL: RobotsRules = { isAllowed: () => false, crawlDelay: null, sitemaps: [] };

export class RobotsCache {
  private cache = new Map<string, { rules: Promise<RobotsRules>; expires: number }>();

  /**
   * @param agent the product token matched against User-agent lines ("Dzherelo")
   * @param ttlMs how long a robots.txt is trusted (default 6 h; RFC 9309 suggests at most 24 h)
   * @param failTtlMs how long "unreachable, disallow all" lasts before trying again (default 10 min)
   */
  constructor(
    private load: RobotsLoader,
    private agent: string,
    private ttlMs = 6 * 3600_000,
    private failTtlMs = 10 * 60_000,
  ) {}

  rules(url: URL): Promise<RobotsRules> {
    const origin = url.origin;
    const hit = this.cache.get(origin);
    if (hit && hit.expires > Date.now()) return hit.rules;
    const entry = { rules: null as unknown as Promise<RobotsRules>, expires: Date.now() + this.ttlMs };
    entry.rules = this.fetchRules(origin).then(({ rules, failed }) => {
      if (failed) entry.expires = Date.now() + this.failTtlMs;
      return rules;
    });
    this.cache.set(origin, entry);
    return entry.rules;
  }

  private async fetchRules(origin: string): Promise<{ rules: RobotsRules; failed: boolean }> {
    const robotsUrl = `${origin}/robots.txt`;
    let res: { status: number; body: string } | null;
    let why = "no answer";
    try {
      res = await this.load(robotsUrl);
    } catch (err) {
      res = null;
      if (err instanceof Error && err.message) why = err.message;
    }
    if (!res || res.status >= 500 || res.status === 429) {
      return { rules: { ...DISALLOW_ALL, unreadable: res ? `HTTP ${res.status}` : why }, failed: true };
    }
    if (res.status >= 400) return { rules: ALLOW_ALL, failed: false };
    if (res.status < 200 || res.status >= 300) return { rules: ALLOW_ALL, failed: false };
    const robot = robotsParser(robotsUrl, res.body);
    const agent = this.agent;
    return {
      rules: {
        // robots-parser answers undefined for URLs of another origin; those are checked against their own file.
        isAllowed: (u: string) => robot.isAllowed(u, agent) !== false,
        crawlDelay: robot.getCrawlDelay(agent) ?? null,
        sitemaps: robot.getSitemaps(),
      },
      failed: false,
    };
  }
}
