/** Reading what the user wants followed: files of URLs (one per line, '#' comments) and URLs given directly. */
import { readFileSync } from "node:fs";
import { InputError } from "../pipeline/analyze.js";

export const isUrl = (s: string) => /^https?:\/\//i.test(s.trim());

/** The source URLs in the order given, each once. Lines that are not http(s) URLs are errors naming the line. */
export function readSourceList(args: string[]): string[] {
  const out: string[] = [];
  for (const a of args) {
    if (isUrl(a)) {
      out.push(a.trim());
      continue;
    }
    let text: string;
    try {
      text = readFileSync(a, "utf8");
    } catch (err) {
      throw new InputError(`cannot read the source list ${a}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
    }
    text.split(/\r?\n/).forEach((line, i) => {
      const l = line.replace(/(^|\s)#.*$/, "").trim();
      if (!l) return;
      if (!isUrl(l)) throw new InputError(`${a}:${i + 1}: not an http(s) URL: ${l}`);
      out.push(l);
    });
  }
  return [...new Set(out)];
}

/** "90s", "10m", "1h", "1d", "500ms" or plain seconds, to ms. */
export function parseDuration(s: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/i.exec(s.trim());
  if (!m) throw new InputError(`not a duration: ${s} (want e.g. 30s, 10m, 1h)`);
  const unit = (m[2] ?? "s").toLowerCase();
  const mult = unit === "ms" ? 1 : unit === "s" ? 1000 : unit === "m" ? 60_000 : unit === "h" ? 3600_000 : 86400_000;
  return Math.round(Number(m[1]) * mult);
}
