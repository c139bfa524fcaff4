/**
 * Which of an article entity's names join it to a stored entity, and which are only look-up entries.
 * Both stores (SQLite and PostgreSQL) follow these rules, so the same corpus gives the same entities.
 *
 * A person named in full ("Мустафа Джемілєв") joins stored people by full name, or by surname together with
 * a first name that sounds alike across languages ("^" entries: surname + the first name's first two
 * consonants, so Володимир/Владимир/Vladimir Путін meet while Мустафа and Решат Джемілєв stay apart). A bare
 * surname ("Джемілєв", "Джемілєва") is shared by relatives and namesakes, so it is kept as a surname entry
 * (marked "~") that look-ups use as a last resort and that joining a fully named person never uses. A person
 * the article names by surname alone joins another surname-only person of that name, else the one stored
 * person that surname points to (none when it points to two).
 */
import type { Entity } from "../article.js";
import { nameSkeleton, nameStemSkeleton } from "../corpus/text.js";

export interface EntityNames {
  /** Names stored as plain look-up entries (and joined by). */
  names: string[];
  /** Skeletons (exact and stem) of `names` and a person's "^" keys: what joins this entity to a stored one. */
  skels: string[];
  /** Entries to store besides the names' skeletons: ["~" surname or "^" key, the name it came from]. */
  surnames: Array<[string, string]>;
  /** Surname keys to try when nothing joins by `skels`: set for a person named by surname only. */
  bySurname: string[];
}

const bothSkels = (n: string) => [...new Set([nameSkeleton(n), nameStemSkeleton(n)])].filter(Boolean);

export function entityNames(e: Entity): EntityNames {
  const all = [
    ...new Set([e.name, ...(e.aliases ?? []), ...(e.mentions ?? []).filter((m) => m.via !== "pronoun" && m.via !== "role").map((m) => m.text)]),
  ];
  const person = e.type === "PER";
  const multi = (n: string) => nameSkeleton(n).includes(" ");
  const full = person && all.some(multi);
  const names = full ? all.filter(multi) : all;
  const singles = full ? all.filter((n) => !multi(n)) : [];
  const skels = new Set(names.flatMap(bothSkels));
  const surnames: Array<[string, string]> = [];
  if (person) {
    for (const n of names) {
      if (!multi(n)) continue;
      const last = n.trim().split(/\s+/).pop()!;
      for (const sk of bothSkels(last)) if (sk.length >= 3) surnames.push(["~" + sk, n]);
      for (const full of bothSkels(n)) {
        const words = full.split(" ");
        const first = words[0].replace(/[aeiouy]/g, "").slice(0, 2);
        const sur = words[words.length - 1];
        if (first && sur.length >= 3) {
          const key = `^${sur} ${first}`;
          skels.add(key);
          surnames.push([key, n]);
        }
      }
    }
    for (const n of singles) for (const sk of bothSkels(n)) if (sk.length >= 3) surnames.push(["~" + sk, n]);
  }
  const bySurname = person && !full ? [...skels].filter((s) => s.length >= 3).map((s) => "~" + s) : [];
  return { names, skels: [...skels], surnames, bySurname };
}
