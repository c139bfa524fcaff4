import { describe, expect, it } from "vitest";
import { startServer } from "../../src/server/serve.js";

describe("serve on a port", () => {
  it("on loopback needs no token and serves the API", async () => {
    const s = await startServer({ db: null, port: 0, host: "127.0.0.1", webRoot: null });
    try {
      expect(s.token).toBeNull();
      const res = await fetch(`${s.url}/api/health`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ ok: true, store: false });
    } finally {
      await s.close();
    }
  });

  it("beyond loopback always requires a token (one is generated when none is given)", async () => {
    const s = await startServer({ db: null, port: 0, host: "0.0.0.0", webRoot: null });
    try {
      expect(s.token).toMatch(/^[\w-]{24,}$/);
      const port = new URL(s.url).port;
      expect((await fetch(`http://127.0.0.1:${port}/api/health`)).status).toBe(401);
      const ok = await fetch(`http://127.0.0.1:${port}/api/health`, { headers: { authorization: `Bearer ${s.token}` } });
      expect(ok.status).toBe(200);
    } finally {
      await s.close();
    }
  });

  it("refuses a short token and a port in use, with a clear message", async () => {
    await expect(startServer({ db: null, port: 0, token: "short", webRoot: null })).rejects.toThrow(/at least 16/);
    const a = await startServer({ db: null, port: 0, webRoot: null });
    try {
      const port = Number(new URL(a.url).port);
      await expect(startServer({ db: null, port, webRoot: null })).rejects.toThrow(/in use/);
    } finally {
      await a.close();
    }
  });
});
