/**
 * How `batch` reads its input, whatever the chunking: the bytes are cut into blocks of whole lines
 * the same way for any split of the same bytes (a byte order mark is removed at the very start of
 * the input only), a line longer than the limit is skipped as it streams past (never held whole) and
 * reported on its own, and a fingerprint of what was read lets `--resume` refuse another input.
 */
import { createHash, type Hash } from "node:crypto";
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { TariffSource } from "./batch-lines.js";
import { InputError, readText } from "./io.js";

/**
 * The longest input line `batch` reads, in bytes: 16 MiB, twice a session with the most meter
 * readings a session may have (100,000, about 8 MiB). A longer line is skipped without being held
 * and gets `{"line":N,"notDone":"line longer than 16777216 bytes"}`.
 */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;

/** How many bytes of the input the head fingerprint covers (all of a shorter input). */
export const HEAD_BYTES = 64 * 1024;

/** What the cutter gives, in input order: a block of whole lines, or one line that was too long. */
export type Cut = { readonly bytes: Uint8Array; readonly count: number } | { readonly tooLong: true };

const TOO_LONG: Cut = { tooLong: true };
const BOM = [0xef, 0xbb, 0xbf];

/** Cuts a stream of bytes into blocks of whole lines; see the module comment. */
export class LineCutter {
  private held: Uint8Array[] = [];
  private heldLength = 0;
  /** Bytes of the unfinished line at the end of `held`. */
  private partial = 0;
  /** Whole lines in `held`. */
  private lines = 0;
  /** Skipping the rest of a line that went past the limit. */
  private skipping = false;
  /** The first bytes, while fewer than a byte order mark's three (undefined once past them). */
  private start: Uint8Array | undefined = new Uint8Array(0);

  constructor(private readonly maxLine: number = MAX_LINE_BYTES) {}

  /** The cuts that the input's next bytes complete. */
  push(piece: Uint8Array): Cut[] {
    let data = piece;
    if (this.start) {
      const joined = new Uint8Array(this.start.length + data.length);
      joined.set(this.start);
      joined.set(data, this.start.length);
      if (joined.length < BOM.length && joined.every((b, i) => b === BOM[i])) {
        this.start = joined;
        return [];
      }
      this.start = undefined;
      data = BOM.every((b, i) => joined[i] === b) ? joined.subarray(BOM.length) : joined;
    }
    const out: Cut[] = [];
    let from = 0;
    if (this.skipping) {
      const nl = data.indexOf(10);
      if (nl < 0) return out;
      this.skipping = false;
      out.push(TOO_LONG);
      from = nl + 1;
    }
    let seg = from;
    for (;;) {
      const nl = data.indexOf(10, from);
      const end = nl < 0 ? data.length : nl;
      if (this.partial + (end - from) > this.maxLine) {
        // The whole lines before it go on; what was held of it is dropped.
        this.hold(data.subarray(seg, from));
        this.flush(out, false);
        if (nl < 0) {
          this.skipping = true;
          return out;
        }
        out.push(TOO_LONG);
        from = seg = nl + 1;
        continue;
      }
      if (nl < 0) break;
      this.lines++;
      this.partial = 0;
      from = nl + 1;
    }
    this.hold(data.subarray(seg));
    this.partial += data.length - from;
    if (this.lines > 0) this.flush(out, true);
    return out;
  }

  /** The cuts left at the end of the input: a last line without its newline. */
  end(): Cut[] {
    const out: Cut[] = [];
    if (this.start) {
      const start = this.start;
      this.start = undefined;
      out.push(...this.push(start));
    }
    if (this.skipping) {
      this.skipping = false;
      out.push(TOO_LONG);
    } else if (this.partial > 0) {
      this.lines = 1;
      this.partial = 0;
      this.flush(out, false);
    }
    return out;
  }

  private hold(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    this.held.push(bytes);
    this.heldLength += bytes.length;
  }

  /** The whole lines held, as one block; the unfinished line's bytes are kept (copied) or dropped. */
  private flush(out: Cut[], keepPartial: boolean): void {
    const whole = this.heldLength - this.partial;
    const all = new Uint8Array(this.heldLength);
    let at = 0;
    for (const h of this.held) {
      all.set(h, at);
      at += h.length;
    }
    if (this.lines > 0) out.push({ bytes: all.subarray(0, whole), count: this.lines });
    this.lines = 0;
    if (keepPartial && this.partial > 0) {
      this.held = [all.slice(whole)];
      this.heldLength = this.partial;
    } else {
      this.held = [];
      this.heldLength = 0;
      this.partial = 0;
    }
  }
}

/** A fingerprint of an input: the SHA-256 of its first `bytes` bytes. */
export interface Print {
  readonly bytes: number;
  readonly sha256: string;
}

/**
 * What a batch output file's sidecar (`OUT.input.json`) says of the input the run read: its name,
 * a fingerprint of its head (written before the first record) and of every byte read (written when
 * the run ends; absent after a run that was killed).
 */
export interface InputRecord {
  readonly input: string;
  readonly head: Print;
  readonly read?: Print;
}

/** The sidecar of an output file. */
export const sidecarOf = (out: string) => `${out}.input.json`;

const isPrint = (v: unknown): v is Print =>
  typeof v === "object" && v !== null && Number.isSafeInteger((v as Print).bytes) && (v as Print).bytes >= 0 && typeof (v as Print).sha256 === "string" && /^[0-9a-f]{64}$/.test((v as Print).sha256);

/** Reads an output's sidecar: undefined when there is none; an InputError when it is not one. */
export function readSidecar(out: string): InputRecord | undefined {
  if (!existsSync(sidecarOf(out))) return undefined;
  const text = readText(sidecarOf(out), () => "");
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const r = json as InputRecord | undefined;
  if (!r || typeof r.input !== "string" || !isPrint(r.head) || (r.read !== undefined && !isPrint(r.read)))
    throw new InputError(sidecarOf(out), [{ path: "", message: "is not the record of a batch input; cannot check the input is the same one" }]);
  return r;
}

export function writeSidecar(out: string, record: InputRecord): void {
  try {
    writeFileSync(sidecarOf(out), JSON.stringify(record) + "\n");
  } catch (e) {
    throw new InputError(sidecarOf(out), [{ path: "", message: `cannot be written (${(e as Error).message})` }]);
  }
}

/**
 * Fingerprints the input as it is read and, when resuming, checks it against what the earlier run
 * read: `update` throws `mismatch()` as soon as a checked prefix differs.
 */
export class InputPrint {
  private readonly hash: Hash = createHash("sha256");
  private seen = 0;
  private headPrint: Print | undefined;
  private ended = false;
  private readonly points: number[];

  constructor(
    private readonly earlier: InputRecord | undefined,
    private readonly mismatch: (what: string) => Error,
  ) {
    this.points = [...new Set([HEAD_BYTES, earlier?.head.bytes, earlier?.read?.bytes].filter((p): p is number => p !== undefined && p > 0))].sort((a, b) => a - b);
  }

  /** Bytes read so far. */
  get bytes(): number {
    return this.seen;
  }

  /** The head fingerprint, once known: records may be written from then on (the head is checked). */
  get head(): Print | undefined {
    if (this.headPrint === undefined) return undefined;
    if (this.earlier && !this.ended && this.seen < this.earlier.head.bytes) return undefined;
    return this.headPrint;
  }

  update(data: Uint8Array): void {
    let from = 0;
    while (this.points.length > 0 && this.seen + (data.length - from) >= this.points[0]!) {
      const point = this.points.shift()!;
      const take = point - this.seen;
      this.hash.update(data.subarray(from, from + take));
      from += take;
      this.seen = point;
      this.at(point, this.hash.copy().digest("hex"));
    }
    this.hash.update(data.subarray(from));
    this.seen += data.length - from;
  }

  /**
   * The input ended (`whole`: read to its end, not stopped): an input shorter than what the
   * earlier run read is another input.
   */
  end(whole: boolean): Print {
    this.ended = true;
    const all: Print = { bytes: this.seen, sha256: this.hash.copy().digest("hex") };
    this.headPrint ??= all;
    if (whole && this.earlier) {
      const needed = Math.max(this.earlier.head.bytes, this.earlier.read?.bytes ?? 0);
      if (this.seen < needed) throw this.mismatch(`it has ${this.seen} bytes; the earlier run read ${needed}`);
      if (this.earlier.head.bytes === this.seen && this.earlier.head.sha256 !== all.sha256) throw this.mismatch(`its first ${this.seen} bytes differ`);
    }
    return all;
  }

  /** What the new sidecar says: this run's prints, or the earlier run's claim when it read further. */
  record(input: string, all: Print): InputRecord {
    const read = this.earlier?.read && this.earlier.read.bytes > all.bytes ? this.earlier.read : all;
    return { input, head: this.earlier?.head ?? this.headPrint ?? all, read };
  }

  private at(point: number, sha256: string): void {
    if (point === HEAD_BYTES) this.headPrint = { bytes: point, sha256 };
    for (const print of [this.earlier?.head, this.earlier?.read]) {
      if (print && print.bytes === point && print.sha256 !== sha256) throw this.mismatch(`its first ${point} bytes differ`);
    }
  }
}

/** Every *.json file under a folder, sorted, read. */
export function folderSources(folder: string): TariffSource[] {
  const out: TariffSource[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== "node_modules" && !entry.name.startsWith(".")) walk(path);
      else if (entry.isFile() && entry.name.endsWith(".json")) out.push({ file: path, text: readText(path, () => "") });
    }
  };
  walk(folder);
  return out;
}

/** Lines already done (by an earlier run) become spaces: they are read, counted and skipped. */
export function blankDone(bytes: Uint8Array, first: number, done: Uint8Array): number {
  let skipped = 0;
  let from = 0;
  for (let line = first; from < bytes.length; line++) {
    const nl = bytes.indexOf(10, from);
    const to = nl < 0 ? bytes.length : nl;
    if (line < done.length && done[line] === 1) {
      bytes.fill(32, from, to);
      skipped++;
    }
    from = to + 1;
  }
  return skipped;
}
