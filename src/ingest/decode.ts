import iconv from "iconv-lite";

/**
 * Bytes → string, the way a browser would guess, tuned for uk/ru/en news:
 *
 * 1. a byte-order mark (UTF-8, UTF-16LE, UTF-16BE) wins;
 * 2. a charset the caller declares (HTTP header, feed, JSONL field), if the bytes agree with it;
 * 3. for HTML-looking bytes, `<meta charset>` / `<meta http-equiv="content-type">` in the first 2 KB;
 * 4. bytes that are valid UTF-8 are UTF-8;
 * 5. otherwise the best of windows-1251, KOI8-U and windows-1252 by letter statistics of the three
 *    decodings (see `scoreDecoding`), with a warning that the charset was guessed.
 *
 * Decoding itself is TextDecoder / iconv-lite; nothing here throws on bad bytes.
 */
export interface Decoded {
  text: string;
  /** The charset used, lower case WHATWG-style name ("utf-8", "windows-1251", "koi8-u", "utf-16le", …). */
  charset: string;
  bom: boolean;
  warnings: string[];
}

export interface DecodeOptions {
  /** Charset declared outside the bytes (HTTP Content-Type, feed encoding). */
  declared?: string | null;
}

/** Single-byte charsets the guesser chooses between. */
export const GUESS_CHARSETS = ["windows-1251", "koi8-u", "windows-1252"] as const;

export function decodeBytes(bytes: Uint8Array, opts: DecodeOptions = {}): Decoded {
  const warnings: string[] = [];
  // 1. BOM
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return utf8(bytes.subarray(3), true, warnings);
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder("utf-16le").decode(bytes.subarray(2)), charset: "utf-16le", bom: true, warnings };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder("utf-16be").decode(bytes.subarray(2)), charset: "utf-16be", bom: true, warnings };
  }
  // 2. declared by the caller, 3. declared inside the HTML
  const declared = canonicalCharset(opts.declared) ?? (looksLikeHtmlBytes(bytes) ? canonicalCharset(prescanMetaCharset(bytes)) : null);
  if (declared) {
    if (declared === "utf-8") {
      if (isValidUtf8(bytes)) return { text: new TextDecoder("utf-8").decode(bytes), charset: "utf-8", bom: false, warnings };
      warnings.push("declared charset utf-8 does not match the bytes (invalid UTF-8); guessing");
    } else if (declared === "utf-16le" || declared === "utf-16be") {
      return { text: new TextDecoder(declared).decode(bytes), charset: declared, bom: false, warnings };
    } else if (iconv.encodingExists(declared)) {
      // A page that says windows-1251 but is valid, non-ASCII UTF-8 was re-saved without fixing the tag.
      if (hasNonAscii(bytes) && isValidUtf8(bytes)) {
        warnings.push(`declared charset ${declared} but the bytes are valid UTF-8; decoded as UTF-8`);
        return { text: new TextDecoder("utf-8").decode(bytes), charset: "utf-8", bom: false, warnings };
      }
      return { text: iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), declared), charset: declared, bom: false, warnings };
    } else {
      warnings.push(`unknown declared charset '${opts.declared ?? declared}'; guessing`);
    }
  }
  // 4. UTF-8 when valid (the native strict decoder is the fast path; the scans below run only on failure)
  try {
    return { text: FATAL_UTF8.decode(bytes), charset: "utf-8", bom: false, warnings };
  } catch {
    /* not valid UTF-8 */
  }
  const invalidAt = firstInvalidUtf8(bytes);
  // Mostly UTF-8 with a few broken sequences (a truncated file, one bad copy-paste): keep UTF-8, replace the
  // bad bytes, and say so. A single-byte text has almost no valid multi-byte sequences at all.
  if (utf8Share(bytes) >= 0.8) {
    warnings.push(`invalid UTF-8 at byte ${invalidAt}; bad sequences replaced with U+FFFD`);
    return { text: new TextDecoder("utf-8").decode(bytes), charset: "utf-8", bom: false, warnings };
  }
  // 5. guess among the single-byte charsets
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const sample = buf.subarray(0, 64 * 1024);
  let best: string = GUESS_CHARSETS[0];
  let bestScore = -Infinity;
  for (const cs of GUESS_CHARSETS) {
    const score = scoreDecoding(iconv.decode(sample, cs));
    if (score > bestScore) {
      bestScore = score;
      best = cs;
    }
  }
  warnings.push(`not UTF-8 (invalid at byte ${invalidAt}); charset guessed as ${best}`);
  return { text: iconv.decode(buf, best), charset: best, bom: false, warnings };
}

function utf8(bytes: Uint8Array, bom: boolean, warnings: string[]): Decoded {
  const invalidAt = firstInvalidUtf8(bytes);
  if (invalidAt >= 0) warnings.push(`invalid UTF-8 at byte ${invalidAt + (bom ? 3 : 0)}; bad sequences replaced with U+FFFD`);
  return { text: new TextDecoder("utf-8").decode(bytes), charset: "utf-8", bom, warnings };
}

function hasNonAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] >= 0x80) return true;
  return false;
}

const FATAL_UTF8 = new TextDecoder("utf-8", { fatal: true });

export function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    FATAL_UTF8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Byte offset of the first invalid UTF-8 sequence, or -1 (a truncated sequence at the very end counts). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let len: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) (len = 2), (min = 0x80);
    else if (b >= 0xe0 && b <= 0xef) (len = 3), (min = 0x800);
    else if (b >= 0xf0 && b <= 0xf4) (len = 4), (min = 0x10000);
    else return i;
    if (i + len > n) return i;
    let cp = b & (len === 2 ? 0x1f : len === 3 ? 0x0f : 0x07);
    for (let k = 1; k < len; k++) {
      const c = bytes[i + k];
      if ((c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += len;
  }
  return -1;
}

/** Of the bytes ≥ 0x80, the share that sits in well-formed UTF-8 sequences. */
function utf8Share(bytes: Uint8Array): number {
  let high = 0;
  let good = 0;
  const n = Math.min(bytes.length, 256 * 1024);
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    const len = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    let ok = len > 0 && i + len <= bytes.length;
    for (let k = 1; ok && k < len; k++) ok = (bytes[i + k] & 0xc0) === 0x80;
    if (ok) {
      high += len;
      good += len;
      i += len;
    } else {
      high++;
      i++;
    }
  }
  return high ? good / high : 1;
}

/** Cheap content test on raw bytes: does the start look like markup? (The full test is `looksLikeHtml`.) */
function looksLikeHtmlBytes(bytes: Uint8Array): boolean {
  // A page starts with markup (after white space): plain text is ruled out without decoding anything.
  let i = 0;
  while (i < bytes.length && i < 1024 && (bytes[i] === 0x20 || (bytes[i] >= 0x09 && bytes[i] <= 0x0d))) i++;
  if (bytes[i] !== 0x3c) return false;
  const head = latin1(bytes.subarray(0, 2048)).toLowerCase();
  return /<(!doctype html|html|head|meta|body|div|p|article)\b/.test(head);
}

function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
}

/**
 * The charset an HTML document declares in its first 2 KB (`<meta charset=…>` or
 * `<meta http-equiv="Content-Type" content="…; charset=…">`), or null. A simplified form of the WHATWG
 * prescan: good enough for real pages, never fooled by text outside a meta tag.
 */
export function prescanMetaCharset(bytes: Uint8Array): string | null {
  const head = latin1(bytes.subarray(0, 2048)).replace(/<!--[\s\S]*?-->/g, "");
  for (const m of head.matchAll(/<meta\b[^>]*>/gi)) {
    const tag = m[0];
    const direct = /\bcharset\s*=\s*["']?\s*([\w.:-]+)/i.exec(tag);
    if (direct && !/http-equiv/i.test(tag)) return direct[1];
    if (/http-equiv\s*=\s*["']?\s*content-type/i.test(tag)) {
      const c = /content\s*=\s*["'][^"']*charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(tag) ?? direct;
      if (c) return c[1];
    }
  }
  return null;
}

/** Maps a charset label to the name used here; null for none. (Labels per the WHATWG Encoding standard.) */
export function canonicalCharset(label: string | null | undefined): string | null {
  if (!label) return null;
  const l = label.trim().toLowerCase().replace(/^["']|["']$/g, "");
  if (!l) return null;
  if (["utf-8", "utf8", "unicode-1-1-utf-8", "x-unicode20utf8"].includes(l)) return "utf-8";
  if (["windows-1251", "cp1251", "x-cp1251", "win-1251", "win1251"].includes(l)) return "windows-1251";
  if (["koi8-u", "koi8u", "koi8-ru"].includes(l)) return "koi8-u";
  if (["koi8-r", "koi8", "koi", "cskoi8r", "koi8_r"].includes(l)) return "koi8-r";
  // WHATWG: latin1 / iso-8859-1 / ascii labels all mean windows-1252.
  if (["windows-1252", "cp1252", "latin1", "iso-8859-1", "iso8859-1", "l1", "ascii", "us-ascii", "x-cp1252"].includes(l))
    return "windows-1252";
  if (["utf-16le", "utf-16"].includes(l)) return "utf-16le";
  if (l === "utf-16be") return "utf-16be";
  return l;
}

// Letters by how common they are in Ukrainian and Russian news (both languages' frequent letters rank high).
const CYR_COMMON = new Set("оаеинітрвслкудпмяз".split(""));
const CYR_MIDDLE = new Set("ьгбчхжцшюйщфєїыэъёґ".split(""));

/**
 * How much a decoding looks like real text. Each non-ASCII character scores:
 * - a Cyrillic letter in a word whose case pattern is normal (лише, Лише, ЛИШЕ) scores by its frequency;
 *   a word with CaSe flipping inside (what KOI8 read as windows-1251 gives: "лИЫЕ") costs;
 * - a Latin letter with a diacritic scores when it sits in a mostly-ASCII word (café, Zürich) and costs when
 *   the word is all accents (what Cyrillic bytes read as windows-1252 give: "Ïðåçèäåíò");
 * - box drawing, control and other symbols cost.
 * The decoding with the highest score wins.
 */
export function scoreDecoding(s: string): number {
  let score = 0;
  for (const m of s.matchAll(/[\p{L}\p{M}]+|[^\p{L}\s\x00-\x7f]/gu)) {
    const w = m[0];
    if (!/[^\x00-\x7f]/.test(w)) continue; // plain ASCII words say nothing about the charset
    if (w.length === 1 && !/\p{L}/u.test(w)) {
      // A symbol: punctuation a news text really uses costs little, the rest a lot.
      score += /[«»„“”’–—…№°€•·]/.test(w) ? 0 : -3;
      continue;
    }
    const cyr = /^[\u0400-\u04ff\u0300-\u036f'’]+$/.test(w);
    const lowerTail = w.slice(1) === w.slice(1).toLowerCase();
    const upper = w === w.toUpperCase();
    const normalCase = lowerTail || upper;
    if (cyr) {
      let s1 = 0;
      for (const ch of w.toLowerCase()) s1 += CYR_COMMON.has(ch) ? 2 : CYR_MIDDLE.has(ch) ? 0.5 : -0.5;
      score += normalCase ? s1 : -w.length;
      continue;
    }
    // A Latin word: accents in a mostly-ASCII word are plausible (café); Cyrillic letters inside one are not
    // (café read as windows-1251 is "cafй").
    let ascii = 0;
    let other = 0;
    let cyrInside = 0;
    for (const ch of w) {
      const c = ch.charCodeAt(0);
      if (c < 0x80) ascii++;
      else {
        other++;
        if (c >= 0x400 && c <= 0x4ff) cyrInside++;
      }
    }
    score += ascii >= other && normalCase && !cyrInside ? other : -2 * other;
  }
  return score;
}
