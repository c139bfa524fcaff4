/** A local HTTP server for fetch/follow tests: routes by path, records every request as the server saw it. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface Seen {
  path: string;
  at: number;
  headers: IncomingMessage["headers"];
}

export type Handler = (req: IncomingMessage, res: ServerResponse, n: number) => void | Promise<void>;

export interface TestServer {
  base: string;
  host: string;
  requests: Seen[];
  /** Requests in flight right now, and the most ever at once. */
  maxInFlight: number;
  route(path: string, h: Handler): void;
  count(path: string): number;
  close(): Promise<void>;
}

export async function startServer(routes: Record<string, Handler> = {}): Promise<TestServer> {
  const table = new Map(Object.entries(routes));
  const hits = new Map<string, number>();
  let inFlight = 0;
  const t: TestServer = {
    base: "",
    host: "",
    requests: [],
    maxInFlight: 0,
    route: (p, h) => void table.set(p, h),
    count: (p) => t.requests.filter((r) => r.path === p).length,
    close: () =>
      new Promise((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
  const server: Server = createServer(async (req, res) => {
    const path = req.url ?? "/";
    t.requests.push({ path, at: Date.now(), headers: req.headers });
    inFlight++;
    t.maxInFlight = Math.max(t.maxInFlight, inFlight);
    res.on("close", () => inFlight--);
    const key = table.has(path) ? path : path.split("?")[0];
    const n = (hits.get(key) ?? 0) + 1;
    hits.set(key, n);
    const h = table.get(key);
    if (!h) {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found");
      return;
    }
    try {
      await h(req, res, n);
    } catch {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    }
  });
  server.keepAliveTimeout = 100;
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const port = (server.address() as AddressInfo).port;
  t.base = `http://127.0.0.1:${port}`;
  t.host = `127.0.0.1:${port}`;
  return t;
}

/** A handler that sends a body with headers. */
export const send =
  (body: string | Buffer, headers: Record<string, string> = { "content-type": "text/html; charset=utf-8" }, status = 200): Handler =>
  (_req, res) => {
    res.writeHead(status, headers);
    res.end(body);
  };
