import { describe, expect, it } from "vitest";
import { analyze } from "../../src/pipeline/analyze.js";
import type { Article, Quote } from "../../src/article.js";

function quote(a: Article, fragment: string): Quote | undefined {
  return a.quotes.find((q) => q.text.includes(fragment));
}

describe("a named body in the locative speaks for its unnamed staff", () => {
  it("keeps «…», - сообщили в минздраве республики with the ministry as speaker", () => {
    const a = analyze({ lang: "ru", text: "В регионе растёт заболеваемость гриппом. «Ситуация находится под контролем, вакцины хватает», - сообщили в минздраве республики." });
    const q = quote(a, "Ситуация находится под контролем");
    expect(q?.kind).toBe("direct");
    expect(q?.speaker?.name).toMatch(/^Минздрав/);
  });

  it("keeps «…», сообщили в Минздраве without a dash", () => {
    const a = analyze({ lang: "ru", text: "«Ситуация находится под контролем, вакцины хватает», сообщили в Минздраве." });
    expect(quote(a, "Ситуация находится под контролем")?.speaker?.name).toBe("Минздрав");
  });

  it("reads «В МВД сообщили, что …» as a report of the ministry", () => {
    const a = analyze({ lang: "ru", text: "В МВД сообщили, что подозреваемый задержан в тот же день." });
    const q = quote(a, "подозреваемый задержан");
    expect(q?.kind).toBe("indirect");
    expect(q?.speaker?.name).toBe("МВД");
  });

  it("keeps the Ukrainian police report", () => {
    const a = analyze({ lang: "uk", text: "«Підозрюваного затримали через дві години після нападу», – повідомили в поліції." });
    expect(quote(a, "Підозрюваного затримали")?.speaker?.name).toBe("Поліція");
  });

  it("does not make a workplace the speaker of a person's words", () => {
    const a = analyze({ lang: "ru", text: "Иван Петров долго работал в МВД и рассказал, что подозреваемый задержан." });
    expect(quote(a, "подозреваемый задержан")?.speaker?.name).toBe("Иван Петров");
  });
});

describe("an unnamed representative of a named body (en)", () => {
  it("attributes '\"…,\" a spokesman for the Justice Department said' to the department", () => {
    const a = analyze({ lang: "en", text: '"We will appeal the decision," a spokesman for the Justice Department said.' });
    const q = quote(a, "We will appeal the decision");
    expect(q?.kind).toBe("direct");
    expect(q?.speaker?.name).toBe("Justice Department");
  });

  it("attributes 'an official with the Foreign Ministry said' to the ministry", () => {
    const a = analyze({ lang: "en", text: '"Talks will resume next week," an official with the Foreign Ministry said on Monday.' });
    expect(quote(a, "Talks will resume")?.speaker?.name).toBe("Foreign Ministry");
  });

  it("leaves a representative of no named body anonymous: no speaker is invented", () => {
    const a = analyze({ lang: "en", text: '"We will appeal the decision," a spokesman said.' });
    expect(a.quotes.filter((q) => q.speaker)).toHaveLength(0);
  });
});

describe("a statement speaks for the body that issued it (en)", () => {
  const quoteText = '"The cause of the crash is under investigation, however preliminary reports do not indicate enemy fire," the statement said.';

  it("keeps '\"…,\" the statement said' as a quote of the organisation that said it in a statement", () => {
    const a = analyze({ lang: "en", text: `Two soldiers were killed, the Defense Department said in a statement on Wednesday. The Taliban claimed responsibility. ${quoteText}` });
    const q = quote(a, "The cause of the crash");
    expect(q?.kind).toBe("direct");
    // Not the group named in between.
    expect(q?.speaker?.name).toBe("Defense Department");
  });

  it("drops it when no organisation issued a statement before", () => {
    const a = analyze({ lang: "en", text: `The Taliban claimed responsibility for the crash. ${quoteText}` });
    expect(quote(a, "The cause of the crash")).toBeUndefined();
  });

  it("invents no speaker for a statement of no known body", () => {
    const a = analyze({ lang: "en", text: '"We will appeal the decision," the statement said.' });
    expect(a.quotes.filter((q) => q.speaker)).toHaveLength(0);
  });
});
