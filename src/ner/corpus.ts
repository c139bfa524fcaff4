/**
 * Reader for the NER-UK corpus (lang-uk/ner-uk, CC BY-NC-SA 4.0) as laid out in ../shared/data/ner-uk:
 * v2.0 brat-like `.ann` files with 5 tab-separated fields (13 classes) and v1.0 standard brat `.tok.ann`
 * (4 classes), plus the official DEV/TEST split lists. Used by the training and evaluation scripts and tests;
 * nothing here runs in the product.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

export interface GoldEntity {
  type: string;
  start: number;
  end: number;
}

export interface Doc {
  id: string;
  text: string;
  /** Outermost entities only (nested ones dropped, identical duplicates merged), sorted by start. */
  entities: GoldEntity[];
}

export type Version = "v1" | "v2";

/** Reads the split list: lines after "DEV" are training documents, after "TEST" test documents. */
export function readSplit(file: string): { dev: string[]; test: string[] } {
  const dev: string[] = [];
  const test: string[] = [];
  let cur: string[] | null = null;
  for (const raw of readFileSync(file, "utf8").split("\n")) {
    const line = raw.trim();
    if (!line) continue;
    if (line === "DEV") cur = dev;
    else if (line === "TEST") cur = test;
    else cur?.push(line);
  }
  return { dev, test };
}

/** Parses annotation lines; brat v1 has "TYPE START END" in one field, v2 has them as separate fields. */
export function parseAnn(ann: string, version: Version): GoldEntity[] {
  const out: GoldEntity[] = [];
  for (const line of ann.split("\n")) {
    if (!line.startsWith("T")) continue;
    const f = line.split("\t");
    if (version === "v2") {
      if (f.length < 4) continue;
      const start = Number(f[2]);
      const end = Number(f[3]);
      if (Number.isInteger(start) && Number.isInteger(end)) out.push({ type: f[1], start, end });
    } else {
      if (f.length < 2) continue;
      const m = /^(\S+) (\d+) (\d+)$/.exec(f[1]);
      if (m) out.push({ type: m[1], start: Number(m[2]), end: Number(m[3]) });
    }
  }
  return outermost(out);
}

/** Keeps entities not contained in another one; for identical spans keeps the first annotated. */
export function outermost(ents: GoldEntity[]): GoldEntity[] {
  const sorted = [...ents].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: GoldEntity[] = [];
  let coverEnd = -1;
  for (const e of sorted) {
    if (e.end <= coverEnd) continue; // inside (or equal to) an earlier, longer entity
    out.push(e);
    coverEnd = e.end;
  }
  return out;
}

export function corpusRoot(shared: string): string {
  return join(shared, "data", "ner-uk");
}

/** Loads one split of one version. v2 ids are file stems in data/ng or data/bruk; v1 ids are file stems. */
export function loadDocs(root: string, version: Version, part: "dev" | "test"): Doc[] {
  const splitFile = version === "v2" ? join(root, "v2.0", "data", "dev-test-split.txt") : join(root, "v1.0", "dev-test-split.txt");
  const ids = readSplit(splitFile)[part];
  const docs: Doc[] = [];
  for (const id of ids) {
    let txt: string;
    let ann: string;
    if (version === "v2") {
      const dir = ["ng", "bruk"].map((d) => join(root, "v2.0", "data", d)).find((d) => existsSync(join(d, id + ".txt")));
      if (!dir) throw new Error(`NER-UK v2 document not found: ${id}`);
      txt = join(dir, id + ".txt");
      ann = join(dir, id + ".ann");
    } else {
      txt = join(root, "v1.0", "data", id + ".txt");
      ann = join(root, "v1.0", "data", id + ".ann");
    }
    const text = readFileSync(txt, "utf8");
    docs.push({ id, text, entities: parseAnn(readFileSync(ann, "utf8"), version) });
  }
  return docs;
}
