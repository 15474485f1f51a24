/**
 * Fuzzing of the standards' documents: the peer conformance tariffs and charge records
 * (OCPI_CONFORMANCE_DIR), corrupted, and OCPP 2.1 tariffs made from generated v1 tariffs. A small
 * run; npm run fuzz runs 100,000 inputs.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { conformanceDocs, fuzzInteropProperty } from "../fuzz/fuzz-interop.js";

describe("fuzzing the conformance documents", () => {
  it("corrupted OCPI tariffs, charge records and OCPP tariffs convert and price soundly or are refused", () => {
    expect(conformanceDocs().tariffs.length).toBeGreaterThan(20);
    fc.assert(fuzzInteropProperty(), { numRuns: process.env.EXPECTED_HOST_TZ === "UTC" ? 400 : 100 });
  });
});
