import pc from "picocolors";
import type { Article } from "../article.js";

/** A readable terminal report of an Article. */
export function formatReport(a: Article, opts: { color: boolean }): string {
  const c = pc.createColors(opts.color);
  const out: string[] = [];
  const line = (s = "") => out.push(s);
  const src = new Map(a.sources.map((s) => [s.id, s]));

  line(c.bold(a.title ?? a.lead?.slice(0, 100) ?? "(untitled)"));
  const facts = [
    `lang ${a.lang}`,
    a.published ? `published ${a.published}` : null,
    a.publisher ? `publisher ${a.publisher}` : null,
    a.url,
    `${a.text.length} chars, ${a.sentences.length} sentences`,
  ].filter(Boolean);
  line(c.dim(facts.join(" · ")));
  if (a.lead) {
    line();
    line(c.bold("Lead"));
    line("  " + a.lead);
  }
  const headings = a.blocks.filter((b) => b.kind === "heading");
  if (headings.length) {
    line();
    line(c.bold("Headings"));
    for (const h of headings) line("  • " + a.text.slice(h.start, h.end));
  }

  line();
  line(c.bold(`Quotes (${a.quotes.length})`));
  for (const q of a.quotes) {
    const who = q.speaker ? c.cyan(q.speaker.name) + c.dim(` [${q.speaker.resolvedBy}${q.speaker.mention ? `: ${q.speaker.mention.text}` : ""}]`) : c.yellow("unknown speaker");
    const via = q.via.length ? c.dim(" via " + q.via.map((id) => src.get(id)?.name ?? id).join(", ")) : "";
    line(`  ${c.magenta(q.kind.padEnd(8))} ${who}${via}`);
    line(`           ${q.kind === "direct" ? "«" + q.text + "»" : q.text}`);
    if (q.cue) line(c.dim(`           cue: ${q.cue.text}`));
  }

  if (a.sources.length) {
    line();
    line(c.bold(`Sources (${a.sources.length})`));
    for (const s of a.sources) {
      const cites = s.cites.length ? " ← " + s.cites.map((id) => src.get(id)?.name ?? id).join(", ") : "";
      line(`  ${c.green(s.name)}${cites}${s.cue ? c.dim(`  (${s.cue.text})`) : ""}`);
    }
  }

  if (a.entities.length) {
    line();
    line(c.bold(`Entities (${a.entities.length})`));
    for (const e of a.entities) {
      const forms = [...new Set(e.mentions.map((m) => m.text))].filter((t) => t !== e.name);
      line(`  ${c.blue(e.type.padEnd(4))} ${e.name}${forms.length ? c.dim("  (" + forms.join(", ") + ")") : ""}`);
    }
  }

  if (a.figures.length || a.dates.length) {
    line();
    line(c.bold("Figures and dates"));
    for (const f of a.figures) line(`  ${f.text}  ${c.dim(`= ${f.value ?? "?"}${f.unit ? " " + f.unit : ""}${f.approx ? " (approx.)" : ""}`)}`);
    for (const d of a.dates) line(`  ${d.text}  ${c.dim(`= ${d.value ?? "unresolved"}`)}`);
  }

  if (a.removed.length) {
    line();
    line(c.bold(`Removed (${a.removed.length})`));
    for (const r of a.removed) {
      const t = r.text.replace(/\s+/g, " ").trim();
      line(c.dim(`  ${r.kind.padEnd(8)} ${t.length > 90 ? t.slice(0, 89) + "…" : t}`));
    }
  }
  if (a.warnings.length) {
    line();
    for (const w of a.warnings) line(c.yellow("warning: " + w));
  }
  return out.join("\n") + "\n";
}
