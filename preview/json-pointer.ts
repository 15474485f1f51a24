/**
 * Where a JSON Pointer's value is written in a JSON text: the preview page selects it in the editor
 * when a lint finding is clicked. A small scanner over text that JSON.parse accepts (no DOM), tested in
 * test/preview/json-pointer.test.ts.
 */

/** The characters [start, end) of a value in the text. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/**
 * The span of the value at `pointer` (RFC 6901) in `text`, a valid JSON text; when that value is
 * not written (a member the pointer names but the document lacks), the span of the nearest
 * ancestor that is; undefined only for a text that is not valid JSON.
 */
export function locatePointer(text: string, pointer: string): Span | undefined {
  try {
    JSON.parse(text);
  } catch {
    return undefined;
  }
  const tokens = pointer === "" ? [] : pointer.slice(1).split("/").map((t) => t.replace(/~1/g, "/").replace(/~0/g, "~"));
  for (let n = tokens.length; n >= 0; n--) {
    const found = scan(text, tokens.slice(0, n));
    if (found) return found;
  }
  return undefined;
}

function scan(text: string, target: readonly string[]): Span | undefined {
  let i = 0;
  const ws = () => {
    while (i < text.length && (text[i] === " " || text[i] === "\t" || text[i] === "\n" || text[i] === "\r")) i++;
  };
  const skipString = () => {
    i++; // the opening quote
    while (i < text.length && text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
    i++; // the closing quote
  };
  /** Reads the value at i; returns the target's span when it is (or holds) the target. */
  const value = (depth: number, onPath: boolean): Span | undefined => {
    ws();
    const start = i;
    const hit = onPath && depth === target.length;
    const c = text[i];
    if (c === "{" || c === "[") {
      const close = c === "{" ? "}" : "]";
      i++;
      ws();
      if (text[i] === close) i++;
      else
        for (let k = 0; ; k++) {
          ws();
          let key = String(k);
          if (c === "{") {
            const keyStart = i;
            skipString();
            key = JSON.parse(text.slice(keyStart, i)) as string;
            ws();
            i++; // the colon
          }
          const found = value(depth + 1, onPath && !hit && target[depth] === key);
          if (found) return found;
          ws();
          if (text[i++] !== ",") break; // the closing bracket
        }
    } else if (c === '"') skipString();
    else while (i < text.length && !",]} \t\r\n".includes(text[i]!)) i++;
    return hit ? { start, end: i } : undefined;
  };
  return value(0, true);
}
