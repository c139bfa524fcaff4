/**
 * npm run build:lexicon — builds data/lexicon/{uk,ru}.lex.gz and the Ukrainian suffix fallback and tagger from
 * open data:
 *
 *   - hunspell-uk (Debian, /usr/share/hunspell/uk_UA.{aff,dic}; dict_uk project, MPL-1.1/LGPL/GPL)
 *   - hunspell-ru (Debian, /usr/share/hunspell/ru_RU.{aff,dic}; Alexander Lebedev, BSD-like licence)
 *   - UD Ukrainian-IU **dev** split (../shared/data/ud-uk-iu, CC BY-NC-SA 4.0): POS of paradigms, the
 *     context tagger and the lemma memory. The test split is never read here.
 *
 * Install the dictionaries with `apt-get install -y hunspell-uk hunspell-ru`.
 *
 * Steps: parse the .aff suffix rules and the .dic lemmas; give every lemma a coarse Universal POS (learned from
 * which UD lemmas carry which paradigm flags, with ending rules as fallback); expand every paradigm once to
 * count forms and to learn the suffix-rule fallback for unknown words; write the compact lemma+rule table.
 */
import { readFileSync, writeFileSync, mkdirSync, existsSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { readConllu } from "../src/morph/conllu.js";
import { trainSuffixModel, type SuffixPair } from "../src/morph/suffix.js";
import { trainTagger } from "../src/morph/train-tagger.js";
import { ambiguityFor, dictionaryLemmas } from "../src/morph/lemmatizer.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const SHARED = resolve(process.env.DZHERELO_SHARED ?? join(ROOT, "..", "shared"));
const OUT = join(ROOT, "data", "lexicon");
const HUNSPELL = process.env.HUNSPELL_DIR ?? "/usr/share/hunspell";
const UD_DEV = join(SHARED, "data", "ud-uk-iu", "uk_iu-ud-dev.conllu");

interface AffRule {
  flag: string;
  strip: string;
  append: string;
  cond: string;
}
interface DicEntry {
  word: string;
  flags: string;
}

function readAff(path: string, norm: (s: string) => string): AffRule[] {
  const rules: AffRule[] = [];
  for (const line of readFileSync(path, "utf8").split("\n")) {
    const f = line.trim().split(/\s+/);
    if (f[0] !== "SFX" || f.length < 5) continue;
    if (f[2] === "Y" || f[2] === "N") if (/^\d+$/.test(f[3]) && f.length === 4) continue;
    const [, flag, strip, append, cond] = f;
    rules.push({
      flag,
      strip: strip === "0" ? "" : norm(strip),
      append: append === "0" ? "" : norm(append.split("/")[0]),
      cond: cond === "." ? "" : norm(cond),
    });
  }
  return rules;
}

function readDic(path: string, norm: (s: string) => string): DicEntry[] {
  const lines = readFileSync(path, "utf8").split("\n");
  const out: DicEntry[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line) continue;
    const slash = line.indexOf("/");
    const word = norm(slash < 0 ? line : line.slice(0, slash));
    const flags = slash < 0 ? "" : line.slice(slash + 1).split(/\s/)[0];
    out.push({ word, flags });
  }
  return out;
}

/** Expands one entry with rules indexed by flag. */
function expandEntry(e: DicEntry, byFlag: Map<string, { rule: AffRule; re: RegExp | null }[]>): { form: string; flag: string }[] {
  const out = [{ form: e.word, flag: "" }];
  for (const fl of e.flags) {
    for (const { rule, re } of byFlag.get(fl) ?? []) {
      if (!e.word.endsWith(rule.strip)) continue;
      if (re && !re.test(e.word)) continue;
      out.push({ form: e.word.slice(0, e.word.length - rule.strip.length) + rule.append, flag: fl });
    }
  }
  return out;
}

function indexByFlag(rules: AffRule[]) {
  const byFlag = new Map<string, { rule: AffRule; re: RegExp | null }[]>();
  const cache = new Map<string, RegExp | null>();
  for (const r of rules) {
    let re = cache.get(r.cond);
    if (re === undefined) {
      re = r.cond ? new RegExp(`(?:${r.cond})$`, "u") : null;
      cache.set(r.cond, re);
    }
    const l = byFlag.get(r.flag) ?? [];
    l.push({ rule: r, re });
    byFlag.set(r.flag, l);
  }
  return byFlag;
}

/** Coarse POS from the lemma's ending, for paradigms UD gives no evidence about. Ukrainian and Russian. */
function posByEnding(word: string, flags: string, lang: "uk" | "ru"): string {
  const cap = /^\p{Lu}/u.test(word);
  if (lang === "uk") {
    // Infinitives end in -ти/-тися/-тись (and the short -ть forms the dictionary rarely lists).
    if (flags && /(ти|тися|тись)$/.test(word)) return "VERB";
    // Adjective lemmas are masculine nominative: -ий/-ій/-їй (possessive -ів/-ин need flags to tell).
    if (flags && /(ий|ій|їй)$/.test(word)) return cap ? "PROPN" : "ADJ";
  } else {
    if (flags && /(ть|ться|ти|тись|чь|чься)$/.test(word)) return "VERB";
    if (flags && /(ый|ий|ой)$/.test(word)) return cap ? "PROPN" : "ADJ";
  }
  if (cap) return "PROPN";
  if (!flags) {
    // Uninflected lowercase words that end like adverbs (-о, -е, -и) are mostly adverbs; others nouns.
    if (word.length > 3 && /[оеи]$/.test(word)) return "ADV";
  }
  return "NOUN";
}

interface LangBuild {
  lang: "uk" | "ru";
  rules: AffRule[];
  entries: DicEntry[];
  pos: string[];
}

function buildLang(lang: "uk" | "ru", udLemmaPosIn: Map<string, Map<string, number>> | null): LangBuild {
  let udLemmaPos = udLemmaPosIn;
  const base = lang === "uk" ? "uk_UA" : "ru_RU";
  // Apostrophe variants are one letter in Ukrainian spelling; the table uses the ASCII one.
  // Russian: ё is written as е in most news, so the table folds it.
  const norm = lang === "uk" ? (s: string) => s.replace(/[’ʼ`]/g, "'") : (s: string) => s.replace(/ё/g, "е").replace(/Ё/g, "Е");
  const rules = readAff(join(HUNSPELL, `${base}.aff`), norm);
  const entries = readDic(join(HUNSPELL, `${base}.dic`), norm);

  // POS per flag learned from UD (uk only): for every UD lemma in the dictionary, count its UPOS under each
  // flag it carries. A paradigm flag is evidence of a part of speech (flag j: adjectives; X, Y, Z: verbs…).
  const flagPos = new Map<string, Map<string, number>>();
  if (!udLemmaPos && lang === "ru") {
    // No treebank here: lemmas whose ending leaves no doubt (reflexive infinitives, -ость nouns, -ый/-ой
    // adjectives, -ние/-ство nouns) teach which flags mark which part of speech.
    udLemmaPos = new Map();
    for (const e of entries) {
      if (!e.flags || /^\p{Lu}/u.test(e.word)) continue;
      const p = /(ться|тись|чься)$/.test(e.word) ? "VERB" : /(ость|ение|ание|ство|ация)$/.test(e.word) ? "NOUN" : /(ый|ой)$/.test(e.word) ? "ADJ" : null;
      if (p) udLemmaPos.set(e.word, new Map([[p, 1]]));
    }
  }
  if (udLemmaPos) {
    for (const e of entries) {
      const dist = udLemmaPos.get(e.word);
      if (!dist || !e.flags) continue;
      for (const fl of e.flags) {
        const m = flagPos.get(fl) ?? new Map<string, number>();
        for (const [p, c] of dist) m.set(p, (m.get(p) ?? 0) + c);
        flagPos.set(fl, m);
      }
    }
  }
  const pos = entries.map((e) => {
    const ud = lang === "uk" ? udLemmaPos?.get(e.word) : undefined;
    if (ud) return argmax(ud);
    const byEnding = posByEnding(e.word, e.flags, lang);
    if (!e.flags || flagPos.size === 0) return byEnding;
    const votes = new Map<string, number>();
    for (const fl of e.flags) {
      const m = flagPos.get(fl);
      if (!m) continue;
      let tot = 0;
      for (const c of m.values()) tot += c;
      if (tot < 3) continue;
      for (const [p, c] of m) votes.set(p, (votes.get(p) ?? 0) + c / tot);
    }
    if (votes.size === 0) return byEnding;
    let p = argmax(votes);
    // UD splits nouns into NOUN and PROPN by capitalisation, which the flags do not see.
    if (p === "NOUN" && /^\p{Lu}/u.test(e.word)) p = "PROPN";
    if (p === "PROPN" && !/^\p{Lu}/u.test(e.word)) p = "NOUN";
    return p;
  });
  return { lang, rules, entries, pos };
}

function argmax(m: Map<string, number>): string {
  let best = "";
  let bc = -Infinity;
  for (const [k, v] of m) if (v > bc) [best, bc] = [k, v];
  return best;
}

function writeLexicon(b: LangBuild): { bytes: number; forms: number } {
  const lines: string[] = [`dzherelo-lexicon 1 ${b.lang}`, "#rules"];
  // Only rules whose flag some entry uses.
  const used = new Set<string>();
  for (const e of b.entries) for (const f of e.flags) used.add(f);
  const seen = new Set<string>();
  for (const r of b.rules) {
    if (!used.has(r.flag)) continue;
    const l = `${r.flag}\t${r.strip}\t${r.append}\t${r.cond}`;
    if (seen.has(l)) continue;
    seen.add(l);
    lines.push(l);
  }
  lines.push("#entries");
  const order = b.entries.map((_, i) => i).sort((x, y) => (b.entries[x].word < b.entries[y].word ? -1 : b.entries[x].word > b.entries[y].word ? 1 : 0));
  const formOf = bareNameForms(b);
  for (const i of order) {
    const w = b.entries[i].word;
    const of = b.entries[i].flags ? undefined : formOf.get(w);
    lines.push(`${w}\t${b.entries[i].flags}\t${b.pos[i]}${of ? "\t" + of : ""}`);
  }
  const gz = gzipSync(Buffer.from(lines.join("\n") + "\n", "utf8"), { level: 9 });
  writeFileSync(join(OUT, `${b.lang}.lex.gz`), gz);
  // Count the expanded forms, for the README.
  const byFlag = indexByFlag(b.rules);
  let forms = 0;
  for (const e of b.entries) forms += expandEntry(e, byFlag).length;
  return { bytes: gz.length, forms };
}

/**
 * hunspell-uk lists many names without a paradigm, each case form as a word of its own (Саратов, Саратовом;
 * Луцьк, Луцька; Рогозін, Рогозіну). A capitalised bare word that is another bare name plus a case ending is
 * marked as that name's form: "=lemma" where the ending is unambiguously oblique, "+lemma" (a second reading)
 * where the form may be a name of its own (Путіна: genitive of Путін, or a woman's surname).
 */
function bareNameForms(b: LangBuild): Map<string, string> {
  const out = new Map<string, string>();
  if (b.lang !== "uk") return out;
  const bareCap = new Set(b.entries.filter((e) => !e.flags && /^\p{Lu}/u.test(e.word)).map((e) => e.word));
  const OBLIQUE = ["ові", "еві", "ому", "ого", "ом", "ем", "им", "ім", "ах", "ами", "ам", "у", "ю", "і"];
  for (const w of bareCap) {
    for (const end of [...OBLIQUE, "а", "я"]) {
      if (!w.endsWith(end) || w.length - end.length < 3) continue;
      const stem = w.slice(0, w.length - end.length);
      if (!bareCap.has(stem) || !/[бвгґджзклмнпрстфхцчшщ]$/.test(stem)) continue;
      const city = /(ськ|цьк|зьк)$/.test(stem);
      out.set(w, (OBLIQUE.includes(end) || city ? "=" : "+") + stem);
      break;
    }
  }
  return out;
}

/** Form→lemma pairs for the suffix fallback: proper nouns (capitalised lemmas) and a sample of the rest. */
function suffixPairs(b: LangBuild): SuffixPair[] {
  const byFlag = indexByFlag(b.rules);
  const pairs: SuffixPair[] = [];
  for (let i = 0; i < b.entries.length; i++) {
    const e = b.entries[i];
    const cap = /^\p{Lu}/u.test(e.word);
    // Unknown words in news are mostly names; common words are sampled to keep the build quick.
    if (!cap && i % 4 !== 0) continue;
    for (const { form, flag } of expandEntry(e, byFlag)) {
      // Adverbs in -о sit in adjective paradigms (довгий → довго); an adverb is its own lemma.
      if (b.lang === "uk" && b.pos[i] === "ADJ" && flag && /о$/.test(form) && !/ого$/.test(form)) pairs.push({ form, lemma: form, pos: "ADV" });
      else pairs.push({ form, lemma: e.word, pos: b.pos[i] });
    }
  }
  return pairs;
}

function main() {
  if (!existsSync(join(HUNSPELL, "uk_UA.dic"))) {
    console.error(`hunspell dictionaries not found in ${HUNSPELL}: apt-get install -y hunspell-uk hunspell-ru`);
    process.exit(1);
  }
  mkdirSync(OUT, { recursive: true });
  const t0 = Date.now();
  const ud = existsSync(UD_DEV) ? readConllu(readFileSync(UD_DEV, "utf8")) : null;
  let udLemmaPos: Map<string, Map<string, number>> | null = null;
  if (ud) {
    udLemmaPos = new Map();
    for (const s of ud) for (const t of s.tokens) {
      const lemma = t.lemma.replace(/[’ʼ`]/g, "'");
      const m = udLemmaPos.get(lemma) ?? new Map<string, number>();
      m.set(t.upos, (m.get(t.upos) ?? 0) + 1);
      udLemmaPos.set(lemma, m);
    }
  } else console.warn("UD dev not found: POS from endings only, no tagger");

  const card: Record<string, unknown> = {
    built: new Date().toISOString().slice(0, 10),
    command: "npm run build:lexicon",
  };
  for (const lang of ["uk", "ru"] as const) {
    const b = buildLang(lang, lang === "uk" ? udLemmaPos : null);
    const { bytes, forms } = writeLexicon(b);
    console.log(`${lang}: ${b.entries.length} lemmas, ${b.rules.length} rules, ${forms} forms, ${bytes} bytes`);
    const suffix = trainSuffixModel(suffixPairs(b));
    const sjson = JSON.stringify(suffix);
    writeFileSync(join(OUT, `${lang}.suffix.json.gz`), gzipSync(Buffer.from(sjson), { level: 9 }));
    console.log(`${lang}: suffix model ${Object.keys(suffix.rules).length} suffixes`);
    card[lang] = { lemmas: b.entries.length, rules: b.rules.length, forms, lexiconBytes: bytes, suffixes: Object.keys(suffix.rules).length };
  }
  // Lemma priors: how often each lemma is the only reading of a word in raw Ukrainian news and prose
  // (NER-UK v2 training split; its entity labels are not used).
  const nerTrain = join(SHARED, "data", "ner-uk", "v2.0", "iob", "train.iob");
  if (existsSync(nerTrain)) {
    const counts: Record<string, number> = {};
    let tokens = 0;
    const ambiguous: string[][] = [];
    for (const line of readFileSync(nerTrain, "utf8").split("\n")) {
      const w = line.split(" ")[0];
      if (!w || !/\p{L}/u.test(w)) continue;
      tokens++;
      const ls = dictionaryLemmas(w, "uk");
      if (ls.length === 1) counts[ls[0]] = (counts[ls[0]] ?? 0) + 1;
      else if (ls.length > 1) ambiguous.push(ls);
    }
    // The UD dev lemmas count too (they are the lemma conventions themselves).
    if (ud) for (const s of ud) for (const t of s.tokens) if (/\p{L}/u.test(t.lemma)) counts[t.lemma.replace(/’/g, "'")] = (counts[t.lemma.replace(/’/g, "'")] ?? 0) + 1;
    // One EM step: an ambiguous word's occurrence is shared among its lemmas in proportion to their counts.
    const add: Record<string, number> = {};
    for (const ls of ambiguous) {
      const ws = ls.map((l) => (counts[l] ?? 0) + 0.1);
      const tot = ws.reduce((a, b) => a + b, 0);
      ls.forEach((l, k) => (add[l] = (add[l] ?? 0) + ws[k] / tot));
    }
    for (const [l, c] of Object.entries(add)) counts[l] = Math.round(((counts[l] ?? 0) + c) * 10) / 10;
    const kept: Record<string, number> = {};
    for (const [l, c] of Object.entries(counts)) if (c >= 2) kept[l] = c;
    writeFileSync(join(OUT, "uk.prior.json.gz"), gzipSync(Buffer.from(JSON.stringify(kept)), { level: 9 }));
    card.ukPrior = { source: "NER-UK v2.0 train.iob (text only)", tokens, lemmas: Object.keys(kept).length };
    console.log(`uk prior: ${Object.keys(kept).length} lemmas from ${tokens} tokens`);
  }
  if (ud) {
    const model = trainTagger(ud, ambiguityFor("uk"));
    writeFileSync(join(OUT, "uk.tagger.json.gz"), gzipSync(Buffer.from(JSON.stringify(model)), { level: 9 }));
    card.ukTagger = { trainedOn: "UD_Ukrainian-IU dev", sentences: ud.length, features: Object.keys(model.weights).length };
    console.log(`uk tagger: ${Object.keys(model.weights).length} features`);
  }
  writeFileSync(join(OUT, "card.json"), JSON.stringify(card, null, 2) + "\n");
  console.log(`done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

main();
