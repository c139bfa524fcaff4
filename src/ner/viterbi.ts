/**
 * First-order Viterbi decoding over BIO or BILOU tags with hard constraints, so every decoded path is a
 * well-formed set of spans and no repair step is needed afterwards. BIO: an `I-X` tag may only follow `B-X`
 * or `I-X`, and a unit may not start with `I-X`. BILOU (a tag set with `L-`/`U-` tags: last token of a
 * span, one-token span): `I-X` and `L-X` only follow `B-X` or `I-X`; `B-X`, `U-X` and `O` never follow an
 * open span (`B-`/`I-`); a unit neither starts with `I-`/`L-` nor ends with `B-`/`I-`.
 */

/**
 * allowed[prev * T + cur] (prev = T means "start of unit"); row T + 1 says which tags may end a unit.
 */
export function bioConstraints(tags: readonly string[]): Uint8Array {
  const T = tags.length;
  const bilou = tags.some((t) => t.startsWith("L-") || t.startsWith("U-"));
  const allowed = new Uint8Array((T + 2) * T);
  const opens = (t: string) => t.startsWith("B-") || t.startsWith("I-");
  for (let p = 0; p <= T; p++) {
    for (let c = 0; c < T; c++) {
      const cur = tags[c];
      const inner = cur.startsWith("I-") || (bilou && cur.startsWith("L-"));
      if (!inner) {
        allowed[p * T + c] = !bilou || p === T || !opens(tags[p]) ? 1 : 0;
        continue;
      }
      if (p === T) continue;
      const prev = tags[p];
      const type = cur.slice(2);
      allowed[p * T + c] = prev === "B-" + type || prev === "I-" + type ? 1 : 0;
    }
  }
  for (let c = 0; c < T; c++) allowed[(T + 1) * T + c] = !bilou || !opens(tags[c]) ? 1 : 0;
  return allowed;
}

/**
 * Best tag path. `emit[i * T + t]` is the score of tag t at position i, `trans[p * T + c]` the score of c
 * after p, `start[t]` the score of t at the first position. Returns the tag index per position.
 */
export function viterbi(
  n: number,
  T: number,
  emit: Float32Array | Float64Array,
  trans: Float32Array | Float64Array,
  start: Float32Array | Float64Array,
  allowed: Uint8Array,
  out: Int32Array = new Int32Array(n),
): Int32Array {
  if (n === 0) return out;
  const NEG = -1e30;
  const prevs = allowedPrevs(allowed, T);
  if (scoreBuf.length < n * T) {
    scoreBuf = new Float64Array(n * T * 2);
    backBuf = new Int32Array(n * T * 2);
  }
  const score = scoreBuf;
  const back = backBuf;
  for (let t = 0; t < T; t++) score[t] = allowed[T * T + t] ? start[t] + emit[t] : NEG;
  for (let i = 1; i < n; i++) {
    const prevBase = (i - 1) * T;
    const base = i * T;
    for (let c = 0; c < T; c++) {
      // Only the transitions the constraints allow (an I tag has two possible predecessors, not T).
      let best = NEG;
      let arg = 0;
      const from = prevs.start[c];
      const to = prevs.start[c + 1];
      for (let j = from; j < to; j++) {
        const p = prevs.list[j];
        const s = score[prevBase + p] + trans[p * T + c];
        if (s > best) {
          best = s;
          arg = p;
        }
      }
      score[base + c] = best + emit[base + c];
      back[base + c] = arg;
    }
  }
  let best = NEG;
  let arg = 0;
  const last = (n - 1) * T;
  const endOk = allowed.length > (T + 1) * T ? (T + 1) * T : -1;
  for (let t = 0; t < T; t++) {
    if (endOk >= 0 && !allowed[endOk + t]) continue;
    if (score[last + t] > best) {
      best = score[last + t];
      arg = t;
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    out[i] = arg;
    arg = back[i * T + arg];
  }
  return out;
}

// Work buffers, reused across calls (decoding is synchronous, so calls never overlap).
let scoreBuf = new Float64Array(4096);
let backBuf = new Int32Array(4096);

const prevCache = new WeakMap<Uint8Array, { start: Int32Array; list: Int32Array }>();

/** For each tag c, the tags allowed before it, as a flat list with start offsets. */
function allowedPrevs(allowed: Uint8Array, T: number): { start: Int32Array; list: Int32Array } {
  let r = prevCache.get(allowed);
  if (!r) {
    const start = new Int32Array(T + 1);
    const list: number[] = [];
    for (let c = 0; c < T; c++) {
      start[c] = list.length;
      for (let p = 0; p < T; p++) if (allowed[p * T + c]) list.push(p);
    }
    start[T] = list.length;
    r = { start, list: Int32Array.from(list) };
    prevCache.set(allowed, r);
  }
  return r;
}

/** Turns a BIO or BILOU tag path into [from, to, type] token ranges (to exclusive). */
export function bioSpans(path: ArrayLike<number>, tags: readonly string[]): [number, number, string][] {
  const spans: [number, number, string][] = [];
  let open = -1;
  let type = "";
  for (let i = 0; i <= path.length; i++) {
    const tag = i < path.length ? tags[path[i]] : "O";
    const inner = tag.startsWith("I-") || tag.startsWith("L-");
    if (open >= 0 && !(inner && tag.slice(2) === type)) {
      spans.push([open, i, type]);
      open = -1;
    }
    if (tag.startsWith("B-") || tag.startsWith("U-") || (inner && open < 0)) {
      open = i;
      type = tag.slice(2);
    }
    if (open >= 0 && (tag.startsWith("L-") || tag.startsWith("U-"))) {
      spans.push([open, i + 1, type]);
      open = -1;
    }
  }
  return spans;
}
