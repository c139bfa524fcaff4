import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { SqliteStore, StoreError } from "../../src/store/index.js";
import { SCHEMA_VERSION } from "../../src/store/migrations.js";
import { storeSuite } from "./suite.js";
import { article, item } from "./make.js";

const tmp = () => mkdtempSync(join(tmpdir(), "dz-store-"));
const dir = tmp();

storeSuite("SQLite", {
  open: (name) => SqliteStore.open(join(dir, `${name}.db`)),
  reopen: (name) => SqliteStore.open(join(dir, `${name}.db`)),
  schemaVersion: SCHEMA_VERSION,
});

describe("SQLite store: opening", () => {
  it("refuses a file that is not SQLite, and an SQLite file of another application", async () => {
    const d = tmp();
    writeFileSync(join(d, "notes.db"), "these are my notes, not a database ".repeat(100));
    await expect(SqliteStore.open(join(d, "notes.db"))).rejects.toThrow(/not an SQLite database/);
    const other = new Database(join(d, "other.db"));
    other.exec("CREATE TABLE t (x)");
    other.close();
    await expect(SqliteStore.open(join(d, "other.db"))).rejects.toThrow(StoreError);
  });

  it("upgrades a version-2 corpus: blobs move to their own table, the index is rebuilt with filter tags", async () => {
    const p = join(tmp(), "v2.db");
    const s = await SqliteStore.open(p);
    const doc = article({ lang: "uk", publisher: "УНН", published: "2024-06-19", title: "Договір", text: "Сторони підписали договір про партнерство." });
    const { id } = await s.putArticle(item(doc).raw, doc);
    await s.close();
    // Rewind to version 2: the blobs back in the articles table, the old two-column index.
    const db = new Database(p);
    db.exec(`ALTER TABLE articles ADD COLUMN raw BLOB; ALTER TABLE articles ADD COLUMN doc BLOB;
      UPDATE articles SET raw = (SELECT raw FROM bodies WHERE bodies.rowid = articles.rowid),
                          doc = (SELECT doc FROM bodies WHERE bodies.rowid = articles.rowid);
      DROP TABLE bodies; DROP INDEX articles_lang; DROP TABLE fts;
      CREATE VIRTUAL TABLE fts USING fts5(title, body, content='', contentless_delete=1);
      PRAGMA user_version = 3;`);
    db.close();
    const up = await SqliteStore.open(p);
    expect((await up.stats()).schemaVersion).toBe(SCHEMA_VERSION);
    expect((await up.getArticle(id))!.text).toBe(doc.text);
    expect((await up.search({ q: "договору", outlet: "УНН", from: "2024-06-01", to: "2024-06-30" })).hits.map((h) => h.articleId)).toEqual([id]);
    await up.close();
  });

  it("groups one figure across languages in a story: «5 мільйонів снарядів» and «более 5 млн снарядов»", async () => {
    const s = await SqliteStore.open(join(tmp(), "f.db"));
    const text = (lang: string) =>
      lang === "uk"
        ? "Пхеньян передав Москві 5 мільйонів артилерійських снарядів, повідомляє Yonhap з посиланням на розвідку Південної Кореї."
        : "Пхеньян передал Москве более 5 млн артиллерийских снарядов, сообщает Yonhap со ссылкой на разведку Южной Кореи.";
    const uk = article({ lang: "uk", publisher: "УНН", published: "2024-06-19", text: text("uk"),
      figures: [{ start: 0, end: 1, text: "5 мільйонів артилерійських снарядів", value: 5e6, unit: "артилерійські снаряди", approx: false }] });
    const ru = article({ lang: "ru", publisher: "Вести Дня", published: "2024-06-19", text: text("ru"),
      figures: [{ start: 0, end: 1, text: "более 5 млн артиллерийских снарядов", value: 5e6, unit: "артиллерийские снаряды", approx: true }] });
    await s.putArticles([item(uk), item(ru)]);
    await s.cluster();
    const st = await s.stories({});
    expect(st.total).toBe(1);
    const rep = (await s.story(st.stories[0].id))!;
    expect(rep.figures).toHaveLength(1);
    expect(rep.figures[0].variants.map((v) => v.publisher).sort()).toEqual(["Вести Дня", "УНН"]);
    await s.close();
  });
});

describe("SQLite store: search over many matches", () => {
  it("counts up to 5,000 matches exactly and estimates a larger total, flagged approximate", async () => {
    const store = await SqliteStore.open(join(tmp(), "many.db"));
    // 12,000 articles; «бюджет» in every second one, «тендер» in 30 of them.
    const items = Array.from({ length: 12_000 }, (_, i) =>
      item(
        article({
          title: `Новина ${i}`,
          text: `${i % 2 ? "Міська рада ухвалила бюджет." : "Депутати сперечалися про дороги."} ${i % 400 === 0 ? "Оголошено тендер." : ""} Номер ${i}.`,
          publisher: i % 3 ? "УНН" : "Укрінформ",
          published: `2024-0${1 + (i % 9)}-15`,
        }),
      ),
    );
    for (let i = 0; i < items.length; i += 1000) await store.putArticles(items.slice(i, i + 1000));
    const few = await store.search({ q: "тендер" });
    expect(few).toMatchObject({ total: 30 });
    expect(few.approximate).toBeUndefined();
    const many = await store.search({ q: "бюджету" });
    expect(many.approximate).toBe(true);
    expect(many.total).toBeGreaterThan(5000);
    expect(Math.abs(many.total - 6000)).toBeLessThan(300);
    expect(many.hits).toHaveLength(20);
    const filtered = await store.search({ q: "бюджет", outlet: "УНН" });
    expect(filtered.approximate).toBeUndefined();
    expect(filtered.total).toBe(4000);
    await store.close();
  }, 60_000);
});
