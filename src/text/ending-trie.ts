/**
 * A trie of word endings read from the end of the word, by UTF-16 code unit: all the endings a word has are found
 * in one walk from its last letter (used for name endings and for the affix rules' strips).
 */
export interface EndingTrie {
  /** An ending stops here. */
  end: boolean;
  next: Map<number, EndingTrie>;
}

/** Builds the trie of the given endings. */
export function endingTrie(endings: Iterable<string>): EndingTrie {
  const root: EndingTrie = { end: false, next: new Map() };
  for (const e of endings) {
    let node = root;
    for (let i = e.length - 1; i >= 0; i--) {
      const c = e.charCodeAt(i);
      let child = node.next.get(c);
      if (!child) node.next.set(c, (child = { end: false, next: new Map() }));
      node = child;
    }
    node.end = true;
  }
  return root;
}
