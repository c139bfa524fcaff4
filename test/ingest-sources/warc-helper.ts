import { WARCRecord, WARCSerializer } from "warcio";

/** A gzipped WARC response record holding one HTML page (what a crawler writes). */
export async function warcRecord(url: string, html: string, contentType = "text/html; charset=utf-8"): Promise<Uint8Array> {
  const body = new TextEncoder().encode(html);
  const r = WARCRecord.create(
    { url, date: "2024-06-19T10:00:00Z", type: "response", warcVersion: "WARC/1.1", httpHeaders: { "Content-Type": contentType } },
    (async function* () {
      yield body;
    })(),
  );
  return WARCSerializer.serialize(r, { gzip: true });
}

export async function warcFile(pages: Array<[string, string]>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for (const [url, html] of pages) parts.push(await warcRecord(url, html));
  return Buffer.concat(parts);
}
