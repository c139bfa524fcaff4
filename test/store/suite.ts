/**
 * The store contract as tests: every backend (SQLite here, PostgreSQL in test/scale) runs this same suite.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_STORY_DAYS, SAME_STORY, signature, similarity } from "../../src/corpus/minhash.js";
import { storyFeatures } from "../../src/corpus/text.js";
import type { Store } from "../../src/store/types.js";
import { article, entity, item, quote } from "./make.js";

export interface Backend {
  /** A new, empty store named `name` (a fresh file or database). */
  open(name: string): Promise<Store>;
  /** The store `name` opened again (after `close`). */
  reopen(name: string): Promise<Store>;
  schemaVersion: number;
}

export const UK_TREATY = article({
  lang: "uk",
  publisher: "УНН",
  published: "2024-06-19T10:00:00+03:00",
  title: "Путін і Кім Чен Ин підписали договір про партнерство",
  text:
    "Президент Росії Володимир Путін і лідер КНДР Кім Чен Ин у Пхеньяні підписали договір про всеосяжне стратегічне партнерство. " +
    "Про це повідомляє Укрінформ з посиланням на агентство Yonhap. «Договір передбачає взаємну допомогу в разі агресії», – сказав Путін. " +
    "Пхеньян уже передав Москві 5 мільйонів снарядів.",
  entities: [
    entity("e1", "Володимир Путін", "PER", ["Володимир Путін", "Путін"]),
    entity("e2", "Кім Чен Ин", "PER"),
    entity("e3", "КНДР", "LOC"),
    entity("e4", "Укрінформ", "ORG"),
    entity("e5", "Yonhap", "ORG"),
  ],
  quotes: [quote("q1", "Договір передбачає взаємну допомогу в разі агресії", "Путін", "e1", ["s1"])],
  sources: [
    { id: "s1", name: "Укрінформ", entity: "e4", cue: null, cites: ["s2"] },
    { id: "s2", name: "Yonhap", entity: "e5", cue: null, cites: [] },
  ],
  figures: [{ start: 0, end: 1, text: "5 мільйонів снарядів", value: 5_000_000, unit: "снаряд", approx: false }],
});

export const RU_TREATY = article({
  lang: "ru",
  publisher: "Вести Дня",
  published: "2024-06-19T12:30:00+03:00",
  title: "Путин и Ким Чен Ын подписали договор о партнерстве",
  text:
    "Президент России Владимир Путин и лидер КНДР Ким Чен Ын подписали в Пхеньяне договор о всеобъемлющем стратегическом партнерстве. " +
    "Как сообщает агентство Yonhap, переговоры продолжались несколько часов. «Договор предусматривает взаимную помощь в случае агрессии», – заявил Путин. " +
    "Пхеньян уже передал Москве более 5 млн снарядов.",
  entities: [
    entity("e1", "Владимир Путин", "PER", ["Владимир Путин", "Путин"]),
    entity("e2", "Ким Чен Ын", "PER"),
    entity("e3", "КНДР", "LOC"),
    entity("e4", "Yonhap", "ORG"),
  ],
  quotes: [quote("q1", "Договор предусматривает взаимную помощь в случае агрессии", "Путин", "e1", ["s1"])],
  sources: [{ id: "s1", name: "Yonhap", entity: "e4", cue: null, cites: [] }],
  figures: [{ start: 0, end: 1, text: "более 5 млн снарядов", value: 5_000_000, unit: "снаряд", approx: true }],
});

export const EN_KREMLIN = article({
  lang: "en",
  publisher: "Wire",
  published: "2024-05-02",
  title: "Kremlin comments on grain deal",
  text: "Russian President Vladimir Putin said the grain deal would not be renewed. \"There is no point in it,\" Putin told reporters in Moscow. Ukraine's foreign minister criticised the statement about Putin.",
  entities: [entity("e1", "Vladimir Putin", "PER", ["Vladimir Putin", "Putin"]), entity("e2", "Ukraine", "LOC")],
  quotes: [
    quote("q1", "There is no point in it", "Putin", "e1"),
    quote("q2", "The statement by Putin is cynical", "Dmytro Kuleba", null),
  ],
});

export const UK_ENERGY = article({
  lang: "uk",
  publisher: "Укрінформ",
  published: "2024-06-20",
  title: "Уряд затвердив графік ремонту енергоблоків",
  text: "Кабінет Міністрів затвердив графік ремонту енергоблоків теплових електростанцій до початку опалювального сезону. Міністр енергетики сказав, що роботи завершаться до жовтня.",
});

export function storeSuite(label: string, backend: Backend): void {
  describe(`${label} store`, () => {
  let store: Store;
  let ids: string[];
  beforeAll(async () => {
    store = await backend.open("c");
    ids = (await store.putArticles([UK_TREATY, RU_TREATY, EN_KREMLIN, UK_ENERGY].map(item))).map((r) => r.id);
    await store.cluster();
  });
  afterAll(() => store.close());

  it("stores the same content once and returns the first id", async () => {
    const again = await store.putArticle(item(UK_TREATY).raw, UK_TREATY);
    expect(again).toEqual({ id: ids[0], created: false });
    expect((await store.stats()).articles).toBe(4);
    const back = await store.getArticle(ids[0]);
    expect(back?.text).toBe(UK_TREATY.text);
    expect(back?.id).toBe(ids[0]);
    expect((await store.getRaw(ids[0]))?.content).toBe(item(UK_TREATY).raw.content);
  });

  it("finds inflected forms: a search for «договору» finds «договір», best match first, with a snippet", async () => {
    const r = await store.search({ q: "договору", lang: "uk" });
    expect(r.total).toBe(1);
    expect(r.hits[0].articleId).toBe(ids[0]);
    expect(r.hits[0].snippet).toContain("[договір]");
    const en = await store.search({ q: "deals" });
    expect(en.hits.map((h) => h.articleId)).toEqual([ids[2]]);
    const two = await store.search({ q: "ремонтом енергоблоків" });
    expect(two.hits.map((h) => h.articleId)).toEqual([ids[3]]);
    expect(two.hits[0].score).toBeGreaterThan(0);
  });

  it("filters by language, date range (inclusive bare dates), outlet, entity, speaker and source", async () => {
    const q = async (x: object) => (await store.search({ ...x })).hits.map((h) => h.articleId).sort();
    expect(await q({ lang: "ru" })).toEqual([ids[1]]);
    expect(await q({ from: "2024-06-01", to: "2024-06-19" })).toEqual([ids[0], ids[1]].sort());
    expect(await q({ from: "2024-06-20" })).toEqual([ids[3]]);
    expect(await q({ outlet: "унн" })).toEqual([ids[0]]);
    expect(await q({ entity: "Путин" })).toEqual([ids[0], ids[1], ids[2]].sort());
    expect(await q({ speaker: "Putin", lang: "uk" })).toEqual([ids[0]]);
    expect(await q({ source: "Yonhap" })).toEqual([ids[0], ids[1]].sort());
    expect(await q({ q: "договір", outlet: "Wire" })).toEqual([]);
    expect(await q({ q: "договір", outlet: "УНН", from: "2024-06-01", to: "2024-06-30" })).toEqual([ids[0]]);
    expect(await q({ q: "договір", from: "2024-05-01", to: "2024-05-31" })).toEqual([]);
    expect(await q({ q: "Putin", from: "2024-05-01", to: "2024-06-19" })).toEqual([ids[2]]);
    expect(await q({ entity: "Нікого Такого" })).toEqual([]);
  });

  it("treats every query as words, never as SQL or FTS syntax", async () => {
    const hostile = [
      `')"; DROP TABLE articles; --`,
      `"договір`,
      `договір" OR "1"="1`,
      "NEAR(договір партнерство, 2)",
      "*",
      "догов*",
      "AND",
      "договір AND OR NOT",
      "((((",
      ")",
      "title:договір",
      "^договір",
      "{title body}: x",
      "\u0000",
      "' OR 1=1 --",
    ];
    for (const h of hostile) {
      for (const field of ["q", "outlet", "speaker", "source", "entity"]) {
        const r = await store.search({ [field]: h });
        expect(r.total).toBeGreaterThanOrEqual(0);
      }
      await store.quotes({ speaker: h, about: h });
      await store.entity(h);
      await store.entities({ q: h });
    }
    expect((await store.search({ q: "NEAR(договір партнерство, 2)" })).hits.map((h) => h.articleId)).toEqual([]);
    expect((await store.search({ q: `')"; договір` })).total).toBe((await store.search({ q: "договір" })).total);
    expect((await store.stats()).articles).toBe(4);
  });

  it("joins one entity across articles and languages: Путін = Путин = Putin", async () => {
    const rep = await store.entity("Путін");
    expect(rep).not.toBeNull();
    expect(rep!.entity.articles).toBe(3);
    expect((await store.entity("Putin"))!.entity.id).toBe(rep!.entity.id);
    expect((await store.entity("Владимир Путин"))!.entity.id).toBe(rep!.entity.id);
    expect(rep!.quotesByTotal).toBe(3);

    expect(rep!.quotesAbout.map((q) => q.speakerName)).toEqual(["Dmytro Kuleba"]);
    expect(rep!.cooccurring.map((c) => c.entity.name)).toContain("КНДР");
    expect((await store.entity("КНДР"))!.entity.articles).toBe(2);
  });

  it("finds quotes by speaker under any alias or language, with date filters", async () => {
    for (const name of ["Путін", "Путин", "Putin", "Путіна"]) {
      const r = await store.quotes({ speaker: name });
      expect(r.total, name).toBe(3);
    }
    const june = await store.quotes({ speaker: "Putin", from: "2024-06-01" });
    expect(june.quotes.map((q) => q.lang).sort()).toEqual(["ru", "uk"]);
    expect(june.quotes.find((q) => q.lang === "uk")!.via).toEqual(["Укрінформ"]);
    // Newest first, and pages of one quote give the same sequence as one page of all.
    const all = await store.quotes({ speaker: "Putin" });
    const dates = all.quotes.map((q) => q.published ?? "");
    expect(dates).toEqual([...dates].sort().reverse());
    const paged: string[] = [];
    for (let offset = 0; offset < all.total + 1; offset++) {
      const one = await store.quotes({ speaker: "Путін", limit: 1, offset });
      expect(one.total).toBe(all.total);
      paged.push(...one.quotes.map((q) => `${q.articleId}/${q.quoteId}`));
    }
    expect(paged).toEqual(all.quotes.map((q) => `${q.articleId}/${q.quoteId}`));
  });

  it("puts the uk and ru retellings of one report into one story, apart from unrelated news", async () => {
    const s = await store.stories({});
    expect(s.total).toBe(1);
    expect(s.stories[0].size).toBe(2);
    expect(s.stories[0].langs.sort()).toEqual(["ru", "uk"]);
    const rep = (await store.story(s.stories[0].id))!;
    expect(rep.firstReport!.articleId).toBe(ids[0]);
    expect(rep.citations).toEqual(
      expect.arrayContaining([
        { outlet: "УНН", source: "Укрінформ", via: ["Yonhap"], articles: 1 },
        { outlet: "Вести Дня", source: "Yonhap", via: [], articles: 1 },
      ]),
    );
    expect(rep.figures).toHaveLength(1);
    expect(rep.figures[0].variants.map((v) => v.text).sort()).toEqual(["5 мільйонів снарядів", "более 5 млн снарядов"]);
    expect(await store.story("999")).toBeNull();
    expect(await store.story("1; DROP TABLE stories")).toBeNull();
  });

  it("marks a reworded copy as a near duplicate inside the story", async () => {
    const copy = article({
      ...UK_TREATY,
      publisher: "Інше Видання",
      published: "2024-06-19T15:00:00+03:00",
      text: UK_TREATY.text.replace("Про це повідомляє", "Як повідомляє"),
    });
    const { id } = await store.putArticle(item(copy).raw, copy);
    await store.cluster();
    const s = await store.stories({});
    const rep = (await store.story(s.stories[0].id))!;
    expect(rep.articles.find((a) => a.articleId === id)!.nearDuplicateOf).toBe(ids[0]);
    expect(rep.articles.find((a) => a.articleId === ids[1])!.nearDuplicateOf).toBeNull();
  });
});


  describe(`${label} store: people who share a surname`, () => {
    const person = (title: string, text: string, name: string, forms: string[]) =>
      item(article({ lang: "uk", publisher: "Крим.Реалії", published: "2024-05-18", title, text, entities: [entity("e1", name, "PER", forms)] }));

    it("keeps two fully named people apart when they share a surname, and joins a surname-only mention only when it is unambiguous", async () => {
      const s = await backend.open("surnames");
      await s.putArticles([
        person("Галущенко про енергетику", "Міністр Герман Галущенко заявив, що енергосистема стабільна. Галущенко додав, що ремонти тривають.", "Герман Галущенко", ["Герман Галущенко", "Галущенко"]),
        person("Джемілєв про депортацію", "Лідер кримських татар Мустафа Джемілєв нагадав про депортацію. Джемілєв закликав пам'ятати.", "Мустафа Джемілєв", ["Мустафа Джемілєв", "Джемілєв"]),
        person("Суд над Решатом Джемілєвим", "Суд у Криму продовжив арешт Решата Джемілєва. Джемілєва затримали навесні.", "Решат Джемілєв", ["Решата Джемілєва", "Джемілєва"]),
      ]);
      // Surname only: one Галущенко is stored, so he is the one; two Джемілєвs are, so neither is guessed.
      await s.putArticles([
        person("Галущенко в Брюсселі", "Галущенко провів зустрічі в Брюсселі щодо енергетичної безпеки.", "Галущенко", ["Галущенко"]),
        person("Джемілєв у Женеві", "Джемілєв виступив у Женеві з промовою про права людини.", "Джемілєв", ["Джемілєв"]),
      ]);
      const mustafa = (await s.entity("Мустафа Джемілєв"))!.entity;
      const reshat = (await s.entity("Решат Джемілєв"))!.entity;
      expect(mustafa.name).toBe("Мустафа Джемілєв");
      expect(reshat.name).toBe("Решат Джемілєв");
      expect(mustafa.id).not.toBe(reshat.id);
      expect(mustafa.articles).toBe(1);
      expect(reshat.articles).toBe(1);
      expect((await s.entity("Герман Галущенко"))!.entity.articles).toBe(2);
      await s.close();
    });
  });

  describe(`${label} store: stories do not depend on ingest order`, () => {
    // Three chains of retellings: in each, A and B share most of their story features, B and C too, A and C too
    // few to be one story on their own. Ingested as A, C, B, the middle article links two existing stories.
    const span = (base: number, from: number, to: number) => Array.from({ length: to - from }, (_, i) => String(base + from + i)).join(" ");
    // Story features are the numbers alone (titles such as "B2" have none).
    const chains = [1000, 5000, 9000].map((base, k) =>
      ["A", "B", "C"].map((part, i) =>
        article({ lang: "uk", publisher: `Видання ${part}`, published: `2024-03-1${i}`, title: `${part}${k}`, text: `${span(base, 10 * i, 10 * i + 30)}.` }),
      ),
    );
    const corpus = [...chains.flat(), UK_ENERGY];

    /** Each story as the sorted titles of its articles, all stories sorted: the clustering, whatever the ids. */
    async function clusters(s: Store): Promise<string[][]> {
      const out: string[][] = [];
      for (const st of (await s.stories({ minSize: 1, limit: 100 })).stories) {
        out.push((await s.story(st.id))!.articles.map((a) => a.title ?? "").sort());
      }
      return out.sort((x, y) => x[0].localeCompare(y[0]));
    }

    async function ingestInOrder(name: string, order: number[], oneByOne: boolean): Promise<string[][]> {
      const s = await backend.open(name);
      const docs = order.map((i) => corpus[i]);
      if (oneByOne) {
        for (const d of docs) {
          await s.putArticles([item(d)]);
          await s.cluster();
        }
      } else {
        await s.putArticles(docs.map(item));
        await s.cluster();
      }
      const c = await clusters(s);
      await s.close();
      return c;
    }

    it("the middle of a chain merges the stories of its ends: one story per chain in every order", async () => {
      const sims = chains.map((ch) => {
        const sig = ch.map((d) => signature(storyFeatures(`${d.title}\n${d.text}`)));
        return [similarity(sig[0], sig[1]), similarity(sig[1], sig[2]), similarity(sig[0], sig[2])];
      });
      // The premise: A–B and B–C are the same story, A–C alone is not.
      for (const [ab, bc, ac] of sims) {
        expect(ab).toBeGreaterThanOrEqual(SAME_STORY);
        expect(bc).toBeGreaterThanOrEqual(SAME_STORY);
        expect(ac).toBeLessThan(SAME_STORY);
      }
      const expected = [...chains.map((ch) => ch.map((d) => d.title!).sort()), [UK_ENERGY.title!]].sort((x, y) => x[0].localeCompare(y[0]));
      const orders = [
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
        [9, 0, 2, 1, 5, 3, 4, 8, 6, 7],
        [8, 6, 7, 2, 0, 1, 9, 5, 3, 4],
      ];
      for (const [k, order] of orders.entries()) {
        expect(await ingestInOrder(`order${k}`, order, true), `order ${order}, one by one`).toEqual(expected);
        expect(await ingestInOrder(`order${k}b`, order, false), `order ${order}, one batch`).toEqual(expected);
      }
    });

    it("a merged story keeps its earliest article first and the dates and size of all its articles", async () => {
      const s = await backend.open("merged");
      const [a, b, c] = chains[0];
      await s.putArticles([item(c)]);
      await s.cluster();
      await s.putArticles([item(a)]);
      await s.cluster();
      expect((await s.stories({ minSize: 1 })).total).toBe(2);
      await s.putArticles([item(b)]);
      await s.cluster();
      const all = await s.stories({ minSize: 1 });
      expect(all.total).toBe(1);
      expect(all.stories[0]).toMatchObject({ size: 3, first: a.published, last: c.published });
      const rep = (await s.story(all.stories[0].id))!;
      expect(rep.firstReport!.title).toBe(a.title);
      expect(rep.articles.map((x) => x.title)).toEqual([a.title, b.title, c.title]);
      await s.close();
    });
  });

  describe(`${label} store: a story spans at most MAX_STORY_DAYS`, () => {
    it("a chain of retellings a week apart over three months splits into stories of at most that span", async () => {
      const s = await backend.open("span");
      // The same features every time; consecutive articles are 6 days apart (one story), others further.
      const text = Array.from({ length: 30 }, (_, i) => String(7000 + i)).join(" ");
      const docs = Array.from({ length: 15 }, (_, i) => {
        const d = new Date(Date.UTC(2024, 0, 1) + i * 6 * 86400_000).toISOString().slice(0, 10);
        return article({ lang: "uk", publisher: "Видання", published: d, title: `T${i}`, text: `${text} (${i})` });
      });
      for (const d of [...docs.slice(0, 7), ...docs.slice(7).reverse()]) {
        await s.putArticles([item(d)]);
        await s.cluster();
      }
      const all = await s.stories({ minSize: 1, limit: 100 });
      expect(all.stories.reduce((n, st) => n + st.size, 0)).toBe(15);
      expect(all.total).toBeGreaterThanOrEqual(3);
      for (const st of all.stories) {
        const days = (Date.parse(st.last!) - Date.parse(st.first!)) / 86400_000;
        expect(days).toBeLessThanOrEqual(MAX_STORY_DAYS);
      }
      await s.close();
    });
  });

  describe(`${label} store: migrations, reindex`, () => {
  it("migrates once and reopens an existing corpus", async () => {
    const a = await backend.open("m");
    await a.putArticle(item(UK_ENERGY).raw, UK_ENERGY);
    await a.close();
    const b = await backend.reopen("m");
    expect((await b.stats())).toMatchObject({ articles: 1, schemaVersion: backend.schemaVersion });
    await b.close();
  });

  it("reindex re-runs analysis over the stored raw inputs, keeping ids", async () => {
    const s = await backend.open("r");
    const [{ id }] = await s.putArticles([item(UK_ENERGY)]);
    expect((await s.entity("Галущенко"))).toBeNull();
    const res = await s.reindex(async (raw) =>
      article({ ...UK_ENERGY, text: String(raw.content), entities: [entity("e1", "Герман Галущенко", "PER")] }),
    );
    expect(res).toEqual({ done: 1, total: 1, failed: 0 });
    expect((await s.entity("Галущенко"))!.entity.articles).toBe(1);
    expect((await s.getArticle(id))!.text).toContain("Уряд затвердив");
    expect((await s.search({ q: "енергоблоків" })).total).toBe(1);
    await s.close();
  });
});
}
