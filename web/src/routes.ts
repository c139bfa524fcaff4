/** Hash routes of the UI: parsing the current hash and building links (no DOM access, safe to import anywhere). */
export interface Route {
  name: string;
  /** Decoded path parts after the page name. */
  parts: string[];
  params: URLSearchParams;
}

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#\/?/, "");
  const q = raw.indexOf("?");
  const path = q < 0 ? raw : raw.slice(0, q);
  const query = q < 0 ? "" : raw.slice(q + 1);
  const segs = path
    .split("/")
    .filter(Boolean)
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
  return { name: segs[0] ?? "", parts: segs.slice(1), params: new URLSearchParams(query) };
}

export const link = {
  speaker: (name: string) => `#/speaker/${encodeURIComponent(name)}`,
  story: (id: string) => `#/story/${encodeURIComponent(id)}`,
  article: (id: string) => `#/article/${encodeURIComponent(id)}`,
  search: (p: Record<string, string>) => `#/search?${new URLSearchParams(p).toString()}`,
};
