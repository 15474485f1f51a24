import { printable } from "./printable.js";

/** Where a JSON text goes wrong and what was expected there; the CLI adds line and column. */
export interface JsonSyntaxError {
  /** Offset of the first wrong character (UTF-16 code units), or the text's length when it ends too early. */
  readonly offset: number;
  readonly message: string;
}

type State = "value" | "valueOrEnd" | "valueAfterComma" | "keyOrEnd" | "keyAfterComma" | "after";

const LITERALS = ["true", "false", "null"] as const;
const ESCAPES = '"\\/bfnrtu';

/**
 * Finds the first syntax error of a text that `JSON.parse` refused (RFC 8259), with a message of
 * our own: Node's messages differ between versions, give a character position only, and may quote
 * the text raw. Iterative, so deep nesting cannot overflow the stack.
 *
 * @example
 * jsonSyntaxError('{ "a": 1, }') // { offset: 10, message: 'a comma must be followed by a property name, not "}" (no trailing commas in JSON)' }
 */
export function jsonSyntaxError(text: string): JsonSyntaxError {
  const n = text.length;
  let i = 0;
  const stack: string[] = [];
  let state: State = "value";
  const show = (at: number) => {
    const ch = String.fromCodePoint(text.codePointAt(at)!);
    return ch === '"' ? `'"'` : `"${printable(ch)}"`;
  };
  const fail = (expected: string): JsonSyntaxError =>
    i >= n ? { offset: n, message: `the text ends too early; expected ${expected}` } : { offset: i, message: `expected ${expected}, found ${show(i)}` };
  const skipSpace = () => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) break;
      i++;
    }
  };
  const scanString = (): JsonSyntaxError | undefined => {
    i++; // the opening quote
    for (;;) {
      if (i >= n) return { offset: n, message: 'the text ends inside a string; expected a closing \'"\'' };
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return undefined;
      }
      if (c < 0x20) return { offset: i, message: `a string holds the control character ${show(i)}; write it as an escape such as \\n or \\u0000` };
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === undefined || !ESCAPES.includes(e)) return { offset: i, message: `${e === undefined ? "the text ends after \\" : `\\${printable(e)} is not a JSON escape`}; use \\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX` };
        if (e === "u" && !/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return { offset: i, message: "\\u must be followed by 4 hexadecimal digits" };
        i += e === "u" ? 6 : 2;
        continue;
      }
      i++;
    }
  };
  const scanNumber = (): JsonSyntaxError | undefined => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m) {
      i++;
      return fail("a digit");
    }
    i += m[0].length;
    if (i < n && /[0-9.eE+-]/.test(text[i]!)) return { offset: i, message: `a number cannot go on with ${show(i)} (no leading zeros; a dot needs digits on both sides)` };
    return undefined;
  };

  for (;;) {
    skipSpace();
    const ch = text[i];
    switch (state) {
      case "valueOrEnd":
      case "valueAfterComma":
      case "value": {
        if (state === "valueOrEnd" && ch === "]") {
          i++;
          stack.pop();
          state = "after";
          break;
        }
        if (state === "valueAfterComma" && ch === "]") return { offset: i, message: 'a comma must be followed by a value, not "]" (no trailing commas in JSON)' };
        if (ch === "{") {
          i++;
          stack.push("{");
          state = "keyOrEnd";
          break;
        }
        if (ch === "[") {
          i++;
          stack.push("[");
          state = "valueOrEnd";
          break;
        }
        if (ch === '"') {
          const e = scanString();
          if (e) return e;
          state = "after";
          break;
        }
        if (ch === "-" || (ch !== undefined && ch >= "0" && ch <= "9")) {
          const e = scanNumber();
          if (e) return e;
          state = "after";
          break;
        }
        const literal = LITERALS.find((l) => text.startsWith(l, i));
        if (literal) {
          i += literal.length;
          state = "after";
          break;
        }
        if (ch === "'") return { offset: i, message: "strings need double quotes, not single quotes" };
        return fail("a value (object, array, string, number, true, false or null)");
      }
      case "keyOrEnd":
      case "keyAfterComma": {
        if (state === "keyOrEnd" && ch === "}") {
          i++;
          stack.pop();
          state = "after";
          break;
        }
        if (state === "keyAfterComma" && ch === "}") return { offset: i, message: 'a comma must be followed by a property name, not "}" (no trailing commas in JSON)' };
        if (ch === "'") return { offset: i, message: "property names need double quotes, not single quotes" };
        if (ch !== '"') return fail(state === "keyOrEnd" ? 'a property name in double quotes or "}"' : "a property name in double quotes");
        const e = scanString();
        if (e) return e;
        skipSpace();
        if (text[i] !== ":") return fail('":" after the property name');
        i++;
        state = "value";
        break;
      }
      case "after": {
        const top = stack[stack.length - 1];
        if (top === undefined) {
          if (i >= n) return { offset: 0, message: "the text is not JSON" }; // JSON.parse refused it for a reason not found here
          return fail("the end of the text after the JSON value");
        }
        if (ch === ",") {
          i++;
          state = top === "{" ? "keyAfterComma" : "valueAfterComma";
          break;
        }
        if (ch === (top === "{" ? "}" : "]")) {
          i++;
          stack.pop();
          break;
        }
        return fail(top === "{" ? '"," or "}"' : '"," or "]"');
      }
    }
  }
}
