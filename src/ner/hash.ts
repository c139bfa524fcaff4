/**
 * 32-bit hashing used for feature hashing: FNV-1a over a string's UTF-16 code units, and an integer mixer
 * (MurmurHash3's finaliser) to combine a feature template with one or more value hashes without building
 * strings. The model stores only these hashes, never feature strings, which keeps it small and fast to load.
 */

export function fnv1a(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function mix(a: number, b: number): number {
  let h = (Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) + b) | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Slot of a key: keys are already mixed hashes, so their bits are used as they are (xor-folded). */
function slot(k: number): number {
  return k ^ (k >>> 16);
}

/**
 * Open-addressing table from 32-bit keys to row numbers. Key and row sit side by side in one array, so a
 * lookup touches one cache line (the tables are megabytes, and lookups are the recogniser's hot loop). Key 0
 * marks an empty slot, so a key that hashes to 0 is stored as 1 (one more collision in 2^32 does not matter).
 */
export class HashIndex {
  private readonly slots: Int32Array;
  private readonly mask: number;
  size = 0;

  constructor(capacity: number) {
    let n = 1024;
    while (n < capacity * 2) n <<= 1;
    this.slots = new Int32Array(n * 2);
    this.mask = n - 1;
  }

  static fromKeys(keys: ArrayLike<number>): HashIndex {
    const idx = new HashIndex(keys.length);
    for (let i = 0; i < keys.length; i++) idx.set(keys[i], i);
    return idx;
  }

  set(key: number, val: number): void {
    const k = key | 0 || 1;
    let i = slot(k) & this.mask;
    while (this.slots[2 * i] !== 0 && this.slots[2 * i] !== k) i = (i + 1) & this.mask;
    if (this.slots[2 * i] === 0) this.size++;
    this.slots[2 * i] = k;
    this.slots[2 * i + 1] = val;
  }

  /** The row for `key`, or -1. */
  get(key: number): number {
    const k = key | 0 || 1;
    const slots = this.slots;
    let i = slot(k) & this.mask;
    for (;;) {
      const s = slots[2 * i];
      if (s === k) return slots[2 * i + 1];
      if (s === 0) return -1;
      i = (i + 1) & this.mask;
    }
  }
}
