import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../helpers/shared.js";
import { cli, cliAsync, cliIn, countArticles, inspect, syntheticJsonl } from "./helpers.js";
import { warcRecord } from "../ingest-sources/warc-helper.js";

const FIXTURES = join(ROOT, "test", "fixtures", "corpus");
const tmp = () => mkdtempSync(join(tmpdir(), "dz-cli-"));

describe("corpus CLI on the fixture corpus", () => {
  const db = join(tmp(), "c.db");
  let first: ReturnType<typeof cli>;
  beforeAll(() => {
    first = cli(["ingest", FIXTURES, "--db", db, "--json"]);
  });

  it("ingests folders of .jsonl, .rss, .txt and .html, and a second run stores nothing twice", () => {
    expect(first.code, first.stderr).toBe(0);
    const s1 = JSON.parse(first.stdout);
    expect(s1).toMatchObject({ stored: 7, duplicates: 0, failed: 0, interrupted: false });
    const again = cli(["ingest", FIXTURES, "--db", db, "--json"]);
    expect(JSON.parse(again.stdout)).toMatchObject({ stored: 0, duplicates: 7 });
    expect(inspect(db)).toMatchObject({ articles: 7, distinct: 7, integrity: "ok", fts: 7 });
  });

  it("reports empty and blank inputs as failed instead of storing empty articles", () => {
    const dir = tmp();
    writeFileSync(join(dir, "empty.txt"), "");
    writeFileSync(join(dir, "blank.txt"), "  \n\n ");
    writeFileSync(join(dir, "story.txt"), "Київ. Мер міста заявив, що укриття відкриті цілодобово.");
    const empty = join(dir, "e.db");
    const r = cli(["ingest", dir, "--db", empty, "--json"]);
    expect(JSON.parse(r.stdout)).toMatchObject({ stored: 1, failed: 2 });
    expect(r.stderr).toMatch(/empty\.txt.*no article text/);
    expect(countArticles(empty)).toBe(1);
  });

  it("searches by lemma with filters and prints hits as a table or JSON", async () => {
    const r = await cliIn(["search", "договору", "--lang", "uk", "--db", db, "--json"]);
    expect(r.code, r.stderr).toBe(0);
    const res = JSON.parse(r.stdout);
    expect(res.total).toBe(1);
    expect(res.hits[0]).toMatchObject({ publisher: "УНН", lang: "uk" });
    expect(res.hits[0].snippet).toMatch(/\[договір\]/);
    const feed = JSON.parse((await cliIn(["search", "grain", "--db", db, "--json"])).stdout);
    expect(feed.hits[0]).toMatchObject({ publisher: "Harbour Post", url: "https://harbour-post.example/odesa-grain" });
    const none = JSON.parse((await cliIn(["search", "договір", "--from", "2024-06-20", "--to", "2024-06-30", "--db", db, "--json"])).stdout);
    expect(none.total).toBe(0);
    const table = await cliIn(["search", "укриттів", "--db", db]);
    expect(table.stdout).toMatch(/\[укриттів\]|\[укриття\]/);
    const lines = (await cliIn(["search", "--outlet", "Harbour Post", "--db", db, "--jsonl"])).stdout.trim().split("\n");
    expect(lines.map((l) => JSON.parse(l).publisher)).toEqual(["Harbour Post", "Harbour Post"]);
  });

  it("groups the Ukrainian and Russian retellings of one report into a story", async () => {
    const s = JSON.parse((await cliIn(["stories", "--db", db, "--json"])).stdout);
    expect(s.total).toBe(1);
    expect(s.stories[0].langs.sort()).toEqual(["ru", "uk"]);
    const story = JSON.parse((await cliIn(["story", s.stories[0].id, "--db", db, "--json"])).stdout);
    expect(story.articles.map((a: { publisher: string }) => a.publisher).sort()).toEqual(["УНН", "Вести Дня"].sort());
    const human = await cliIn(["story", s.stories[0].id, "--db", db]);
    expect(human.stdout).toMatch(/first reported: 2024-06-19/);
  });

  it("rejects bad options and unknown ids with a clear message", async () => {
    const bad = await cliIn(["search", "x", "--from", "yesterday", "--db", db]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--from: not a date/);
    const story = await cliIn(["story", "99999", "--db", db]);
    expect(story.code).toBe(1);
    expect(story.stderr).toMatch(/no story 99999/);
    const missing = await cliIn(["search", "x", "--db", join(tmp(), "none.db")]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no corpus at/);
  });

  it("reindex re-analyses the stored raw inputs and keeps the corpus whole", async () => {
    const r = await cliIn(["reindex", "--db", db, "--json"]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ done: 7, total: 7, failed: 0 });
    expect(JSON.parse((await cliIn(["search", "договору", "--lang", "uk", "--db", db, "--json"])).stdout).total).toBe(1);
    expect(JSON.parse((await cliIn(["stories", "--db", db, "--json"])).stdout).total).toBe(1);
  });
});

describe("corpus CLI: faults", () => {
  it("refuses a --db file that is not SQLite, leaving it untouched", async () => {
    const d = tmp();
    const notes = join(d, "notes.db");
    writeFileSync(notes, "my notes\n".repeat(200));
    const r = await cliIn(["ingest", FIXTURES, "--db", notes]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/not an SQLite database/);
    expect(existsSync(notes + "-wal")).toBe(false);
  });

  it("reports unreadable inputs and stores the rest", async () => {
    const d = tmp();
    writeFileSync(join(d, "image.png"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
    writeFileSync(join(d, "broken.rss"), "<rss><channel><item><title>x</title>");
    writeFileSync(join(d, "ok.txt"), "Міська рада ухвалила бюджет на наступний рік. Депутати підтримали рішення.");
    const r = await cliIn(["ingest", d, "--db", join(d, "c.db"), "--json"]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ stored: 1, failed: 2 });
    expect(r.stderr).toMatch(/image\.png: not text/);
    expect(r.stderr).toMatch(/broken\.rss: broken feed XML/);
  });

  it("keeps the records before a truncated gzip or a corrupt WARC record, reports the file, and a re-run adds nothing", async () => {
    const d = tmp();
    // Pages of pseudo-random words, so that gzip cannot shrink a record below one read block (16 KB).
    let seed = 11;
    const filler = () => Array.from({ length: 9000 }, () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff).toString(36)).join(" ");
    const page = (title: string) => `<html><head><title>${title}</title></head><body><p>${title}. Міська рада ухвалила бюджет. ${filler()}</p></body></html>`;
    const a = await warcRecord("https://x.test/a", page("Перша стаття"));
    const b = await warcRecord("https://x.test/b", page("Друга стаття"));
    const c = await warcRecord("https://x.test/c", page("Третя стаття"));
    // A gzipped archive cut in the middle of its second record.
    writeFileSync(join(d, "cut.warc.gz"), Buffer.concat([a, b]).subarray(0, a.length + Math.floor(b.length / 2)));
    // An uncompressed archive whose second record's header is garbage.
    const plain = (await import("node:zlib")).gunzipSync(Buffer.concat([a, c]));
    const second = plain.indexOf("WARC/1.1", 10);
    plain.fill(0x7e, second, second + 40);
    writeFileSync(join(d, "damaged.warc"), plain);
    const db = join(d, "w.db");
    const r = await cliIn(["ingest", d, "--db", db, "--json"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/cut\.warc\.gz.*(corrupt|truncated)/);
    expect(r.stderr).toMatch(/damaged\.warc/);
    const res = JSON.parse(r.stdout);
    // Page a is in both archives (stored once); nothing after the damage is stored.
    expect(res.stored).toBe(1);
    expect(res.failed).toBeGreaterThanOrEqual(2);
    expect(inspect(db)).toMatchObject({ articles: 1, distinct: 1, integrity: "ok", fts: 1 });
    const hits = JSON.parse((await cliIn(["search", "бюджет", "--db", db, "--json"])).stdout);
    expect(hits.hits.map((h: { url: string }) => h.url)).toEqual(["https://x.test/a"]);
    const again = await cliIn(["ingest", d, "--db", db, "--json"]);
    expect(JSON.parse(again.stdout)).toMatchObject({ stored: 0 });
    expect(inspect(db)).toMatchObject({ articles: 1, distinct: 1 });
  }, 60_000);

  for (const signal of ["SIGKILL", "SIGINT"] as const) {
    it(`${signal === "SIGKILL" ? "kill -9" : "Ctrl-C"} in the middle of an ingest loses nothing: the re-run completes without duplicates`, async () => {
      const d = tmp();
      const input = join(d, "many.jsonl");
      // Enough articles that the run cannot end before the database shows the first committed batches.
      const N = 200;
      syntheticJsonl(input, N);
      const db = join(d, "k.db");
      const child = cliAsync(["ingest", input, "--db", db, "--batch", "5"]);
      let err = "";
      child.stderr!.on("data", (c: Buffer) => (err += c.toString()));
      const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
      // Stop it once some batches are committed (watching the database itself).
      await new Promise<void>((resolve, reject) => {
        const onExit = () => reject(new Error("ingest finished before it could be stopped:\n" + err));
        child.once("exit", onExit);
        const poll = setInterval(() => {
          let n = 0;
          try {
            n = existsSync(db) ? countArticles(db) : 0;
          } catch {
            return; // not created yet
          }
          if (n >= 15) {
            clearInterval(poll);
            child.off("exit", onExit);
            child.kill(signal);
            resolve();
          }
        }, 20);
      });
      const code = await exited;
      if (signal === "SIGINT") {
        expect(code, err).toBe(130);
        expect(err).toMatch(/interrupted; re-run to resume/);
      }
      const mid = inspect(db);
      expect(mid.integrity).toBe("ok");
      expect(mid.articles).toBeGreaterThanOrEqual(15);
      // kill -9 loses the batches in flight; Ctrl-C finishes and commits what was being analysed (it may be all).
      if (signal === "SIGKILL") expect(mid.articles).toBeLessThan(N);
      expect(mid.fts).toBe(mid.articles);
      const rerun = cli(["ingest", input, "--db", db, "--json"]);
      expect(rerun.code, rerun.stderr).toBe(0);
      const res = JSON.parse(rerun.stdout);
      expect(res.stored + res.duplicates).toBe(N);
      expect(res.duplicates).toBe(mid.articles);
      expect(inspect(db)).toMatchObject({ articles: N, distinct: N, integrity: "ok", fts: N });
    }, 120_000);
  }

  describe("a disk that fills up mid-ingest", () => {
    const d = tmp();
    const mnt = join(d, "small");
    let mounted = false;
    beforeAll(() => {
      mkdirSync(mnt);
      try {
        execFileSync("mount", ["-t", "tmpfs", "-o", "size=512k", "tmpfs", mnt], { stdio: "ignore" });
        mounted = true;
      } catch {
        mounted = false;
      }
    });
    afterAll(() => {
      if (mounted) execFileSync("umount", [mnt]);
    });

    it("stops with a clear error, keeps the database consistent, and a re-run with space completes (skipped without mount rights)", (ctx) => {
      if (!mounted) ctx.skip(); // cannot mount a small tmpfs here (not root, or no CAP_SYS_ADMIN)
      const input = join(d, "many.jsonl");
      const N = 150;
      syntheticJsonl(input, N);
      const db = join(mnt, "full.db");
      const r = cli(["ingest", input, "--db", db, "--batch", "20"]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/disk is full/);
      const after = inspect(db);
      expect(after.integrity).toBe("ok");
      expect(after.articles).toBeLessThan(N);
      expect(after.fts).toBe(after.articles);
      execFileSync("mount", ["-o", "remount,size=64m", mnt]);
      const rerun = cli(["ingest", input, "--db", db, "--json"]);
      expect(rerun.code, rerun.stderr).toBe(0);
      expect(inspect(db)).toMatchObject({ articles: N, distinct: N, integrity: "ok", fts: N });
    }, 120_000);
  });
});
