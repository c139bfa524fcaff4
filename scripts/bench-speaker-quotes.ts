// Quotes by one prolific speaker in a large SQLite corpus: the query `dzherelo quotes --speaker X` runs when one
// person has tens of thousands of quotes (a head of state in a year of news). Builds a synthetic corpus with the
// store's own schema — N articles over two years, each with a few quotes, a fixed share of them by one speaker —
// then times store.quotes({ speaker }) pages (first page, a later page, with a date range, with a language).
//
//   npx tsx scripts/bench-speaker-quotes.ts [--articles 300000] [--share 0.1] [--db /tmp/speaker.db] [--runs 30]
//
// Rows are written with SQL straight into the tables (no analysis), so it builds in seconds; the query path is the
// store's own.
import { rmSync } from "node:fs";
import { SqliteStore } from "../src/store/sqlite.js";
import { nameSkeleton, nameStemSkeleton } from "../src/corpus/text.js";

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const n = Number(arg("--articles", "300000"));
const share = Number(arg("--share", "0.1"));
const path = arg("--db", "/tmp/dzherelo-speaker-bench.db");
const runs = Number(arg("--runs", "30"));

for (const f of [path, path + "-wal", path + "-shm"]) rmSync(f, { force: true });
const store = await SqliteStore.open(path, { cacheMB: 64 });
const db = (store as unknown as { db: import("better-sqlite3").Database }).db;

const t0 = performance.now();
let quotes = 0;
let bySpeaker = 0;
db.exec("BEGIN");
const ent = db.prepare("INSERT INTO entities (id, key, keyed, name, type) VALUES (?, ?, 1, ?, 'PER')");
const names = db.prepare("INSERT OR IGNORE INTO entity_names (skel, entity, name) VALUES (?, ?, ?)");
const speakers = ["Володимир Путін", ...Array.from({ length: 2000 }, (_, i) => `Особа Номер${i}`)];
speakers.forEach((s, i) => {
  ent.run(i + 1, `per:${i}`, s);
  // The store keeps a name under its full form and its surname (as the writer does for a person's aliases).
  const surname = s.split(" ").pop()!;
  for (const form of [s, surname]) for (const sk of new Set([nameSkeleton(form), nameStemSkeleton(form)])) names.run(sk, i + 1, form);
});
const art = db.prepare(
  `INSERT INTO articles (rowid, id, sha256, lang, url, published, publisher, publisher_norm, title, origin, raw_kind, raw_meta, ingested_at)
   VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?, NULL, 'text', NULL, '2026-01-01T00:00:00Z')`,
);
const q = db.prepare(
  "INSERT INTO quotes (article, qid, kind, text, speaker_name, speaker_skel, speaker_entity, via) VALUES (?, ?, 'direct', ?, ?, ?, ?, '[]')",
);
let seed = 42;
const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
const filler = "Переговори тривають, і сторони обмінялися проєктами документів щодо співпраці. ".repeat(3);
for (let i = 1; i <= n; i++) {
  const day = new Date(Date.UTC(2023, 0, 1) + Math.floor(rnd() * 730) * 86_400_000).toISOString().slice(0, 10);
  const lang = rnd() < 0.6 ? "uk" : rnd() < 0.5 ? "ru" : "en";
  art.run(i, `a${i}`, `h${i}`, lang, day, `Outlet ${i % 40}`, `outlet ${i % 40}`, `Заголовок ${i}`);
  const k = 1 + Math.floor(rnd() * 3);
  for (let j = 0; j < k; j++) {
    const s = rnd() < share ? 0 : 1 + Math.floor(rnd() * 2000);
    const name = speakers[s];
    q.run(i, `q${j}`, `«${filler}${i}-${j}»`, name, nameStemSkeleton(name), s + 1);
    quotes++;
    if (s === 0) bySpeaker++;
  }
}
db.exec("COMMIT");
db.exec("ANALYZE");
console.log(`built ${n} articles, ${quotes} quotes (${bySpeaker} by one speaker) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const cases: Array<[string, Parameters<SqliteStore["quotes"]>[0]]> = [
  ["speaker, first page", { speaker: "Путін" }],
  ["speaker, page 5", { speaker: "Путіна", offset: 80 }],
  ["speaker + one month", { speaker: "Путін", from: "2024-03-01", to: "2024-03-31" }],
  ["speaker + language", { speaker: "Путін", lang: "en" }],
  ["a rare speaker", { speaker: "Особа Номер17" }],
];
const pct = (xs: number[], p: number) => xs.slice().sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
for (const [label, query] of cases) {
  const ms: number[] = [];
  let total = 0;
  for (let r = 0; r < runs; r++) {
    const c = process.cpuUsage();
    const res = await store.quotes(query);
    const u = process.cpuUsage(c);
    ms.push((u.user + u.system) / 1000);
    total = res.total;
  }
  console.log(`  ${label.padEnd(22)} total ${String(total).padStart(7)}   CPU ms p50 ${pct(ms, 0.5).toFixed(1).padStart(7)}  p95 ${pct(ms, 0.95).toFixed(1).padStart(7)}`);
}
await store.close();
for (const f of [path, path + "-wal", path + "-shm"]) rmSync(f, { force: true });
