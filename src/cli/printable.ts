/**
 * Text safe to print on a terminal: control characters (C0, DEL, C1), format characters (bidi
 * overrides, zero-width), line and paragraph separators and lone surrogates are written as escapes
 * (`\x1b`, `\u202e`), never echoed raw. `keep` lists characters left as they are (newlines of a
 * multi-line text).
 *
 * @example
 * printable("a\u0007b") // "a\\x07b"
 */
export function printable(text: string, keep = ""): string {
  return text.replace(/[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/gu, (c) => {
    if (keep.includes(c)) return c;
    const code = c.codePointAt(0)!;
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, "0")}` : code > 0xffff ? `\\u{${code.toString(16)}}` : `\\u${code.toString(16).padStart(4, "0")}`;
  });
}

/**
 * A value as indented JSON that is safe to print: JSON.stringify already escapes C0 controls and
 * lone surrogates; DEL, C1 and format characters are escaped too (`\u007f`), which JSON reads back
 * as the same string.
 */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/[\u007f-\u009f\p{Cf}\u2028\u2029]/gu, (c) => `\\u${c.codePointAt(0)!.toString(16).padStart(4, "0")}`);
}
