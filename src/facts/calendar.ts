/**
 * Calendar arithmetic for resolving dates against an article's publication date.
 *
 * Everything works on plain calendar dates (year, month 1–12, day) through `Date.UTC`, so no time zone
 * or daylight-saving shift can move a date by a day. The anchor is the *date part* of `published` as
 * written ("2024-06-19T23:30:00+03:00" anchors on 2024-06-19, the publisher's local date), because
 * that is the day the article's "today" refers to.
 */

export interface YMD {
  y: number;
  m: number;
  d: number;
}

const DAY_MS = 86_400_000;

/** The calendar date of `published` (ISO date or date-time, or anything Date.parse reads); null if absent or unreadable. */
export function anchorDate(published: string | null | undefined): YMD | null {
  if (!published) return null;
  const iso = /^\s*(\d{4})-(\d{2})-(\d{2})/.exec(published);
  if (iso) {
    const a = { y: +iso[1], m: +iso[2], d: +iso[3] };
    return isValidDate(a.y, a.m, a.d) ? a : null;
  }
  const t = Date.parse(published);
  if (Number.isNaN(t)) return null;
  const dt = new Date(t);
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  return [31, isLeapYear(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
}

export function isValidDate(y: number, m: number, d: number): boolean {
  return Number.isInteger(y) && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

function toMs(a: YMD): number {
  return Date.UTC(a.y, a.m - 1, a.d);
}

function fromMs(ms: number): YMD {
  const dt = new Date(ms);
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
}

export function addDays(a: YMD, n: number): YMD {
  return fromMs(toMs(a) + n * DAY_MS);
}

/** Whole days from a to b (b − a). */
export function diffDays(a: YMD, b: YMD): number {
  return Math.round((toMs(b) - toMs(a)) / DAY_MS);
}

/** ISO weekday: Monday 1 … Sunday 7. */
export function isoWeekday(a: YMD): number {
  const w = new Date(toMs(a)).getUTCDay();
  return w === 0 ? 7 : w;
}

/** The Monday of the week containing `a` (weeks run Monday–Sunday, ISO 8601). */
export function mondayOf(a: YMD): YMD {
  return addDays(a, 1 - isoWeekday(a));
}

/** Shifts by whole months, returning only year and month (day is irrelevant at month precision). */
export function addMonths(y: number, m: number, n: number): { y: number; m: number } {
  const idx = y * 12 + (m - 1) + n;
  return { y: Math.floor(idx / 12), m: (idx % 12) + 1 };
}

const pad2 = (n: number) => String(n).padStart(2, "0");
const pad4 = (n: number) => String(n).padStart(4, "0");

export const isoDay = (a: YMD) => `${pad4(a.y)}-${pad2(a.m)}-${pad2(a.d)}`;
export const isoMonth = (y: number, m: number) => `${pad4(y)}-${pad2(m)}`;
export const isoYear = (y: number) => pad4(y);

/**
 * The year for a day-and-month given without one ("19 червня"): the year that puts the date closest to the
 * anchor. News mostly reports the recent past and the near future, so "28 грудня" in an article of
 * 5 January means last December, and "3 січня" in an article of 28 December means next January.
 */
export function nearestYearForDay(anchor: YMD, m: number, d: number): number | null {
  let best: number | null = null;
  let bestDist = Infinity;
  for (const y of [anchor.y - 1, anchor.y, anchor.y + 1]) {
    if (!isValidDate(y, m, d)) continue; // 29 February exists only in leap years
    const dist = Math.abs(diffDays(anchor, { y, m, d }));
    if (dist < bestDist) {
      bestDist = dist;
      best = y;
    }
  }
  return best;
}

/**
 * The year for a month given alone ("у червні"): the one within six months of the anchor's month; a
 * tie (exactly six months away) stays in the anchor's year.
 */
export function nearestYearForMonth(anchor: YMD, m: number): number {
  const delta = m - anchor.m;
  if (delta > 6) return anchor.y - 1;
  if (delta < -6) return anchor.y + 1;
  return anchor.y;
}
