/** The article's language: the hint when given, else a guess from the script and letters. */
export function detectLanguage(text: string, hint: string | null): string {
  if (hint) return hint;
  const sample = text.slice(0, 5000);
  const cyr = (sample.match(/[а-яіїєґё]/gi) ?? []).length;
  const lat = (sample.match(/[a-z]/gi) ?? []).length;
  if (lat > cyr) return "en";
  const uk = (sample.match(/[іїєґ]/gi) ?? []).length;
  const ru = (sample.match(/[ыэъё]/gi) ?? []).length;
  return uk >= ru ? "uk" : "ru";
}
