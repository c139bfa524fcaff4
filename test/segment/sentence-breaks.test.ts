import { describe, expect, it } from "vitest";
import { sentenceBreaks } from "../../src/segment/sentence-breaks.js";

const icu = (s: string, lang = "uk") => {
  const out: number[] = [];
  for (const x of new Intl.Segmenter(lang, { granularity: "sentence" }).segment(s)) if (x.index > 0) out.push(x.index);
  return out;
};

describe("sentence breaks (the Unicode rules read directly)", () => {
  it("gives ICU's breaks on news sentences in uk, ru and en", () => {
    const texts = [
      "Про це заявив В. Зеленський у м. Київ. Далі див. ст. 5 Конституції! Чи так? «Так», — сказав він.",
      "«Переговоры продолжаются…» Об этом сообщил пресс-секретарь Д. Песков.\nСледующая строка: 3.14 и 2.5.",
      'He said: "We will win." Then U.S. officials left (at 5 p.m.). Mr. Smith, Jr. agreed; the end.',
      "Ціна — 10 грн. а не 12. Вона зросла на 5 % за рік…  Кінець.\u00a0Далі\u2028новий рядок.",
      "Наголо́шення в сло́ві. І далі.)  «Текст»! «Ще»? “Quote.” ‘Single.’ End.",
    ];
    for (const t of texts) for (const lang of ["uk", "ru", "en"]) expect(sentenceBreaks(t)).toEqual(icu(t, lang));
  });

  it("agrees with ICU on random strings of letters, marks, spaces and punctuation", () => {
    // A fixed pseudo-random sequence, so a failure is reproducible.
    let seed = 12345;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const letters = [..."aBcDАбВгІіЇїЄєҐґ0123456789"];
    const marks = [..." \t\n\r.!?,;:-–—()[]{}\"'«»„“”‘’‹›…•/#%&№€\u00a0\u00ad\u0301\u200b\u200d\u2028\u0085\u202f\u2009‼‐ßÉéΣς§°"];
    for (let t = 0; t < 4000; t++) {
      let s = "";
      const len = 1 + rnd(30);
      for (let i = 0; i < len; i++) s += rnd(2) ? letters[rnd(letters.length)] : marks[rnd(marks.length)];
      expect([s, sentenceBreaks(s)]).toEqual([s, icu(s)]);
    }
  });

  it("leaves text with characters outside its table to ICU", () => {
    expect(sentenceBreaks("日本語の文。次の文。")).toBeNull();
    expect(sentenceBreaks("Emoji 🙂. Next.")).toBeNull();
    expect(sentenceBreaks("")).toEqual([]);
  });
});
