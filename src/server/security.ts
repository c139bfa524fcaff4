/**
 * What keeps the server safe to run on a workstation: strict response headers, the access token, and a
 * Host-header check.
 *
 * Article text and HTML are hostile input. The web UI only ever builds DOM with textContent; the headers
 * below are the second wall: a Content-Security-Policy that allows no inline script, no eval, no foreign
 * origin, no plugins and no framing, so even markup that slipped through could not run or phone home.
 */
import { timingSafeEqual } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";

export const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join("; ");

/** Headers every response carries. */
export const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  const h = c.res.headers;
  h.set("Content-Security-Policy", CSP);
  h.set("X-Content-Type-Options", "nosniff");
  h.set("Referrer-Policy", "no-referrer");
  h.set("X-Frame-Options", "DENY");
  h.set("Cross-Origin-Opener-Policy", "same-origin");
  h.set("Cross-Origin-Resource-Policy", "same-origin");
  h.set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()");
};

export const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

export function isLoopback(host: string): boolean {
  return LOOPBACK_HOSTS.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * When the server listens on loopback only, a web page from elsewhere could still reach it through a DNS name
 * that resolves to 127.0.0.1 (DNS rebinding). Refusing requests whose Host is not a loopback name closes that.
 */
export function loopbackHostOnly(): MiddlewareHandler {
  return async (c, next) => {
    const host = (c.req.header("host") ?? "").replace(/:\d+$/, "");
    if (host && !isLoopback(host)) {
      return c.json({ error: { code: "bad_host", message: `Host "${host}" is not served; use 127.0.0.1` } }, 421);
    }
    await next();
  };
}

export const TOKEN_COOKIE = "dzherelo_token";

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookieToken(c: Context): string | null {
  const raw = c.req.header("cookie");
  if (!raw) return null;
  for (const part of raw.split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === TOKEN_COOKIE) return decodeURIComponent(v.join("="));
  }
  return null;
}

/**
 * The access token, required for every /api request when set (always when the server listens beyond
 * loopback). API clients send `Authorization: Bearer <token>`; a browser opens `/?token=<token>` once and
 * gets an HttpOnly, SameSite=Strict cookie, so the token never has to live in page script.
 */
export function tokenGate(token: string): { api: MiddlewareHandler; page: MiddlewareHandler } {
  const api: MiddlewareHandler = async (c, next) => {
    const auth = c.req.header("authorization") ?? "";
    const bearer = /^Bearer\s+(.+)$/i.exec(auth)?.[1] ?? null;
    const given = bearer ?? cookieToken(c);
    if (!given || !sameSecret(given, token)) {
      c.header("WWW-Authenticate", 'Bearer realm="dzherelo"');
      return c.json({ error: { code: "unauthorized", message: "a valid token is required (Authorization: Bearer …)" } }, 401);
    }
    await next();
  };
  const page: MiddlewareHandler = async (c, next) => {
    const given = c.req.query("token");
    if (given !== undefined) {
      if (!sameSecret(given, token)) return c.text("wrong token", 401);
      const secure = new URL(c.req.url).protocol === "https:" ? "; Secure" : "";
      c.header("Set-Cookie", `${TOKEN_COOKIE}=${encodeURIComponent(token)}; Path=/; HttpOnly; SameSite=Strict${secure}`);
      return c.redirect("/", 303);
    }
    await next();
  };
  return { api, page };
}
