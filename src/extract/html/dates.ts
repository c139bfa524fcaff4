/**
 * Dates as pages write them → ISO 8601. Machine dates (ISO, RFC 2822, "2024-06-19 14:35:00") and visible
 * date lines in uk/ru/en/de ("19 червня 2024, 14:35", "June 19, 2024 2:35 PM", "19.06.2024 14:35",
 * "19. Juni 2024"). A time zone is kept only when the page gives one; a local time stays local.
 */

const MONTHS: Record<string, number> = {};
function addMonths(names: string[]): void {
  names.forEach((list, i) => {
    for (const n of list.split(",")) MONTHS[n] = i + 1;
  });
}
// Full forms (nominative and genitive) and common abbreviations. Matching uses a prefix of the word, so
// "червня" and "черв." both resolve.
addMonths([
  "january,jan,січня,січень,січ,января,январь,янв,januar,jän",
  "february,feb,лютого,лютий,лют,февраля,февраль,фев,februar",
  "march,mar,березня,березень,бер,марта,март,мар,märz,maerz,mär",
  "april,apr,квітня,квітень,квіт,кві,апреля,апрель,апр",
  "may,травня,травень,трав,тра,мая,май,mai",
  "june,jun,червня,червень,черв,чер,июня,июнь,июн,juni",
  "july,jul,липня,липень,лип,июля,июль,июл,juli",
  "august,aug,серпня,серпень,серп,сер,августа,август,авг",
  "september,sep,sept,вересня,вересень,вер,сентября,сентябрь,сен,сент",
  "october,oct,жовтня,жовтень,жовт,жов,октября,октябрь,окт,oktober,okt",
  "november,nov,листопада,листопад,лист,лис,ноября,ноябрь,ноя",
  "december,dec,грудня,грудень,груд,гру,декабря,декабрь,дек,dezember,dez",
]);

const MONTH_WORD = "([A-Za-zÄäÖöÜüА-Яа-яІіЇїЄєҐґЁё]{3,10})\\.?";
const TIME = "(?:[,\\s]+(?:в|о|o|at|um|\\||-|–|—)?\\s*(\\d{1,2})[:.](\\d{2})(?:[:.](\\d{2}))?\\s*(am|pm|AM|PM)?)?";

const RE_DMY_WORD = new RegExp(`(?<![\\d])(\\d{1,2})\\.?\\s+${MONTH_WORD}\\s+(\\d{4})(?:\\s*(?:р\\.|г\\.|року|года))?${TIME}`, "u");
const RE_MDY_WORD = new RegExp(`${MONTH_WORD}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})${TIME}`, "u");
const RE_DMY_NUM = new RegExp(`(?<![\\d.])(\\d{1,2})\\.(\\d{1,2})\\.(\\d{4})(?![\\d.]\\d)${TIME}`, "u");
const RE_ISO = /(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?/;

const pad = (n: number) => String(n).padStart(2, "0");

function monthOf(word: string): number | null {
  const w = word.toLowerCase();
  if (MONTHS[w]) return MONTHS[w];
  for (let n = Math.min(w.length, 5); n >= 3; n--) {
    const m = MONTHS[w.slice(0, n)];
    if (m) return m;
  }
  return null;
}

function valid(y: number, mo: number, d: number): boolean {
  return y >= 1990 && y <= 2100 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31;
}

function build(y: number, mo: number, d: number, h?: string, mi?: string, s?: string, ampm?: string, tz?: string): string {
  let out = `${y}-${pad(mo)}-${pad(d)}`;
  if (h !== undefined && mi !== undefined) {
    let hh = Number(h);
    if (ampm) {
      const pm = ampm.toLowerCase() === "pm";
      if (pm && hh < 12) hh += 12;
      if (!pm && hh === 12) hh = 0;
    }
    if (hh > 23 || Number(mi) > 59) return out;
    out += `T${pad(hh)}:${mi}${s ? ":" + s : ""}`;
    if (tz) out += tz === "Z" ? "Z" : tz.length === 5 ? tz.slice(0, 3) + ":" + tz.slice(3) : tz;
  }
  return out;
}

/**
 * A machine-readable date (meta tags, JSON-LD, <time datetime>) → ISO 8601, keeping the offset it gives.
 * Falls back to `parseVisibleDate` for human formats.
 */
export function normalizeDate(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const s = raw.trim();
  if (!s) return null;
  const iso = RE_ISO.exec(s);
  if (iso) {
    const [, y, mo, d, h, mi, sec, tz] = iso;
    if (!valid(+y, +mo, +d)) return null;
    return build(+y, +mo, +d, h, mi, sec, undefined, tz);
  }
  if (/^\d{10}(\d{3})?$/.test(s)) {
    const ms = s.length === 13 ? Number(s) : Number(s) * 1000;
    const dt = new Date(ms);
    if (!Number.isNaN(dt.getTime()) && dt.getUTCFullYear() >= 1990) return dt.toISOString().replace(/\.000Z$/, "Z");
  }
  // RFC 2822: "Wed, 19 Jun 2024 14:35:00 +0300"
  const rfc = /(\d{1,2})\s+([A-Za-z]{3})[a-z]*\s+(\d{4})\s+(\d{2}):(\d{2})(?::(\d{2}))?\s*(GMT|UTC|Z|[+-]\d{4})?/.exec(s);
  if (rfc) {
    const mo = monthOf(rfc[2]);
    if (mo && valid(+rfc[3], mo, +rfc[1])) {
      const tz = !rfc[7] ? undefined : /GMT|UTC|Z/.test(rfc[7]) ? "Z" : rfc[7];
      return build(+rfc[3], mo, +rfc[1], rfc[4], rfc[5], rfc[6], undefined, tz);
    }
  }
  return parseVisibleDate(s)?.value ?? null;
}

export interface FoundDate {
  value: string;
  /** Where in the string the date was found. */
  index: number;
  length: number;
}

/** The first human-written date in a string ("19 червня 2024, 14:35"), or null. */
export function parseVisibleDate(s: string): FoundDate | null {
  let best: FoundDate | null = null;
  const consider = (v: string | null, m: RegExpExecArray) => {
    if (v && (!best || m.index < best.index)) best = { value: v, index: m.index, length: m[0].length };
  };
  let m = RE_DMY_WORD.exec(s);
  if (m) {
    const mo = monthOf(m[2]);
    if (mo && valid(+m[3], mo, +m[1])) consider(build(+m[3], mo, +m[1], m[4], m[5], m[6], m[7]), m);
  }
  m = RE_MDY_WORD.exec(s);
  if (m) {
    const mo = monthOf(m[1]);
    if (mo && valid(+m[3], mo, +m[2])) consider(build(+m[3], mo, +m[2], m[4], m[5], m[6], m[7]), m);
  }
  m = RE_DMY_NUM.exec(s);
  if (m && valid(+m[3], +m[2], +m[1])) consider(build(+m[3], +m[2], +m[1], m[4], m[5], m[6], m[7]), m);
  m = RE_ISO.exec(s);
  if (m && valid(+m[1], +m[2], +m[3])) consider(build(+m[1], +m[2], +m[3], m[4], m[5], m[6], undefined, m[7]), m);
  return best;
}

/**
 * True when a short line is a date line and little else ("19 червня 2024, 14:35", "Updated: June 19, 2024",
 * "Опубліковано 19.06.2024 | 14:35"): such lines are page furniture, not article text.
 */
export function isDateLine(text: string): boolean {
  if (text.length > 80) return false;
  const d = parseVisibleDate(text);
  if (!d) return /^(?:сьогодні|вчора|сегодня|вчера|today|yesterday|heute|gestern)?,?\s*\d{1,2}:\d{2}$/i.test(text.trim());
  const rest = (text.slice(0, d.index) + text.slice(d.index + d.length)).replace(/[\s\d|•·,.:;()\-–—/]+/g, " ").trim();
  // What is left besides the date: a label like "Updated", "Опубліковано", a weekday, a view count.
  return rest.length <= 30;
}
