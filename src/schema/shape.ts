/**
 * Boolean checks compiled from the zod schemas, for the parsers' fast paths: the same schema,
 * without zod's issue machinery. A compiled check is true only where zod accepts the value; it is
 * false for anything it does not know (then the full checker runs and words the issues).
 */
import type { $ZodType } from "zod/v4/core";

export type Raw = Record<string, unknown>;
type Check = (v: unknown) => boolean;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Def = any;

const plain = (v: unknown): v is Raw => typeof v === "object" && v !== null && Object.getPrototypeOf(v) === Object.prototype;
const no: Check = () => false;

/** The checks on a string, number or array (lengths, patterns, bounds, refinements); an unknown one fails. */
function checksOf(def: Def): Check {
  const tests: Check[] = (def.checks ?? []).map(({ _zod: { def: c } }: Def): Check =>
    c.check === "max_length" ? (v) => (v as string).length <= c.maximum
    : c.check === "min_length" ? (v) => (v as string).length >= c.minimum
    : c.check === "string_format" && c.format === "regex" ? (v) => c.pattern.test(v)
    : c.check === "greater_than" ? (v) => (c.inclusive ? (v as number) >= c.value : (v as number) > c.value)
    : c.check === "custom" ? (v) => c.fn(v) === true
    : no,
  );
  return (v) => {
    for (const t of tests) if (!t(v)) return false;
    return true;
  };
}

/**
 * A boolean check of `schema` (zod/mini). `swap` replaces some schemas by cheaper checks, where a
 * later step reads and checks those values itself.
 */
export function compileShape(schema: $ZodType, swap?: Map<unknown, Check>): Check {
  const own = swap?.get(schema);
  if (own) return own;
  const d: Def = schema._zod.def;
  const all = checksOf(d);
  const inner = (s: $ZodType) => compileShape(s, swap);
  switch (d.type) {
    case "string":
      return (v) => typeof v === "string" && all(v);
    case "number":
      // (zod refuses NaN and ±Infinity; every number here is a decimal, whose pattern refuses them too)
      return (v) => typeof v === "number" && all(v);
    case "literal":
    case "enum": {
      const values: unknown[] = d.values ?? Object.values(d.entries);
      return (v) => values.includes(v);
    }
    case "optional":
    case "nullable": {
      const empty = d.type === "optional" ? undefined : null;
      const check = inner(d.innerType);
      return (v) => v === empty || check(v);
    }
    case "union": {
      const options = (d.options as $ZodType[]).map(inner);
      return (v) => options.some((o) => o(v));
    }
    case "array": {
      const element = inner(d.element);
      return (v) => {
        if (!Array.isArray(v) || !all(v)) return false;
        for (let i = 0; i < v.length; i++) if (!element(v[i])) return false;
        return true;
      };
    }
    case "object": {
      // Strict objects only: every key known, every required one there.
      if (d.catchall?._zod.def.type !== "never") return no;
      // Parallel lists, not maps: a shape has a few keys, and a key found by indexOf costs less than a hash lookup.
      const keys: string[] = [];
      const checks: Check[] = [];
      const needed: boolean[] = [];
      for (const k in d.shape) {
        const check = inner(d.shape[k]);
        keys.push(k);
        checks.push(check);
        needed.push(!check(undefined));
      }
      const required = needed.filter(Boolean).length;
      return (v) => {
        if (!plain(v)) return false;
        let n = 0;
        for (const k in v) {
          const i = keys.indexOf(k);
          if (i < 0 || !checks[i]!(v[k])) return false;
          if (needed[i]) n++;
        }
        return n === required;
      };
    }
    case "record": {
      const key = inner(d.keyType);
      const value = inner(d.valueType);
      return (v) => plain(v) && Reflect.ownKeys(v).every((k) => key(k) && value(v[k as string]));
    }
    default:
      return no;
  }
}

/** A new object with the members of `o` named in `keys` that are present, in that order (the schema's), mapped with `map`. */
export function pick(o: object, keys: readonly string[], map?: (v: never) => unknown): Raw {
  const out: Raw = {};
  for (const k of keys) {
    const v = (o as Raw)[k];
    if (v !== undefined) out[k] = map ? map(v as never) : v;
  }
  return out;
}

/** A pure lookup that remembers its answers by key (up to 500 of them). */
export function remember<T>(look: (key: string) => T): (key: string) => T {
  const seen = new Map<string, T>();
  return (key) => {
    if (seen.has(key)) return seen.get(key)!;
    const v = look(key);
    if (seen.size < 500) seen.set(key, v);
    return v;
  };
}
