/**
 * The HTTP client for live sources, on Node's fetch (undici): follows redirects itself (so every hop is checked
 * against robots.txt and counted against its host's rate limit), lets undici undo gzip/deflate/br, stops reading
 * past a size limit (on the decompressed bytes, so a compressed bomb is cut too), times out the whole request,
 * retries 429/5xx and network failures with exponential backoff honouring Retry-After, and sends conditional
 * GETs (If-None-Match / If-Modified-Since) so an unchanged feed costs one 304.
 */
import { gunzipSync } from "node:zlib";
import { decodeBytes, type Decoded } from "../ingest/decode.js";
import { HostGate, hostKey, type Gate } from "./host-gate.js";
import { RobotsCache } from "./robots.js";

export const DEFAULT_USER_AGENT = "Dzherelo/0.1 (news analysis; reads public news pages, obeys robots.txt)";

export interface FetcherOptions {
  /** User-Agent header; its first word (before '/') is the robots.txt agent token. */
  userAgent?: string;
  /** Whole request (connect, headers and body) in ms (default 30 s). */
  timeoutMs?: number;
  /** Largest body accepted, after decompression (default 10 MB): reading stops and the connection is closed. */
  maxBytes?: number;
  /** Retries after the first attempt for 429, 5xx, timeouts and network errors (default 3). */
  retries?: number;
  /** First backoff in ms (default 1000); doubles on each retry, with jitter, up to `maxBackoffMs` (default 60 s). */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** A Retry-After longer than this is not waited for in place: the request fails and says when to come back. */
  maxRetryAfterMs?: number;
  maxRedirects?: number;
  /** Requests in flight per host (default 2) and minimum ms between request starts per host (default 1000). */
  concurrency?: number;
  intervalMs?: number;
  /** The per-host gate; default: this process's own (`HostGate` with `concurrency` and `intervalMs`). Give a
   * `RedisHostGate` for limits shared by every worker on every machine. */
  gate?: Gate;
  /** Obey robots.txt (default true). */
  robots?: boolean;
  /** Longest robots.txt Crawl-delay honoured, in ms (default 30 s): a larger one is capped, not ignored. */
  maxCrawlDelayMs?: number;
}

export interface FetchRequest {
  /** Validators from an earlier fetch: the server answers 304 when nothing changed. */
  etag?: string | null;
  lastModified?: string | null;
  accept?: string;
}

export interface FetchResult {
  /** The URL asked for, and the one the content came from after redirects. */
  url: string;
  finalUrl: string;
  status: number;
  /** 304: the validators matched; `bytes` is empty. */
  notModified: boolean;
  contentType: string | null;
  /** Charset the Content-Type header declares, lower case; null when none. */
  charset: string | null;
  etag: string | null;
  lastModified: string | null;
  bytes: Uint8Array;
  /** Redirect hops followed, in order. */
  redirects: string[];
  /** Attempts made for the last hop (1 when it worked first time). */
  attempts: number;
}

export type FetchErrorKind = "robots" | "timeout" | "too-large" | "http" | "network" | "redirects" | "url";

export class FetchError extends Error {
  override name = "FetchError";
  constructor(
    message: string,
    readonly kind: FetchErrorKind,
    readonly url: string,
    /** Permanent failures (404, robots, too large) are not worth retrying on the next poll. */
    readonly permanent: boolean,
    readonly status: number | null = null,
    /** When the server said when to come back (Retry-After), in ms from now. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Retry-After as ms from now: delta-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(v: string | null, now = Date.now()): number | null {
  if (!v) return null;
  const s = v.trim();
  if (/^\d+$/.test(s)) return Number(s) * 1000;
  const t = Date.parse(s);
  return Number.isFinite(t) ? Math.max(0, t - now) : null;
}

/** The charset parameter of a Content-Type header, lower case, or null. */
export function headerCharset(contentType: string | null): string | null {
  const m = contentType ? /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType) : null;
  return m ? m[1].toLowerCase() : null;
}

interface Hop {
  status: number;
  location: string | null;
  headers: Headers;
  bytes: Uint8Array;
}

export class Fetcher {
  readonly userAgent: string;
  readonly gate: Gate;
  private readonly robots: RobotsCache | null;
  private readonly o: Required<Omit<FetcherOptions, "userAgent" | "concurrency" | "intervalMs" | "robots" | "gate">>;

  constructor(opts: FetcherOptions = {}) {
    this.userAgent = opts.userAgent?.trim() || DEFAULT_USER_AGENT;
    this.gate = opts.gate ?? new HostGate({ concurrency: opts.concurrency, intervalMs: opts.intervalMs });
    this.o = {
      timeoutMs: opts.timeoutMs ?? 30_000,
      maxBytes: opts.maxBytes ?? 10 * 1024 * 1024,
      retries: opts.retries ?? 3,
      backoffMs: opts.backoffMs ?? 1000,
      maxBackoffMs: opts.maxBackoffMs ?? 60_000,
      maxRetryAfterMs: opts.maxRetryAfterMs ?? 120_000,
      maxRedirects: opts.maxRedirects ?? 5,
      maxCrawlDelayMs: opts.maxCrawlDelayMs ?? 30_000,
    };
    const token = this.userAgent.split(/[\/\s]/)[0] || "Dzherelo";
    this.robots =
      opts.robots === false
        ? null
        : new RobotsCache(async (u) => {
            // robots.txt itself: never checked against robots, one attempt per hop, small. Redirects are
            // followed (RFC 9309: at least five), since http → https for robots.txt is common.
            let at = new URL(u);
            for (let hops = 0; ; hops++) {
              const hop = await this.attempt(at, {}, 0, 512 * 1024);
              if (hop.status >= 300 && hop.status < 400 && hop.location && hops < 5) {
                at = new URL(hop.location, at);
                continue;
              }
              return { status: hop.status, body: new TextDecoder().decode(hop.bytes) };
            }
          }, token);
  }

  /**
   * GETs a URL: 2xx → the body; 304 → `notModified`. Anything else throws a FetchError saying what went wrong
   * and whether trying again later may help.
   */
  async fetch(url: string, req: FetchRequest = {}): Promise<FetchResult> {
    let current: URL;
    try {
      current = new URL(url);
    } catch {
      throw new FetchError(`not a URL: ${url}`, "url", url, true);
    }
    const redirects: string[] = [];
    for (let hop = 0; ; hop++) {
      if (current.protocol !== "http:" && current.protocol !== "https:") {
        throw new FetchError(`only http and https are fetched: ${current.href}`, "url", url, true);
      }
      if (this.robots) {
        const rules = await this.robots.rules(current);
        if (rules.crawlDelay) this.gate.slowDown(hostKey(current), Math.min(rules.crawlDelay * 1000, this.o.maxCrawlDelayMs));
        if (!rules.isAllowed(current.href)) {
          // An unreadable robots.txt (site down, DNS failure, 5xx) disallows everything only for now: the page is
          // worth trying again on a later poll, unlike one the site's robots.txt forbids.
          if (rules.unreadable) {
            throw new FetchError(`robots.txt of ${current.host} could not be read (${rules.unreadable}): nothing is fetched there until it can`, "robots", current.href, false);
          }
          throw new FetchError(`robots.txt of ${current.host} disallows ${current.pathname}`, "robots", current.href, true);
        }
      }
      let attempts = 0;
      const res = await this.withRetries(current, req, (n) => (attempts = n));
      if (res.status >= 300 && res.status < 400 && res.status !== 304 && res.location) {
        if (hop >= this.o.maxRedirects) throw new FetchError(`more than ${this.o.maxRedirects} redirects`, "redirects", url, true);
        current = new URL(res.location, current);
        redirects.push(current.href);
        continue;
      }
      const ok = (res.status >= 200 && res.status < 300) || res.status === 304;
      if (!ok) {
        // 404/410 are gone for good; 401/403 and other 4xx will not change by asking again soon either.
        throw new FetchError(`HTTP ${res.status} for ${current.href}`, "http", current.href, res.status < 500 && res.status !== 429, res.status);
      }
      const contentType = res.headers.get("content-type");
      return {
        url,
        finalUrl: current.href,
        status: res.status,
        notModified: res.status === 304,
        contentType,
        charset: headerCharset(contentType),
        etag: res.headers.get("etag"),
        lastModified: res.headers.get("last-modified"),
        bytes: res.bytes,
        redirects,
        attempts,
      };
    }
  }

  /** One hop with retries for 429, 5xx, timeouts and network errors; the host is paused while we back off. */
  private async withRetries(url: URL, req: FetchRequest, count: (n: number) => void): Promise<Hop> {
    const host = hostKey(url);
    for (let attempt = 0; ; attempt++) {
      count(attempt + 1);
      const backoff = Math.min(this.o.maxBackoffMs, this.o.backoffMs * 2 ** attempt) * (0.75 + Math.random() * 0.5);
      let hop: Hop;
      try {
        hop = await this.attempt(url, req, attempt);
      } catch (err) {
        const fe = err as FetchError;
        if (fe.permanent || attempt >= this.o.retries) throw err;
        this.gate.pause(host, Date.now() + backoff);
        continue;
      }
      if (hop.status === 429 || hop.status >= 500) {
        const retryAfter = parseRetryAfter(hop.headers.get("retry-after"));
        const wait = retryAfter ?? backoff;
        // Everyone waiting on this host waits too: the server asked for a pause, not just this request.
        this.gate.pause(host, Date.now() + Math.min(wait, this.o.maxRetryAfterMs));
        if (attempt >= this.o.retries || wait > this.o.maxRetryAfterMs) {
          throw new FetchError(`HTTP ${hop.status} for ${url.href}` + (retryAfter !== null ? ` (retry after ${Math.round(retryAfter / 1000)} s)` : ""), "http", url.href, false, hop.status, retryAfter);
        }
        continue;
      }
      return hop;
    }
  }

  /** One request under the host's limits: status, headers and (for 2xx) the body, at most `maxBytes`. */
  private async attempt(url: URL, req: FetchRequest, _attempt: number, maxBytes = this.o.maxBytes): Promise<Hop> {
    const host = hostKey(url);
    const release = await this.gate.acquire(host);
    const ac = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      ac.abort();
    }, this.o.timeoutMs);
    try {
      const headers: Record<string, string> = {
        "user-agent": this.userAgent,
        accept: req.accept ?? "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
        "accept-encoding": "gzip, deflate, br",
      };
      if (req.etag) headers["if-none-match"] = req.etag;
      if (req.lastModified) headers["if-modified-since"] = req.lastModified;
      const res = await fetch(url, { redirect: "manual", signal: ac.signal, headers });
      const hop: Hop = { status: res.status, location: res.headers.get("location"), headers: res.headers, bytes: new Uint8Array(0) };
      if (res.status < 200 || res.status >= 300) {
        await res.body?.cancel().catch(() => {});
        return hop;
      }
      const declared = Number(res.headers.get("content-length"));
      // Content-Length counts encoded bytes: only an unencoded body can be refused before reading it.
      if (!res.headers.get("content-encoding") && Number.isFinite(declared) && declared > maxBytes) {
        ac.abort();
        throw new FetchError(`response too large (${declared} bytes, limit ${maxBytes})`, "too-large", url.href, true);
      }
      hop.bytes = await readLimited(res, maxBytes, ac, url.href);
      return hop;
    } catch (err) {
      if (err instanceof FetchError) throw err;
      if (timedOut) throw new FetchError(`timed out after ${this.o.timeoutMs} ms: ${url.href}`, "timeout", url.href, false);
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      throw new FetchError(`network error for ${url.href}: ${cause?.code ?? cause?.message ?? (err as Error).message}`, "network", url.href, false);
    } finally {
      clearTimeout(timer);
      release();
    }
  }
}

async function readLimited(res: Response, maxBytes: number, ac: AbortController, url: string): Promise<Uint8Array> {
  if (!res.body) return new Uint8Array(0);
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      // Stop the download: the connection is closed, the rest is never transferred.
      ac.abort();
      await reader.cancel().catch(() => {});
      throw new FetchError(`response too large (over ${maxBytes} bytes)`, "too-large", url, true);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** A gzip file served as such (sitemap.xml.gz without Content-Encoding): its content; other bytes as they are. */
export function gunzipIfGzip(bytes: Uint8Array, maxBytes = 64 * 1024 * 1024): Uint8Array {
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  try {
    return gunzipSync(bytes, { maxOutputLength: maxBytes });
  } catch {
    return bytes;
  }
}

/** The charset an XML document declares in its prolog (`<?xml … encoding="windows-1251"?>`), or null. */
export function xmlEncoding(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 200)).toString("latin1");
  const m = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head);
  return m ? m[1] : null;
}

/**
 * The body as text. The header's charset is the declaration (an XML prolog's when the header has none);
 * `decodeBytes` checks it against the bytes, so a windows-1251 page labelled UTF-8 (or the reverse) is decoded
 * by its content, with a warning.
 */
export function decodeBody(res: Pick<FetchResult, "bytes" | "charset">): Decoded {
  const bytes = gunzipIfGzip(res.bytes);
  return decodeBytes(bytes, { declared: res.charset ?? xmlEncoding(bytes) });
}
