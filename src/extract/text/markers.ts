import type { RemovedKind } from "../../article.js";

/**
 * Line classifiers for the boilerplate news sites leave inside article text (uk / ru / en). Each pattern
 * describes a kind of line — a label, a prompt, a credit — never a particular article's words. Input is one
 * unit's normalised text.
 */

/** Lower case, apostrophes and Cyrillic/Latin look-alikes unified, outer punctuation and decoration removed. */
export function labelKey(s: string): string {
  // (Each replacement only when its characters are there: most lines have none of them.)
  let t = s.toLowerCase();
  if (APOSTROPHE_OR_YO.test(t)) t = t.replace(/[’ʼ`']/g, "'").replace(/ё/g, "е");
  if (!WORD_CHAR.test(t[0] ?? "") || !WORD_CHAR.test(t[t.length - 1] ?? "")) t = t.replace(/^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$/gu, "");
  if (t.includes("  ") || /[\t\n\r]/.test(t)) t = t.replace(/\s+/g, " ");
  return t;
}
const APOSTROPHE_OR_YO = /[’ʼ`'ё]/;
const WORD_CHAR = /^[\p{L}\p{N}]$/u;

/**
 * Advertising labels: sites print one on its own line where an ad slot sat in the page, and scrapers keep
 * the label when they drop the ad.
 */
const AD_LABELS = new Set([
  "advertisement", "advertising", "advert", "ad", "ads", "sponsored", "sponsored content", "sponsored by", "promoted",
  "paid content", "paid post", "partner content", "story continues below advertisement", "continue reading below",
  "article continues below", "реклама", "на правах реклами", "партнерський матеріал", "матеріал партнера",
  "спецпроєкт", "спецпроект", "промо", "на правах рекламы", "партнерский материал", "материал партнера", "рекламa",
  "продовження статті нижче", "продолжение статьи ниже", "текст продовжиться після реклами",
]);

/**
 * Related-article labels: a teaser for another story follows (or surrounds) them. The label alone on a line,
 * or followed by the teaser headline after a colon or dash.
 */
const RELATED_LABELS = [
  // uk
  "читайте також", "читайте теж", "також читайте", "читати також", "читайте більше", "більше по темі", "більше на тему",
  "більше за темою", "по темі", "на тему", "за темою", "дивіться також", "дивіться відео", "також дивіться",
  "вас може зацікавити", "вам може бути цікаво", "рекомендуємо", "рекомендуємо прочитати", "пов'язані новини",
  "схожі новини", "новини по темі", "новини за темою", "інші новини", "інші новини по темі", "останні новини",
  "головне за день", "популярне", "найпопулярніше", "читайте також на", "статті по темі", "статті за темою",
  "матеріали по темі", "матеріали за темою", "посилання по темі", "посилання за темою", "новини партнерів",
  // ru
  "читайте также", "также читайте", "читать также", "читайте еще", "по теме", "больше по теме", "смотрите также",
  "также смотрите", "новости по теме", "вас может заинтересовать", "рекомендуем", "рекомендуем прочитать",
  "похожие новости", "другие новости", "популярное", "самое популярное", "читайте также на", "статьи по теме",
  "материалы по теме", "ссылки по теме", "другие материалы по теме", "читайте другие материалы по теме",
  "новости партнеров", "новости партнёров",
  // en
  "read also", "also read", "read more", "see also", "related", "related articles", "related stories", "related news",
  "related content", "related coverage", "more on this", "more on this story", "more on this topic", "recommended",
  "recommended for you", "you may also like", "you might also like", "further reading", "more stories", "top stories",
  "must read", "editor's picks", "trending", "latest news", "most read",
];
/** Labels clear enough to recognise with a teaser headline after them on the same line. */
const INLINE_LABELS = [
  "читайте також", "читайте теж", "також читайте", "читати також", "читайте більше", "більше по темі", "більше на тему",
  "більше за темою", "по темі", "дивіться також", "також дивіться", "вас може зацікавити", "пов'язані новини",
  "новини по темі", "читайте також на", "читайте также", "также читайте", "читать также", "читайте еще", "по теме",
  "больше по теме", "смотрите также", "также смотрите", "новости по теме", "читайте также на", "read also",
  "also read", "read more", "see also", "related", "more on this", "more on this story",
];
const RELATED_SET = new Set(RELATED_LABELS);
// Longest first, so "читайте також на" wins over "читайте також".
const RELATED_PREFIX = new RegExp(
  `^\\s*[\\p{P}\\p{S}\\s]*(${[...INLINE_LABELS].sort((a, b) => b.length - a.length).map(escapeRe).join("|").replace(/'/g, "['’ʼ`]")})` +
    `(\\s*[:|>»—–-]+\\s*|\\s+)(?=\\S)`,
  "iu",
);

const INLINE_ALTERNATION = [...INLINE_LABELS]
  .sort((a, b) => b.length - a.length)
  .map(escapeRe)
  .join("|")
  .replace(/'/g, "['’ʼ`]");

/**
 * A teaser glued to the end of a paragraph ("…сказав він. Читайте також: Headline"): HTML bodies put the
 * link inside the last <p>. Group 1 is the teaser. The label must follow a sentence end and be followed by a
 * separator, and what follows must be one headline (no sentence end inside).
 */
const RELATED_TAIL = new RegExp(`[.!?…»"”)]\\s+((?:${INLINE_ALTERNATION})\\s*[:—–-]\\s*[^\\s.!?][^.!?]{3,200}[.!?]?)\\s*$`, "iu");

/** Where a teaser glued to the end of a paragraph starts (an index into `text`), or -1. */
export function relatedTail(text: string): number {
  if (text.length < 30) return -1;
  const m = RELATED_TAIL.exec(text.length > 400 ? text.slice(-400) : text);
  if (!m) return -1;
  return text.length - m[0].length + m[0].indexOf(m[1]);
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Share and subscribe prompts: site furniture, not article text. */
const SHARE_LABELS = new Set([
  "поділитися", "поділіться", "поделиться", "share", "share this", "share this article", "share this story", "share on",
  "tweet", "email", "e-mail", "print", "друк", "роздрукувати", "копіювати посилання", "скопіювати посилання",
  "copy link", "копировать ссылку", "надіслати", "отправить", "save", "зберегти",
]);
/** Labels of the comment section under an article. */
const COMMENT_LABELS = new Set([
  "коментувати", "комментировать", "коментарі", "коментарів", "комментарии", "comments", "comment", "leave a comment",
  "залишити коментар", "оставить комментарий", "додати коментар", "добавить комментарий", "show comments",
  "обговорення", "обговорення статті", "обсуждение", "обсуждение статьи", "discussion", "join the discussion",
  "додати відгук", "добавить отзыв", "коментарі читачів", "комментарии читателей", "reader comments",
]);
/** The header of one reader's comment: "Комментарии нашего читателя: Андрей", "Коментар читача: Іван". */
const COMMENT_HEADER =
  /^(коментар(і|ів)?|комментари[йи]|комментарий|comments?)\s+(нашого\s+|нашего\s+|наших\s+)?(читач\p{L}*|читател\p{L}*|reader\p{L}*)\s*:/iu;
const SHARE_PREFIX =
  /^(підписуйтес[ья]|підпишіться|підписатися|приєднуйтес[ья]|стежте за нами|слідкуйте за нами|читайте нас|дивіться нас|більше новин у|усі новини в|всі новини в|новини в нашому|наш telegram|наш телеграм|стеж за нами|следи за нами|подписывайтесь|подписывайтес[ья]|подпишитесь|присоединяйтесь|следите за нами|читайте нас|subscribe|follow us|sign up for|join us on|join our|get our|download our|like us on|найважливіші новини в|оперативні новини в|найоперативніші новини)/i;
const SOCIAL_NAMES =
  "facebook|twitter|x|telegram|viber|whatsapp|linkedin|pinterest|reddit|email|e-mail|messenger|вконтакте|vk|однокласники|одноклассники|instagram|youtube|tiktok|threads|bluesky|flipboard|копіювати|copy";
/** "Читайте новини X у соцмережах", "Read us on social media": an invitation to follow the site elsewhere. */
const FOLLOW_ELSEWHERE =
  /^(читайте|стежте|слідкуйте|дивіться|следите|смотрите|read|follow|watch)(?![\p{L}])(?:[^.!?]|\.(?=[\p{L}\p{N}])){0,80}(у соцмережах|в соцмережах|у соціальних мережах|в соціальних мережах|в соцсетях|в социальных сетях|on social media|on social networks)/iu;
/** A row of network names ("Facebook Twitter Telegram"); "XX" (a Roman numeral) is not one. */
const SOCIAL = new RegExp(`^(${SOCIAL_NAMES})([\\s,|•·/]+(${SOCIAL_NAMES}))+[\\s,|•·/]*$`, "i");

/**
 * Photo and video captions and credits: "Фото: Reuters", "Фото ілюстративне", "Джерело фото: …",
 * "Photo: AP / Getty Images", or a short caption line that ends in such a credit.
 */
const CAPTION_START =
  /^[([]?(фото|фотограф|фотографія|фоторепортаж|ілюстративне фото|фото ілюстративне|ілюстрація|зображення|скриншот|скріншот|колаж|інфографіка|кадр з відео|джерело фото|джерело зображення|фото з відкритих джерел|фото із соцмереж|фото з соцмереж|відео|фотография|иллюстрация|иллюстративное фото|изображение|коллаж|инфографика|кадр из видео|источник фото|фото из открытых источников|видео|photo|photos|photograph|image|picture|illustration|file photo|screenshot|screengrab|video|credit|photo credit|image credit|image source|source of photo)(?![\p{L}\p{N}])/iu;
const CAPTION_CREDIT =
  /(^|[\s.,;(|])(фото|photo|джерело фото|источник фото|image|credit|фото та відео|ілюстрація|иллюстрация|illustration|скриншот|скріншот|screenshot)\s*:\s*(?:[^.!?]|\.(?=[\p{L}\p{N}])){1,100}\)?\s*$/iu;
const COPYRIGHT = /^(©|\(c\)|copyright(?![\p{L}]))/iu;
/**
 * A photo credit without a label, at the end of a line: "Kathrin Ziegler/Getty", "REUTERS/Jane Doe",
 * "(NASA/JPL-Caltech/ASU)", "Patrick Semansky, ASSOCIATED PRESS". Group 1 is the credit.
 */
const AGENCY = "Getty Images|Getty|Reuters|REUTERS|AFP|AP|EPA-EFE|EPA|Shutterstock|Unsplash|Depositphotos|УНІАН|Укрінформ|ТАСС|РИА Новости";
const AGENCY_CREDIT = new RegExp(
  "(?:^|[.!?…»\"”)]\\s*|\\s)(" +
    `(?:\\p{Lu}[\\p{L}'’.-]*\\s+){0,3}\\p{Lu}[\\p{L}'’.-]*\\s*/\\s*(?:${AGENCY})` +
    `|(?:REUTERS|AP Photo|AFP|EPA-EFE|EPA)\\s*/\\s*(?:\\p{Lu}[\\p{L}'’.-]*\\s*){1,4}` +
    "|\\((?:\\p{Lu}[\\p{L}.-]*/)+\\p{Lu}[\\p{L}.-]*\\)" +
    "|(?:\\p{Lu}[\\p{L}'’.-]*\\s+){1,3}?\\p{Lu}[\\p{L}'’.-]*,\\s*(?:THE ASSOCIATED PRESS|ASSOCIATED PRESS|AFP|REUTERS|GETTY IMAGES)" +
    ")\\s*$",
  "u",
);

/** Tag lists and similar page metadata that ends up in scraped text. */
const META_PREFIX = /^(теги|мітки|теґи|метки|tags|ключові слова|ключевые слова|keywords|рубрика|рубрики|категорія|категория|category|categories)\s*:/i;
/** A site-section line ("Розділ: Новини", "Раздел: Новости"): short, the name of a section after the label. */
const SECTION_LINE = /^(розділ|раздел|section)\s*:\s*[^.!?]{1,40}$/iu;
/** A line of nothing but decoration (*** / --- / • • •): a visual break, not text. */
const DECORATION = /^(?=(?:\s*[*•·_=~#—–-]){3})[\s*•·_=~#—–-]+$/u; // three marks at least: a lone "–" is a table cell

/**
 * Error-report prompts: "Помилка? Виділіть її та натисніть Ctrl+Enter", "Нашли опечатку? Выделите её и нажмите
 * ссылку", "Spotted a typo? Highlight it and press Ctrl+Enter". A keyboard shortcut with a word for a mistake or
 * for selecting text, or "select … and press …" with a word for a mistake: a sentence of a story that tells
 * someone to press something ("Натисніть Ctrl+Enter, щоб надіслати") stays.
 */
const KEY_SHORTCUT = /(?<![\p{L}\p{N}])ctrl\s*[+\-–]?\s*(enter|insert)(?![\p{L}\p{N}])/iu;
const SELECT_VERB = /(?<![\p{L}])(виділіть|виділи|виділивши|выделите|выдели|выделив|select|highlight)(?![\p{L}])/iu;
const SELECT_AND_PRESS =
  /(?<![\p{L}])(виділіть|виділи|виділивши|выделите|выдели|выделив|select|highlight)(?![\p{L}])[^.!?]{0,80}(?<![\p{L}])(натисніть|натисни|нажмите|нажми|press|hit|click)(?![\p{L}])/iu;
/** One scan that every error-report prompt passes: a shortcut or a word for a mistake. */
const PROMPT_WORD = /ctrl|помилк|ошибк|опечатк|орфограф|error|typo|mistake|misprint/i;
const MISTAKE_WORD = /(помилк|ошибк|опечатк|орфограф|error|typo|mistake|misprint)/iu;

/**
 * Rating widgets: the invitation ("Оцініть статтю", "Оцените, пожалуйста, статью", "Rate this article"), the
 * score ("Рейтинг: 4.5 (12 голосів)", "Оценка статьи: 5", "Rating: 4/5"), the vote count ("Голосів: 12",
 * "[10] всего оценили 1") and the thanks after a vote ("Дякуємо за оцінку", "Спасибо! Ваше мнение учтено").
 */
const RATE_PROMPT =
  /^(оцініть|оцените|rate)(\s*,?\s*(будь ласка|пожалуйста|please)\s*,?)?\s+(цю |цей |эту |этот |this |the )?(статтю|матеріал|новину|публікацію|допис|статью|материал|новость|публикацию|article|story|post|page)(?![\p{L}])/iu;
const VOTES_WORD = "(голос\\p{L}*|оцін\\p{L}*|оцен\\p{L}*|votes?|ratings?)";
const RATING_SCORE = new RegExp(
  "^(рейтинг|оцінка|оценка|середня оцінка|средняя оценка|rating|average rating)" +
    "(\\s+(статті|матеріалу|новини|статьи|материала|новости|article|story))?\\s*:?\\s*\\d+([.,]\\d+)?" +
    "(\\s*(/|з|из|out of|of)\\s*\\d+)?(\\s*\\(?\\s*\\d+\\s*" + VOTES_WORD + "\\s*\\)?)?\\.?$",
  "iu",
);
const VOTE_COUNT = new RegExp(
  "^(\\[?\\d+\\]?\\s*)?(всього оцінили|всего оценили|проголосувал\\p{L}*|проголосовал\\p{L}*|" + VOTES_WORD + ")\\s*:?\\s*\\d+$",
  "iu",
);
const VOTE_THANKS =
  /^(дякуємо|спасибо|благодарим|thank you|thanks)[!,.]?\s*((за\s+)?(вашу\s+|ваш\s+)?(оцінку|оценку|голос)|ваш[аеі]?\s+(голос|оцінка|оценка|думка|мнение)\s+(враховано|врахована|зараховано|учтен[оа]?|принят[оа]?)|for\s+(your\s+)?(vote|rating))/iu;

/** Counters: "Переглядів: 1 234", "Просмотров: 61", "Прочитано: 51 раз", "Views: 1,024", "Комментариев: 0". */
const VIEW_COUNTER =
  /^(переглядів|переглядів|перегляди|прочитань|прочитано|просмотр(ов|ы)?|прочтени[йя]|прочитали|views?|reads?)\s*:?\s*\d[\d\s.,]*\s*(раз[аів]?|разів|times)?$/iu;
const COMMENT_COUNTER = /^(коментар(ів|і)|комментари(ев|и)|comments?)\s*:?\s*\d+$/iu;

/** Placeholders of widgets that load after the page: "Завантаження...", "Загружается, подождите...", "Loading…". */
const LOADING = /^(завантаження|завантажується|загрузка|загружается|идет загрузка|loading)([\s,]*(зачекайте|подождите|please wait))?[\s.…]*$/iu;

/**
 * Reuse and rights notices: "При використанні матеріалів посилання обов'язкове", "При полном или частичном
 * использовании … гиперссылка обязательна", "Всі права захищені", "All rights reserved".
 */
const REUSE_NOTICE =
  /(?<![\p{L}])(використанні|використання|передруку|цитуванні|копіюванні|использовании|использования|перепечатке|цитировании|копировании)(?![\p{L}])[^!?]{0,160}(посилання|гіперпосилання|ссылка|гиперссылка|ссылки|гиперссылки)[^!?]{0,100}(обов.язкове|обов.язкова|обов.язкові|обязательна|обязательно|обязательны)/iu;
/** What a reuse notice is about: the site's materials. */
const REUSE_OBJECT = /(матеріал|материал|інформац|информац|сайт|публікац|публикац|фото|текст)/iu;
const RIGHTS_WORD = /захищені|защищены|reserved/i;
const OBLIGATORY = /обов|обязательн/i;
// (At the line's start or after a sentence end, and ending the line: "…, що всі права захищені." is a sentence.)
const RIGHTS = /(^|[.|]\s*)(всі права захищені|усі права захищені|все права защищены|all rights reserved)\s*[.!]?$/iu;
/** A date under a label: "Опубліковано: 25.11.2024 14:35", "Обновлено в 18:28 мск", "Updated: Nov 25, 2024". */
const DATE_LABEL =
  /^(опубліковано|оновлено|додано|опубликовано|обновлено|добавлено|published|updated|last updated|posted)(\s*:\s*[^!?]{0,50}\d[^!?]{0,20}|\s+(в|о|у|at|on)\s+\d[^!?]{0,40})$/iu;
/** "Комментировать могут только зарегистрированные пользователи", "You must be logged in to post a comment". */
const COMMENT_RULES =
  /^(коментувати|залишати коментарі|комментировать|оставлять комментарии)\s+(можуть|могут)\s+(лише|тільки|только)|^(only registered users can comment|you must be logged in to (post a )?comment)/iu;
/** A headline with a link arrow after it ("Headline >>>", "Headline →"): a teaser link. */
const ARROW_TEASER = /\S\s*(>>>?|→|»»)$/u;

/** Labels of page controls left as text: buttons of galleries, players, lists and the page itself. */
const UI_LABELS = new Set([
  "close", "закрити", "закрыть", "expand", "collapse", "show more", "load more", "see more", "view more", "more",
  "показати ще", "показати більше", "завантажити ще", "показать еще", "показать больше", "загрузить еще", "back to top",
  "наверх", "вгору", "на початок", "caption", "toggle caption", "hide caption", "show caption", "enlarge", "zoom",
  "збільшити", "увеличить", "open gallery", "view gallery", "відкрити галерею", "открыть галерею", "play", "play video",
  "watch video", "пауза", "pause", "mute", "unmute", "fullscreen", "full screen", "на весь екран", "на весь экран",
  "text size", "font size", "розмір шрифту", "размер шрифта", "версія для друку", "версия для печати", "print version",
]);
/** A notice that a widget needs scripts: "This slideshow requires JavaScript", "Увімкніть JavaScript". */
const NEEDS_SCRIPT = /(requires|needs|enable|turn on|потрібен|потребує|увімкніть|требуется|требует|включите)\s+(\p{L}+\s+)?javascript/iu;
/** Wire-service credits at the end of a story: "Reporting by Jane Doe; Editing by John Roe". */
const WIRE_CREDIT = /^([Aa]dditional )?([Rr]eporting|[Ww]riting|[Ee]diting|[Cc]ompiled|[Pp]roduced) by\s+\p{Lu}/u;

/**
 * Widget lines from the page around the article (error-report prompts, ratings, counters, loading
 * placeholders): short, and shaped like a prompt or a label with a number, never like story text. Shared by the
 * HTML extractor and the plain-text cleaner.
 */
export function classifyWidget(text: string, labels = true): LineClass | null {
  if (text.length > 250) return null;
  if (labels && text.length <= 30 && UI_LABELS.has(labelKey(text))) return { kind: "other", rule: "ui-label" };
  // (The word for a mistake first: it fails fast on almost every line, the select-and-press pattern does not.)
  if (
    PROMPT_WORD.test(text) &&
    (MISTAKE_WORD.test(text) ? KEY_SHORTCUT.test(text) || (text.length <= 160 && SELECT_AND_PRESS.test(text)) : KEY_SHORTCUT.test(text) && SELECT_VERB.test(text))
  )
    return { kind: "other", rule: "error-report-prompt" };
  // (Cheap substring tests first: these patterns are rare and the lines many.)
  if (text.length <= 160 && RIGHTS_WORD.test(text) && RIGHTS.test(text)) return { kind: "other", rule: "rights-notice" };
  if (OBLIGATORY.test(text) && REUSE_NOTICE.test(text) && REUSE_OBJECT.test(text)) return { kind: "other", rule: "reuse-notice" };
  const last = text.charCodeAt(text.length - 1);
  if ((last === 62 || last === 0x2192 || last === 0xbb) && (text.endsWith(">>") || text.endsWith("→") || text.endsWith("»»")) && text.length <= 200 && ARROW_TEASER.test(text))
    return { kind: "related", rule: "arrow-teaser" };
  if (text.length <= 120 && /javascript/i.test(text) && NEEDS_SCRIPT.test(text)) return { kind: "banner", rule: "needs-script" };
  if (WIRE_CREDIT.test(text) && !/[!?]$/.test(text)) return { kind: "byline", rule: "wire-credit" };
  if (text.length > 80) return null;
  const t = text.trim();
  if (DATE_LABEL.test(t) && !/\p{L}{3}\.$/u.test(t)) return { kind: "meta", rule: "date-label" };
  if (COMMENT_RULES.test(t)) return { kind: "comments", rule: "comments-rules" };
  if (COMMENT_HEADER.test(t)) return { kind: "comments", rule: "comment-header" };
  if (RATE_PROMPT.test(t) || RATING_SCORE.test(t) || VOTE_COUNT.test(t) || VOTE_THANKS.test(t)) return { kind: "other", rule: "rating-widget" };
  if (VIEW_COUNTER.test(t)) return { kind: "meta", rule: "view-counter" };
  if (COMMENT_COUNTER.test(t)) return { kind: "comments", rule: "comments-counter" };
  if (LOADING.test(t)) return { kind: "other", rule: "loading-placeholder" };
  return null;
}

export interface LineClass {
  kind: RemovedKind;
  rule: string;
  /** For a related label: the teaser headline follows on the same line ("Читайте також: Headline"). */
  inline?: boolean;
  /** Only the line's tail from this offset is furniture (a credit glued to a paragraph's end). */
  from?: number;
}

const LEADING_DECORATION = /^[\s\p{P}\p{S}]+/u;
/** Number of words (runs of non-space characters), without building them. */
export function words(s: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const space = c === 32 || c === 10 || c === 9 || c === 13;
    if (!space && !inWord) n++;
    inWord = !space;
  }
  return n;
}

/** What a line is when it is not article text, or null. */
export function classifyLine(text: string): LineClass | null {
  if (text.length > 300) return null; // labels, prompts and credits are short; a paragraph is never one
  if (text.length <= 60) {
    // Whole-line labels are short: compare their key with the label sets.
    const key = labelKey(text);
    if (!key) return DECORATION.test(text) ? { kind: "other", rule: "decoration" } : null;
    if (AD_LABELS.has(key)) return { kind: "ad", rule: "ad-label" };
    if (RELATED_SET.has(key)) return { kind: "related", rule: "related-label" };
    if (SHARE_LABELS.has(key) || SOCIAL.test(key)) return { kind: "share", rule: "share-label" };
    if (COMMENT_LABELS.has(key) || /^(коментарі|комментарии|comments)\s*\(?\d+\)?$/.test(key)) return { kind: "comments", rule: "comments-label" };
    if (text.length <= 30 && UI_LABELS.has(key)) return { kind: "other", rule: "ui-label" };
  }
  // (The prefix patterns ignore case: no lower-cased copy of every line.)
  const key = text.replace(LEADING_DECORATION, "");
  if (text.length <= 250) {
    const m = RELATED_PREFIX.exec(text);
    // "Читайте також: Headline" — the separator makes the label a label; without one it must be in capitals
    // ("ЧИТАЙТЕ ТАКОЖ Headline"), since "По темі війни…" could start a sentence.
    if (m && (/[:|>»—–-]/.test(m[2]) || m[1] === m[1].toUpperCase())) return { kind: "related", rule: "related-inline", inline: true };
  }
  if (text.length <= 200 && (SHARE_PREFIX.test(key) || FOLLOW_ELSEWHERE.test(key))) return { kind: "share", rule: "share-prompt" };
  if (text.length <= 200 && CAPTION_START.test(key)) {
    // The label must be a label: followed by a colon/credit separator, or the whole line is a short phrase
    // without a sentence end ("Фото ілюстративне"). "Відео показує, як…" is a sentence and stays.
    const after = text.replace(/^[([]/, "").slice((CAPTION_START.exec(text.replace(/^[([]/, ""))?.[0].length ?? 0));
    if (/^\s*[:/|©–—-]/.test(after) || (words(text) <= 6 && !/[.!?]$/.test(text)) || !after.trim())
      return { kind: "caption", rule: "caption-label" };
  }
  if (text.includes(":") && words(text) <= 60) {
    // A caption ending in its credit ("Президент під час візиту. Фото: Reuters") goes whole; a paragraph of
    // story with a credit glued to its end keeps the story and loses the credit.
    const m = CAPTION_CREDIT.exec(text);
    if (m) {
      const at = m.index + m[1].length;
      const before = text.slice(0, at);
      // (Sentence ends after words of one to three letters are initials and abbreviations: "им. Арнольда".)
      if (words(before) <= 25 && (before.match(/(?<![\s.]\p{L}{1,3})[.!?…](?=\s+\p{Lu})/gu) ?? []).length <= 1)
        return { kind: "caption", rule: "caption-credit" };
      return { kind: "caption", rule: "caption-credit-tail", from: at };
    }
  }
  const z = text.charCodeAt(text.length - 1);
  const y = text.charCodeAt(text.length - 2);
  if (text.length <= 300 && (text.includes("/") || (z >= 65 && z <= 90 && y >= 65 && y <= 90))) {
    const m = AGENCY_CREDIT.exec(text);
    if (m) {
      const at = m.index + m[0].indexOf(m[1]);
      const before = text.slice(0, at);
      if (words(before) <= 25 && (before.match(/(?<![\s.]\p{L}{1,3})[.!?…](?=\s+\p{Lu})/gu) ?? []).length <= 1)
        return { kind: "caption", rule: "caption-credit" };
      return { kind: "caption", rule: "caption-credit-tail", from: at };
    }
  }
  if (text.length <= 200 && COPYRIGHT.test(text)) return { kind: "caption", rule: "copyright" };
  if (META_PREFIX.test(text)) return { kind: "other", rule: "tags" };
  if (text.length <= 60 && SECTION_LINE.test(text)) return { kind: "meta", rule: "section-line" };
  return classifyWidget(text, false); // (control labels were looked up with the other labels)
}

/**
 * A headline tag a teaser carries and a story's own heading does not: "(відео)", "(фото)", "[VIDEO]".
 * Used only for a headline-like line standing between paragraphs.
 */
export const MEDIA_TAG = /[([](відео|видео|фото|video|photo|photos|інфографіка|инфографика|оновлено|обновлено|updated|опитування|опрос)[)\]]\s*$/iu;
