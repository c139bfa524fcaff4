/**
 * True when a string is an HTML document or fragment rather than plain text, judged by content (never by a
 * file name): a doctype or <html> at the start, or several tags of the elements article pages are built from.
 * Plain news text may mention "<b>" once or quote a tag; it does not carry three real tags in its first 4 KB.
 */
export function looksLikeHtml(s: string): boolean {
  const head = s.slice(0, 4096).trimStart().toLowerCase();
  if (head.startsWith("<!doctype html") || head.startsWith("<html") || (head.startsWith("<?xml") && head.includes("<html"))) return true;
  const tags = head.match(
    /<\/?(p|div|body|head|span|a|br|hr|img|ul|ol|li|em|strong|b|i|article|section|header|footer|nav|main|h[1-6]|meta|link|script|style|title|table|tr|td|figure|figcaption|blockquote)\b[^<>]*>/g,
  );
  if (!tags) return false;
  if (tags.length >= 3) return true;
  // A short fragment: two tags that make up most of it (<p>…</p>).
  return tags.length === 2 && head.length < 400 && head.startsWith("<");
}

/** Kind of a decoded input by its content. */
export function detectKind(s: string): "html" | "text" {
  return looksLikeHtml(s) ? "html" : "text";
}
