/**
 * One URL per article: the same page reached from two feeds, with campaign tags or a #fragment, must be
 * fetched and stored once. Canonical form: lower-case scheme and host, no default port, no fragment, no
 * tracking parameters, the remaining query parameters sorted. The path is kept as is (servers may treat case
 * and trailing slashes as meaningful).
 */

/** Query parameters that only say where a click came from, never which page it is. */
const TRACKING_EXACT = new Set([
  "fbclid", "gclid", "dclid", "gbraid", "wbraid", "yclid", "ysclid", "msclkid", "twclid", "igshid", "mc_cid", "mc_eid",
  "_ga", "_gl", "_hsenc", "_hsmi", "mkt_tok", "oly_anon_id", "oly_enc_id", "vero_id", "rb_clickid", "s_cid",
  "ref_src", "ref_url", "cmpid", "ncid", "sr_share", "at_medium", "at_campaign", "from", "ref", "xtor", "spm",
  "share", "amp_js_v", "usqp", "__twitter_impression", "guccounter", "guce_referrer", "guce_referrer_sig",
]);
const TRACKING_PREFIX = ["utm_", "pk_", "mtm_", "hsa_", "ito_", "at_", "ga_"];

export function isTrackingParam(name: string): boolean {
  const n = name.toLowerCase();
  return TRACKING_EXACT.has(n) || TRACKING_PREFIX.some((p) => n.startsWith(p));
}

/** The canonical form of an http(s) URL, resolved against `base`; null when it is not an http(s) URL. */
export function canonicalUrl(url: string, base?: string): string | null {
  let u: URL;
  try {
    u = new URL(url.trim(), base);
  } catch {
    return null;
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") return null;
  u.hash = "";
  u.username = "";
  u.password = "";
  const kept = [...u.searchParams].filter(([k]) => !isTrackingParam(k));
  kept.sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0));
  u.search = kept.length ? new URLSearchParams(kept).toString() : "";
  // URL already lower-cases scheme and host and drops default ports.
  return u.href;
}
