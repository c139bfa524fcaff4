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
 * The year of the latest day-and-month on or before the anchor (news reports the past: "arrested on
 * 3 April" in an article of 14 November means this April, not the next). 29 February goes back to the
 * last leap year.
 */
export function latestDayOnOrBefore(anchor: YMD, m: number, d: number): number | null {
  for (let y = anchor.y; y >= anchor.y - 8; y--) {
    if (isValidDate(y, m, d) && diffDays({ y, m, d }, anchor) >= 0) return y;
  }
  return null;
}

/** The year of the first day-and-month on or after the anchor (a date the story says is coming). */
export function nextDayOnOrAfter(anchor: YMD, m: number, d: number): number | null {
  for (let y = anchor.y; y <= anchor.y + 8; y++) {
    if (isValidDate(y, m, d) && diffDays(anchor, { y, m, d }) >= 0) return y;
  }
  return null;
}

/**
 * The year for a month given alone: the anchor's month keeps the anchor's year; otherwise the latest such
 * month before it ("in April" in a November story is this April), or the next one when `future`.
 */
export function yearForMonth(anchor: YMD, m: number, future: boolean): number {
  if (m === anchor.m) return anchor.y;
  if (future) return m > anchor.m ? anchor.y : anchor.y + 1;
  return m < anchor.m ? anchor.y : anchor.y - 1;
}
