/**
 * The CLI run in-process (src/cli/main.ts `run`), with its standard output and error collected as
 * printed lines, and the fixtures the CLI tests share.
 */
import { run, type CliIO } from "../../src/cli/main.js";

/**
 * Runs the CLI with `argv`; standard input is `stdin`. A test that gives none fails if it is read, and
 * reading it twice is an error the test sees.
 */
export function runCli(argv: readonly string[], stdin?: string | Uint8Array): { code: ReturnType<typeof run>; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  let reads = 0;
  const io: CliIO = {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    stdin: () => {
      if (stdin === undefined) throw new Error("the test gave no standard input");
      if (++reads > 1) throw new Error("standard input read twice");
      return stdin;
    },
  };
  return { code: run(argv, io), out, err };
}

/** GR, 0.30/kWh and 1.00 per session, tax included; valid during 2026 (Athens time). */
export const SIMPLE_TARIFF = {
  version: 1,
  id: "gr-test-simple",
  market: "GR",
  currency: "EUR",
  validFrom: "2026-01-01T00:00:00+02:00",
  validTo: "2027-01-01T00:00:00+02:00",
  energy: [{ price: "0.30" }],
  flat: [{ price: "1.00" }],
};
/** 10 kWh at 0.30 + 1.00 flat = 4.00 gross. */
export const SIMPLE_SESSION = { id: "s-simple", start: "2026-05-10T10:00:00Z", end: "2026-05-10T11:00:00Z", energyKWh: "10" };
/** Before SIMPLE_TARIFF's validFrom in Athens. */
export const EARLY_SESSION = { id: "s-early", start: "2025-12-31T21:59:00Z", end: "2025-12-31T23:00:00Z", energyKWh: "5" };
