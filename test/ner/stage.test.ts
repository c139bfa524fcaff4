import { describe, expect, it } from "vitest";
import type { Article, Entity } from "../../src/article.js";
import { analyze } from "../../src/pipeline/analyze.js";
import { mergeNer } from "../../src/ner/stage.js";
import type { NerEntity } from "../../src/ner/index.js";
import { validateArticle } from "../../src/validate.js";

const uk = (text: string, ner: boolean) => analyze({ text, lang: "uk", published: "2024-06-19" }, { ner });
const byName = (a: Article, name: string) => a.entities.find((e) => e.name === name);

describe("analyze with { ner: true } (uk)", () => {
  it("groups an organisation's genitive, instrumental and locative forms under its nominative name", () => {
    const text =
      "Національний банк України підвищив облікову ставку до 15%. Рішення ухвалили на засіданні правління " +
      "Національного банку України в четвер. Банки погодили нові правила з Національним банком України, а " +
      "аналітики в Національному банку України очікують уповільнення інфляції.";
    const off = uk(text, false);
    // The rules alone keep only the capitalised fragment.
    expect(byName(off, "Національний банк України")).toBeUndefined();
    const on = uk(text, true);
    expect(validateArticle(on)).toEqual([]);
    const nbu = byName(on, "Національний банк України")!;
    expect(nbu).toBeDefined();
    expect(nbu.type).toBe("ORG");
    expect(nbu.mentions.map((m) => m.text)).toEqual([
      "Національний банк України",
      "Національного банку України",
      "Національним банком України",
      "Національному банку України",
    ]);
    expect(nbu.aliases).toContain("Національним банком України");
    // The country named inside the bank's name stays an entity of its own.
    expect(byName(on, "Україна")?.mentions.length).toBe(4);
    // No entity is left with the fragment "Національний".
    expect(on.entities.some((e) => e.mentions.some((m) => m.text === "Національний" || m.text === "Національного"))).toBe(false);
  });

  it("finds a place the rules ran into a person's name, and the person then speaks under their own name", () => {
    const text = "Після переговорів у Варшаві Анджей Дуда заявив, що Польща й надалі підтримуватиме Україну.";
    const off = uk(text, false);
    expect(byName(off, "Варшава")).toBeUndefined();
    const on = uk(text, true);
    expect(validateArticle(on)).toEqual([]);
    expect(byName(on, "Варшава")).toMatchObject({ type: "LOC", mentions: [{ text: "Варшаві" }] });
    const duda = byName(on, "Анджей Дуда")!;
    expect(duda.type).toBe("PER");
    expect(on.quotes.map((q) => q.speaker?.entity)).toEqual([duda.id]);
  });

  it("splits an organisation off a person's name, and keeps the job phrase before them as a role", () => {
    const text = "Голова Нацбанку Андрій Пишний заявив, що інфляція сповільнюється. Пишний також пообіцяв стабільний курс.";
    const off = uk(text, false);
    expect(off.quotes[0]?.speaker?.name).toBe("Нацбанку Андрій Пишний");
    const on = uk(text, true);
    expect(validateArticle(on)).toEqual([]);
    const p = byName(on, "Андрій Пишний")!;
    expect(p.type).toBe("PER");
    expect(p.roles).toContain("Голова Нацбанку");
    expect(p.mentions.map((m) => m.text)).toEqual(expect.arrayContaining(["Андрій Пишний", "Пишний"]));
    expect(byName(on, "Нацбанк")?.type).toBe("ORG");
    expect(on.quotes.every((q) => q.speaker?.entity === p.id)).toBe(true);
  });

  it("types places the rules left untyped", () => {
    const text = "Фермери з Полтавщини скаржаться на ціни. Аграрії Полтавщини очікують допомоги від уряду.";
    expect(byName(uk(text, false), "Полтавщина")?.type).toBe("MISC");
    expect(byName(uk(text, true), "Полтавщина")?.type).toBe("LOC");
  });

  it("with the option off, or for ru and en text, gives exactly the Article it gave without the option", () => {
    const text = "Голова Нацбанку Андрій Пишний заявив, що інфляція сповільнюється. Національний банк України підвищив ставку.";
    expect(analyze({ text, lang: "uk" }, { ner: false })).toEqual(analyze({ text, lang: "uk" }));
    expect(analyze({ text, lang: "uk" }, {})).toEqual(analyze({ text, lang: "uk" }));
    const ru = "Глава Центробанка Эльвира Набиуллина заявила, что инфляция замедляется.";
    expect(analyze({ text: ru, lang: "ru" }, { ner: true })).toEqual(analyze({ text: ru, lang: "ru" }));
    const en = "Central bank governor Andrew Bailey said inflation was slowing.";
    expect(analyze({ text: en, lang: "en" }, { ner: true })).toEqual(analyze({ text: en, lang: "en" }));
  });

  it("keeps tokens out of the output unless asked for", () => {
    const a = uk("Національний банк України підвищив ставку.", true);
    expect(a.tokens).toBeUndefined();
  });
});

// The merge on its own, with spans given by hand (independent of what the trained model says).
describe("mergeNer", () => {
  const span = (text: string, sub: string, type: string, from = 0): NerEntity => {
    const start = text.indexOf(sub, from);
    if (start < 0) throw new Error(`no ${sub}`);
    return { start, end: start + sub.length, type, text: sub };
  };
  const ent = (id: string, name: string, type: Entity["type"], text: string, subs: string[], extra: Partial<Entity> = {}): Entity => {
    let from = 0;
    const mentions = subs.map((s) => {
      const start = text.indexOf(s, from);
      from = start + s.length;
      return { start, end: start + s.length, text: s, via: "name" as const };
    });
    return { id, name, type, aliases: [], mentions, ...extra };
  };

  it("a span equal to a mention votes for the entity's type; a MISC entity takes a clear majority", () => {
    const text = "Бердичів готується до зими. У Бердичеві ремонтують дороги.";
    const rules = [ent("e1", "Бердичів", "MISC", text, ["Бердичів", "Бердичеві"])];
    const out = mergeNer(text, rules, [span(text, "Бердичів", "LOC"), span(text, "Бердичеві", "LOC")]);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ id: "e1", name: "Бердичів", type: "LOC" });
    // The input is not changed.
    expect(rules[0].type).toBe("MISC");
    // One vote of two is not a majority.
    expect(mergeNer(text, rules, [span(text, "Бердичів", "LOC")])[0].type).toBe("MISC");
  });

  it("an entity of the rules takes the model's type when the model agrees over more than half of its mentions; not a one-word Latin name as a person", () => {
    const text = "Bellingcat опублікував звіт. Bellingcat зібрав докази.";
    const misc = [ent("e1", "Bellingcat", "MISC", text, ["Bellingcat", "Bellingcat"])];
    expect(mergeNer(text, misc, [span(text, "Bellingcat", "PER"), span(text, "Bellingcat", "PER", 10)])[0].type).toBe("MISC");
    const t2 = "Ірпінь відбудовують. В Ірпені відкрили школу.";
    const org = [ent("e1", "Ірпінь", "ORG", t2, ["Ірпінь", "Ірпені"])];
    expect(mergeNer(t2, org, [span(t2, "Ірпінь", "LOC")])[0].type).toBe("ORG");
    expect(mergeNer(t2, org, [span(t2, "Ірпінь", "LOC"), span(t2, "Ірпені", "LOC")])[0].type).toBe("LOC");
    // Votes that disagree change nothing.
    expect(mergeNer(t2, org, [span(t2, "Ірпінь", "LOC"), span(t2, "Ірпені", "PER")])[0].type).toBe("ORG");
    // Two of three mentions, both PER: a person (Cyrillic one-word names may become people).
    const t3 = "Кіблер виграв. Кіблера привітали. Кіблер подякував.";
    const misc3 = [ent("e1", "Кіблер", "MISC", t3, ["Кіблер", "Кіблера", "Кіблер"])];
    expect(mergeNer(t3, misc3, [span(t3, "Кіблер", "PER"), span(t3, "Кіблера", "PER")])[0].type).toBe("PER");
    // The gazetteer's type is never overruled.
    const keyed = [ent("e1", "Ірпінь", "LOC", t2, ["Ірпінь", "Ірпені"], { key: "loc:irpin" })];
    expect(mergeNer(t2, keyed, [span(t2, "Ірпінь", "ORG"), span(t2, "Ірпені", "ORG")])[0].type).toBe("LOC");
  });

  it("a longer span replaces the fragment it starts with; a name nested inside it, past its start, stays", () => {
    const text = "Засідання Кабінету Міністрів України перенесли.";
    const rules = [ent("e1", "Кабінет", "MISC", text, ["Кабінету"]), ent("e2", "Україна", "LOC", text, ["України"], { key: "loc:UA" })];
    const out = mergeNer(text, rules, [span(text, "Кабінету Міністрів України", "ORG")]);
    expect(out.map((e) => [e.id, e.name, e.type, e.mentions.map((m) => m.text)])).toEqual([
      ["e1", "Кабінет Міністрів України", "ORG", ["Кабінету Міністрів України"]],
      ["e2", "Україна", "LOC", ["України"]],
    ]);
  });

  it("a kind and a quoted name (ТОВ «Енергоатом») takes in the quoted mention and joins the entity of that name", () => {
    const text = "Акції ТОВ «Енергоатом» зросли. Енергоатом звітує щомісяця, а Енергоатом платить податки.";
    const rules = [ent("e1", "Енергоатом", "MISC", text, ["Енергоатом", "Енергоатом", "Енергоатом"])];
    const out = mergeNer(text, rules, [span(text, "ТОВ «Енергоатом»", "ORG"), span(text, "Енергоатом", "ORG", 25), span(text, "Енергоатом", "ORG", 50)]);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ name: "Енергоатом", type: "ORG" });
    expect(out[0].mentions.map((m) => m.text)).toEqual(["ТОВ «Енергоатом»", "Енергоатом", "Енергоатом"]);
    expect(out[0].aliases).toContain("ТОВ «Енергоатом»");
  });

  it("a span that covers only part of a mention, or crosses it, is dropped and the mention stays", () => {
    const text = "Представник Організації Варшавського договору виступив.";
    const rules = [ent("e1", "Організація Варшавського", "PER", text, ["Організації Варшавського"])];
    const out = mergeNer(text, rules, [span(text, "Варшавського договору", "LOC")]);
    expect(out).toHaveLength(1);
    expect(out[0].mentions.map((m) => m.text)).toEqual(["Організації Варшавського"]);
    const t2 = "Фільм зняв Емір Кустуріца.";
    const r2 = [ent("e1", "Емір Кустуріца", "PER", t2, ["Емір Кустуріца"])];
    expect(mergeNer(t2, r2, [span(t2, "Кустуріца", "PER")])[0].mentions.map((m) => m.text)).toEqual(["Емір Кустуріца"]);
  });

  it("drops spans all in lower case, across a sentence end, or of common words at a sentence start; pairs quotation marks", () => {
    const text = "Біля російського кордону стріляли. Про це повідомив Бердянськ. Найпевніше, обстріл триває. Сьогодні акції ПАТ «Житомирський маслозавод» зросли на вул. Хлібна, 24.";
    const spans = [
      span(text, "російського кордону", "LOC"),
      span(text, "Бердянськ. Найпевніше", "PER"),
      span(text, "Сьогодні", "LOC"),
      span(text, "ПАТ «Житомирський маслозавод", "ORG"),
      span(text, "вул. Хлібна, 24", "LOC"),
    ];
    const tokens = [...text.matchAll(/[\p{L}\p{N}]+|\S/gu)].map((m) => ({
      start: m.index!,
      end: m.index! + m[0].length,
      text: m[0],
      pos: m[0] === "Сьогодні" ? "ADV" : /^\p{Lu}/u.test(m[0]) ? "PROPN" : "NOUN",
    }));
    const out = mergeNer(text, [], spans, { tokens, sentences: [{ start: 0, end: text.length }] });
    expect(out.map((e) => [e.type, e.mentions[0].text])).toEqual([
      ["ORG", "ПАТ «Житомирський маслозавод»"],
      ["LOC", "вул. Хлібна, 24"],
    ]);
    // «…«…» closed by one mark is whole.
    const t4 = "Акції ДП «НАЕК «Енергоатом» подешевшали.";
    expect(mergeNer(t4, [], [span(t4, "ДП «НАЕК «Енергоатом»", "ORG")]).map((e) => e.mentions[0].text)).toEqual(["ДП «НАЕК «Енергоатом»"]);
    // Without the morph stage's tags a sentence-initial word is not judged.
    expect(mergeNer(text, [], [span(text, "Сьогодні", "LOC")]).map((e) => e.name)).toEqual(["Сьогодні"]);
    // An initial or "ім." before a full stop is not a sentence end.
    const t3 = "Відкрили Музей ім. Д. Яворницького.";
    expect(mergeNer(t3, [], [span(t3, "Музей ім. Д. Яворницького", "ORG")]).map((e) => e.mentions[0].text)).toEqual(["Музей ім. Д. Яворницького"]);
  });

  it("a job phrase before a person's name becomes a role, in the nominative", () => {
    const text = "Слова заступника генпрокурора Олексія Баганця підтвердив голова правління ПАТ «Житомирський маслозавод» Петро Рудь.";
    const rules = [ent("e1", "Олексій Баганець", "PER", text, ["Олексія Баганця"]), ent("e2", "Петро Рудь", "PER", text, ["Петро Рудь"])];
    const out = mergeNer(text, rules, [
      span(text, "заступника генпрокурора", "JOB"),
      span(text, "Олексія Баганця", "PER"),
      span(text, "голова правління", "JOB"),
      span(text, "ПАТ «Житомирський маслозавод»", "ORG"),
      span(text, "Петро Рудь", "PER"),
    ]);
    expect(out.find((e) => e.name === "Олексій Баганець")?.roles).toEqual(["заступник генпрокурора"]);
    expect(out.find((e) => e.name === "Петро Рудь")?.roles).toEqual(["голова правління ПАТ «Житомирський маслозавод»"]);
    // A job phrase with other words before the name is not a role of that person.
    const t2 = "Міністр заявив, що Петро Рудь піде у відставку.";
    const r2 = [ent("e1", "Петро Рудь", "PER", t2, ["Петро Рудь"])];
    expect(mergeNer(t2, r2, [span(t2, "Міністр", "JOB"), span(t2, "Петро Рудь", "PER")])[0].roles).toBeUndefined();
  });

  it("takes linear time on a long article: one entity with 50,000 mentions, every one replaced by a fuller name", () => {
    const unit = "Рішення Національного банку України. ";
    const n = 50_000;
    const text = unit.repeat(n);
    const at = (i: number, off: number, len: number) => ({ start: i * unit.length + off, end: i * unit.length + off + len });
    const frag = "Національного";
    const mentions = Array.from({ length: n }, (_, i) => ({ ...at(i, 8, frag.length), text: frag, via: "name" as const }));
    const rules: Entity[] = [{ id: "e1", name: "Національний", type: "MISC", aliases: [frag], mentions }];
    const full = "Національного банку України";
    const spans = Array.from({ length: n }, (_, i) => ({ ...at(i, 8, full.length), text: full, type: "ORG" }));
    const out = mergeNer(text, rules, spans);
    expect(out).toHaveLength(1);
    expect(out[0].name).toBe("Національний банк України");
    expect(out[0].mentions).toHaveLength(n);
  }, 20_000);

  it("new spans join an entity of the same name, or start one named in the nominative", () => {
    const text = "Андрій Пишний виступив у Раді. Уряд погодився з Пишним. Депутати Житомирщини промовчали.";
    const rules = [ent("e1", "Андрій Пишний", "PER", text, ["Андрій Пишний"]), ent("e2", "Рада", "ORG", text, ["Раді"])];
    const out = mergeNer(text, rules, [span(text, "Пишним", "PER"), span(text, "Житомирщини", "LOC")]);
    const p = out.find((e) => e.name === "Андрій Пишний")!;
    expect(p.mentions.map((m) => [m.text, m.via])).toEqual([["Андрій Пишний", "name"], ["Пишним", "alias"]]);
    expect(p.aliases).toContain("Пишним");
    expect(out.find((e) => e.name === "Житомирщина")).toMatchObject({ type: "LOC", aliases: ["Житомирщини"], mentions: [{ text: "Житомирщини", via: "name" }] });
    expect(out.map((e) => e.id)).toEqual(["e1", "e2", "e3"]);
    // The capitals inside a hyphenated name stay in its nominative.
    const t2 = "Лікарі Івано-Франківської міської лікарні попередили про грип.";
    expect(mergeNer(t2, [], [span(t2, "Івано-Франківської міської лікарні", "ORG")]).map((e) => e.name)).toEqual(["Івано-Франківська міська лікарня"]);
  });
});
