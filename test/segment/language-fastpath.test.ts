import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { detectLanguage, detectLanguageDetail } from "../../src/segment/language.js";

const UK_WITH_RU_QUOTE =
  "Міністр закордонних справ України заявив, що переговори з партнерами тривають і нових рішень слід чекати наступного тижня. " +
  "Російський посол у відповідь сказав журналістам: «Мы этого не допустим, это наша позиция». " +
  "Український дипломат наголосив, що Київ не змінюватиме своєї позиції щодо територіальної цілісності.";
const RU =
  "Министр иностранных дел России заявил, что переговоры с партнёрами продолжаются и новых решений следует ждать " +
  "на следующей неделе. Эксперты считают, что быстрых результатов не будет.";
const EN =
  "The foreign minister said on Tuesday that talks with the partners were continuing and that new decisions " +
  "would not be taken before next week, according to officials who were present at the meeting.";

describe("language identification by script evidence", () => {
  it("calls Ukrainian text with a Russian quote Ukrainian, from its letters", () => {
    expect(detectLanguageDetail(UK_WITH_RU_QUOTE, null)).toEqual({ lang: "uk", by: "script" });
    expect(detectLanguage(UK_WITH_RU_QUOTE, "ru")).toBe("uk");
  });

  it("calls Russian text Russian and English text English, from their letters and words", () => {
    expect(detectLanguageDetail(RU, null)).toEqual({ lang: "ru", by: "script" });
    expect(detectLanguageDetail(EN, null)).toEqual({ lang: "en", by: "script" });
  });

  it("reads the apostrophe inside a Ukrainian word as Ukrainian evidence", () => {
    expect(detectLanguageDetail("М’ясо, п’ять, сім’я, м'яч, пам'ять", null)).toEqual({ lang: "uk", by: "script" });
  });

  it("settles short mixed titles", () => {
    expect(detectLanguage("Зеленський відповів Путіну: «Мы этого не допустим»", null)).toBe("uk");
    expect(detectLanguage("Zelensky says «Слава Україні» at the summit in Kyiv", null)).toBe("en");
    expect(detectLanguage("Путин ответил Зеленскому: «Слава Україні» не пройдёт", null)).toBe("ru");
  });

  it("does not call Latin text English without English words, nor other Cyrillic languages uk or ru", () => {
    expect(detectLanguage("Die Regierung hat am Dienstag neue Maßnahmen gegen die steigenden Preise beschlossen.", null)).toBe("de");
    expect(detectLanguage("Il governo ha approvato martedì nuove misure contro l'aumento dei prezzi dell'energia.", null)).toBe("it");
    expect(detectLanguage("Правителството прие във вторник нови мерки срещу растящите цени на енергията.", null)).toBe("bg");
    expect(detectLanguage("Урад прыняў у аўторак новыя меры супраць росту цэн на энергію і паліва.", null)).toBe("be");
  });

  it("gives 'und' for text with no letters and no hint, and keeps a hint there", () => {
    expect(detectLanguageDetail("123 456 — 789 (2024) %%%", null)).toEqual({ lang: "und", by: "none" });
    expect(detectLanguage("", null)).toBe("und");
    expect(detectLanguage("12:30 — 14:45", "uk")).toBe("uk");
  });
});

describe("the n-gram detector's cost", () => {
  it("is not paid for analysing a Ukrainian article, only for text the letters cannot settle", () => {
    const root = resolve(import.meta.dirname, "../..");
    const dir = mkdtempSync(join(tmpdir(), "lang-"));
    const script = join(dir, "probe.mts");
    const src = (p: string) => JSON.stringify(pathToFileURL(join(root, p)).href);
    writeFileSync(
      script,
      `import { createRequire } from "node:module";
       const { analyze } = await import(${src("src/pipeline/analyze.ts")});
       const lang = await import(${src("src/segment/language.ts")});
       const req = createRequire(import.meta.url);
       const eldFiles = () => Object.keys(req.cache).filter((k) => /[\\\\/]eld[\\\\/]/.test(k)).length;
       const a = analyze({ text: ${JSON.stringify(UK_WITH_RU_QUOTE)} });
       const after = { lang: a.lang, loaded: lang.languageDetectorLoaded(), files: eldFiles() };
       lang.detectLanguage("Кім Чен Ин прибув до Москви", null);
       const later = { loaded: lang.languageDetectorLoaded(), files: eldFiles() };
       console.log(JSON.stringify({ after, later }));`,
    );
    try {
      const r = spawnSync(process.execPath, ["--import", "tsx", script], { cwd: root, encoding: "utf8", timeout: 60_000 });
      expect(r.status, r.stderr).toBe(0);
      const out = JSON.parse(r.stdout.trim().split("\n").pop()!);
      expect(out.after).toEqual({ lang: "uk", loaded: false, files: 0 });
      // The probe can see eld once it is loaded: a short Cyrillic text without і/ї/є or ы/э/ё needs it.
      expect(out.later.loaded).toBe(true);
      expect(out.later.files).toBeGreaterThan(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
