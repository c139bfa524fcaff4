/** Interface strings in Ukrainian and English; the choice is kept in localStorage. */
const uk = {
  appName: "Джерело",
  tagline: "Хто що сказав, посилаючись на кого, про кого і коли",
  navAnalyze: "Аналіз",
  navSearch: "Пошук",
  navStories: "Сюжети",
  analyzeTitle: "Аналіз статті",
  analyzeHint: "Вставте текст або HTML статті, або перетягніть файл сюди.",
  analyzeButton: "Аналізувати",
  chooseFile: "Вибрати файл",
  published: "Дата публікації",
  language: "Мова",
  auto: "авто",
  analyzing: "Аналізую…",
  quotes: "Цитати",
  speakers: "Мовці",
  sources: "Джерела",
  sourceChain: "Ланцюжок джерел",
  entities: "Сутності",
  figures: "Числа",
  dates: "Дати",
  removed: "Вилучений шум",
  removedPieces: (n: number) => `${n} фрагм.`,
  noQuotes: "Цитат не знайдено.",
  none: "—",
  direct: "пряма",
  indirect: "непряма",
  mixed: "змішана",
  via: "через",
  cue: "сигнал",
  resolvedBy: "як визначено",
  resolved: { name: "за ім’ям", role: "за посадою", pronoun: "за займенником", context: "з контексту" } as Record<string, string>,
  unknownSpeaker: "невідомий мовець",
  search: "Шукати",
  query: "Запит",
  from: "Від",
  to: "До",
  outlet: "Видання",
  speaker: "Мовець",
  source: "Джерело",
  entity: "Сутність",
  any: "будь-яка",
  results: (n: number) => `Знайдено: ${n}`,
  noResults: "Нічого не знайдено.",
  prev: "← Назад",
  next: "Далі →",
  page: (p: number, n: number) => `Сторінка ${p} з ${n}`,
  speakerPage: "Мовець",
  articlesQuoting: "Статті з цитатами цього мовця",
  quotesOverTime: "Цитати в часі",
  byOutlet: "За виданнями",
  byLang: "За мовами",
  allQuotes: (n: number) => `Усі цитати (${n})`,
  alsoKnownAs: "Також",
  story: "Сюжет",
  stories: "Сюжети",
  articles: (n: number) => `${n} статей`,
  timeline: "Хронологія",
  whoCitesWhom: "Хто кого цитує",
  figureVariants: "Варіанти чисел",
  firstReport: "перше повідомлення",
  nearDuplicate: "майже дублікат",
  article: "Стаття",
  openOriginal: "Оригінал",
  error: "Помилка",
  notFound: "Не знайдено",
  loading: "Завантаження…",
  noStore: "Базу даних не відкрито.",
  needToken: "Сервер вимагає токен: відкрийте посилання з ?token=…, яке він надрукував під час запуску.",
  stats: (a: number, q: number, s: number) => `${a} статей · ${q} цитат · ${s} сюжетів`,
  noStories: "Сюжетів поки немає.",
  title: "Заголовок",
  kind: "Вид",
  value: "Значення",
  switchLang: "English",
  types: { PER: "Особи", ORG: "Організації", LOC: "Місця", MISC: "Інше" } as Record<string, string>,
  noiseKinds: {
    ad: "реклама",
    related: "пов’язані матеріали",
    share: "кнопки поширення",
    caption: "підписи",
    nav: "навігація",
    comments: "коментарі",
    banner: "банери",
    byline: "автор і дата",
    meta: "метадані",
    other: "інше",
  } as Record<string, string>,
  relative: "відносна",
  approx: "приблизно",
  warnings: "Попередження",
};

type Strings = typeof uk;

const en: Strings = {
  appName: "Dzherelo",
  tagline: "Who said what, citing whom, about whom, and when",
  navAnalyze: "Analyze",
  navSearch: "Search",
  navStories: "Stories",
  analyzeTitle: "Analyze an article",
  analyzeHint: "Paste an article's text or HTML, or drop a file here.",
  analyzeButton: "Analyze",
  chooseFile: "Choose a file",
  published: "Published",
  language: "Language",
  auto: "auto",
  analyzing: "Analyzing…",
  quotes: "Quotes",
  speakers: "Speakers",
  sources: "Sources",
  sourceChain: "Source chain",
  entities: "Entities",
  figures: "Figures",
  dates: "Dates",
  removed: "Removed noise",
  removedPieces: (n: number) => `${n} pieces`,
  noQuotes: "No quotes found.",
  none: "—",
  direct: "direct",
  indirect: "indirect",
  mixed: "mixed",
  via: "via",
  cue: "cue",
  resolvedBy: "resolved",
  resolved: { name: "by name", role: "by role", pronoun: "by pronoun", context: "from context" },
  unknownSpeaker: "unknown speaker",
  search: "Search",
  query: "Query",
  from: "From",
  to: "To",
  outlet: "Outlet",
  speaker: "Speaker",
  source: "Source",
  entity: "Entity",
  any: "any",
  results: (n: number) => `${n} found`,
  noResults: "Nothing found.",
  prev: "← Previous",
  next: "Next →",
  page: (p: number, n: number) => `Page ${p} of ${n}`,
  speakerPage: "Speaker",
  articlesQuoting: "Articles quoting this speaker",
  quotesOverTime: "Quotes over time",
  byOutlet: "By outlet",
  byLang: "By language",
  allQuotes: (n: number) => `All quotes (${n})`,
  alsoKnownAs: "Also",
  story: "Story",
  stories: "Stories",
  articles: (n: number) => `${n} articles`,
  timeline: "Timeline",
  whoCitesWhom: "Who cites whom",
  figureVariants: "Figure variants",
  firstReport: "first report",
  nearDuplicate: "near duplicate",
  article: "Article",
  openOriginal: "Original",
  error: "Error",
  notFound: "Not found",
  loading: "Loading…",
  noStore: "No database is open.",
  needToken: "The server requires a token: open the link with ?token=… it printed when it started.",
  stats: (a: number, q: number, s: number) => `${a} articles · ${q} quotes · ${s} stories`,
  noStories: "No stories yet.",
  title: "Title",
  kind: "Kind",
  value: "Value",
  switchLang: "Українська",
  types: { PER: "People", ORG: "Organisations", LOC: "Places", MISC: "Other" },
  noiseKinds: {
    ad: "ads",
    related: "related links",
    share: "share buttons",
    caption: "captions",
    nav: "navigation",
    comments: "comments",
    banner: "banners",
    byline: "byline",
    meta: "metadata",
    other: "other",
  },
  relative: "relative",
  approx: "approx.",
  warnings: "Warnings",
};

export type UiLang = "uk" | "en";
const KEY = "dzherelo.ui-lang";

function initial(): UiLang {
  try {
    const saved = typeof localStorage === "undefined" ? null : localStorage.getItem(KEY);
    if (saved === "uk" || saved === "en") return saved;
  } catch {
    /* storage may be disabled */
  }
  const nav = typeof navigator === "undefined" ? "" : navigator.language;
  return /^(uk|ru)\b/i.test(nav) ? "uk" : "en";
}

let current: UiLang = initial();
export let t: Strings = current === "uk" ? uk : en;

export function uiLang(): UiLang {
  return current;
}

export function setUiLang(l: UiLang): void {
  current = l;
  t = l === "uk" ? uk : en;
  document.documentElement.lang = l;
  try {
    localStorage.setItem(KEY, l);
  } catch {
    /* ignore */
  }
}

/** A number as the interface language writes it (340 000 000; 340,000,000). */
export function num(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return "?";
  return new Intl.NumberFormat(current === "uk" ? "uk-UA" : "en-GB", { maximumFractionDigits: 3 }).format(v);
}
