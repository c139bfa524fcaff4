/** Decodes input bytes to a string. (First version: UTF-8 only; charset detection follows.) */
export interface Decoded {
  text: string;
  charset: string;
  bom: boolean;
  warnings: string[];
}

export function decodeBytes(bytes: Uint8Array, _opts: { declared?: string | null } = {}): Decoded {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const text = new TextDecoder("utf-8").decode(bom ? bytes.subarray(3) : bytes);
  return { text, charset: "utf-8", bom, warnings: [] };
}
