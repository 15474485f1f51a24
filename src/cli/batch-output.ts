/**
 * Where batch records go, and what a previous run left there: a file written with synchronous writes
 * (so a failed write says exactly which line it was at), or standard output; and, for `--resume`,
 * the records an earlier run already wrote, read back in order and merged with the new ones.
 */
import { closeSync, ftruncateSync, openSync, readSync, renameSync, rmSync, writeSync } from "node:fs";
import type { Writable } from "node:stream";
import { InputError } from "./io.js";

/** A place records are written to, in order. `write` throws when the output fails. */
export interface Sink {
  /** `done` is called once the data is written (a stream: handed to the system without an error). */
  write(data: string | Uint8Array, done?: () => void): void;
  /** Resolves when the sink can take more without piling up in memory; rejects when it failed. */
  drained(): Promise<void>;
  /** Ends the output: flushes, closes, and for a resumed file moves the new file over the old. */
  close(): Promise<void>;
  /** Ends the output after a failure: the file being resumed is left as it was. */
  abandon(): void;
}

const encoder = new TextEncoder();
/** The longest record --resume reads back (far past any record a batch writes; well below V8's longest string). */
const MAX_RECORD_CHARS = 256 * 1024 * 1024;

/** Why a write failed, in words (for the summary). */
export const failureText = (e: unknown): string => {
  const err = e as NodeJS.ErrnoException;
  switch (err?.code) {
    case "ENOENT":
      return "its folder does not exist";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EISDIR":
      return "is a directory";
    case "ENOSPC":
      return "no space left on the device";
    case "EPIPE":
      return "the reader closed it";
    default:
      return err?.message ?? String(e);
  }
};

/**
 * A file sink. `path` is opened (created or emptied) at once, so an unwritable output is refused
 * before any input is read. With `replaces`, records go to a temporary file beside it that is
 * renamed over `replaces` on close (a resumed run never damages the file it resumes).
 */
export function fileSink(path: string, replaces?: string): Sink {
  let fd: number;
  try {
    fd = openSync(path, "w");
  } catch (e) {
    throw new InputError(replaces ?? path, [{ path: "", message: `cannot be written: ${failureText(e)}` }]);
  }
  let open = true;
  let size = 0;
  return {
    write(data, done) {
      const bytes = typeof data === "string" ? encoder.encode(data) : data;
      try {
        for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
      } catch (e) {
        // Whatever part of this block reached the file is cut off again: the file ends with the
        // last whole block of records, so the run's summary says exactly which lines it holds.
        try {
          ftruncateSync(fd, size);
        } catch {
          // a record cut short is then the file's last line; --resume ignores it
        }
        throw e;
      }
      size += bytes.length;
      done?.();
    },
    drained: () => Promise.resolve(),
    async close() {
      if (!open) return;
      open = false;
      closeSync(fd);
      if (replaces !== undefined) renameSync(path, replaces);
    },
    abandon() {
      if (!open) return;
      open = false;
      closeSync(fd);
      if (replaces !== undefined) rmSync(path, { force: true });
    },
  };
}

/** A stream sink (standard output): a failure (a closed pipe) surfaces at the next write or drain. */
export function streamSink(stream: Writable): Sink {
  let failed: Error | undefined;
  const onError = (e: Error) => (failed ??= e);
  stream.on("error", onError);
  const check = () => {
    if (failed) throw failed;
  };
  return {
    write(data, done) {
      check();
      stream.write(data, (e) => {
        if (!e && !failed) done?.();
      });
    },
    drained() {
      check();
      if (!stream.writableNeedDrain) return Promise.resolve();
      return new Promise<void>((ok, fail) => {
        const done = () => {
          stream.off("drain", done);
          stream.off("error", done);
          if (failed) fail(failed);
          else ok();
        };
        stream.once("drain", done);
        stream.once("error", done);
      });
    },
    async close() {
      await this.drained();
      // Every write before it has been answered once an empty one is.
      await new Promise<void>((ok) => stream.write("", () => ok()));
      check();
      stream.off("error", onError);
    },
    abandon() {
      stream.off("error", onError);
    },
  };
}

/** A record an earlier run wrote: its input line and its text (without the newline). */
interface OldRecord {
  readonly line: number;
  readonly text: string;
}

/**
 * Reads an output file's complete lines in order, with synchronous reads of 64 KiB (the file may
 * be far larger than memory). A last line without its newline was cut short by the earlier run and
 * is not returned.
 */
class LineReader {
  private readonly fd: number;
  private readonly buffer = Buffer.alloc(64 * 1024);
  /** Streaming: a character cut by the 64 KiB boundary is finished by the next read. */
  private readonly decoder = new TextDecoder();
  private rest = "";
  private lines: string[] = [];
  private next = 0;
  private ended = false;
  /** The cut-short last line, if the file had one. */
  partial = "";

  constructor(private readonly path: string) {
    this.fd = openSync(path, "r");
  }

  read(): string | undefined {
    while (this.next >= this.lines.length) {
      if (this.ended) return undefined;
      const n = readSync(this.fd, this.buffer, 0, this.buffer.length, null);
      if (n === 0) {
        this.ended = true;
        this.partial = this.rest;
        this.lines = [];
        this.next = 0;
        closeSync(this.fd);
        continue;
      }
      if (this.rest.length + n > MAX_RECORD_CHARS) {
        this.close();
        throw new InputError(this.path, [{ path: "", message: `holds a line longer than ${MAX_RECORD_CHARS} characters, which is not a batch record; cannot resume from this file` }]);
      }
      const text = this.rest + this.decoder.decode(this.buffer.subarray(0, n), { stream: true });
      const cut = text.lastIndexOf("\n");
      if (cut < 0) {
        this.rest = text;
        continue;
      }
      this.lines = text.slice(0, cut).split("\n");
      this.next = 0;
      this.rest = text.slice(cut + 1);
    }
    return this.lines[this.next++];
  }

  close(): void {
    if (!this.ended) closeSync(this.fd);
    this.ended = true;
  }
}

const LINE = /^\{"line":(\d+),"(receipt|error|notDone)":/;

/** The line number a record is for, and whether it is done (a receipt or an error, not "notDone"). */
function recordOf(text: string): { line: number; done: boolean } | undefined {
  const m = LINE.exec(text);
  if (!m) return undefined;
  return { line: Number(m[1]), done: m[2] !== "notDone" };
}

/**
 * What an earlier run wrote to `path`: which input lines are done. Throws InputError when the file
 * is not a batch output (a line that is not a record, or records out of order), naming its line.
 */
export function readDone(path: string): { done: Uint8Array; count: number; cutShort: boolean; records: number } {
  let done = new Uint8Array(1024);
  let count = 0;
  let records = 0;
  let last = 0;
  const reader = new LineReader(path);
  for (let text = reader.read(), at = 1; text !== undefined; text = reader.read(), at++) {
    if (text.trim() === "") continue;
    const record = recordOf(text);
    if (!record) throw new InputError(path, [{ path: "", message: `line ${at} is not a batch record; cannot resume from this file` }]);
    if (record.line <= last) throw new InputError(path, [{ path: "", message: `line ${at}: records are out of order (input line ${record.line} after ${last}); cannot resume from this file` }]);
    last = record.line;
    records++;
    if (!record.done) continue;
    while (record.line >= done.length) {
      const grown = new Uint8Array(done.length * 2);
      grown.set(done);
      done = grown;
    }
    done[record.line] = 1;
    count++;
  }
  return { done, count, cutShort: reader.partial.trim() !== "", records };
}

/**
 * Merges the records an earlier run wrote (only the done ones: receipts and errors) with a resumed
 * run's new records, by input line: the new records come in order, a block at a time.
 */
export class ResumeMerge {
  private readonly reader: LineReader;
  private pending: OldRecord | undefined;

  constructor(path: string) {
    this.reader = new LineReader(path);
    this.pending = this.nextDone();
  }

  private nextDone(): OldRecord | undefined {
    for (let text = this.reader.read(); text !== undefined; text = this.reader.read()) {
      const record = recordOf(text);
      if (record?.done) return { line: record.line, text };
    }
    return undefined;
  }

  /** Old records for lines before `line` (all of them with Infinity), each ending in "\n". */
  upTo(line: number): string {
    let out = "";
    while (this.pending && this.pending.line < line) {
      out += this.pending.text + "\n";
      this.pending = this.nextDone();
    }
    return out;
  }

  /** A block of new records ("\n"-ended), interleaved with the old records they fall between. */
  merge(records: string, lastLine: number): string {
    let out = "";
    let from = 0;
    for (let end = records.indexOf("\n"); end >= 0; end = records.indexOf("\n", from)) {
      const text = records.slice(from, end);
      const record = recordOf(text);
      if (record) out += this.upTo(record.line);
      out += text + "\n";
      from = end + 1;
    }
    return out + this.upTo(lastLine + 1);
  }

  close(): void {
    this.reader.close();
  }
}
