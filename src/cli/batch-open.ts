/** The line a resumed run starts with: how much of the output is done, and what is priced again. */
export function resumingLine(outPath: string | undefined, previous: NonNullable<OpenedOutput["previous"]>): string {
  return (
    `batch: resuming ${outPath}: ${previous.count} line(s) done, ${previous.records - previous.count} listed as not done` +
    (previous.cutShort ? ", and a last record cut short (priced again)" : "") +
    "\n"
  );
}

/**
 * The output of a `batch` run with `--out`, opened the same way by the local batch and by `--redis`
 * (src/cli/scale.ts): a resumed file is read for what is done and rewritten beside itself
 * (OUT.resume, reused by the next resume if this one is killed), then moved over it;
 * OUT.input.json records which input it is of, and a resume with another input, or of records
 * without that record, is refused.
 */
import { existsSync, rmSync } from "node:fs";
import type { Writable } from "node:stream";
import { InputPrint, readSidecar, sidecarOf } from "./batch-input.js";
import { failureText, fileSink, readDone, ResumeMerge, streamSink, type Sink } from "./batch-output.js";
import { displayName, InputError } from "./io.js";

export interface OpenedOutput {
  readonly resuming: boolean;
  readonly previous: ReturnType<typeof readDone> | undefined;
  readonly print: InputPrint;
  readonly merge: ResumeMerge | undefined;
  readonly sink: Sink;
}

export function openOutput(outPath: string | undefined, sessionsPath: string, resume: boolean, stdout: Writable): OpenedOutput {
  const resuming = resume && outPath !== undefined && existsSync(outPath);
  const previous = resuming ? readDone(outPath) : undefined;
  const earlier = resuming ? readSidecar(outPath) : undefined;
  if (resuming && earlier === undefined && previous!.records + (previous!.cutShort ? 1 : 0) > 0)
    throw new InputError(displayName(outPath), [{ path: "", message: `has no record of the input it was made from (${sidecarOf(outPath)} is missing), so this input cannot be checked to be the same one; run without --resume to price it all again` }]);
  const print = new InputPrint(earlier, (what) => new InputError(displayName(sessionsPath), [{ path: "", message: `is not the input ${outPath} was made from (${what}; ${sidecarOf(outPath!)} records that input): give --resume the same input, or run without --resume` }]));
  if (outPath !== undefined && !resuming) {
    // A fresh run: what an earlier one left beside the file is of another run.
    rmSync(`${outPath}.resume`, { force: true });
    rmSync(sidecarOf(outPath), { force: true });
  }
  const merge = resuming ? new ResumeMerge(outPath) : undefined;
  const sink = outPath === undefined ? streamSink(stdout) : resuming ? fileSink(`${outPath}.resume`, outPath) : fileSink(outPath);
  return { resuming, previous, print, merge, sink };
}

/** Why the output stopped taking records, and at which input line. */
export interface OutputFailure {
  readonly line: number;
  readonly why: string;
}

/**
 * Finishes an opened output: a resumed file keeps the records it had past where this run got to
 * (also when it stopped early); the file is closed (or abandoned after a failure); and the record of
 * the input beside it says every byte this run read (a resumed file's only once it replaced the old
 * one; one that failed keeps the record its earlier run wrote). Returns the failure, if any.
 */
export async function finishOutput(
  opened: OpenedOutput,
  failure: OutputFailure | undefined,
  writtenTo: number,
  record: (() => void) | undefined,
): Promise<OutputFailure | undefined> {
  const { merge, sink, resuming } = opened;
  if (failure === undefined && merge) {
    try {
      sink.write(merge.upTo(Infinity));
    } catch (e) {
      failure = { line: writtenTo + 1, why: failureText(e) };
    }
  }
  merge?.close();
  if (failure) sink.abandon();
  else {
    try {
      await sink.close();
    } catch (e) {
      failure = { line: writtenTo + 1, why: failureText(e) };
    }
  }
  if (record && !(resuming && failure)) {
    try {
      record();
    } catch {
      // the head record written before the first record stays
    }
  }
  return failure;
}
