/** True when a string is an HTML document or fragment rather than plain text. */
export function looksLikeHtml(s: string): boolean {
  const head = s.slice(0, 4096).trimStart().toLowerCase();
  if (head.startsWith("<!doctype html") || head.startsWith("<html")) return true;
  const tags = head.match(/<\/?(p|div|body|head|span|a|br|article|section|h[1-6]|meta|script|title)\b[^>]*>/g);
  return !!tags && tags.length >= 3;
}
