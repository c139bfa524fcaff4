import type { AnalyzeInput } from "../pipeline/types.js";
import type { RawInput } from "../store/types.js";

/** What `analyze` gets for a stored raw input: its content plus the metadata that came with it. */
export function toAnalyzeInput(raw: RawInput): AnalyzeInput {
  const meta = {
    url: raw.url ?? null,
    published: raw.published ?? null,
    publisher: raw.publisher ?? null,
    title: raw.title ?? null,
    lang: raw.lang ?? null,
    authors: raw.authors?.length ? raw.authors : null,
  };
  if (raw.kind === "bytes") {
    const bytes = typeof raw.content === "string" ? new TextEncoder().encode(raw.content) : raw.content;
    return { bytes, ...meta };
  }
  const content = typeof raw.content === "string" ? raw.content : new TextDecoder().decode(raw.content);
  return raw.kind === "html" ? { html: content, ...meta } : { text: content, ...meta };
}
