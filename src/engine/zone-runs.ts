import type { Zone } from "../time/zones.js";

/** A stretch of UTC time [from, to) over which a zone's offset is constant. */
export interface ZoneRun {
  readonly from: number;
  readonly to: number;
  readonly offset: number;
}

/** A `Zone` that remembers what it learnt: constant-offset runs, for the engine to read at once. */
export interface RunZone extends Zone {
  /** The runs covering [from, to], in time order (the first may start before `from`, the last end after `to`). */
  runs(from: number, to: number): ZoneRun[];
}

/** Chunks of six hours, aligned on the epoch: the offset is read at both ends of each. */
const CHUNK = 6 * 3_600_000;

/**
 * Wraps a zone (Intl or embedded data) with a memo of constant-offset runs. The wrapped offset is a
 * fixed function of the instant, whatever was asked before: each aligned six-hour chunk is read at
 * both ends and, where they differ, bisected to the millisecond for its one change. This is the same
 * assumption `offsetChanges` makes (no two changes within six hours), true of every tz zone since 1970.
 * The memo belongs to the one compiled tariff that made it: no shared state; it only grows (by two
 * runs per DST year seen).
 *
 * @example
 * const z = runZone(zone("Europe/Brussels"));
 * z.offsetMs(Date.UTC(2026, 2, 29, 1, 30)); // 7_200_000, asked of Intl once for the chunk
 * z.runs(Date.UTC(2026, 2, 28), Date.UTC(2026, 2, 30)).map((r) => r.offset); // [3_600_000, 7_200_000]
 */
export function runZone(raw: Zone): RunZone {
  // Sorted, disjoint; neighbours that touch differ in offset.
  const known: ZoneRun[] = [];

  /** Index of the run holding t, or -1. */
  const find = (t: number): number => {
    let lo = 0;
    let hi = known.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const r = known[mid]!;
      if (t < r.from) hi = mid - 1;
      else if (t >= r.to) lo = mid + 1;
      else return mid;
    }
    return -1;
  };

  const add = (from: number, to: number, offset: number): void => {
    if (from === to) return; // a change exactly at the chunk's end
    let i = 0;
    while (i < known.length && known[i]!.from < from) i++;
    const before = known[i - 1];
    const after = known[i];
    const joinBefore = before !== undefined && before.to === from && before.offset === offset;
    const joinAfter = after !== undefined && after.from === to && after.offset === offset;
    if (joinBefore && joinAfter) known.splice(i - 1, 2, { from: before.from, to: after.to, offset });
    else if (joinBefore) known[i - 1] = { from: before.from, to, offset };
    else if (joinAfter) known[i] = { from, to: after.to, offset };
    else known.splice(i, 0, { from, to, offset });
  };

  /** Reads the chunk holding t, and returns the index of t's run. */
  const learn = (t: number): number => {
    const a = Math.floor(t / CHUNK) * CHUNK;
    const b = a + CHUNK;
    const first = raw.offsetMs(a);
    const last = raw.offsetMs(b);
    if (first === last) add(a, b, first);
    else {
      let lo = a;
      let hi = b;
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (raw.offsetMs(mid) === first) lo = mid;
        else hi = mid;
      }
      add(a, hi, first);
      add(hi, b, last);
    }
    return find(t);
  };

  const runAt = (t: number): ZoneRun => {
    const i = find(t);
    return known[i < 0 ? learn(t) : i]!;
  };

  return {
    name: raw.name,
    offsetMs: (utcMs) => runAt(utcMs).offset,
    runs(from, to) {
      // Learn what is missing first (learning may merge runs), then read.
      for (let t = from; t <= to; t = runAt(t).to);
      const out: ZoneRun[] = [];
      for (let t = from; t <= to; t = out[out.length - 1]!.to) out.push(known[find(t)]!);
      return out;
    },
  };
}
