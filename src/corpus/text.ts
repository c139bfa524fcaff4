/**
 * Word-level normalisation for the corpus: the search index, the search query, entity name lookup and story
 * features all go through these functions, so that what is indexed and what is asked are normalised the same way.
 *
 * - `stem(word)`: a light suffix-stripping stemmer for Ukrainian, Russian (Cyrillic) and English (Latin). It is
 *   deliberately conservative (keeps at least 3 letters of stem): for retrieval, conflating a few unrelated
 *   words costs less than missing inflected forms ("договору" must find "договір").
 * - `nameSkeleton(name)`: a script-independent skeleton of a name (Cyrillic transliterated to Latin, uk/ru
 *   letter differences folded), so that "Путін", "Путин" and "Putin" meet.
 * - `storyFeatures(text)`: the cross-lingual word features story clustering compares.
 */

/** Words: letters (any script) with inner apostrophes/hyphens, or numbers. */
const WORD_RE = /[\p{L}\p{M}]+(?:['’ʼ`-][\p{L}\p{M}]+)*|\p{N}+(?:[.,]\p{N}+)*/gu;

export interface WordSpan {
  word: string;
  start: number;
  end: number;
}

export function words(text: string): WordSpan[] {
  const out: WordSpan[] = [];
  for (const m of text.matchAll(WORD_RE)) out.push({ word: m[0], start: m.index!, end: m.index! + m[0].length });
  return out;
}

/** Lower case, ё→е, apostrophes dropped (об’єкт = обєкт), so spelling variants index alike. */
export function fold(word: string): string {
  return word
    .toLowerCase()
    .normalize("NFC")
    .replace(/ё/g, "е")
    .replace(/['’ʼ`]/g, "");
}

const CYR = /[\u0400-\u04ff]/;

// Endings, longest first within each list. Union of common Ukrainian and Russian noun, adjective, verb and
// participle endings; Ukrainian and Russian share most of them, and a query is stemmed without knowing its
// language, so one list serves both.
const SLAVIC_ENDINGS = [
  "ськими", "ського", "ському", "ською", "ськими", "ськім", "ських",
  "ування", "ювання", "ованих", "ованої", "ованій", "ованим", "ований", "ована", "оване", "овані",
  "ами", "ями", "ого", "ому", "ими", "ими", "іми", "ій", "ої", "ою", "ею", "єю", "ую", "юю", "ая", "яя",
  "ее", "ие", "ые", "ое", "ей", "ий", "ый", "ой", "ем", "ам", "ям", "ах", "ях", "ів", "їв", "ов", "ев",
  "ом", "им", "ым", "их", "ых", "іх", "ого", "его", "ему", "ыми",
  "ться", "ться", "тися", "ись", "ось", "ся", "сь",
  "ала", "ало", "али", "ила", "ило", "или", "ать", "ять", "ить", "еть", "ати", "яти", "ити", "іти", "ути",
  "ует", "ють", "ять", "ать", "ить", "ють", "ете", "ите", "єте", "ємо", "имо", "емо", "ют", "ут", "ат", "ят",
  "ав", "ів", "ив", "ал", "ил", "ел",
  "а", "я", "о", "е", "є", "и", "і", "ї", "у", "ю", "ь", "й", "ы", "ю",
].sort((a, b) => b.length - a.length);

/** Endings grouped by their last letter, longest first: a word is tested only against endings it can have. */
const ENDINGS_BY_LAST = new Map<string, string[]>();
for (const e of new Set(SLAVIC_ENDINGS)) {
  const k = e[e.length - 1];
  ENDINGS_BY_LAST.set(k, [...(ENDINGS_BY_LAST.get(k) ?? []), e].sort((a, b) => b.length - a.length));
}

const EN_SUFFIXES = ["ations", "ation", "ings", "ing", "edly", "ed", "ies", "es", "s", "ly"];

const CONSONANTS = "бвгґджзклмнпрстфхцчшщ";
// Ukrainian і↔о/е and ї↔є alternate in the last syllable: договір/договору, ніч/ночі, Київ/Києва. Rewriting the
// stem's last-syllable і to о (ї to є) makes both forms of each pair index alike.
const ALTERNATION = new RegExp(`і([${CONSONANTS}]{1,2})$`);
const ALTERNATION_YI = new RegExp(`ї([${CONSONANTS}]{1,2})$`);

/**
 * A bounded memo for per-word functions: text is Zipfian, so most words of an article were seen before and a
 * lookup replaces folding, transliterating and suffix tests. Cleared when full, so memory stays bounded
 * (~a few MB) however much text passes through.
 */
class WordMemo {
  private map = new Map<string, string>();
  constructor(private readonly max: number) {}
  get(word: string, compute: (w: string) => string): string {
    let v = this.map.get(word);
    if (v === undefined) {
      if (this.map.size >= this.max) this.map.clear();
      v = compute(word);
      this.map.set(word, v);
    }
    return v;
  }
}

const STEMS = new WordMemo(100_000);
const FEATURES = new WordMemo(100_000);

/** Stem of one word (any case). Numbers come back unchanged; very short words only folded. */
export function stem(word: string, opts: { alternation?: boolean } = {}): string {
  return opts.alternation === false ? stemWord(word, false) : STEMS.get(word, (w) => stemWord(w, true));
}

function stemWord(word: string, alternate: boolean): string {
  const w = fold(word);
  if (/^\p{N}/u.test(w)) return w;
  if (w.length <= 3) return alternate && CYR.test(w) ? w.replace(ALTERNATION, "о$1") : w;
  if (CYR.test(w)) {
    let s = w;
    for (const e of ENDINGS_BY_LAST.get(w[w.length - 1]) ?? []) {
      if (s.length - e.length >= 3 && s.endsWith(e)) {
        s = s.slice(0, -e.length);
        break;
      }
    }
    // A second pass for reflexive verbs and the soft sign left by the first ("заявилися" → "заявил" …).
    if (s.length > 4 && (s.endsWith("ь") || s.endsWith("й"))) s = s.slice(0, -1);
    if (alternate) s = s.replace(ALTERNATION, "о$1").replace(ALTERNATION_YI, "є$1");
    return s;
  }
  let s = w;
  for (const e of EN_SUFFIXES) {
    if (s.length - e.length >= 3 && s.endsWith(e)) {
      s = s.slice(0, -e.length);
      if (e === "ies") s += "y";
      break;
    }
  }
  return s;
}

/** Stems of every word of a text, space-separated: what the full-text index holds. */
export function stemText(text: string): string {
  let out = "";
  for (const m of text.matchAll(WORD_RE)) {
    if (out) out += " ";
    out += stem(m[0]);
  }
  return out;
}

/** Stems of the words of a user query (no operators: every word is a plain term). */
export function queryTerms(q: string): string[] {
  const seen = new Set<string>();
  for (const m of q.matchAll(WORD_RE)) {
    const s = stem(m[0]).replace(/"/g, "");
    if (s) seen.add(s);
  }
  return [...seen];
}

/** FTS5 MATCH expression for a query: each term double-quoted (so it is data, never syntax), all required. */
export function ftsMatch(q: string): string | null {
  const terms = queryTerms(q);
  if (!terms.length) return null;
  return terms.map((t) => `"${t.replace(/"/g, '""')}"`).join(" AND ");
}

const TRANSLIT: Record<string, string> = {
  а: "a", б: "b", в: "v", г: "g", ґ: "g", д: "d", е: "e", є: "e", ё: "e", ж: "zh", з: "z", и: "i", і: "i",
  ї: "i", й: "i", к: "k", л: "l", м: "m", н: "n", о: "o", п: "p", р: "r", с: "s", т: "t", у: "u", ф: "f",
  х: "h", ц: "ts", ч: "ch", ш: "sh", щ: "sch", ъ: "", ы: "i", ь: "", э: "e", ю: "yu", я: "ya",
};

/**
 * A script-independent skeleton of a name: lower case, Cyrillic transliterated (uk and ru letters that
 * correspond map to the same Latin letters: і/и/ы → i, г/ґ → g, є/е/э → e), Latin kh/y/j folded, non-letters
 * dropped between words. "Путін", "Путин", "Putin" → "putin"; "Зеленський", "Зеленский", "Zelensky" → "zelenski".
 */
export function nameSkeleton(name: string): string {
  return SKELETONS.get(name, skeleton);
}

const SKELETONS = new WordMemo(50_000);

function skeleton(name: string): string {
  let s = "";
  for (const ch of fold(name)) s += TRANSLIT[ch] ?? ch;
  s = s
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/kh/g, "h")
    .replace(/y/g, "i")
    .replace(/j/g, "i")
    .replace(/ii+/g, "i")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
  return s;
}

/** Skeleton of an inflected name reduced to its likely nominative stem (drops a case ending from each word). */
export function nameStemSkeleton(name: string): string {
  return STEM_SKELETONS.get(name, stemSkeleton);
}

const STEM_SKELETONS = new WordMemo(50_000);

function stemSkeleton(name: string): string {
  return nameSkeleton(
    name
      .split(/\s+/)
      // No і/о rewriting in names: Путін must stay "putin", like Путин and Putin.
      .map((w) => (CYR.test(w) ? stem(w, { alternation: false }) : w))
      .join(" "),
  );
}

// Function words that say nothing about what a story is about (uk, ru, en); dropped from story features.
const STOP = new Set(
  (
    "і й та а але або що як це той цей ця ці ти ми ви він вона вони воно його її їх їм йому не ні так же ж би б " +
    "у в на з із зі до від про для по при за під над між через після перед також ще вже лише тільки який яка яке які " +
    "котрий був була було були буде будуть є має мають може можуть щоб коли де там тут тому бо ну " +
    "и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только ее мне было вот от " +
    "меня еще нет о из ему теперь когда даже ну вдруг ли если уже или ни быть был него до вас нибудь опять уж " +
    "вам ведь там потом себя ничего ей может они тут где есть надо ней для мы тебя их чем была сам чтоб без " +
    "будто чего раз тоже себе под будет ж тогда кто этот того потому этого какой совсем ним здесь этом один " +
    "почти мой тем чтобы нее сейчас были куда зачем всех никогда можно при наконец два об другой хоть после " +
    "над больше тот через эти нас про всего них какая много разве три эту моя впрочем хорошо свою этой перед " +
    "иногда лучше чуть том нельзя такой им более всегда конечно всю между также " +
    "the a an and or but of to in on at by for with from as is are was were be been being it its this that " +
    "these those he she they we you his her their our not no said says will would has have had also which who"
  ).split(" "),
);

/**
 * Story features of a text: the first 5 letters of the transliterated skeleton of each content word, plus
 * numbers. Prefix truncation is a crude but language-independent stemmer, and over the transliterated skeleton
 * it lets a Ukrainian and a Russian retelling of one report share most of their features (партнерство,
 * стратегічне/стратегическое → "strat", Пхеньян/Пхеньяне → "phena", КНДР → "kndr").
 */
export function storyFeatures(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(WORD_RE)) {
    const f = FEATURES.get(m[0], storyFeature);
    if (f) out.add(f);
  }
  return out;
}

/** The story feature of one word, "" for none. */
function storyFeature(word: string): string {
  const w = fold(word);
  if (/^\p{N}/u.test(w)) return w.length >= 2 ? "#" + w.replace(/[.,]/g, "") : "";
  if (w.length < 4 || STOP.has(w)) return "";
  const sk = nameSkeleton(w).replace(/ /g, "");
  return sk.length < 4 ? "" : sk.slice(0, 5);
}
