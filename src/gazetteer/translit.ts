/**
 * Transliteration between Ukrainian, Russian and English (Latin) spellings of names.
 *
 *   uk → en: the Ukrainian national standard (Cabinet of Ministers resolution 55, 2010): Зеленський → Zelenskyi,
 *            Харків → Kharkiv; Є/Ї/Й/Ю/Я are Ye/Yi/Y/Yu/Ya at the start of a word and ie/i/i/iu/ia inside it.
 *   ru → en: BGN/PCGN-style as the press uses it: Путин → Putin, Зеленский → Zelenskiy.
 *   uk ↔ ru: letter correspondences plus the regular adjective-surname endings (-ський ↔ -ский), so Путін ↔ Путин,
 *            Зеленський ↔ Зеленский.
 *   en → uk/ru: a rough phonetic reverse for matching (Zelensky → Зеленски), not for display.
 *
 * Press spellings differ from any standard (Zelensky, Zelenskyy); `latinKey` folds them to one key for matching.
 */

export type TranslitLang = "uk" | "ru" | "en";

const UK_EN: Record<string, [string, string]> = {
  // letter: [at word start, elsewhere]
  а: ["a", "a"], б: ["b", "b"], в: ["v", "v"], г: ["h", "h"], ґ: ["g", "g"], д: ["d", "d"], е: ["e", "e"],
  є: ["ye", "ie"], ж: ["zh", "zh"], з: ["z", "z"], и: ["y", "y"], і: ["i", "i"], ї: ["yi", "i"], й: ["y", "i"],
  к: ["k", "k"], л: ["l", "l"], м: ["m", "m"], н: ["n", "n"], о: ["o", "o"], п: ["p", "p"], р: ["r", "r"],
  с: ["s", "s"], т: ["t", "t"], у: ["u", "u"], ф: ["f", "f"], х: ["kh", "kh"], ц: ["ts", "ts"], ч: ["ch", "ch"],
  ш: ["sh", "sh"], щ: ["shch", "shch"], ь: ["", ""], ю: ["yu", "iu"], я: ["ya", "ia"], "'": ["", ""], "’": ["", ""],
  "ʼ": ["", ""],
};

const RU_EN: Record<string, [string, string]> = {
  а: ["a", "a"], б: ["b", "b"], в: ["v", "v"], г: ["g", "g"], д: ["d", "d"], е: ["ye", "e"], ё: ["yo", "yo"],
  ж: ["zh", "zh"], з: ["z", "z"], и: ["i", "i"], й: ["y", "y"], к: ["k", "k"], л: ["l", "l"], м: ["m", "m"],
  н: ["n", "n"], о: ["o", "o"], п: ["p", "p"], р: ["r", "r"], с: ["s", "s"], т: ["t", "t"], у: ["u", "u"],
  ф: ["f", "f"], х: ["kh", "kh"], ц: ["ts", "ts"], ч: ["ch", "ch"], ш: ["sh", "sh"], щ: ["shch", "shch"],
  ъ: ["", ""], ы: ["y", "y"], ь: ["", ""], э: ["e", "e"], ю: ["yu", "yu"], я: ["ya", "ya"],
};

function isLetter(ch: string | undefined): boolean {
  return !!ch && /\p{L}/u.test(ch);
}

function mapLetters(s: string, table: Record<string, [string, string]>, wordStartCheck = true): string {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    const low = ch.toLowerCase();
    const m = table[low];
    if (!m) {
      out += ch;
      continue;
    }
    const start = wordStartCheck && !isLetter(s[i - 1]);
    let t = start ? m[0] : m[1];
    // uk: зг is zgh, to keep it apart from ж (Згурський → Zghurskyi).
    if (table === UK_EN && low === "г" && s[i - 1]?.toLowerCase() === "з") t = "gh";
    // ru: е after a vowel or ь/ъ is "ye" (Соловьев → Solovyev); ий at word end is "iy" (Зеленский → Zelenskiy).
    if (table === RU_EN && low === "е" && /[аеёиоуыэюяьъ]/i.test(s[i - 1] ?? "")) t = "ye";
    if (ch !== low && t) t = isUpperWord(s, i) ? t.toUpperCase() : t[0].toUpperCase() + t.slice(1);
    out += t;
  }
  return out;
}

/** A table by character code, for `mapLettersLower`. */
const byCode = new Map<Record<string, [string, string]>, Map<number, [string, string]>>();
function codeTable(table: Record<string, [string, string]>): Map<number, [string, string]> {
  let m = byCode.get(table);
  if (!m) {
    m = new Map();
    for (const [k, v] of Object.entries(table)) if (k.length === 1) m.set(k.charCodeAt(0), v);
    byCode.set(table, m);
  }
  return m;
}

/** `isLetter` by code point for ASCII and Cyrillic letters, by the pattern for the rest. */
function isLetterCode(c: number): boolean {
  if (c < 0x80) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  if (c >= 0x400 && c <= 0x481) return true;
  if (c >= 0x48a && c <= 0x4ff) return true;
  return /\p{L}/u.test(String.fromCharCode(c));
}

/** Lower-case basic Cyrillic and ASCII by code point; other characters (-1) take `toLowerCase`. */
function lowerCode(c: number): number {
  if (c >= 65 && c <= 90) return c + 32;
  if (c < 0x80) return c;
  if (c >= 0x410 && c <= 0x42f) return c + 0x20;
  if (c >= 0x400 && c <= 0x40f) return c + 0x50;
  if (c >= 0x430 && c <= 0x45f) return c;
  return -1;
}

/**
 * `mapLetters(s, table)` with the mapped letters in lower case (what `latinKey` keeps of them): the same choices
 * of letters, read by character code. Characters the table lacks are copied as they are.
 */
function mapLettersLower(s: string, table: Record<string, [string, string]>): string {
  const codes = codeTable(table);
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let lc = lowerCode(c);
    let m: [string, string] | undefined;
    if (lc >= 0) m = codes.get(lc);
    else {
      const low = s[i].toLowerCase();
      m = table[low];
      lc = low.length === 1 ? low.charCodeAt(0) : -1;
    }
    if (!m) {
      out += s[i];
      continue;
    }
    const start = i === 0 || !isLetterCode(s.charCodeAt(i - 1));
    let t = start ? m[0] : m[1];
    if (table === UK_EN && lc === 0x433 && i > 0 && s[i - 1].toLowerCase() === "з") t = "gh";
    if (table === RU_EN && lc === 0x435 && i > 0 && /[аеёиоуыэюяьъ]/i.test(s[i - 1])) t = "ye";
    out += t;
  }
  return out;
}

function isUpperWord(s: string, i: number): boolean {
  const next = s[i + 1];
  const prev = s[i - 1];
  return (!!next && isLetter(next) && next === next.toUpperCase()) || (!next && !!prev && isLetter(prev) && prev === prev.toUpperCase());
}

function ukToRu(s: string): string {
  let t = s;
  const map: Record<string, string> = { и: "ы", і: "и", ї: "йи", є: "е", ґ: "г", "'": "ъ", "’": "ъ", "ʼ": "ъ", е: "е" };
  let out = "";
  for (let i = 0; i < t.length; i++) {
    const ch = t[i];
    const low = ch.toLowerCase();
    let r = map[low];
    if (r === undefined) {
      out += ch;
      continue;
    }
    // Ukrainian и after ж ч ш щ ц is Russian и too (жити → жить); е at a word start is э in names rarely: keep е.
    if (low === "и" && /[жчшщц]/i.test(t[i - 1] ?? "")) r = "и";
    // Apostrophe before я/ю/є in Ukrainian is ь in Russian (В'ячеслав → Вячеслав is usual): drop it.
    if ((low === "'" || low === "’" || low === "ʼ") && /[яюєї]/i.test(t[i + 1] ?? "")) r = "";
    out += ch !== low ? r.toUpperCase() : r;
  }
  // Adjective and surname endings: -ський → -ский, -ська → -ская, -кый/-гый/-хый → -кий (Russian spelling rule).
  return out
    .replace(/([сцз])ькый(?!\p{L})/gu, "$1кий").replace(/([сцз])ького(?!\p{L})/gu, "$1кого")
    .replace(/([сцз])ька(?!\p{L})/gu, "$1кая").replace(/([кгх])ый(?!\p{L})/gu, "$1ий");
}

function ruToUk(s: string): string {
  const t = s;
  const map: Record<string, string> = { и: "і", ы: "и", э: "е", ё: "ьо", ъ: "'", е: "е" };
  let out = "";
  for (let i = 0; i < t.length; i++) {
    const ch = t[i];
    const low = ch.toLowerCase();
    let r = map[low];
    if (r === undefined) {
      out += ch;
      continue;
    }
    // и after ж ч ш щ ц stays и in Ukrainian only in some words; the press writes Чичиков, so keep и there.
    if (low === "и" && /[жчшщц]/i.test(t[i - 1] ?? "")) r = "и";
    // A Russian word-initial е is є in Ukrainian (Елена → Олена is a different name; Ереван → Єреван).
    if (low === "е" && !isLetter(t[i - 1])) r = "є";
    if (low === "ё" && !isLetter(t[i - 1])) r = "йо";
    out += ch !== low && r ? r[0].toUpperCase() + r.slice(1) : r;
  }
  // -ский/-цкий/-зкий → -ський, -ская → -ська, -ского → -ського.
  return out
    .replace(/([сцз])кій(?!\p{L})/gu, "$1ький").replace(/([сцз])кая(?!\p{L})/gu, "$1ька")
    .replace(/([сцз])кого(?!\p{L})/gu, "$1ького");
}

const EN_UK: [RegExp, string][] = [
  [/(s|ts|z)k(yy|yi|iy|y|i)\b/g, "$1ький"], [/shch/g, "щ"], [/kh/g, "х"], [/zh/g, "ж"], [/ts/g, "ц"], [/ch/g, "ч"], [/sh/g, "ш"], [/yu/g, "ю"], [/ya/g, "я"],
  [/ye/g, "є"], [/yi/g, "ї"], [/iy\b/g, "ий"], [/yy\b/g, "ий"], [/y\b/g, "ий"], [/a/g, "а"], [/b/g, "б"], [/v/g, "в"], [/w/g, "в"],
  [/g/g, "г"], [/h/g, "г"], [/d/g, "д"], [/e/g, "е"], [/z/g, "з"], [/y/g, "и"], [/i/g, "і"], [/j/g, "й"], [/k/g, "к"],
  [/c/g, "к"], [/q/g, "к"], [/l/g, "л"], [/m/g, "м"], [/n/g, "н"], [/o/g, "о"], [/p/g, "п"], [/r/g, "р"], [/s/g, "с"],
  [/t/g, "т"], [/u/g, "у"], [/f/g, "ф"], [/x/g, "кс"],
];

function enToUk(s: string): string {
  return s
    .split(/(\s+|-)/)
    .map((w) => {
      if (!/[A-Za-z]/.test(w)) return w;
      const cap = /^[A-Z]/.test(w);
      let t = w.toLowerCase();
      for (const [re, r] of EN_UK) t = t.replace(re, r);
      return cap ? t[0].toUpperCase() + t.slice(1) : t;
    })
    .join("");
}

/** Transliterates `s` from one of uk/ru/en to another. Unknown pairs return `s` unchanged. */
export function transliterate(s: string, from: TranslitLang, to: TranslitLang): string {
  if (from === to) return s;
  if (to === "en") return from === "uk" ? mapLetters(s, UK_EN) : mapLetters(s, RU_EN);
  if (from === "uk" && to === "ru") return ukToRu(s);
  if (from === "ru" && to === "uk") return ruToUk(s);
  if (from === "en") return to === "uk" ? enToUk(s) : ukToRu(enToUk(s));
  return s;
}

/**
 * A spelling-insensitive Latin key for matching a name across scripts and transliteration systems:
 * Зеленський, Зеленский, Zelensky, Zelenskyy, Zelenskiy → "zelensk"; Путін, Путин, Putin → "putin".
 */
export function latinKey(s: string): string {
  let t = s;
  // (The key is lower case: the letters are mapped without the capitals `transliterate` restores.)
  if (/[іїєґ]/i.test(t)) t = mapLettersLower(t, UK_EN);
  else if (/[а-яё]/i.test(t)) t = mapLettersLower(t, RU_EN);
  // (Diacritics off: nothing to do for ASCII, which most keys are after the letters are mapped.)
  if (!isAscii(t)) t = t.normalize("NFD").replace(/\p{M}/gu, "");
  t = t.toLowerCase();
  t = t
    .replace(/['’ʼ`]/g, "")
    .replace(/(yy|yi|iy|ii|y|i)\b/g, "") // -ий/-ій/-yy/-iy endings
    .replace(/kh/g, "h")
    .replace(/[jy]/g, "i")
    .replace(/w/g, "v")
    .replace(/(.)\1+/g, "$1")
    .replace(/[^a-z0-9 ]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return t;
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}
