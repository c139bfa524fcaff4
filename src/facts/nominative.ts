/**
 * Puts a counted noun phrase into its nominative plural form: "артилерійських снарядів" → "артилерійські
 * снаряди", "балістичних ракет" → "балістичні ракети", "раненых военных" → "раненые военные".
 *
 * After a number the counted noun is inflected for the number (genitive plural after 5+ and after scale
 * words, nominative plural after 2–4, genitive singular after fractions). A figure's `unit` should not
 * depend on that, so it is reduced to one form. Two routes:
 *
 * the form after the number is mapped back by its ending (-ів → -и, -их → -і, zero ending → -и, -ах →
 * -и …), which is right for the common regular nouns and adjectives. The lemma from the morphology stage,
 * when present, settles what the ending cannot: a soft or hard stem (фестивалів → фестивалі, снарядів →
 * снаряди) and irregular plurals (дитина → діти). Building the plural from the lemma alone does worse:
 * fleeting vowels (випадок → випадки, тиждень → тижні) need the paradigm, which the endings already show.
 *
 * English nouns are left as written: after a number they are already plural.
 */

const CYR = /[а-яіїєґё]/i;
const HUSHING = /[жчшщ]$/;

/** Irregular or stem-changing plurals (nominative plural of the lemma, or of a genitive plural form). */
const IRREGULAR: Record<string, string> = {
  // uk genitive plural → nominative plural
  людей: "люди", дітей: "діти", дитини: "діти", ночей: "ночі", осіб: "особи", днів: "дні", грошей: "гроші", очей: "очі", гостей: "гості",
  коней: "коні", міст: "міста", сіл: "села", місць: "місця", років: "роки", разів: "рази", тонн: "тонни",
  // uk lemma → nominative plural
  людина: "люди", дитина: "діти", особа: "особи", день: "дні", рік: "роки", раз: "рази", тонна: "тонни",
  місто: "міста", село: "села", місце: "місця", око: "очі",
  // ru genitive plural → nominative plural
  человек: "люди", человека: "люди", детей: "дети", лет: "годы", дней: "дни",
  // ru lemma → nominative plural
  ребенок: "дети", ребёнок: "дети", год: "годы", друг: "друзья",
};

/** Which language's endings a word takes: its own letters decide (і ї є ґ: Ukrainian; ы э ъ ё: Russian), else `lang`. */
function isRussian(w: string, lang: string): boolean {
  if (/[іїєґ]/i.test(w)) return false;
  if (/[ыэъё]/i.test(w)) return true;
  return lang === "ru";
}

/** Words that are already nominative plural, or invariable: kept as they are. */
function keep(word: string): boolean {
  return /^[A-ZА-ЯІЇЄҐ0-9.\-]+$/.test(word) || word.length <= 2 || /\.$/.test(word);
}

/** Is this word an adjective or participle in a form found after a number (genitive or nominative plural)? */
export function looksAdjective(word: string): boolean {
  // Only the unambiguous plural adjective endings: a noun never ends in -их/-ых/-ые/-ие after a number,
  // while -і (нові, області) is shared with nouns and is decided by position instead.
  return /(?:их|іх|їх|ых|ие|ые|ими|ыми|іми)$/i.test(word);
}

/** Nominative plural of an inflected adjective (no lemma). */
function adjectivePlural(w: string, lang: string): string {
  // Genitive/locative (-их), instrumental (-ими) plural; the nominative plural is kept.
  if (isRussian(w, lang)) {
    if (/ых$/.test(w)) return w.slice(0, -2) + "ые";
    if (/ыми$/.test(w)) return w.slice(0, -3) + "ые";
    if (/их$/.test(w)) return w.slice(0, -2) + "ие";
    if (/ими$/.test(w)) return w.slice(0, -3) + "ие";
    return w;
  }
  if (/[иі]х$/.test(w)) return w.slice(0, -2) + "і";
  if (/[иі]ми$/.test(w)) return w.slice(0, -3) + "і";
  if (/їх$/.test(w)) return w.slice(0, -2) + "ї";
  if (/їми$/.test(w)) return w.slice(0, -3) + "ї";
  return w;
}

/** Nominative plural of an inflected noun (no lemma), from its genitive plural (or already plural) form. */
function nounPlural(w: string, lang: string, agreement?: "gen-sg", lemma?: string): string {
  const lw = w.toLowerCase();
  if (IRREGULAR[lw]) return matchCase(w, IRREGULAR[lw]);
  const ll = lemma?.toLowerCase();
  if (ll && IRREGULAR[ll] && ll !== lw) return matchCase(w, IRREGULAR[ll]);
  // Russian by its letters, or by the genitive plural -ов that Ukrainian does not use (uk writes -ів).
  const ru = isRussian(lw, lang) || /ов$/.test(lw);
  // Oblique plural cases (after "у трьох зонах", "з п'ятьма районами", "двом країнам"): -ах/-ами/-ам → -и.
  const oblique = /^(.{2,}?)(а|я)(х|ми|м)$/.exec(lw);
  if (oblique && lw.length > 4) {
    const stem = w.slice(0, oblique[1].length);
    const soft = oblique[2] === "я" || /[жчшщ]$/.test(oblique[1]);
    if (ru) return stem + (soft || /[кгх]$/.test(oblique[1]) ? "и" : "ы");
    return stem + (soft ? (/[аеєиіїоуюя]$/.test(oblique[1]) ? "ї" : "і") : "и");
  }
  if (ru) {
    if (agreement === "gen-sg") {
      // After 2–4: genitive singular; -а/-я (masculine, the common case) → -ы/-и; feminine -ы/-и already plural.
      if (/[кгхжчшщ]а$/.test(lw)) return w.slice(0, -1) + "и";
      if (/а$/.test(lw)) return w.slice(0, -1) + "ы";
      if (/я$/.test(lw)) return w.slice(0, -1) + "и";
    }
    if (/[иыа]$/.test(lw)) return w; // already plural
    if (/(?:[кгхжчшщ])ов$/.test(lw)) return w.slice(0, -2) + "и";
    if (/ов$/.test(lw)) return w.slice(0, -2) + "ы";
    if (/цев$/.test(lw)) return w.slice(0, -2) + "ы"; // месяцев → месяцы
    if (/ев$/.test(lw)) return w.slice(0, -2) + "и"; // боев → бои
    if (/ей$/.test(lw)) return w.slice(0, -2) + "и";
    if (/(?:ен|ан)ий$/.test(lw)) return w.slice(0, -1) + "я"; // заявлений → заявления
    if (/ств$/.test(lw)) return w + "а";
    if (/ок$/.test(lw)) return w.slice(0, -2) + "ки";
    if (/[бвгдзклмнпрстфхц]$/.test(lw)) return w + (/[кгх]$/.test(lw) ? "и" : "ы"); // ракет → ракеты
    return w;
  }
  // Ukrainian
  if (/[иіїа]$/.test(lw)) return w; // already nominative plural ("три снаряди")
  if (/їв$/.test(lw)) return w.slice(0, -2) + "ї"; // боїв → бої
  if (/ів$/.test(lw)) {
    const stem = w.slice(0, -2);
    // Soft stems take -і: ножів → ножі, мешканців → мешканці, автомобілів → автомобілі, вчителів →
    // вчителі, лікарів → лікарі; hard ones -и: снарядів → снаряди, столів → столи, доларів → долари.
    // The lemma, when the morph stage gave one, settles it: фестиваль, мешканець, водій are soft.
    const softLemma = ll ? /(?:ь|й|[жчшщ])$/.test(ll) : false;
    const hardLemma = ll ? /[бвгдзклмнпстфх]$|[^а]р$/.test(ll) : false; // (-ар: лікар → лікарі, so left to the rule below)
    const soft = softLemma || (!hardLemma && (HUSHING.test(stem.toLowerCase()) || /(?:ц|[іе]л|(?<!дол)ар)$/i.test(stem))) || /ц$/i.test(stem);
    return stem + (soft ? "і" : "и");
  }
  if (/ей$/.test(lw)) return w.slice(0, -2) + "і"; // областей → області
  if (/ень$/.test(lw)) return w.slice(0, -3) + "ні"; // гривень → гривні, пісень → пісні
  if (/ь$/.test(lw)) return w.slice(0, -1) + "і";
  if (/(?:ств|цтв)$/.test(lw)) return w + "а"; // підприємств → підприємства
  if (/ок$/.test(lw)) return w.slice(0, -2) + "ки"; // установок → установки
  if (/[жчшщ]$/.test(lw)) return w + "і"; // тисяч → тисячі
  if (/[бвгдзклмнпрстфхц]$/.test(lw)) return w + "и"; // ракет → ракети
  return w;
}

/** Keeps a capitalised or upper-case original's case on a rewritten word. */
function matchCase(orig: string, out: string): string {
  if (orig === orig.toUpperCase() && orig.length > 1) return out.toUpperCase();
  if (orig[0] !== orig[0].toLowerCase()) return out[0].toUpperCase() + out.slice(1);
  return out;
}

export interface PhraseWord {
  text: string;
  /** Lemma from the morphology stage, when it ran. */
  lemma?: string;
  /** UD part of speech from the morphology stage, when it ran. */
  pos?: string;
}

/**
 * The nominative plural of a counted phrase (adjectives then a head noun, or adjectives alone: "поранених"
 * → "поранені"). English and other non-Cyrillic words are returned as written.
 */
export function nominativePhrase(words: PhraseWord[], lang: string, agreement?: "gen-sg"): string {
  return words
    .map((w, i) => {
      // A hyphenated compound inflects in both parts: "суб'єктів-власників" → "суб'єкти-власники".
      if (/\p{L}-\p{L}/u.test(w.text)) {
        return w.text
          .split("-")
          .map((part) => nominativePhrase([{ text: part }], lang))
          .join("-");
      }
      if (!CYR.test(w.text) || keep(w.text)) return w.text;
      if (i < words.length - 1 && /[оеє]$/i.test(w.text) && !looksAdjective(w.text)) return w.text; // an adverb stays as written
      const isLast = i === words.length - 1;
      // Plural adjective endings decide (a substantivised "поранених" may be tagged NOUN); else the tag; else
      // position: only the last word of the phrase is its head noun.
      const adj = looksAdjective(w.text) || (w.pos ? w.pos === "ADJ" || w.pos === "DET" : !isLast);
      // The form after the number is mapped back by its ending; the lemma only settles soft or hard stems and
      // irregular plurals (building from the lemma stumbles on fleeting vowels: випадок → випадки, тиждень → тижні).
      return adj ? adjectivePlural(w.text, lang) : nounPlural(w.text, lang, agreement, w.lemma);
    })
    .join(" ");
}
