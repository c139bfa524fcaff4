/**
 * The UI's client for the HTTP API (same origin). Types mirror the server's answers; only the fields the UI
 * reads are listed. Article and the store's shapes are imported as types from the library.
 */
import type { Article } from "../../src/article.js";
import type {
  EntityReport,
  QuotesResult,
  SearchResult,
  StoreStats,
  StoryReport,
  StorySummary,
  GlobalEntity,
} from "../../src/store/types.js";

export type { Quote, Source, Speaker } from "../../src/article.js";
export type { Article, EntityReport, QuotesResult, SearchResult, StoreStats, StoryReport, StorySummary, GlobalEntity };

export interface SpeakerSummary {
  name: string;
  entity: GlobalEntity | null;
  total: number;
  summarised: number;
  timeline: Array<{ month: string; count: number }>;
  byOutlet: Array<{ name: string; count: number }>;
  byLang: Array<{ name: string; count: number }>;
  names: string[];
}

export class ApiError extends Error {
  constructor(
    public status: number,
    public code: string,
    message: string,
  ) {
    super(message);
  }
}

async function request<T>(path: string, init?: RequestInit): Promise<T> {
  const res = await fetch(path, { credentials: "same-origin", ...init });
  const type = res.headers.get("content-type") ?? "";
  const body = type.includes("json") ? await res.json() : await res.text();
  if (!res.ok) {
    const e = (body as { error?: { code?: string; message?: string } })?.error;
    throw new ApiError(res.status, e?.code ?? "http_" + res.status, e?.message ?? String(body).slice(0, 200));
  }
  return body as T;
}

/** Query string from a params object, skipping empty values. */
export function qs(params: Record<string, string | number | null | undefined>): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== "") u.set(k, String(v));
  const s = u.toString();
  return s ? "?" + s : "";
}

export const api = {
  analyzeText(text: string, meta: { published?: string; lang?: string }): Promise<Article> {
    return request("/api/analyze", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text, ...(meta.published ? { published: meta.published } : {}), ...(meta.lang ? { lang: meta.lang } : {}) }),
    });
  },
  /** A dropped file goes as bytes: the server detects its charset (windows-1251 and koi8-u news exist). */
  analyzeFile(bytes: ArrayBuffer, meta: { published?: string; lang?: string }): Promise<Article> {
    return request("/api/analyze" + qs(meta), {
      method: "POST",
      headers: { "content-type": "application/octet-stream" },
      body: bytes,
    });
  },
  article: (id: string) => request<Article>(`/api/articles/${encodeURIComponent(id)}`),
  search: (p: Record<string, string | number | null | undefined>) => request<SearchResult>("/api/search" + qs(p)),
  quotes: (p: Record<string, string | number | null | undefined>) => request<QuotesResult>("/api/quotes" + qs(p)),
  speaker: (name: string) => request<SpeakerSummary>(`/api/speakers/${encodeURIComponent(name)}`),
  stories: (p: Record<string, string | number | null | undefined>) =>
    request<{ total: number; stories: StorySummary[] }>("/api/stories" + qs(p)),
  story: (id: string) => request<StoryReport>(`/api/stories/${encodeURIComponent(id)}`),
  stats: () => request<StoreStats>("/api/stats"),
  entities: (p: Record<string, string | number | null | undefined>) =>
    request<{ total: number; entities: GlobalEntity[] }>("/api/entities" + qs(p)),
};
